import { DomainError } from '@wavedesk/common';
import { businessCalendar } from './business-calendar';
import { checkRosterChange, checkRosterDay, rosterDay, rosterDays, type StoredRoster } from './roster';

const cal = businessCalendar();
const today = '2027-02-10'; // a Wednesday

const fieldErrors = (run: () => unknown): Array<{ field: string; message: string }> => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    return ((error as DomainError).errors ?? []).map((e) => ({ field: e.field, message: e.message }));
  }
  throw new Error('expected a 400');
};

describe('checkRosterChange', () => {
  it('takes a default and overrides sorted by date, with blank notes dropped', () => {
    expect(checkRosterChange({ defaultOperators: 12, overrides: [{ date: '2027-02-16', operators: 3, note: ' ' }, { date: '2027-02-15', operators: 1, note: '研修' }] }, today, cal)).toEqual({
      defaultOperators: 12,
      overrides: [{ date: '2027-02-15', operators: 1, note: '研修' }, { date: '2027-02-16', operators: 3, note: null }],
    });
    expect(checkRosterChange({ defaultOperators: 0 }, today, cal)).toEqual({ defaultOperators: 0 });
    expect(checkRosterChange({ overrides: [] }, today, cal)).toEqual({ overrides: [] });
  });

  it('refuses every wrong field at once with a Japanese sentence each', () => {
    const errors = fieldErrors(() =>
      checkRosterChange(
        {
          defaultOperators: 501,
          overrides: [
            { date: '2027-02-30', operators: 1 },
            { date: '2027-02-13', operators: 1 },
            { date: '2027-02-11', operators: 2 },
            { date: '2027-02-09', operators: 2 },
            { date: '2027-02-15', operators: 1.5, note: 'x'.repeat(201) },
            { date: '2027-02-16', operators: 4 },
            { date: '2027-02-16', operators: 5 },
          ],
        },
        today,
        cal,
      ),
    );
    expect(errors).toEqual([
      { field: 'defaultOperators', message: '既定の在席人数は0〜500の整数で指定してください。' },
      { field: 'overrides[0].date', message: '日付は実在する日を YYYY-MM-DD で指定してください。' },
      { field: 'overrides[1].date', message: '2027-02-13 は土曜日でコールセンターの休業日のため、在席人数は設定できません。' },
      { field: 'overrides[2].date', message: '2027-02-11 は建国記念の日でコールセンターの休業日のため、在席人数は設定できません。' },
      { field: 'overrides[3].date', message: '2027-02-09 は過去の日付のため変更できません。' },
      { field: 'overrides[4].operators', message: '在席人数は0〜500の整数で指定してください。' },
      { field: 'overrides[4].note', message: 'メモは200文字以内の文字列で入力してください。' },
      { field: 'overrides[6].date', message: '2027-02-16 が重複しています。' },
    ]);
  });

  it('asks for something to change', () => {
    expect(fieldErrors(() => checkRosterChange({}, today, cal))).toEqual([{ field: 'defaultOperators', message: '既定の在席人数か日別の設定のどちらかを指定してください。' }]);
    expect(fieldErrors(() => checkRosterChange({ overrides: 'x' }, today, cal))).toEqual([{ field: 'overrides', message: '日別の設定は配列で指定してください。' }]);
  });
});

describe('checkRosterDay', () => {
  it('takes one business day and names the fields without a prefix', () => {
    expect(checkRosterDay('2027-02-15', { operators: 1, note: '研修' }, today, cal)).toEqual({ date: '2027-02-15', operators: 1, note: '研修' });
    expect(fieldErrors(() => checkRosterDay('2027-12-29', { operators: -1 }, '2027-12-01', cal))).toEqual([
      { field: 'date', message: '2027-12-29 は年末年始でコールセンターの休業日のため、在席人数は設定できません。' },
      { field: 'operators', message: '在席人数は0〜500の整数で指定してください。' },
    ]);
  });
});

describe('rosterDay', () => {
  const roster: StoredRoster = { defaultOperators: 8, overrides: new Map([['2027-02-15', { operators: 1, note: '研修' }]]) };
  it('answers the override, the default on a business day, and 0 on a closed day', () => {
    expect(rosterDays(roster, '2027-02-12', '2027-02-15', cal).map((d) => [d.date, d.operators, d.source])).toEqual([
      ['2027-02-12', 8, 'default'],
      ['2027-02-13', 0, 'closed'],
      ['2027-02-14', 0, 'closed'],
      ['2027-02-15', 1, 'override'],
    ]);
    expect(rosterDay(roster, '2027-02-13', cal).closedReason).toBe('土曜日');
  });
});
