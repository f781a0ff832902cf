/**
 * Matcher throughput on a full synthetic dataset (not a test; numbers depend on the machine):
 *   npx tsx libs/matching/src/matcher.bench.ts [dataset-dir]
 * Generates the default dataset (838,877 insured, 224,819 holders) into the folder when it holds none,
 * imports both lists with the real reader, computes keys as the import would, loads them into the
 * matcher (hex → fingerprints) and times the match loop alone, best of 5 runs. Prints persons/s and
 * checks the outcome against the generator's expected counts.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset, readImport, type DatasetExpectation } from '@wavedesk/imports';
import {
  CardHolderIndex,
  defaultMunicipalityDirectory,
  MatchHasher,
  matchKeyParts,
  Matcher,
  type MatchKeyParts,
  type PreparedInsured,
} from '@wavedesk/matching';

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(process.cwd(), 'tmp', 'synthetic-default');
  let t = process.hrtime.bigint();
  if (!existsSync(join(dir, 'expected.json'))) {
    await generateDataset({ dir, encoding: 'shift_jis' });
    console.log(`generate: ${seconds(t).toFixed(1)} s`);
  }
  const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { expected: DatasetExpectation }).expected;
  const directory = defaultMunicipalityDirectory();
  const hasher = new MatchHasher('benchmark-secret');

  t = process.hrtime.bigint();
  const index = new CardHolderIndex(expected.holders);
  for await (const batch of readImport('card-holders', createReadStream(join(dir, 'card-holders.sjis.csv')), { today: '2021-07-01' }).batches()) {
    for (const { record } of batch) {
      if (!record) throw new Error('unexpected invalid holder row');
      index.add(record.insuredNumber ? { insuredNumber: record.insuredNumber } : hasher.cardHolder(matchKeyParts(record, directory)));
    }
  }
  console.log(`card holders read + hashed: ${index.size} in ${seconds(t).toFixed(1)} s`);

  t = process.hrtime.bigint();
  const people: PreparedInsured[] = [];
  let nearComputed = 0;
  for await (const batch of readImport('insured', createReadStream(join(dir, 'insured.sjis.csv')), { today: '2021-07-01' }).batches()) {
    for (const { record } of batch) {
      if (!record) throw new Error('unexpected invalid insured row');
      const parts: MatchKeyParts = matchKeyParts(record, directory, record.municipalityCode);
      const prepared = Matcher.prepare({ insuredNumber: record.insuredNumber, ...hasher.insured(parts) });
      const near = { name: parts.name, bucket: parts.bucket }; // all the near queries need
      prepared.near = (hits) => {
        nearComputed++;
        return hasher.nearQueryFingerprints(near, hits);
      };
      people.push(prepared);
    }
  }
  console.log(`insured read + hashed + loaded: ${people.length} in ${seconds(t).toFixed(1)} s`);

  const matcher = new Matcher(index);
  let best = Infinity;
  let bestCpu = Infinity;
  let tally: Record<string, number> = {};
  for (let run = 0; run < 5; run++) {
    nearComputed = 0;
    tally = { excluded: 0, review: 0, target: 0 };
    const cpu = process.cpuUsage();
    t = process.hrtime.bigint();
    for (const p of people) tally[matcher.matchPrepared(p).status]++;
    best = Math.min(best, seconds(t));
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, used.user / 1e6);
  }
  const rate = (s: number): string => Math.round(people.length / s).toLocaleString('en');
  console.log(`match: ${people.length} persons in ${(best * 1000).toFixed(0)} ms wall (${rate(best)} persons/s), ${(bestCpu * 1000).toFixed(0)} ms CPU (${rate(bestCpu)} persons/s), best of 5; near queries computed for ${nearComputed}`);
  const withoutNear = people.map((p) => ({ ...p, near: undefined }));
  let bestLookups = Infinity;
  for (let run = 0; run < 5; run++) {
    t = process.hrtime.bigint();
    for (const p of withoutNear) matcher.matchPrepared(p);
    bestLookups = Math.min(bestLookups, seconds(t));
  }
  console.log(`lookups alone (no near queries): ${(bestLookups * 1000).toFixed(0)} ms wall (${rate(bestLookups)} persons/s); load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
  console.log(`outcome: ${JSON.stringify(tally)}; expected excluded ${expected.excluded}, review ${expected.review}, targets ${expected.targets}`);
  console.log(`peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const ok = tally.excluded === expected.excluded && tally.review === expected.review && tally.target === expected.targets;
  if (!ok) process.exitCode = 1;
}

void main();
