/**
 * The proof (見本) of the application form as it will be printed, A4, two pages:
 *   1. the form: the person's 4 information items in large letters, the 申請書ID grouped for reading, the
 *      QR code, the boxes the person fills in, and the phone numbers to call;
 *   2. the filled-in example (記入例) and the four ways to apply.
 *
 * Accessible print for elderly readers: black on white, body text ≥ 14 pt, the 4 items, the ID and the
 * phone numbers ≥ 20 pt. A placeholder proof carries a 見本 / プレースホルダ watermark on every page and a
 * banner saying the ID cannot be used. The Japanese font comes from a Debian package and is embedded.
 * Nothing here logs or stores the person's data; the caller audits who asked for a real person's proof.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatApplicationId, formatPostalCode, SEX_LABELS, type Sex } from '../print/print-target';
import { formatSeireki, formatWareki } from '../print/wareki';
import { type ContactLine, FILLED_IN_EXAMPLE, HOW_TO_APPLY, MY_NUMBER_FREE_DIAL } from './proof-content';
import { resolveJapaneseFont } from './proof-font';

export interface ProofPerson {
  name: string;
  nameKana: string;
  /** ISO `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
  postalCode: string;
  address: string;
}

export interface ProofInput {
  person: ProofPerson;
  /** 23 digits. */
  applicationId: string;
  qrData: string;
  /** True when the ID and QR are placeholders: the proof is watermarked. */
  placeholder: boolean;
  municipality: { code: string; name: string; counterName?: string };
  /** The municipal counter's phone number. */
  contactPhone: string;
  wave: { name: string; mailingDate?: string | null };
  /** Defaults to {@link MY_NUMBER_FREE_DIAL}. */
  freeDial?: ContactLine;
  /** A TrueType/OpenType font file; defaults to the Debian Japanese font found on this machine. */
  fontPath?: string;
  /** The PDF's creation date (fixed in tests so the output is reproducible). */
  createdAt?: Date;
}

/** Font sizes (pt). Body text never goes below 14, key items never below 20. */
export const PROOF_FONT_SIZES = { title: 24, key: 22, keyMin: 20, body: 15, label: 14 } as const;

const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BLACK = '#000000';
const WATERMARK_GREY = '#9a9a9a';
const FONT = 'proof-gothic';
/** 全角スペース, spelled out so linters and reviewers see it. */
const WIDE_SPACE = '\u3000';

type Doc = PDFKit.PDFDocument;

/** Text in the given size; `bold` adds a thin outline (IPAexGothic has no bold face). */
function put(doc: Doc, text: string, x: number, y: number, size: number, options: PDFKit.Mixins.TextOptions & { bold?: boolean } = {}): number {
  const { bold, ...rest } = options;
  doc.font(FONT).fontSize(size).fillColor(BLACK);
  if (bold) doc.lineWidth(size / 40).strokeColor(BLACK);
  doc.text(text, x, y, { lineGap: 2, ...rest, ...(bold ? { stroke: true, fill: true } : {}) });
  return doc.y;
}

/** The largest size from `max` down to `min` at which `text` fits in `lines` lines of `width`. */
function fitSize(doc: Doc, text: string, width: number, max: number, min: number, lines: number): number {
  for (let size = max; size > min; size -= 1) {
    doc.font(FONT).fontSize(size);
    if (doc.heightOfString(text, { width, lineGap: 2 }) <= lines * (size * 1.25 + 2)) return size;
  }
  return min;
}

function box(doc: Doc, x: number, y: number, width: number, height: number, lineWidth = 1.5): void {
  doc.save().lineWidth(lineWidth).strokeColor(BLACK).rect(x, y, width, height).stroke().restore();
}

