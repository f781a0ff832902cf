/** Japanese names for the audit log's actions. Unknown actions are shown by their code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': 'ログイン',
  'auth.login_failed': 'ログイン失敗',
  'user.create': 'ユーザー作成',
  'user.update': 'ユーザー変更',
  'user.disable': 'ユーザー無効化',
  'municipality.update': '市町村設定の変更',
  'import.': '取込',
  'wave.hold': '保留',
  'wave.resume': '保留の解除',
  'wave.release': '発送',
};

/** Prefixes offered in the 操作 filter (the API matches by prefix). */
export const AUDIT_ACTION_FILTERS: { value: string; label: string }[] = [
  { value: 'auth.', label: 'ログイン関係すべて' },
  { value: 'auth.login_failed', label: 'ログイン失敗' },
  { value: 'user.', label: 'ユーザー管理すべて' },
  { value: 'municipality.', label: '市町村設定' },
  { value: 'wave.', label: '保留・再開・発送' },
];

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

/** The detail column: the JSON the API stored, as one readable line. */
export function auditDetailText(detail: string | null): string {
  if (!detail) return '';
  try {
    return JSON.stringify(JSON.parse(detail), null, 1).replace(/\s*\n\s*/g, ' ');
  } catch {
    return detail;
  }
}
