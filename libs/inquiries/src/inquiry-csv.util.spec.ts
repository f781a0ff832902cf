import iconv from 'iconv-lite';
import { encodeCsv } from './csv-encoding';
import { codeCell, daysBetween, inquiryCsvRow, pivotRows, textCell } from './inquiry-csv.util';

describe('inquiry CSV cells', () => {
  it('keeps codes as text and defuses formulas', () => {
    expect(codeCell('011002')).toBe('="011002"');
    expect(codeCell(null)).toBe('');
    expect(textCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(textCell('-1')).toBe(`'-1`);
    expect(textCell('申請方法')).toBe('申請方法');
  });

  it('writes a row with labels, JST times and the phone number in the note masked', () => {
    const row = inquiryCsvRow(
      {
        id: 7, receivedAt: new Date('2026-02-15T01:02:03Z'), municipalityCode: '011002', channel: 'phone', category: 'lost_form',
        callerType: 'family', outcome: 'callback', durationSeconds: 120, applicationId: null, note: '折り返し 011-231-4311',
        waveId: null, loggedAt: new Date('2026-02-15T01:03:00Z'), handledAt: null,
      },
      { municipalityNames: new Map([['011002', '札幌市']]), categoryLabels: new Map([['lost_form', '申請書の紛失・再発行']]) },
    );
    expect(row).toEqual([
      7, '2026/02/15 10:02:03', '="011002"', '札幌市', '電話', '申請書の紛失・再発行', '家族', '折り返し要', 120, '',
      '折り返し 011-***-**11', '', '2026/02/15 10:03:00', '',
    ]);
  });

  it('builds a pivot with zero rows and a total', () => {
    const rows = pivotRows(
      [{ key: 'a', cells: ['A'] }, { key: 'b', cells: ['B'] }],
      [
        { key: 'a', channel: 'phone', outcome: 'resolved', count: 2 },
        { key: 'a', channel: 'visit', outcome: 'referred', count: 1 },
      ],
      ['合計'],
    );
    // 件数, 電話, 来庁, その他, 解決, 市町村へ引継, 折り返し要
    expect(rows).toEqual([
      ['A', 3, 2, 1, 0, 2, 1, 0],
      ['B', 0, 0, 0, 0, 0, 0, 0],
      ['合計', 3, 2, 1, 0, 2, 1, 0],
    ]);
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('encodes Shift_JIS as Excel reads it', () => {
    const bytes = encodeCsv('市町村名,札幌市\r\n', 'shift_jis');
    expect(iconv.decode(bytes, 'Shift_JIS')).toBe('市町村名,札幌市\r\n');
    expect(bytes.length).toBeLessThan(Buffer.byteLength('市町村名,札幌市\r\n'));
  });
});
