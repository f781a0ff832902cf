import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DEFAULT_OPERATORS, RosterService, rosterDay, type BusinessCalendar, type IsoDate, ForecastService, type StoredRoster } from '@wavedesk/forecast';

/**
 * Operators on the union's phones per day, for the call-center capacity rule. `operatorsOnDuty` is called
 * many times per capacity check, so it answers from memory; `refresh` is awaited once before each check.
 */
export abstract class GuardRoster {
  abstract operatorsOnDuty(date: IsoDate): number;
  /** Brings the answers up to date (before a capacity check). */
  async refresh(): Promise<void> {}
}

/** The figure wavedesk used before the roster was stored (1,240 inquiries a day with the defaults); still the stored roster's default. */
export const NOMINAL_OPERATORS = DEFAULT_OPERATORS;

/** 10 operators every day: for tests and tools that run the guard without a database roster. */
export class NominalRoster extends GuardRoster {
  operatorsOnDuty(): number {
    return NOMINAL_OPERATORS;
  }
}

/** Another API process may have changed the roster: it is read again when older than this. */
export const ROSTER_TTL_MS = 2_000;

/**
 * The roster supervisors keep at `/api/roster` (docs/guard.md §4), cached in memory: read again before a
 * capacity check when older than 2 s (so two API processes agree within a few seconds), and at once after a
 * change made through this process, which also runs the capacity check (GuardModule wires that).
 */
@Injectable()
export class DatabaseRoster extends GuardRoster implements OnModuleInit, OnModuleDestroy {
  private cached: { roster: StoredRoster; at: number } | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly roster: RosterService,
    private readonly forecast: ForecastService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.unsubscribe = this.roster.onChange(() => {
      this.cached = null;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async refresh(): Promise<void> {
    if (this.cached && performance.now() - this.cached.at < ROSTER_TTL_MS) return;
    this.cached = { roster: await this.roster.stored(), at: performance.now() };
  }

  operatorsOnDuty(date: IsoDate): number {
    if (!this.cached) return NOMINAL_OPERATORS;
    return rosterDay(this.cached.roster, date, this.calendar).operators;
  }

  private get calendar(): BusinessCalendar {
    return this.forecast.model.calendar;
  }
}
