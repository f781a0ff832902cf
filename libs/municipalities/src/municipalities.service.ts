import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AuthUser } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { assertMunicipalityAccess, municipalityScope, notFound } from '@wavedesk/common';
import { MunicipalityDirectory } from '@wavedesk/auth';
import { Municipality } from './municipality.entity';
import { defaultCounterCapacity, readMunicipalityRows, shortSubprefecture } from './municipality-data';
import type { UpdateMunicipalityDto } from './dto/update-municipality.dto';

export interface MunicipalityView {
  code: string;
  name: string;
  kana: string;
  subprefecture: string;
  subprefectureShort: string;
  district: string | null;
  population: number;
  counterCapacity: number;
  contactPhone: string | null;
}

const toView = (m: Municipality): MunicipalityView => ({
  code: m.code,
  name: m.name,
  kana: m.kana,
  subprefecture: m.subprefecture,
  subprefectureShort: shortSubprefecture(m.subprefecture),
  district: m.district,
  population: m.population,
  counterCapacity: m.counterCapacity,
  contactPhone: m.contactPhone,
});

@Injectable()
export class MunicipalitiesService extends MunicipalityDirectory implements OnApplicationBootstrap {
  private readonly logger = new Logger('Municipalities');
  private codes: Set<string> | null = null;

  constructor(
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    private readonly audit: AuditService,
  ) {
    super();
  }

  /** Loads the 179 municipalities on first start; existing rows (and admins' settings) are kept. */
  async onApplicationBootstrap(): Promise<void> {
    const rows = readMunicipalityRows();
    const existing = new Set((await this.municipalities.find({ select: { code: true } })).map((m) => m.code));
    const missing = rows.filter((r) => !existing.has(r.code));
    if (missing.length === 0) return;
    await this.municipalities
      .createQueryBuilder()
      .insert()
      .values(missing.map((r) => ({ ...r, counterCapacity: defaultCounterCapacity(r.population), contactPhone: null })))
      .orIgnore()
      .execute();
    this.codes = null;
    this.logger.log(`loaded ${missing.length} municipalities`);
  }

  async exists(code: string): Promise<boolean> {
    return (await this.codeSet()).has(code);
  }

  /** The codes of all municipalities of the union, in code order. */
  async allCodes(): Promise<string[]> {
    return [...(await this.codeSet())].sort();
  }

  private async codeSet(): Promise<Set<string>> {
    if (!this.codes) this.codes = new Set((await this.municipalities.find({ select: { code: true } })).map((m) => m.code));
    return this.codes;
  }

  /** All 179 for union roles; only their own for a municipal user. */
  async list(user: AuthUser): Promise<MunicipalityView[]> {
    const scope = municipalityScope(user);
    const rows = await this.municipalities.find({ where: scope ? { code: scope } : {}, order: { code: 'ASC' } });
    return rows.map(toView);
  }

  async get(code: string, user: AuthUser): Promise<MunicipalityView> {
    assertMunicipalityAccess(user, code);
    return toView(await this.find(code));
  }

  async byCodes(codes: string[]): Promise<Municipality[]> {
    return this.municipalities.findBy({ code: In(codes) });
  }

  async update(code: string, dto: UpdateMunicipalityDto, actor: AuthUser, clientAddress: string): Promise<MunicipalityView> {
    const municipality = await this.find(code);
    const before = { counterCapacity: municipality.counterCapacity, contactPhone: municipality.contactPhone };
    if (dto.counterCapacity !== undefined) municipality.counterCapacity = dto.counterCapacity;
    if (dto.contactPhone !== undefined) municipality.contactPhone = dto.contactPhone || null;
    await this.municipalities.save(municipality);
    await this.audit.record({
      actor, action: 'municipality.update', target: `municipality:${code}`, clientAddress,
      detail: { before, after: { counterCapacity: municipality.counterCapacity, contactPhone: municipality.contactPhone } },
    });
    return toView(municipality);
  }

  private async find(code: string): Promise<Municipality> {
    const municipality = await this.municipalities.findOneBy({ code });
    if (!municipality) throw notFound('municipality_not_found', `市町村コード ${code} の市町村は見つかりません。`);
    return municipality;
  }
}
