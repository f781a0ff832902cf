import { checkReleaseUnits } from './print-check';
import { splitIntoReleaseUnits } from './release-units';
import { testTarget } from './testing/targets';

describe('print data dry run for a wave', () => {
  it('finds everything the writer would refuse, by unit and row, across the whole wave', () => {
    const targets = Array.from({ length: 6 }, (_, i) => testTarget(i + 1));
    targets[1] = testTarget(2, { placeholder: true });
    targets[4] = testTarget(5, { name: '𠮷田 花子' });
    targets[5] = testTarget(6, { applicationId: '1' });
    const units = splitIntoReleaseUnits(3, targets, 3);
    const check = checkReleaseUnits(units);
    expect(check.forms).toBe(6);
    expect(check.placeholders).toBe(1);
    expect(check.counts).toEqual({ invalid_value: 1, duplicate: 0, placeholder: 1, unmappable_character: 2 });
    expect(check.issueCount).toBe(4);
    // Units are sorted by address: the malformed ID (address 丁目6番地) comes last in unit 2.
    expect(check.issues).toEqual([
      { unit: 1, row: 2, column: 'プレースホルダ', code: 'placeholder' },
      { unit: 2, row: 2, column: '氏名', code: 'unmappable_character', codePoint: 'U+20BB7' },
      { unit: 2, row: 2, column: '宛名氏名', code: 'unmappable_character', codePoint: 'U+20BB7' },
      { unit: 2, row: 3, column: '申請書ID', code: 'invalid_value' },
    ]);
    expect(JSON.stringify(check)).not.toContain('花子');
  });

  it('does not count allowed placeholders as issues', () => {
    const units = splitIntoReleaseUnits(3, [testTarget(1, { placeholder: true })]);
    expect(checkReleaseUnits(units, { placeholders: 'allow' })).toMatchObject({ placeholders: 1, issueCount: 0, issues: [] });
  });
});
