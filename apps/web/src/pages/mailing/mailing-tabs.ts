/** The 発送 page's tabs, in order. `adminOnly`: supervisors do not see it (the API refuses them too). */
export const MAILING_TABS = [
  { key: 'campaigns', label: '送付事業・発送回', adminOnly: false },
  { key: 'imports', label: '取込', adminOnly: true },
  { key: 'matching', label: '突合', adminOnly: false },
  { key: 'what-if', label: '試算', adminOnly: false },
  { key: 'waves', label: '分散発送', adminOnly: false },
] as const;

export type MailingTab = (typeof MAILING_TABS)[number]['key'];

/** The tab named in the address, or the first one the user may see. */
export function tabFor(raw: string | null, visible: ReadonlyArray<{ key: MailingTab }>): MailingTab {
  return visible.find((t) => t.key === raw)?.key ?? visible[0].key;
}
