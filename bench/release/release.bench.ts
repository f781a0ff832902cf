/**
 * Release benchmark: print data for 614,058 forms (the campaign's forecast target count), in release units
 * of 5,000, through the real writer (CP932 encoding, checks, SHA-256, fsync, atomic publish, manifest) and
 * the FolderTransport, into a temporary folder. Beside it, in the same run, the time a plain
 * `fs.createWriteStream` takes to write the very same bytes into the same number of files.
 *
 *   npx tsx bench/release/release.bench.ts [forms] [unitSize]
 *
 * The rows are synthetic and deterministic (small lists of names and addresses, counter-based IDs); no
 * real person is involved. The temporary folder is removed at the end. Method and figures: docs/mailing.md.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { FolderTransport, type PrintTarget, releasePrintUnit, releaseUnitSizes } from '../../libs/mailing/src';

const TOTAL_FORMS = Number(process.argv[2] ?? 614_058);
const UNIT_SIZE = Number(process.argv[3] ?? 5_000);
const TARGET_SECONDS = 30;

const FAMILY = [
  ['佐藤', 'サトウ'], ['髙橋', 'タカハシ'], ['鈴木', 'スズキ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['山﨑', 'ヤマザキ'],
];
const GIVEN = [
  ['太郎', 'タロウ', 'male'], ['花子', 'ハナコ', 'female'], ['一郎', 'イチロウ', 'male'], ['幸子', 'サチコ', 'female'],
  ['正雄', 'マサオ', 'male'], ['和子', 'カズコ', 'female'], ['清', 'キヨシ', 'male'], ['節子', 'セツコ', 'female'],
] as const;
const MUNICIPALITIES = [
  ['011002', '札幌市中央区', '060'], ['012025', '函館市', '040'], ['012033', '小樽市', '047'], ['012041', '旭川市', '070'],
  ['012068', '釧路市', '085'], ['012076', '帯広市', '080'], ['012084', '北見市', '090'], ['012131', '苫小牧市', '053'],
];
const STREETS = ['北1条西', '南3条東', '本町', '緑町', '栄町', '旭町'];

/** The i-th synthetic form (deterministic). Every 37th has a 送付先; addresses use − to exercise folding. */
function syntheticForm(i: number): PrintTarget {
  const [family, familyKana] = FAMILY[i % FAMILY.length];
  const [given, givenKana, sex] = GIVEN[(i >> 3) % GIVEN.length];
  const [code, city, postal] = MUNICIPALITIES[Math.floor((i * MUNICIPALITIES.length) / TOTAL_FORMS)];
  const id = String(10_000_000_000 + i).padStart(23, '0');
  const year = 1926 + (i % 26);
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  const postalCode = `${postal}${String(i % 10_000).padStart(4, '0')}`;
  const address = `北海道${city}${STREETS[i % STREETS.length]}${1 + (i % 20)}丁目${1 + (i % 30)}\u2212${1 + (i % 15)}`;
  return {
    applicationId: id,
    placeholder: false,
    qrData: `https://example.invalid/apply?id=${id}`,
    municipalityCode: code,
    insuredNumber: String(i).padStart(8, '0'),
    name: `${family} ${given}`,
    nameKana: `${familyKana} ${givenKana}`,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex,
    postalCode,
    address,
    delivery: i % 37 === 0 ? { name: `ケアハウスすずらん気付 ${family} ${given}`, postalCode: '0640805', address: `北海道${city}南5条西20丁目1番1号` } : null,
  };
}

function* formsOfUnit(start: number, count: number): Generator<PrintTarget> {
  for (let i = start; i < start + count; i++) yield syntheticForm(i);
}

const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);
const fmt = (n: number): string => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'wavedesk-release-bench-'));
  const staging = join(root, 'staging');
  const outbox = join(root, 'outbox');
  const plain = join(root, 'plain');
  await mkdir(plain);

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 20);

  try {
    // 1. The writer, unit by unit, as the release processor runs it.
    const transport = new FolderTransport(outbox);
    const sizes = releaseUnitSizes(TOTAL_FORMS, UNIT_SIZE);
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    let start = 0;
    let forms = 0;
    let bytes = 0;
    for (const [index, size] of sizes.entries()) {
      const result = await releasePrintUnit(formsOfUnit(start, size), { stagingDirectory: staging, transport, wave: 'bench', unit: index + 1 });
      if (result.status !== 'delivered' || !result.manifest) throw new Error(`unit ${index + 1} was not delivered`);
      forms += result.manifest.count;
      bytes += result.manifest.bytes;
      start += size;
      sample();
    }
    const writerSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const writerCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const writerPeakRss = peakRss;
    if (forms !== TOTAL_FORMS) throw new Error(`wrote ${forms} forms, expected ${TOTAL_FORMS}`);

    // 2. The same bytes through a plain write stream, one file per unit. Reading is not timed.
    const files = (await readdir(outbox)).filter((f) => f.endsWith('.csv')).sort();
    let plainNs = 0n;
    for (const file of files) {
      const data = await readFile(join(outbox, file));
      const t0 = process.hrtime.bigint();
      const stream = createWriteStream(join(plain, file));
      stream.end(data);
      await once(stream, 'finish');
      plainNs += process.hrtime.bigint() - t0;
    }
    const plainSeconds = Number(plainNs) / 1e9;

    const report = {
      forms,
      units: sizes.length,
      unitSize: UNIT_SIZE,
      csvBytes: bytes,
      writerSeconds: Number(writerSeconds.toFixed(2)),
      formsPerSecond: Math.round(forms / writerSeconds),
      writerCpuSeconds: Number(writerCpuSeconds.toFixed(2)),
      peakRssMb: Number(mb(writerPeakRss)),
      startRssMb: Number(mb(startRss)),
      plainStreamSeconds: Number(plainSeconds.toFixed(2)),
      ratio: Number((writerSeconds / plainSeconds).toFixed(1)),
      targetSeconds: TARGET_SECONDS,
      withinTarget: writerSeconds <= TARGET_SECONDS,
      node: process.version,
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
    };
    console.log(`release benchmark: ${fmt(forms)} forms in ${report.units} units of at most ${fmt(UNIT_SIZE)} (${mb(bytes)} MB of Shift_JIS CSV)`);
    console.log(`  writer (checks, CP932, SHA-256, fsync, atomic publish, manifest, FolderTransport):`);
    console.log(`    total ${report.writerSeconds.toFixed(2)} s, ${fmt(report.formsPerSecond)} forms/s, peak RSS ${report.peakRssMb.toFixed(1)} MB (${report.startRssMb.toFixed(1)} MB at start)`);
    console.log(`    CPU time of this process while writing: ${report.writerCpuSeconds.toFixed(2)} s (the rest is waiting for the disk — fsync — or for a busy CPU)`);
    console.log(`  plain fs.createWriteStream, same bytes, same ${files.length} files: ${report.plainStreamSeconds.toFixed(2)} s`);
    console.log(`  ratio writer / plain stream: ${report.ratio.toFixed(1)}×`);
    console.log(`  target ≤ ${TARGET_SECONDS} s: ${report.withinTarget ? 'met' : 'MISSED'}   (node ${report.node}, ${report.cpu}, load average ${report.loadAverage.join(' ')})`);
    console.log(JSON.stringify(report));
    if (!report.withinTarget) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
