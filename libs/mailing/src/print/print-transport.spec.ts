import { DomainError } from '@wavedesk/common';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderTransport, type PrintTransport, releasePrintUnit } from './print-transport';
import { writePrintUnit } from './print-unit-writer';
import type { PrintTarget } from './print-target';
import { testTarget } from './testing/targets';

let root: string;
let staging: string;
let outbox: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavedesk-transport-'));
  staging = join(root, 'staging');
  outbox = join(root, 'outbox');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const targets = (from: number, count: number): PrintTarget[] => Array.from({ length: count }, (_, i) => testTarget(from + i));

describe('FolderTransport', () => {
  it('delivers the CSV and the manifest, and then says the unit exists', async () => {
    const transport = new FolderTransport(outbox);
    const written = await writePrintUnit(targets(1, 3), { directory: staging, wave: 5, unit: 1 });
    expect(await transport.exists('wave-5-unit-0001')).toBe(false);
    expect(await transport.put(written.files)).toBe('delivered');
    expect(await transport.exists('wave-5-unit-0001')).toBe(true);
    expect((await readdir(outbox)).sort()).toEqual(['wave-5-unit-0001.csv', 'wave-5-unit-0001.manifest.json']);
    expect(await readFile(join(outbox, 'wave-5-unit-0001.csv'))).toEqual(await readFile(written.files.csvPath));
    expect(await transport.put(written.files)).toBe('exists');
  });

  it('finishes a delivery that stopped after the CSV, when the CSV is the same', async () => {
    const transport = new FolderTransport(outbox);
    const written = await writePrintUnit(targets(1, 3), { directory: staging, wave: 5, unit: 1 });
    await transport.put(written.files);
    await rm(join(outbox, 'wave-5-unit-0001.manifest.json'));
    expect(await transport.put(written.files)).toBe('delivered');
    expect(await transport.exists('wave-5-unit-0001')).toBe(true);
  });

  it('never overwrites a different file of the same name: 409 for an admin to reconcile', async () => {
    const transport = new FolderTransport(outbox);
    const written = await writePrintUnit(targets(1, 3), { directory: staging, wave: 5, unit: 1 });
    await mkdir(outbox);
    await writeFile(join(outbox, 'wave-5-unit-0001.csv'), 'something else');
    const error = await transport.put(written.files).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('print_unit_mismatch');
    expect(await readFile(join(outbox, 'wave-5-unit-0001.csv'), 'utf8')).toBe('something else');
    expect(await transport.exists('wave-5-unit-0001')).toBe(false);
  });
});

describe('releasePrintUnit', () => {
  it('writes, delivers, and cleans the staging folder', async () => {
    const result = await releasePrintUnit(targets(1, 4), { stagingDirectory: staging, transport: new FolderTransport(outbox), wave: 'b1-w1', unit: 2 });
    expect(result).toMatchObject({ status: 'delivered', name: 'wave-b1-w1-unit-0002', substituted: [] });
    expect(result.manifest?.count).toBe(4);
    expect(await readdir(staging)).toEqual([]);
    expect((await readdir(outbox)).sort()).toEqual(['wave-b1-w1-unit-0002.csv', 'wave-b1-w1-unit-0002.manifest.json']);
  });

  it('does nothing — not even read the rows — when the transport already has the unit', async () => {
    const transport = new FolderTransport(outbox);
    await releasePrintUnit(targets(1, 4), { stagingDirectory: staging, transport, wave: 9, unit: 1 });
    const before = await readFile(join(outbox, 'wave-9-unit-0001.csv'));
    let read = 0;
    const rows = (function* () {
      read++;
      yield testTarget(100);
    })();
    const again = await releasePrintUnit(rows, { stagingDirectory: staging, transport, wave: 9, unit: 1 });
    expect(again).toEqual({ status: 'exists', name: 'wave-9-unit-0001', substituted: [] });
    expect(read).toBe(0);
    expect(await readFile(join(outbox, 'wave-9-unit-0001.csv'))).toEqual(before);
  });

  it('hands nothing to the transport when the unit is refused', async () => {
    const calls: string[] = [];
    const transport: PrintTransport = {
      exists: async () => false,
      put: async (files) => {
        calls.push(files.name);
        return 'delivered';
      },
    };
    await expect(
      releasePrintUnit([testTarget(1, { placeholder: true })], { stagingDirectory: staging, transport, wave: 9, unit: 1 }),
    ).rejects.toMatchObject({ code: 'placeholder_in_release' });
    expect(calls).toEqual([]);
  });
});
