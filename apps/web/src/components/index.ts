export { ErrorAlert, Notice } from './alerts';
export { AppShell } from './app-shell';
export { ComingSoon } from './coming-soon';
export { Field, type FieldControlProps } from './field';
export { LiveIndicator } from './live-indicator';
export { MunicipalitySelect } from './municipality-select';
export { PageHeader } from './page-header';
export { RequirePage } from './require-page';
