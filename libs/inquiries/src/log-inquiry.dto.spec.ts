import type { FieldError } from '@wavedesk/contracts';
import { DomainError, createValidationPipe } from '@wavedesk/common';
import { LogInquiryDto } from './dto/log-inquiry.dto';
import { MESSAGES } from './inquiry-rules';

const valid = { municipalityCode: '011002', channel: 'phone', category: 'how_to_apply', callerType: 'self', outcome: 'resolved' };

/** Runs the API's own validation pipe on a body; answers the field errors (none when valid). */
async function errorsFor(body: Record<string, unknown>): Promise<FieldError[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: LogInquiryDto });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).errors ?? [];
  }
}

describe('LogInquiryDto', () => {
  it('takes a minimal and a full inquiry', async () => {
    expect(await errorsFor(valid)).toEqual([]);
    expect(
      await errorsFor({ ...valid, receivedAt: '2026-02-15T10:30:00+09:00', durationSeconds: 0, applicationId: '0'.repeat(23), note: 'メモ' }),
    ).toEqual([]);
  });

  it('reports every bad field once, in Japanese', async () => {
    const errors = await errorsFor({
      municipalityCode: '11002', channel: 'fax', category: 'How To', callerType: 'neighbor', outcome: 'done',
      receivedAt: '2026-02-15 10:30', durationSeconds: 86_401, applicationId: '123', note: 'x'.repeat(1001), extra: 1,
    });
    const fields = errors.map((e) => e.field).sort();
    expect(fields).toEqual(
      ['applicationId', 'callerType', 'category', 'channel', 'durationSeconds', 'extra', 'municipalityCode', 'note', 'outcome', 'receivedAt'].sort(),
    );
    for (const e of errors) expect(e.message).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(errors.find((e) => e.field === 'durationSeconds')!.message).toBe(MESSAGES.durationSeconds);
  });

  it('refuses a note with a valid 個人番号 without repeating it, and takes a 12-digit number that fails the check digit', async () => {
    const refused = await errorsFor({ ...valid, note: '本人の番号 1234 5678 9018 を聞いた' });
    expect(refused).toEqual([{ field: 'note', code: 'noMyNumber', message: MESSAGES.noteMyNumber }]);
    expect(JSON.stringify(refused)).not.toMatch(/9018|123456789018/);
    expect(await errorsFor({ ...valid, note: '番号 123456789019 と言っていた' })).toEqual([]);
  });

  it('needs the five codes', async () => {
    const errors = await errorsFor({});
    expect(new Set(errors.map((e) => e.field))).toEqual(new Set(['municipalityCode', 'channel', 'category', 'callerType', 'outcome']));
  });
});