function watermark(doc: Doc): void {
  const cx = PAGE.width / 2;
  const cy = PAGE.height / 2;
  doc.save();
  doc.rotate(-30, { origin: [cx, cy] });
  doc.font(FONT).fillColor(WATERMARK_GREY).fillOpacity(0.22);
  doc.fontSize(170).text('見本', cx - 185, cy - 130, { width: 370, align: 'center', lineBreak: false });
  doc.fontSize(46).text('プレースホルダ', cx - 200, cy + 70, { width: 400, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
}

/** The banner under the title of a placeholder proof; returns the y below it. */
function placeholderBanner(doc: Doc, y: number): number {
  doc.save().lineWidth(3).strokeColor(BLACK).rect(PAGE.margin, y, CONTENT_WIDTH, 36).stroke().restore();
  put(doc, '見本（プレースホルダ）：この申請書IDとQRコードでは申請できません', PAGE.margin + 12, y + 9, PROOF_FONT_SIZES.body, {
    bold: true,
    width: CONTENT_WIDTH - 24,
  });
  return y + 36;
}

function drawQr(doc: Doc, data: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 4;
  const cell = size / (count + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < count; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill(BLACK).restore();
}

/** The contact box: the national free dial on the left, the municipal counter on the right. */
function contacts(doc: Doc, input: ProofInput, y: number): number {
  const freeDial = input.freeDial ?? MY_NUMBER_FREE_DIAL;
  const m = PAGE.margin;
  const half = (CONTENT_WIDTH - 28) / 2;
  const leftX = m + 14;
  const rightX = leftX + half + 14;
  let ly = put(doc, 'お問い合わせ', leftX, y + 10, PROOF_FONT_SIZES.body, { bold: true });
  const columnsTop = ly + 2;
  ly = put(doc, freeDial.label, leftX, columnsTop, PROOF_FONT_SIZES.label, { width: half });
  ly = put(doc, freeDial.number, leftX, ly, 28, { bold: true, width: half });
  ly = put(doc, freeDial.hours ? `通話料無料${WIDE_SPACE}${freeDial.hours}` : '通話料無料', leftX, ly, PROOF_FONT_SIZES.label, { width: half });
  const counter = `${input.municipality.name} ${input.municipality.counterName ?? 'マイナンバーカード窓口'}`;
  let ry = put(doc, counter, rightX, columnsTop, PROOF_FONT_SIZES.label, { width: half });
  ry = put(doc, `電話 ${input.contactPhone}`, rightX, ry, PROOF_FONT_SIZES.key + 2, { bold: true, width: half });
  const bottom = Math.max(ly, ry) + 8;
  box(doc, m, y, CONTENT_WIDTH, bottom - y, 2.5);
  doc.save().lineWidth(0.8).moveTo(rightX - 7, columnsTop).lineTo(rightX - 7, bottom - 8).stroke().restore();
  return bottom;
}

function pageOne(doc: Doc, input: ProofInput): void {
  const m = PAGE.margin;
  const { person } = input;
  let y = put(doc, 'マイナンバーカード交付申請書（見本）', m, m, PROOF_FONT_SIZES.title, { bold: true, width: CONTENT_WIDTH });
  const mailing = input.wave.mailingDate ? `${WIDE_SPACE}発送予定日 ${formatWareki(input.wave.mailingDate) ?? input.wave.mailingDate}` : '';
  y = put(doc, `${input.municipality.name}${WIDE_SPACE}${input.wave.name}${mailing}`, m, y, PROOF_FONT_SIZES.label, { width: CONTENT_WIDTH });

  if (input.placeholder) y = placeholderBanner(doc, y + 6);

  // The 4 information items.
  y += 10;
  const top = y;
  const labelWidth = 92;
  const valueX = m + labelWidth + 10;
  const valueWidth = CONTENT_WIDTH - labelWidth - 22;
  const row = (label: string, draw: (ry: number) => number): void => {
    const ry = y + 8;
    put(doc, label, m + 12, ry + 6, PROOF_FONT_SIZES.body, { bold: true, width: labelWidth - 12 });
    y = Math.max(draw(ry), ry + 30) + 6;
    doc.save().lineWidth(0.8).strokeColor(BLACK).moveTo(m, y).lineTo(m + CONTENT_WIDTH, y).stroke().restore();
  };
  row('氏名', (ry) => {
    const after = put(doc, person.nameKana, valueX, ry, PROOF_FONT_SIZES.label, { width: valueWidth });
    return put(doc, person.name, valueX, after, 26, { bold: true, width: valueWidth });
  });
  row('住所', (ry) => {
    const after = put(doc, `〒${formatPostalCode(person.postalCode)}`, valueX, ry, PROOF_FONT_SIZES.body, { width: valueWidth });
    const size = fitSize(doc, person.address, valueWidth, PROOF_FONT_SIZES.key, PROOF_FONT_SIZES.keyMin, 2);
    return put(doc, person.address, valueX, after, size, { bold: true, width: valueWidth });
  });
  row('生年月日', (ry) => {
    const wareki = formatWareki(person.birthDate) ?? person.birthDate;
    const seireki = formatSeireki(person.birthDate);
    return put(doc, seireki ? `${wareki}（${seireki}）` : wareki, valueX, ry + 2, PROOF_FONT_SIZES.key, { bold: true, width: valueWidth });
  });
  row('性別', (ry) => put(doc, SEX_LABELS[person.sex] ?? '', valueX, ry + 2, PROOF_FONT_SIZES.key, { bold: true, width: valueWidth }));
  box(doc, m, top, CONTENT_WIDTH, y - top, 2);
  doc.save().lineWidth(0.8).moveTo(m + labelWidth, top).lineTo(m + labelWidth, y).stroke().restore();

  // Left: 申請書ID, then the boxes filled in for a postal application with the photo box beside them.
  // Right: the QR code.
  y += 12;
  const qrSize = 124;
  const qrX = m + CONTENT_WIDTH - qrSize;
  const leftWidth = CONTENT_WIDTH - qrSize - 14;
  put(doc, '申請書ID（23桁）', m, y, PROOF_FONT_SIZES.body, { bold: true, width: leftWidth });
  const grouped = formatApplicationId(input.applicationId);
  const idSize = fitSize(doc, grouped, leftWidth - 16, PROOF_FONT_SIZES.key, PROOF_FONT_SIZES.keyMin, 1);
  box(doc, m, y + 22, leftWidth, 40);
  put(doc, grouped, m + 8, y + 22 + (40 - idSize * 1.25) / 2, idSize, { bold: true, width: leftWidth - 12, lineBreak: false });
  drawQr(doc, input.qrData, qrX, y, qrSize);
  box(doc, qrX, y, qrSize, qrSize, 1);
  const qrBottom = put(doc, 'スマートフォンで\n読み取れます', qrX - 10, y + qrSize + 4, PROOF_FONT_SIZES.label, { width: qrSize + 20, align: 'center' });

  let fy = y + 74;
  put(doc, 'ご記入欄（郵便で申請するとき）', m, fy, PROOF_FONT_SIZES.body, { bold: true, width: leftWidth });
  fy += 24;
  const photoW = 99; // 3.5 cm
  const photoH = 128; // 4.5 cm
  const fieldWidth = leftWidth - photoW - 12;
  const photoX = m + fieldWidth + 12;
  const photoY = fy;
  for (const label of ['申請日', '電話番号', '署名']) {
    box(doc, m, fy, fieldWidth, 40, 1);
    put(doc, label, m + 10, fy + 12, PROOF_FONT_SIZES.body, { width: 90 });
    fy += 40;
  }
  doc.save().lineWidth(1).dash(4, { space: 3 }).rect(photoX, photoY, photoW, photoH).stroke().undash().restore();
  put(doc, '顔写真\nを貼る', photoX, photoY + 44, PROOF_FONT_SIZES.body, { width: photoW, align: 'center' });

  contacts(doc, input, Math.max(fy, photoY + photoH, qrBottom) + 14);
}

function pageTwo(doc: Doc, input: ProofInput): void {
  const m = PAGE.margin;
  let y = put(doc, '記入例と申請のしかた', m, m, PROOF_FONT_SIZES.title, { bold: true, width: CONTENT_WIDTH });
  if (input.placeholder) y = placeholderBanner(doc, y + 4);

  // 記入例: the fill-in boxes with example handwriting.
  y += 8;
  const top = y;
  put(doc, '記入例', m + 12, y + 10, PROOF_FONT_SIZES.body, { bold: true });
  y += 38;
  const exampleWidth = CONTENT_WIDTH - 150;
  const examples: [string, string][] = [
    ['申請日', FILLED_IN_EXAMPLE.applicationDate],
    ['電話番号', FILLED_IN_EXAMPLE.phone],
    ['署名', FILLED_IN_EXAMPLE.signature],
  ];
  for (const [label, value] of examples) {
    box(doc, m + 12, y, exampleWidth, 40, 1);
    put(doc, label, m + 22, y + 12, PROOF_FONT_SIZES.body, { width: 90 });
    put(doc, value, m + 120, y + 8, PROOF_FONT_SIZES.key, { bold: true, width: exampleWidth - 120 });
    y += 40;
  }
  const photoX = m + CONTENT_WIDTH - 122;
  doc.save().lineWidth(1).rect(photoX, top + 38, 99, 128).stroke().restore();
  put(doc, '顔写真', photoX, top + 90, PROOF_FONT_SIZES.body, { width: 99, align: 'center' });
  y = Math.max(y, top + 38 + 128) + 8;
  y = put(doc, `写真：${FILLED_IN_EXAMPLE.photoNote}`, m + 12, y, PROOF_FONT_SIZES.label, { width: CONTENT_WIDTH - 24 });
  for (const note of FILLED_IN_EXAMPLE.notes) y = put(doc, `・${note}`, m + 12, y + 2, PROOF_FONT_SIZES.label, { width: CONTENT_WIDTH - 24 });
  box(doc, m, top, CONTENT_WIDTH, y - top + 10, 2);

  // How to apply.
  y += 24;
  y = put(doc, '申請のしかた（どれか一つを選んでください）', m, y, PROOF_FONT_SIZES.body + 3, { bold: true, width: CONTENT_WIDTH });
  HOW_TO_APPLY.forEach((way, i) => {
    y += 6;
    const after = put(doc, `${i + 1}. ${way.method}`, m + 6, y, PROOF_FONT_SIZES.keyMin, { bold: true, width: CONTENT_WIDTH - 12 });
    y = put(doc, way.steps, m + 30, after, PROOF_FONT_SIZES.body, { width: CONTENT_WIDTH - 36 });
  });
  put(doc, `申請書ID（あなたの番号）：${formatApplicationId(input.applicationId)}`, m, y + 14, PROOF_FONT_SIZES.body, { width: CONTENT_WIDTH });

  contacts(doc, input, y + 40);
}

/** Renders the proof (見本) of one application form as an A4 PDF of two pages. */
export async function renderProofPdf(input: ProofInput): Promise<Buffer> {
  const fontPath = input.fontPath ?? resolveJapaneseFont();
  const createdAt = input.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    autoFirstPage: false,
    // No personal data in the document information: it shows in file dialogs and search indexes.
    info: { Title: 'マイナンバーカード交付申請書（見本）', Creator: 'wavedesk', CreationDate: createdAt, ModDate: createdAt },
  });
  doc.registerFont(FONT, fontPath);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const draw of [pageOne, pageTwo]) {
    // A small bottom margin: the layout places everything itself, and pdfkit must never add a page on its own.
    doc.addPage({ size: 'A4', margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 4 } });
    if (input.placeholder) watermark(doc);
    draw(doc, input);
  }
  doc.end();
  return done;
}
