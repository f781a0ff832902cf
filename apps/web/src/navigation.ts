import { ROLES, type Role } from '@wavedesk/contracts';

/** One page of the shell: where it lives, its label, and which roles may open it. */
export interface NavItem {
  path: string;
  label: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ROLES;

/**
 * The pages in navigation order. The server enforces the same rights on every route; this only keeps
 * people from being shown what they cannot use.
 */
export const NAV_ITEMS = {
  desk: { path: '/desk', label: '窓口', roles: ALL },
  /** A municipal user's own municipality; union roles open any municipality's page from the dashboard. */
  municipality: { path: '/municipality', label: '市町村ページ', roles: ['municipal'] },
  dashboard: { path: '/dashboard', label: 'ダッシュボード', roles: ['admin', 'supervisor'] },
  mailing: { path: '/mailing', label: '発送', roles: ['admin', 'supervisor'] },
  municipalities: { path: '/municipalities', label: '市町村', roles: ALL },
  guardRules: { path: '/guard-rules', label: '監視ルール', roles: ['admin'] },
  audit: { path: '/audit', label: '監査ログ', roles: ['admin'] },
  users: { path: '/users', label: 'ユーザー', roles: ['admin'] },
  /** The campaign simulator (only answers in simulation mode, `npm run demo`). */
  simulation: { path: '/simulation', label: 'シミュレーション', roles: ['admin'] },
} as const satisfies Record<string, NavItem>;

export type PageKey = keyof typeof NAV_ITEMS;

export const canOpen = (role: Role, page: PageKey): boolean => (NAV_ITEMS[page].roles as readonly Role[]).includes(role);

/** The navigation entries a role sees, in order. */
export const navItemsFor = (role: Role): NavItem[] =>
  (Object.keys(NAV_ITEMS) as PageKey[]).filter((page) => canOpen(role, page)).map((page) => NAV_ITEMS[page]);

/** Where a user lands after signing in. */
export const homePathFor = (role: Role): string => navItemsFor(role)[0]?.path ?? '/desk';

/** Whether a role may open a path (used to return there after sign-in); unknown paths are not. */
export function mayOpenPath(role: Role, path: string): boolean {
  return navItemsFor(role).some((item) => path === item.path || path.startsWith(`${item.path}/`) || path.startsWith(`${item.path}?`));
}
