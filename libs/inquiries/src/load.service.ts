import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { AuthUser, LoadReport } from '@wavedesk/contracts';
import { badRequest, Clock } from '@wavedesk/common';
import { Municipality } from '@wavedesk/municipalities';
import { visibleMunicipality } from './inquiry-filters';
import { Inquiry } from './inquiry.entity';
import { utcHourSql } from './inquiry-sql';
import { isCalendarDate, jstDate, jstDayRange, jstHour } from './jst.util';
import { LoadForecast } from './load-forecast';
import { buildLoadReport, type InquiryCountRow } from './load-report.util';

/**
 * Load figures: inquiries counted in SQL per municipality and JST hour (so every API process sees the same
 * numbers), against the forecast. Used by `GET /api/load` and, coalesced, by `load:update`.
 */
@Injectable()
export class LoadService {
  private codes: string[] | null = null;

  constructor(
    @InjectRepository(Inquiry) private readonly inquiries: Repository<Inquiry>,
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forecast: LoadForecast,
    private readonly clock: Clock,
  ) {}

  /** The report a user may see: all of Hokkaido, or a municipal user's own municipality. */
  async report(user: AuthUser, date?: string): Promise<LoadReport> {
    if (date !== undefined && !isCalendarDate(date)) {
      throw badRequest('validation_failed', '入力内容に誤りがあります。', [
        { field: 'date', code: 'isCalendarDate', message: `日付（date）${date} は存在しない日付です。` },
      ]);
    }
    return this.build(date ?? jstDate(this.clock.now()), visibleMunicipality(user));
  }

  /** Today's report for all of Hokkaido (what the union room receives). */
  async today(): Promise<LoadReport> {
    return this.build(jstDate(this.clock.now()), null);
  }

  private async build(date: string, scope: string | null): Promise<LoadReport> {
    const now = this.clock.now();
    const [counts, forecast, codes] = await Promise.all([
      this.countsForDay(date, scope),
      this.forecast.forDay(date),
      scope ? Promise.resolve([scope]) : this.municipalityCodes(),
    ]);
    return buildLoadReport({
      date,
      hour: date === jstDate(now) ? jstHour(now) : null,
      generatedAt: now,
      counts,
      forecast,
      municipalityCodes: codes,
      wholeUnion: scope === null,
    });
  }

  /** One grouped query over the day's rows, served by the (receivedAt, municipalityCode) index. */
  async countsForDay(date: string, scope: string | null): Promise<InquiryCountRow[]> {
    const { start, end } = jstDayRange(date);
    const hour = utcHourSql(this.dataSource, 'i.receivedAt');
    const qb = this.inquiries
      .createQueryBuilder('i')
      .select('i.municipalityCode', 'municipalityCode')
      .addSelect(hour, 'utcHour')
      .addSelect('COUNT(*)', 'count')
      .where('i.receivedAt >= :start AND i.receivedAt < :end', { start, end })
      .groupBy('i.municipalityCode')
      .addGroupBy(hour);
    if (scope) qb.andWhere('i.municipalityCode = :scope', { scope });
    const rows = await qb.getRawMany<{ municipalityCode: string; utcHour: number | string; count: number | string }>();
    // The JST day runs from 15:00 UTC the day before to 15:00 UTC: JST hour = (UTC hour + 9) mod 24.
    return rows.map((r) => ({ municipalityCode: r.municipalityCode, hour: (Number(r.utcHour) + 9) % 24, count: Number(r.count) }));
  }

  /** The 179 codes in code order (they do not change while the API runs). */
  async municipalityCodes(): Promise<string[]> {
    if (!this.codes) {
      const rows = await this.municipalities.find({ select: { code: true }, order: { code: 'ASC' } });
      if (rows.length === 0) return [];
      this.codes = rows.map((m) => m.code);
    }
    return this.codes;
  }
}
