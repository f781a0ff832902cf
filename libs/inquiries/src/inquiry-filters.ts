import type { SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@wavedesk/contracts';
import { badRequest, forbidden, municipalityScope } from '@wavedesk/common';
import type { InquiryFilterDto } from './dto/inquiry-query.dto';
import type { Inquiry } from './inquiry.entity';
import { isCalendarDate, jstDayRange } from './jst.util';

export interface InquiryFilters {
  municipalityCode?: string;
  from?: Date;
  to?: Date;
  channel?: string;
  category?: string;
  outcome?: string;
  handled?: boolean;
}

/**
 * The municipality a user is limited to (null: all of Hokkaido). A municipal user without a municipality
 * sees nothing rather than everything.
 */
export function visibleMunicipality(user: AuthUser): string | null {
  if (user.role === 'municipal' && !user.municipalityCode) {
    throw forbidden('市町村が設定されていないため、問い合わせを表示・登録できません。管理者に連絡してください。');
  }
  return municipalityScope(user);
}

/** Throws 403 unless the user may see or log inquiries of this municipality. */
export function assertInquiryAccess(user: AuthUser, municipalityCode: string): void {
  const scope = visibleMunicipality(user);
  if (scope !== null && scope !== municipalityCode) throw forbidden('他の市町村のデータは表示・登録できません。');
}

function instant(value: string, field: 'from' | 'to'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isCalendarDate(value)) {
      throw badRequest('validation_failed', '入力内容に誤りがあります。', [
        { field, code: 'isCalendarDate', message: `${field} の ${value} は存在しない日付です。` },
      ]);
    }
    // A bare date is a JST day; as the end of a range it includes that whole day.
    const range = jstDayRange(value);
    return field === 'from' ? range.start : range.end;
  }
  return new Date(value);
}

/**
 * The filters a user asked for, limited to what they may see: a municipal user always gets their own
 * municipality, and asking for another is refused (403).
 */
export function scopedFilters(dto: InquiryFilterDto, user: AuthUser): InquiryFilters {
  const scope = visibleMunicipality(user);
  if (scope !== null && dto.municipalityCode && dto.municipalityCode !== scope) {
    throw forbidden('他の市町村のデータは表示・登録できません。');
  }
  return {
    municipalityCode: scope ?? dto.municipalityCode,
    from: dto.from ? instant(dto.from, 'from') : undefined,
    to: dto.to ? instant(dto.to, 'to') : undefined,
    channel: dto.channel,
    category: dto.category,
    outcome: dto.outcome,
    handled: dto.handled,
  };
}

/** Applies the filters to a query on `inquiries` aliased `i`. */
export function applyInquiryFilters(qb: SelectQueryBuilder<Inquiry>, f: InquiryFilters): SelectQueryBuilder<Inquiry> {
  if (f.municipalityCode) qb.andWhere('i.municipalityCode = :municipalityCode', { municipalityCode: f.municipalityCode });
  if (f.from) qb.andWhere('i.receivedAt >= :from', { from: f.from });
  if (f.to) qb.andWhere('i.receivedAt < :to', { to: f.to });
  if (f.channel) qb.andWhere('i.channel = :channel', { channel: f.channel });
  if (f.category) qb.andWhere('i.category = :category', { category: f.category });
  if (f.outcome) qb.andWhere('i.outcome = :outcome', { outcome: f.outcome });
  if (f.handled === true) qb.andWhere('i.handledAt IS NOT NULL');
  if (f.handled === false) qb.andWhere('i.handledAt IS NULL');
  return qb;
}
