import { matchKeyParts, type KeyHasher, type MatchKeyParts, type MunicipalityDirectory, type PersonIdentity, type PreparedInsured } from '@wavedesk/matching';

/** A person's normalised name and bucket text: enough to compute near queries (MatchHasher.nearQueryFingerprints). */
export type NearMaterial = Pick<MatchKeyParts, 'name' | 'bucket'>;

/**
 * Turns an insured person's 4 information items into the fingerprints matching looks up, at load time:
 * the same values as `Matcher.prepare({ ...MatchHasher.insured(parts) })` (a test checks it), taken straight
 * from the MAC words instead of going through hex, and without the near-match signatures (the second pass
 * computes near queries only for the few persons whose bucket holds a holder nobody took).
 */
export class InsuredKeyMaker {
  constructor(
    /** HMAC-SHA256 with MATCH_HMAC_KEY (MatchKeyService.keyHasher). */
    private readonly root: KeyHasher,
    private readonly directory: MunicipalityDirectory,
  ) {}

  /** The person's fingerprints, and what near queries need later (normalised name and bucket text). */
  prepare(insuredNumber: string, municipalityCode: string, person: PersonIdentity): { prepared: PreparedInsured; near: NearMaterial } {
    const parts = matchKeyParts(person, this.directory, municipalityCode);
    let m = this.root.mac(parts.exact);
    const exactHi = m[0];
    const exactLo = m[1];
    m = this.root.mac(parts.person);
    const personHi = m[0];
    const personLo = m[1];
    let bucketHi = 0;
    let bucketLo = 0;
    if (parts.bucket !== null) {
      m = this.root.mac(parts.bucket);
      bucketHi = m[0];
      bucketLo = m[1];
    }
    return {
      prepared: {
        insuredNumber: Number(insuredNumber), exactHi, exactLo, personHi, personLo,
        hasBucket: parts.bucket === null ? 0 : 1, bucketHi, bucketLo, nearFilter: null, near: undefined,
      },
      near: { name: parts.name, bucket: parts.bucket },
    };
  }
}
