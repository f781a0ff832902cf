import { describe, expect, it } from '@jest/globals';
import { categoryKey, deskKeyAction, formatDuration, parseDuration } from './desk-keys';
import { draftToInquiry, emptyDraft } from './entry-draft';

describe('desk shortcuts', () => {
  it('maps digits to the categories 1–9 then 0, from the top row or the number pad', () => {
    expect(deskKeyAction('Digit1')).toEqual({ kind: 'category', index: 0 });
    expect(deskKeyAction('Digit9')).toEqual({ kind: 'category', index: 8 });
    expect(deskKeyAction('Digit0')).toEqual({ kind: 'category', index: 9 });
    expect(deskKeyAction('Numpad3')).toEqual({ kind: 'category', index: 2 });
    expect([0, 8, 9, 10].map(categoryKey)).toEqual(['1', '9', '0', null]);
  });

  it('maps one keyboard row to each choice', () => {
    expect(deskKeyAction('KeyQ')).toEqual({ kind: 'channel', value: 'phone' });
    expect(deskKeyAction('KeyW')).toEqual({ kind: 'channel', value: 'visit' });
    expect(deskKeyAction('KeyS')).toEqual({ kind: 'callerType', value: 'family' });
    expect(deskKeyAction('KeyD')).toEqual({ kind: 'callerType', value: 'facility_staff' });
    expect(deskKeyAction('KeyX')).toEqual({ kind: 'outcome', value: 'referred' });
    expect(deskKeyAction('KeyC')).toEqual({ kind: 'outcome', value: 'callback' });
    expect(deskKeyAction('KeyM')).toEqual({ kind: 'note' });
    expect(deskKeyAction('KeyK')).toBeNull();
    expect(deskKeyAction('Enter')).toBeNull();
  });

  it('reads durations as minutes or minutes:seconds', () => {
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('3')).toBe(180);
    expect(parseDuration('2.5')).toBe(150);
    expect(parseDuration('3:30')).toBe(210);
    expect(parseDuration('３：０５')).toBe(185);
    expect(parseDuration('3分')).toBeNull();
    expect(parseDuration('3:75')).toBeNull();
    expect(formatDuration(210)).toBe('3:30');
    expect(formatDuration(null)).toBe('');
  });
});

describe('desk draft', () => {
  const sapporo = { code: '011002', name: '札幌市', kana: 'サッポロシ', subprefecture: '石狩振興局', subprefectureShort: '石狩', district: null, population: 1, counterCapacity: 1, contactPhone: null };
  const categories = [{ code: 'how_to_apply', label: '申請方法', sortOrder: 1 }];

  it('asks for municipality and category before anything is sent', () => {
    const result = draftToInquiry(emptyDraft(), categories);
    expect('errors' in result && Object.keys(result.errors)).toEqual(['municipalityCode', 'category']);
  });

  it('sends only what was filled in, with the defaults for the toggles', () => {
    const result = draftToInquiry({ ...emptyDraft(sapporo), category: 'how_to_apply', duration: '3:30', applicationId: '0123 4567 8901 2345 6789 012', note: '  ' }, categories);
    expect(result).toEqual({
      inquiry: { municipalityCode: '011002', channel: 'phone', category: 'how_to_apply', callerType: 'self', outcome: 'resolved', durationSeconds: 210, applicationId: '01234567890123456789012' },
    });
  });

  it('refuses an unreadable duration or an application ID of the wrong length', () => {
    const result = draftToInquiry({ ...emptyDraft(sapporo), category: 'how_to_apply', duration: 'abc', applicationId: '123' }, categories);
    expect('errors' in result && Object.keys(result.errors)).toEqual(['durationSeconds', 'applicationId']);
  });
});
