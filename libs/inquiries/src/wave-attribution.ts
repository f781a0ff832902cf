/** What is known about an inquiry when it is logged, to guess which wave caused it. */
export interface WaveAttributionInput {
  municipalityCode: string;
  receivedAt: Date;
  /** The 23-digit 申請書ID the caller read out, which names the wave the form was mailed in. */
  applicationId: string | null;
}

/**
 * The dispersed-sending wave (分散発送の波) that most likely caused an inquiry: from the 申請書ID when the
 * caller reads it out, else the most recent wave mailed to the municipality before `receivedAt`.
 *
 * TODO(issue 5, dispersed waves): waves do not exist yet, so no inquiry can be attributed and this answers
 * null. Replace it with a lookup against the released waves once issue 5 lands; the `waveId` column is ready.
 */
export function attributeWave(_input: WaveAttributionInput): number | null {
  return null;
}
