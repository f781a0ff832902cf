/** What is known about an inquiry when it is logged, to guess which wave caused it. */
export interface WaveAttributionInput {
  municipalityCode: string;
  receivedAt: Date;
  /** The 23-digit 申請書ID the caller read out, which names the wave the form was mailed in. */
  applicationId: string | null;
}

/** A wave that was mailed (released, being written or done), as the attribution needs it. */
export interface MailedWave {
  id: number;
  /** The JST day its forms arrive: the mail date plus the forecast's postal delay (business days). */
  arrivalDate: string;
  /** The municipalities it mailed to. */
  municipalityCodes: readonly string[];
}

/**
 * The mailed waves per municipality, latest arrival first, so that "the wave most recently delivered to
 * this municipality by this day" is a short scan of a small array (a municipality gets a handful of waves).
 * Plain data: built from the stored waves, replaced whole when they change.
 */
export class MailedWaveIndex {
  private readonly byMunicipality = new Map<string, MailedWave[]>();
  private readonly ids = new Set<number>();

  constructor(waves: readonly MailedWave[]) {
    for (const wave of waves) {
      this.ids.add(wave.id);
      for (const code of wave.municipalityCodes) {
        const list = this.byMunicipality.get(code) ?? [];
        list.push(wave);
        this.byMunicipality.set(code, list);
      }
    }
    for (const list of this.byMunicipality.values()) {
      list.sort((a, b) => (a.arrivalDate === b.arrivalDate ? b.id - a.id : a.arrivalDate < b.arrivalDate ? 1 : -1));
    }
  }

  get size(): number {
    return this.ids.size;
  }

  isMailed(waveId: number): boolean {
    return this.ids.has(waveId);
  }

  /** The wave delivered most recently to `municipalityCode` on or before the JST day `date`; null before the first. */
  latestArrived(municipalityCode: string, date: string): number | null {
    for (const wave of this.byMunicipality.get(municipalityCode) ?? []) {
      if (wave.arrivalDate <= date) return wave.id;
    }
    return null;
  }
}

/**
 * The dispersed-sending wave (分散発送の波) that most likely caused an inquiry: the wave the caller's
 * 申請書ID is in when the form ledger knows it and that wave was mailed (`waveOfApplication`), else the
 * wave delivered most recently to the municipality on or before the JST day the inquiry came in; null
 * before the first wave arrives. An unknown 申請書ID is not an error (the caller may misread a digit, or
 * read an ID from an earlier J-LIS mailing): it falls back.
 */
export function chooseWave(index: MailedWaveIndex, input: { municipalityCode: string; receivedDate: string; waveOfApplication: number | null }): number | null {
  if (input.waveOfApplication !== null && index.isMailed(input.waveOfApplication)) return input.waveOfApplication;
  return index.latestArrived(input.municipalityCode, input.receivedDate);
}

/**
 * Where an inquiry's wave comes from. Bound by the mailing library (which knows the waves and the form
 * ledger) through `InquiriesModule.forRoot({ waveAttribution })`; it must cost next to nothing per
 * inquiry (an in-memory index, one indexed query only when a 申請書ID is given).
 */
export abstract class WaveAttribution {
  abstract attribute(input: WaveAttributionInput): number | null | Promise<number | null>;
}

/** No waves: every inquiry is unattributed (hosts without the mailing library, unit tests). */
export class NoWaveAttribution extends WaveAttribution {
  attribute(): null {
    return null;
  }
}
