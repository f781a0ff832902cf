import type { ForecastWave } from '../forecast.model';

/**
 * Where the forecast finds the plan's waves (planned, approved, released, writing or done; not held or
 * cancelled). The mailing library provides the real one; until a batch has waves the plan is empty.
 */
export abstract class WaveSource {
  abstract forecastWaves(): Promise<ForecastWave[]>;
}

export class NoWaves extends WaveSource {
  async forecastWaves(): Promise<ForecastWave[]> {
    return [];
  }
}
