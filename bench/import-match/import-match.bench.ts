/**
 * Benchmark: imports and matching at full scale on MariaDB, beside MariaDB's own LOAD DATA (not a test).
 *
 *   npx tsx bench/import-match/import-match.bench.ts [--reuse DIR] [--keep] [--insured-only]
 *
 * Run it as the worker and the CLI run (docs/imports.md §7): NODE_OPTIONS=--max-semi-space-size=64; on a
 * shared machine inside `flock /tmp/bench.lock`. The first line printed is NODE_OPTIONS.
 *
 * In one run: generates the default synthetic set (838,877 insured, 26.8 % card holders, Shift_JIS), creates
 * a throwaway database on BENCH_MYSQL_SERVER (default mysql://root@127.0.0.1:3306), migrates it, loads the
 * insured file with `LOAD DATA LOCAL INFILE` into a plain table (the floor: no validation, no keys, no
 * transaction of ours), reads and checks the same file without writing (the reader's own floor), imports the insured list and the card-holder list with the real ImportRunner (the
 * worker's and the CLI's code), matches one batch over all 179 municipalities with the real MatchRunner,
 * checks 614,058 targets and the planted near matches, and prints seconds, rows/s, this process's CPU seconds,
 * the load average and peak RSS per step (on a shared machine the load average says how far to trust a run).
 * `--reuse DIR` takes an already generated set from DIR (then the generate step is skipped); `--keep`
 * keeps the database; `--insured-only` stops after the insured import (for quick iterations on it).
 *
 * Targets (issue 3): import ≤ 2 × LOAD DATA's time; matching ≥ 1,000,000 persons/s after loading;
 * peak RSS ≤ 1.5 GB.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

const args = process.argv.slice(2);
const reuse = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1] : undefined;
const keep = args.includes('--keep');
const insuredOnly = args.includes('--insured-only');
const server = process.env.BENCH_MYSQL_SERVER ?? process.env.TEST_MYSQL_SERVER ?? 'mysql://root@127.0.0.1:3306';

interface Step {
  step: string;
  rows: number;
  seconds: number;
  /** CPU seconds of this Node process (all its threads) during the step. */
  cpuSeconds: number;
  peakRssMb: number;
  note?: string;
}

/** Samples RSS while a step runs (and once at its end): the step's peak as this process sees it. */
async function measure<T>(step: string, rows: (result: T) => number, work: () => Promise<T>, note?: (result: T) => string): Promise<{ result: T; step: Step }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage().rss);
    const s: Step = { step, rows: rows(result), seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: peak / 2 ** 20, note: note?.(result) };
    process.stdout.write(
      `  ${step}: ${s.seconds.toFixed(2)} s, ${Math.round(s.rows / s.seconds).toLocaleString('en-US')} rows/s, Node CPU ${s.cpuSeconds.toFixed(2)} s, ` +
        `peak RSS ${s.peakRssMb.toFixed(0)} MB, load average ${loadavg()[0].toFixed(1)}${s.note ? `, ${s.note}` : ''}\n`,
    );
    return { result, step: s };
  } finally {
    clearInterval(timer);
  }
}

function connect(database?: string): Promise<Connection> {
  const url = new URL(server);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    infileStreamFactory: (path: string) => createReadStream(path),
  });
}

