import { spreadsheetSafe } from './spreadsheet-safe';

describe('spreadsheetSafe', () => {
  it.each(['=1+1', '+81-11-000', '-2', '@SUM(A1)', '\t=1', '\r=1'])('defuses %p', (value) => {
    expect(spreadsheetSafe(value)).toBe(`'${value}`);
  });

  it.each(['admin', '札幌市', '2022-02-15T00:00:00.000Z', '{"reason":"locked"}', ''])('keeps %p as it is', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
  });
});
