/** The four roles of wavedesk. A `municipal` user is bound to one municipality code. */
export const ROLES = ['admin', 'supervisor', 'operator', 'municipal'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理者',
  supervisor: '監督者',
  operator: 'オペレーター',
  municipal: '市町村職員',
};

/** What a signed-in user carries through a request (from the JWT, re-checked against the database). */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  municipalityCode: string | null;
}
