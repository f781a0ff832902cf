import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type AuthUser, type InquiryCategoryView, SEEDED_INQUIRY_CATEGORIES } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict } from '@wavedesk/common';
import { InquiryCategory } from './inquiry-category.entity';
import type { CreateInquiryCategoryDto } from './dto/create-inquiry-category.dto';

const toView = (c: InquiryCategory): InquiryCategoryView => ({ code: c.code, label: c.label, sortOrder: c.sortOrder });

/**
 * The categories an inquiry can have. Known codes are cached in memory, so logging an inquiry costs no
 * query for them; an unknown code reloads the list (at most once a second), so a category an administrator
 * added through another API process is found too.
 */
@Injectable()
export class InquiryCategoriesService implements OnApplicationBootstrap {
  private static readonly RELOAD_MS = 1_000;
  private readonly logger = new Logger('InquiryCategories');
  private cache: Map<string, InquiryCategoryView> | null = null;
  private loadedAt = 0;

  constructor(
    @InjectRepository(InquiryCategory) private readonly categories: Repository<InquiryCategory>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Seeds the ten categories of the My Number card mailing on first start; existing rows are kept. */
  async onApplicationBootstrap(): Promise<void> {
    const existing = new Set((await this.categories.find({ select: { code: true } })).map((c) => c.code));
    const missing = SEEDED_INQUIRY_CATEGORIES.map((c, i) => ({ ...c, sortOrder: i + 1 })).filter((c) => !existing.has(c.code));
    if (missing.length === 0) return;
    const createdAt = this.clock.now();
    await this.categories
      .createQueryBuilder()
      .insert()
      .values(missing.map((c) => ({ code: c.code, label: c.label, sortOrder: c.sortOrder, createdAt })))
      .orIgnore()
      .execute();
    this.cache = null;
    this.logger.log(`seeded ${missing.length} inquiry categories`);
  }

  async list(): Promise<InquiryCategoryView[]> {
    return [...(await this.load(true)).values()];
  }

  async exists(code: string): Promise<boolean> {
    if ((await this.load(false)).has(code)) return true;
    if (this.clock.now().getTime() - this.loadedAt < InquiryCategoriesService.RELOAD_MS) return false;
    return (await this.load(true)).has(code);
  }

  /** Labels by code, for exports. */
  async labels(): Promise<Map<string, string>> {
    return new Map([...(await this.load(false)).values()].map((c) => [c.code, c.label]));
  }

  async create(dto: CreateInquiryCategoryDto, actor: AuthUser, clientAddress: string): Promise<InquiryCategoryView> {
    const label = dto.label.trim();
    if (await this.categories.existsBy({ code: dto.code })) {
      throw conflict('category_exists', `分類コード「${dto.code}」は既に登録されています。`);
    }
    const last = await this.categories.createQueryBuilder('c').select('MAX(c.sortOrder)', 'max').getRawOne<{ max: number | null }>();
    const category = this.categories.create({ code: dto.code, label, sortOrder: Number(last?.max ?? 0) + 1, createdAt: this.clock.now() });
    try {
      await this.categories.insert(category);
    } catch {
      // Two administrators added the same code at the same moment.
      throw conflict('category_exists', `分類コード「${dto.code}」は既に登録されています。`);
    }
    await this.audit.record({ actor, action: 'inquiry_category.create', target: `inquiry_category:${category.code}`, clientAddress, detail: { label } });
    this.cache = null;
    return toView(category);
  }

  private async load(fresh: boolean): Promise<Map<string, InquiryCategoryView>> {
    if (this.cache && !fresh) return this.cache;
    const rows = await this.categories.find({ order: { sortOrder: 'ASC', code: 'ASC' } });
    this.cache = new Map(rows.map((c) => [c.code, toView(c)]));
    this.loadedAt = this.clock.now().getTime();
    return this.cache;
  }
}
