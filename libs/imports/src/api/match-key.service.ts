import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { defaultMunicipalityDirectory, hmacKey, KeyHasher, MatchHasher, type MunicipalityDirectory } from '@wavedesk/matching';

/**
 * The process's match-key hasher (MATCH_HMAC_KEY) and the municipality directory. `keyCheck` is a short
 * fingerprint of the key, stored with each import, so that matching can refuse lists hashed with another
 * key (after a key rotation they must be imported again) — the key itself is never stored.
 */
@Injectable()
export class MatchKeyService {
  readonly hasher: MatchHasher;
  /** HMAC-SHA256 with the same key, for callers that take fingerprints straight from the MAC words. */
  readonly keyHasher: KeyHasher;
  readonly keyCheck: string;
  readonly directory: MunicipalityDirectory = defaultMunicipalityDirectory();

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'matchHmacKey'>) {
    this.hasher = new MatchHasher(config.matchHmacKey);
    this.keyHasher = new KeyHasher(config.matchHmacKey);
    this.keyCheck = hmacKey('wavedesk:match-key-check', config.matchHmacKey).slice(0, 16);
  }
}
