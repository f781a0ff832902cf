import type { InquiryRecord } from '../../api';

/** A record into the newest-first list of referred inquiries: added, or replaced when it changed (handled). */
export function mergeReferred(list: readonly InquiryRecord[], record: InquiryRecord): InquiryRecord[] {
  const at = list.findIndex((r) => r.id === record.id);
  if (at >= 0) {
    // The live event carries the record as logged; never let it undo a handled mark.
    if (list[at].handledAt && !record.handledAt) return list as InquiryRecord[];
    return list.map((r, i) => (i === at ? record : r));
  }
  return [record, ...list].sort((a, b) => b.id - a.id);
}

export const unhandledCount = (list: readonly InquiryRecord[]): number => list.filter((r) => !r.handledAt).length;

/** This municipality's waves from the forecast's wave list, by mail date. */
export function wavesOf<T extends { municipalityCode: string; mailDate: string }>(waves: readonly T[], code: string): T[] {
  return waves.filter((w) => w.municipalityCode === code).sort((a, b) => a.mailDate.localeCompare(b.mailDate));
}
