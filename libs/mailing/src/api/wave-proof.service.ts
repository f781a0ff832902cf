import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { forbidden, municipalityScope, notFound } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { MunicipalitiesService } from '@wavedesk/municipalities';
import { placeholderApplicationId } from '../ledger/placeholder-id';
import type { Sex } from '../print/print-target';
import { renderProofPdf } from '../proof/proof-pdf';
import { placeholderQrData } from '../release/unit-rows';
import { waveMembers } from '../waves/wave-transitions.service';
import { WavesService } from './waves.service';

/** The fictitious person of every sample proof (見本). */
export const SAMPLE_PERSON = {
  name: '北海　花子',
  nameKana: 'ホッカイ　ハナコ',
  birthDate: '1945-04-01',
  sex: 'female' as Sex,
  postalCode: '0600001',
  address: '北海道札幌市中央区北1条西1丁目1番地',
};

const SAMPLE_ID = '99999990000000000000000';

/**
 * GET /api/waves/:id/proof.pdf: the form as it will be printed. Everyone who may see the wave gets the
 * sample person (municipal users: their own municipality's sample); a real person (`insuredNumber`) only
 * for admins, only for a person of this wave, and every such read is audited.
 */
@Injectable()
export class WaveProofService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waves: WavesService,
    private readonly municipalities: MunicipalitiesService,
    private readonly audit: AuditService,
  ) {}

  async render(waveId: number, user: AuthUser, query: { insuredNumber?: string; municipality?: string }, clientAddress: string): Promise<Buffer> {
    const wave = await this.waves.visible(waveId, user);
    const codes = waveMembers(wave).map((m) => m.code);
    const scope = municipalityScope(user);
    if (query.insuredNumber !== undefined && user.role !== 'admin') throw forbidden('実在の人の見本は管理者だけが表示できます。');
    let code = scope ?? (query.municipality && codes.includes(query.municipality) ? query.municipality : codes[0]);
    let person = SAMPLE_PERSON;
    let applicationId = SAMPLE_ID;
    let qrData = placeholderQrData(SAMPLE_ID);
    let placeholder = true;
    if (query.insuredNumber !== undefined) {
      const rows: Array<typeof SAMPLE_PERSON & { municipalityCode: string; applicationId: string; placeholder: number | boolean; campaignId: number; qrData: string | null }> =
        await this.dataSource.query(
          `SELECT p.name, p.nameKana, p.birthDate, p.sex, p.postalCode, p.address, l.municipalityCode, l.applicationId, l.placeholder, l.campaignId, a.qrData
             FROM form_ledger l JOIN insured_persons p ON p.insuredNumber = l.insuredNumber
             LEFT JOIN application_ids a ON a.insuredNumber = l.insuredNumber AND a.applicationId = l.applicationId
            WHERE l.waveId = ? AND l.insuredNumber = ? AND l.status = 'assigned'`,
          [waveId, query.insuredNumber],
        );
      await this.audit.record({
        actor: user, action: 'wave.proof.person', target: `wave:${waveId}`, clientAddress, success: rows.length === 1,
        detail: { insuredNumber: query.insuredNumber },
      });
      if (rows.length !== 1) throw notFound('person_not_in_wave', 'この被保険者番号の人はこの波の送付対象にいません。');
      const r = rows[0];
      person = { name: r.name, nameKana: r.nameKana, birthDate: r.birthDate, sex: r.sex, postalCode: r.postalCode, address: r.address };
      code = r.municipalityCode;
      placeholder = r.placeholder === true || Number(r.placeholder) === 1;
      applicationId = placeholder ? r.applicationId || placeholderApplicationId(r.campaignId, query.insuredNumber) : r.applicationId;
      qrData = placeholder ? placeholderQrData(applicationId) : (r.qrData ?? '');
    }
    const [municipality] = await this.municipalities.byCodes([code]);
    return renderProofPdf({
      person,
      applicationId,
      qrData,
      placeholder,
      municipality: { code, name: municipality?.name ?? code },
      contactPhone: municipality?.contactPhone ?? '（市町村の窓口の電話番号が未設定です）',
      wave: { name: wave.name, mailingDate: wave.mailDate },
    });
  }
}
