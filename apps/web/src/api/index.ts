export { ApiClient, toSearch, type ApiClientOptions, type Query } from './api-client';
export { ApiError } from './api-error';
export { WavedeskApi } from './wavedesk-api';
export type * from './types';
export type * from './inquiry-types';
