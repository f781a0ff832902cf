import { execFileSync } from 'node:child_process';
import { MY_NUMBER_FREE_DIAL } from './proof-content';
import { resolveJapaneseFont } from './proof-font';
import { type ProofInput, renderProofPdf } from './proof-pdf';

const APPLICATION_ID = '12345678901234567890123';

const sample = (overrides: Partial<ProofInput> = {}): ProofInput => ({
  person: {
    name: '北海 太郎',
    nameKana: 'ホッカイ タロウ',
    birthDate: '1940-03-02',
    sex: 'male',
    postalCode: '0600001',
    address: '北海道札幌市中央区北1条西2丁目1番地 さっぽろ第一ハイツ 1203号室',
  },
  applicationId: APPLICATION_ID,
  qrData: `PLACEHOLDER:${APPLICATION_ID}`,
  placeholder: true,
  municipality: { code: '011002', name: '札幌市' },
  contactPhone: '011-000-0000',
  wave: { name: '第1回（1回目分）', mailingDate: '2026-02-16' },
  createdAt: new Date('2026-01-05T00:00:00Z'),
  ...overrides,
});

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const pdftotextInstalled = hasTool('pdftotext');
if (!pdftotextInstalled) {
  console.warn('pdftotext (Debian poppler-utils) is not installed: the text-extraction assertions of proof-pdf.spec.ts are skipped.');
}
const withPdftotext = pdftotextInstalled ? it : it.skip;

interface Word {
  text: string;
  height: number;
}

/** Words with their heights (pt) — for pdftotext's bounding boxes the height equals the font size. */
function words(pdf: Buffer): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf }).toString('utf8');
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[3],
    height: Number(m[2]) - Number(m[1]),
  }));
}

const plainText = (pdf: Buffer): string => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8');

describe('proof PDF', () => {
  let placeholderPdf: Buffer;
  let realPdf: Buffer;

  beforeAll(async () => {
    placeholderPdf = await renderProofPdf(sample());
    realPdf = await renderProofPdf(sample({ placeholder: false, qrData: 'opaque-jlis-payload' }));
  });

  it('is a PDF of one or two A4 pages', () => {
    for (const pdf of [placeholderPdf, realPdf]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(2);
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    }
  });

  it('embeds the Japanese font from the Debian package (a subset), nothing else', () => {
    const raw = placeholderPdf.toString('latin1');
    expect(resolveJapaneseFont()).toMatch(/ipaexg\.ttf$|fonts-japanese-gothic\.ttf$/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+IPAexGothic/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  withPdftotext('keeps personal data out of the document information', () => {
    const info = execFileSync('pdfinfo', ['-'], { input: realPdf }).toString('utf8');
    expect(info).toMatch(/^Title:\s+マイナンバーカード交付申請書（見本）$/m);
    expect(info).toMatch(/^Creator:\s+wavedesk$/m);
    expect(info).not.toMatch(/^(Author|Subject|Keywords):/m);
    expect(info).not.toMatch(/北海|太郎|12345678901234567890123/);
  });

  withPdftotext('prints the 申請書ID, the free-dial number, the 4 items and how to apply', () => {
    const text = plainText(realPdf);
    const compact = text.replace(/\s+/g, '');
    expect(compact).toContain(APPLICATION_ID);
    expect(text).toContain('1234 5678 9012 3456 7890 123');
    expect(text).toContain(MY_NUMBER_FREE_DIAL.number);
    expect(text).toContain('0120-95-0178');
    expect(text).toContain('マイナンバーカード交付申請書（見本）');
    for (const item of ['北海', '太郎', '〒060-0001', '昭和15年3月2日（1940年3月2日）', '男', '記入例', '011-000-0000']) expect(compact).toContain(item.replace(/\s+/g, ''));
    for (const way of ['スマートフォン', 'パソコン', '証明写真機', '郵便']) expect(text).toContain(way);
    expect(text).not.toContain('プレースホルダ');
  });

  withPdftotext('marks a placeholder proof on every page', () => {
    const pages = plainText(placeholderPdf).split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page).toContain('見本（プレースホルダ）：この申請書IDとQRコードでは申請できません');
  });

  withPdftotext('uses large letters: nothing under 14 pt, the 4 items, the ID and the phone numbers at 20 pt or more', () => {
    const all = words(realPdf);
    expect(all.length).toBeGreaterThan(50);
    expect(Math.min(...all.map((w) => w.height))).toBeGreaterThanOrEqual(14);
    const heightOf = (text: string): number => Math.max(...all.filter((w) => w.text === text).map((w) => w.height));
    for (const key of ['北海', '太郎', '0120-95-0178', '011-000-0000', '1234', '123', '昭和15年3月2日（1940年3月2日）', '男']) {
      expect([key, heightOf(key) >= 20]).toEqual([key, true]); // names the item that is too small
    }
  });

  withPdftotext('prints another free-dial number when configured', async () => {
    const pdf = await renderProofPdf(sample({ freeDial: { label: 'テスト窓口', number: '0120-00-0000', hours: '平日 9:00〜17:00' } }));
    const text = plainText(pdf);
    expect(text).toContain('0120-00-0000');
    expect(text).not.toContain('0120-95-0178');
  });

  it('fails with a sentence naming the package when no Japanese font is installed', () => {
    expect(() => resolveJapaneseFont(['/nonexistent/font.ttf'])).toThrow(/fonts-ipaexfont-gothic/);
  });
});
