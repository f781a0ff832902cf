import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { badRequest, notFound } from '@wavedesk/common';
import { MunicipalitiesService } from '@wavedesk/municipalities';
import { Batch } from './batch.entity';
import { Campaign } from './campaign.entity';
import type { CreateBatchDto, CreateCampaignDto } from './dto/campaign.dto';

export interface BatchView {
  id: number;
  campaignId: number;
  name: string;
  matchDate: string;
  mailFrom: string;
  mailTo: string;
  municipalityCodes: string[];
  status: Batch['status'];
  createdAt: Date;
}

export const toBatchView = (b: Batch): BatchView => ({ ...b, municipalityCodes: JSON.parse(b.municipalityCodes) as string[] });

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Campaigns (送付事業) and their batches (発送回). */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    private readonly municipalities: MunicipalitiesService,
    private readonly audit: AuditService,
  ) {}

  async createCampaign(dto: CreateCampaignDto, actor: AuthUser, clientAddress: string): Promise<Campaign> {
    const campaign = await this.campaigns.save(this.campaigns.create({ name: dto.name.trim(), createdBy: actor.username, createdAt: new Date() }));
    await this.audit.record({ actor, action: 'campaign.create', target: `campaign:${campaign.id}`, clientAddress, detail: { name: campaign.name } });
    return campaign;
  }

  listCampaigns(): Promise<Campaign[]> {
    return this.campaigns.find({ order: { id: 'DESC' } });
  }

  async campaign(id: number): Promise<Campaign & { batches: BatchView[] }> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw notFound('campaign_not_found', `送付事業（ID ${id}）が見つかりません。`);
    const batches = await this.batches.find({ where: { campaignId: id }, order: { id: 'ASC' } });
    return { ...campaign, batches: batches.map(toBatchView) };
  }

  async createBatch(campaignId: number, dto: CreateBatchDto, actor: AuthUser, clientAddress: string): Promise<BatchView> {
    await this.campaign(campaignId);
    const errors = [];
    for (const field of ['matchDate', 'mailFrom', 'mailTo'] as const) {
      if (!isRealDate(dto[field])) errors.push({ field, code: 'invalid_date', message: `${dto[field]} は存在しない日付です。` });
    }
    if (errors.length === 0 && dto.mailFrom > dto.mailTo) {
      errors.push({ field: 'mailTo', code: 'before_start', message: '発送終了日は発送開始日以降の日付にしてください。' });
    }
    if (errors.length === 0 && dto.matchDate > dto.mailFrom) {
      errors.push({ field: 'matchDate', code: 'after_mailing', message: '突合基準日は発送開始日以前の日付にしてください。' });
    }
    const all = await this.municipalities.allCodes();
    const codes = dto.municipalityCodes ? [...new Set(dto.municipalityCodes)].sort() : all;
    const unknown = codes.filter((c) => !all.includes(c));
    if (unknown.length > 0) {
      errors.push({ field: 'municipalityCodes', code: 'unknown_municipality', message: `広域連合の市町村ではないコードがあります: ${unknown.join(', ')}` });
    }
    if (errors.length > 0) throw badRequest('validation_failed', '入力内容に誤りがあります。', errors);
    const batch = await this.batches.save(
      this.batches.create({
        campaignId, name: dto.name.trim(), matchDate: dto.matchDate, mailFrom: dto.mailFrom, mailTo: dto.mailTo,
        municipalityCodes: JSON.stringify(codes), status: 'draft', createdAt: new Date(),
      }),
    );
    await this.audit.record({
      actor, action: 'batch.create', target: `batch:${batch.id}`, clientAddress,
      detail: { campaignId, name: batch.name, matchDate: batch.matchDate, mailFrom: batch.mailFrom, mailTo: batch.mailTo, municipalities: codes.length },
    });
    return toBatchView(batch);
  }

  async listBatches(): Promise<BatchView[]> {
    return (await this.batches.find({ order: { id: 'ASC' } })).map(toBatchView);
  }

  async batch(id: number): Promise<BatchView> {
    const batch = await this.batches.findOneBy({ id });
    if (!batch) throw notFound('batch_not_found', `発送回（ID ${id}）が見つかりません。`);
    return toBatchView(batch);
  }

  async setBatchStatus(id: number, status: Batch['status']): Promise<void> {
    await this.batches.update(id, { status });
  }
}
