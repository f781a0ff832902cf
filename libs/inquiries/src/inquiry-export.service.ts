import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource, Repository } from 'typeorm';
import type { AuthUser } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { Clock } from '@wavedesk/common';
import { Municipality } from '@wavedesk/municipalities';
import type { ExportPivot, InquiryExportQueryDto } from './dto/inquiry-query.dto';
import { InquiryCategoriesService } from './inquiry-categories.service';
import {
  type CsvLabels, INQUIRY_CSV_HEADER, PIVOT_COUNT_HEADER, type PivotCount, type PivotKey, codeCell, daysBetween, inquiryCsvRow,
  pivotRows, textCell,
} from './inquiry-csv.util';
import { type InquiryFilters, applyInquiryFilters, scopedFilters } from './inquiry-filters';
import { Inquiry } from './inquiry.entity';
import { jstDaySql } from './inquiry-sql';
import { jstDate } from './jst.util';

const PAGE = 1_000;

export interface InquiryExport {
  filename: string;
  /** CSV text in pieces (without BOM or encoding); pages are read from the database one at a time. */
  chunks: AsyncIterable<string>;
}

/** The inquiry list and its pivot tables as CSV, limited to what the user may see; every export is audited. */
@Injectable()
export class InquiryExportService {
  constructor(
    @InjectRepository(Inquiry) private readonly inquiries: Repository<Inquiry>,
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: InquiryCategoriesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async export(dto: InquiryExportQueryDto, user: AuthUser, clientAddress: string): Promise<InquiryExport> {
    const filters = scopedFilters(dto, user);
    const labels = await this.labels();
    await this.audit.record({
      actor: user, action: 'inquiry.export', target: filters.municipalityCode ? `municipality:${filters.municipalityCode}` : 'inquiries',
      clientAddress,
      detail: { pivot: dto.pivot ?? null, encoding: dto.encoding ?? 'utf-8', filters: { ...dto, encoding: undefined, pivot: undefined } },
    });
    const day = jstDate(this.clock.now()).replace(/-/g, '');
    if (dto.pivot) {
      return { filename: `inquiries-by-${dto.pivot}-${day}.csv`, chunks: this.pivot(dto.pivot, filters, labels) };
    }
    return { filename: `inquiries-${day}.csv`, chunks: this.list(filters, labels) };
  }

  private async *list(filters: InquiryFilters, labels: CsvLabels): AsyncGenerator<string> {
    yield stringify([INQUIRY_CSV_HEADER]);
    let before: number | null = null;
    do {
      const qb = applyInquiryFilters(this.inquiries.createQueryBuilder('i'), filters).orderBy('i.id', 'DESC').take(PAGE);
      if (before !== null) qb.andWhere('i.id < :before', { before });
      const rows = await qb.getMany();
      if (rows.length > 0) yield stringify(rows.map((r) => inquiryCsvRow(r, labels)));
      before = rows.length === PAGE ? rows[rows.length - 1].id : null;
    } while (before !== null);
  }

  private async *pivot(pivot: ExportPivot, filters: InquiryFilters, labels: CsvLabels): AsyncGenerator<string> {
    const keyExpression = {
      day: jstDaySql(this.dataSource, 'i.receivedAt'),
      municipality: 'i.municipalityCode',
      category: 'i.category',
      wave: 'i.waveId',
    }[pivot];
    const raw = await applyInquiryFilters(this.inquiries.createQueryBuilder('i'), filters)
      .select(keyExpression, 'pivotKey')
      .addSelect('i.channel', 'channel')
      .addSelect('i.outcome', 'outcome')
      .addSelect('COUNT(*)', 'count')
      .groupBy(keyExpression)
      .addGroupBy('i.channel')
      .addGroupBy('i.outcome')
      .getRawMany<{ pivotKey: string; channel: string; outcome: string; count: number | string }>();
    const counts: PivotCount[] = raw.map((r) => ({ key: String(r.pivotKey), channel: r.channel, outcome: r.outcome, count: Number(r.count) }));
    const { header, keys } = this.pivotKeys(pivot, filters, counts, labels);
    yield stringify([[...header, ...PIVOT_COUNT_HEADER], ...pivotRows(keys, counts, ['合計', ...header.slice(1).map(() => '')])]);
  }

  /** The rows of a pivot table, zeros included: every day of the range, every visible municipality, every category; every wave seen. */
  private pivotKeys(pivot: ExportPivot, filters: InquiryFilters, counts: PivotCount[], labels: CsvLabels): { header: string[]; keys: PivotKey[] } {
    if (pivot === 'municipality') {
      const codes = filters.municipalityCode ? [filters.municipalityCode] : [...labels.municipalityNames.keys()];
      return {
        header: ['市町村コード', '市町村名'],
        keys: codes.map((code) => ({ key: code, cells: [codeCell(code), labels.municipalityNames.get(code) ?? ''] })),
      };
    }
    if (pivot === 'category') {
      const codes = new Set([...labels.categoryLabels.keys(), ...counts.map((c) => c.key)]);
      return {
        header: ['分類コード', '分類'],
        keys: [...codes].map((code) => ({ key: code, cells: [code, textCell(labels.categoryLabels.get(code) ?? code)] })),
      };
    }
    if (pivot === 'wave') {
      // The waves that caused inquiries, in id order, then those no wave explains (before the first arrived).
      const ids = [...new Set(counts.map((c) => c.key))].filter((k) => k !== 'null').sort((a, b) => Number(a) - Number(b));
      return {
        header: ['発送の波ID'],
        keys: [...ids.map((id) => ({ key: id, cells: [id] })), { key: 'null', cells: ['未特定'] }],
      };
    }
    const seen = counts.map((c) => c.key).sort();
    const first = filters.from ? jstDate(filters.from) : seen[0];
    const last = filters.to ? jstDate(new Date(filters.to.getTime() - 1)) : seen[seen.length - 1];
    const days = first && last && first <= last ? daysBetween(first, last) : [];
    return { header: ['日付'], keys: days.map((d) => ({ key: d, cells: [d.replace(/-/g, '/')] })) };
  }

  private async labels(): Promise<CsvLabels> {
    const municipalities = await this.municipalities.find({ select: { code: true, name: true }, order: { code: 'ASC' } });
    return {
      municipalityNames: new Map(municipalities.map((m) => [m.code, m.name])),
      categoryLabels: await this.categories.labels(),
    };
  }
}
