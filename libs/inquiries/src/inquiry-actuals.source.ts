import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActualsSource, ForecastService, type ActualCount } from '@wavedesk/forecast';
import { jstDaySql } from './inquiry-sql';

/** Hands the inquiry log to the forecast: counts per municipality and JST day, and recent call durations. */
@Injectable()
export class InquiryActualsSource extends ActualsSource implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly forecasts: ForecastService) {
    super();
  }

  onModuleInit(): void {
    this.forecasts.useActualsSource(this);
  }

  async dailyCounts(from: string, to: string): Promise<ActualCount[]> {
    const day = jstDaySql(this.dataSource, 'i.receivedAt');
    // Bounds as UTC datetime text, which MySQL and SQLite both compare with the stored UTC times.
    const utc = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);
    const start = utc(new Date(`${from}T00:00:00+09:00`));
    const end = utc(new Date(new Date(`${to}T00:00:00+09:00`).getTime() + 86_400_000));
    const rows: Array<{ code: string; day: string; n: string | number }> = await this.dataSource.query(
      `SELECT i.municipalityCode AS code, ${day} AS day, COUNT(*) AS n FROM inquiries i
        WHERE i.receivedAt >= ? AND i.receivedAt < ? GROUP BY i.municipalityCode, ${day}`,
      [start, end],
    );
    return rows.map((r) => ({ municipalityCode: r.code, date: r.day, count: Number(r.n) }));
  }

  async recentPhoneDurations(): Promise<number[]> {
    const rows: Array<{ d: number }> = await this.dataSource.query(
      `SELECT i.durationSeconds AS d FROM inquiries i WHERE i.channel = 'phone' AND i.durationSeconds IS NOT NULL ORDER BY i.id DESC LIMIT 5000`,
    );
    return rows.map((r) => Number(r.d));
  }
}