async function main(): Promise<void> {
  const steps: Step[] = [];
  const work = mkdtempSync(join(tmpdir(), 'wavedesk-bench-'));
  const database = `wavedesk_bench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  process.stdout.write(`NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ''}\n`);
  process.stdout.write(`import-match benchmark: ${cpus().length} vCPU (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}\n`);

  // 1. Generate.
  const { generateDataset } = await import('@wavedesk/imports');
  type Dataset = Awaited<ReturnType<typeof generateDataset>>;
  let dataset: Dataset;
  if (reuse && existsSync(join(reuse, 'expected.json'))) {
    const stored = JSON.parse(readFileSync(join(reuse, 'expected.json'), 'utf8')) as Omit<Dataset, 'files'>;
    dataset = { ...stored, files: { insured: join(reuse, 'insured.sjis.csv'), cardHolders: join(reuse, 'card-holders.sjis.csv'), applicationIds: null, expected: join(reuse, 'expected.json') } };
    process.stdout.write(`  generate: reused ${reuse}\n`);
  } else {
    const g = await measure('generate (838,877 insured, Shift_JIS)', (d: Dataset) => d.expected.insured, () => generateDataset({ dir: join(work, 'data'), encoding: 'shift_jis' }));
    steps.push(g.step);
    dataset = g.result;
  }
  const e = dataset.expected;
  const insuredBytes = statSync(dataset.files.insured).size;
  process.stdout.write(`  files: insured ${(insuredBytes / 2 ** 20).toFixed(1)} MB, card holders ${(statSync(dataset.files.cardHolders).size / 2 ** 20).toFixed(1)} MB\n`);

  const admin = await connect();
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [vars] = await admin.query(`SHOW VARIABLES WHERE Variable_name IN ('local_infile', 'innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit', 'version')`);
  const settings = Object.fromEntries((vars as Array<{ Variable_name: string; Value: string }>).map((v) => [v.Variable_name, v.Value]));
  if (settings.local_infile !== 'ON') await admin.query('SET GLOBAL local_infile = 1');
  process.stdout.write(`  MariaDB ${settings.version}: innodb_buffer_pool_size ${(Number(settings.innodb_buffer_pool_size) / 2 ** 20).toFixed(0)} MB, innodb_flush_log_at_trx_commit ${settings.innodb_flush_log_at_trx_commit}\n`);

  Object.assign(process.env, {
    DATABASE_URL: `${server}/${database}`,
    DATA_DIR: join(work, 'data-dir'),
    MATCH_HMAC_KEY: 'benchmark-match-key-0123456789',
    JWT_SECRET: 'benchmark-jwt-secret-0123456789',
    LOG_LEVEL: 'silent',
  });
  // tsx emits no decorator metadata, so Nest cannot wire the services here: build them by hand (the same
  // classes the worker and the CLI get from Nest).
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions, runMigrations } = await import('@wavedesk/database');
  const { loadConfig } = await import('@wavedesk/config');
  const { AuditEntry, AuditService } = await import('@wavedesk/audit');
  const { SystemClock } = await import('@wavedesk/common');
  const { NullLivePublisher } = await import('@wavedesk/live');
  const { ImportErrorRecord, ImportRecord, ImportRegistry, ImportRunner, MatchKeyService } = await import('@wavedesk/imports');
  const { Batch } = await import('../../libs/mailing/src/campaigns/batch.entity');
  const { EmptyFormLedger, MatchRun, MatchRunner } = await import('../../libs/mailing/src/matching');
  const config = loadConfig();
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  await runMigrations(dataSource);
  const clock = new SystemClock();
  const audit = new AuditService(dataSource.getRepository(AuditEntry));
  const keys = new MatchKeyService(config);
  const live = new NullLivePublisher();
  const registry = new ImportRegistry(dataSource.getRepository(ImportRecord), dataSource.getRepository(ImportErrorRecord), audit, clock);
  const runner = new ImportRunner(dataSource, dataSource.getRepository(ImportRecord), dataSource.getRepository(ImportErrorRecord), keys, live, audit, clock);
  const matchRunner = new MatchRunner(dataSource, dataSource.getRepository(MatchRun), dataSource.getRepository(Batch), dataSource.getRepository(ImportRecord), keys, new EmptyFormLedger(), live, audit, clock);
  try {
    const actor = { id: null, username: 'bench', role: null } as const;

    // 2. The floor: MariaDB's own LOAD DATA of the same file into a plain table (same columns, no keys).
    const db = await connect(database);
    await db.query(`CREATE TABLE plain_insured (
      insuredNumber varchar(8), municipalityCode varchar(6), name varchar(100), nameKana varchar(100), birthDate varchar(10), sex varchar(6),
      postalCode varchar(8), address varchar(200), lossDate varchar(10), deliveryName varchar(100), deliveryPostalCode varchar(8), deliveryAddress varchar(200)
    ) ENGINE=InnoDB`);
    const load = await measure('LOAD DATA LOCAL INFILE (insured → plain table)', (n: number) => n, async () => {
      const [r] = await db.query(
        `LOAD DATA LOCAL INFILE ? INTO TABLE plain_insured CHARACTER SET cp932 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES`,
        [dataset.files.insured],
      );
      return (r as { affectedRows: number }).affectedRows;
    });
    steps.push(load.step);
    await db.query('DROP TABLE plain_insured');
    await db.end();

    // The reader alone (decode, parse, check every row; no database): the floor of any import of this file.
    const { readImport } = await import('@wavedesk/imports');
    const readOnly = await measure('read + check only (no database; the floor of the import)', (n: number) => n, async () => {
      let n = 0;
      for await (const batch of readImport('insured', createReadStream(dataset.files.insured, { highWaterMark: 256 * 1024 }), { sha256: false }).batches()) n += batch.length;
      return n;
    });
    steps.push(readOnly.step);

    // 3. Imports with the real code (validate every row, hash keys, upsert in one transaction).
    const importFile = async (kind: 'insured' | 'card-holders', path: string, asOf: string | null) => {
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
      const record = await registry.register(kind, { fileName: path.split('/').pop()!, sizeBytes: statSync(path).size, sha256: hash.digest('hex') }, { encoding: 'auto', validOnly: false, asOf }, actor);
      const done = await runner.run(record.id, path);
      if (done.status !== 'stored') throw new Error(`${kind} import ${done.status}: ${done.message}`);
      return done;
    };
    const insured = await measure('import insured (read, check every row, LOAD DATA into insured_persons, one transaction)', (r: { rowsStored: number }) => r.rowsStored, () => importFile('insured', dataset.files.insured, null));
    steps.push(insured.step);
    const ratio = insured.step.seconds / load.step.seconds;
    const ratioLine = `import insured / LOAD DATA: ${ratio.toFixed(2)} × (target ≤ 2) ${ratio <= 2 ? 'OK' : 'MISSED'}; reading and checking alone: ${(readOnly.step.seconds / load.step.seconds).toFixed(2)} ×\n`;
    if (insuredOnly) {
      process.stdout.write(`\n${ratioLine}`);
      printTable(steps);
      return;
    }
    const holders = await measure('import card holders (check, hash keys, keep hashes only)', (r: { rowsStored: number }) => r.rowsStored, () => importFile('card-holders', dataset.files.cardHolders, dataset.referenceDate));
    steps.push(holders.step);

    // 4. Match one batch over all 179 municipalities.
    const [{ id: campaignId }] = [await dataSource.query(`INSERT INTO campaigns (name, createdBy, createdAt) VALUES ('benchmark', 'bench', NOW(3))`)].map((r: { insertId: number }) => ({ id: r.insertId }));
    const codes = JSON.stringify((await dataSource.query('SELECT DISTINCT municipalityCode AS code FROM insured_persons ORDER BY code')).map((r: { code: string }) => r.code));
    const batchInsert = await dataSource.query(`INSERT INTO batches (campaignId, name, matchDate, mailFrom, mailTo, municipalityCodes, status, createdAt) VALUES (?, '1回目分', ?, ?, ?, ?, 'draft', NOW(3))`, [
      campaignId, dataset.referenceDate, dataset.referenceDate, dataset.referenceDate, codes,
    ]);
    const run = await matchRunner.createRun((batchInsert as { insertId: number }).insertId, 'bench');
    const match = await measure('match (load + match + write results)', (r: { persons: number }) => r.persons, () => matchRunner.run(run.id));
    steps.push(match.step);
    const report = match.result;
    if (report.run.status !== 'done') throw new Error(`match ${report.run.status}: ${report.run.message}`);
    const counts = Object.values(JSON.parse(report.run.summary!) as Record<string, { target: number; review: number; cardHolders: number }>);
    const total = (k: 'target' | 'review' | 'cardHolders') => counts.reduce((a, c) => a + c[k], 0);
    const rate = report.persons / (report.matchMs / 1000);
    process.stdout.write(
      `    of which: load ${(report.loadMs / 1000).toFixed(2)} s, match ${(report.matchMs / 1000).toFixed(3)} s = ${Math.round(rate).toLocaleString('en-US')} persons/s ` +
        `(${report.nearCandidates} near candidates), write ${(report.writeMs / 1000).toFixed(2)} s\n`,
    );

    // 5. Check and sum up.
    const ok = total('target') === e.targets && total('review') === e.review && total('cardHolders') === e.excluded;
    process.stdout.write(`\nresult: targets ${total('target').toLocaleString('en-US')} (expected ${e.targets.toLocaleString('en-US')}), review ${total('review')} (expected ${e.review}), excluded ${total('cardHolders').toLocaleString('en-US')} (expected ${e.excluded.toLocaleString('en-US')}) → ${ok ? 'OK' : 'MISMATCH'}\n`);
    const peak = Math.max(...steps.map((s) => s.peakRssMb));
    process.stdout.write(ratioLine);
    process.stdout.write(`matching: ${Math.round(rate).toLocaleString('en-US')} persons/s (target ≥ 1,000,000) ${rate >= 1e6 ? 'OK' : 'MISSED'}\n`);
    process.stdout.write(`peak RSS: ${peak.toFixed(0)} MB (target ≤ 1,536 MB) ${peak <= 1536 ? 'OK' : 'MISSED'}; process maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n\n`);
    printTable(steps);
    if (!ok) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
}

function printTable(steps: Step[]): void {
  process.stdout.write('| step | rows | seconds | rows/s | Node CPU s | peak RSS (MB) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
  for (const s of steps) {
    process.stdout.write(`| ${s.step} | ${s.rows.toLocaleString('en-US')} | ${s.seconds.toFixed(2)} | ${Math.round(s.rows / s.seconds).toLocaleString('en-US')} | ${s.cpuSeconds.toFixed(2)} | ${s.peakRssMb.toFixed(0)} |\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
