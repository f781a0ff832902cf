import type { InquiryRecord } from '../../api';

/** A record added to a newest-first list: no duplicates (the API's answer and the live event both bring it), at most `limit`. */
export function mergeRecent<T extends Pick<InquiryRecord, 'id'>>(list: readonly T[], added: T, limit = 10): T[] {
  if (list.some((r) => r.id === added.id)) return list as T[];
  return [added, ...list].sort((a, b) => b.id - a.id).slice(0, limit);
}
