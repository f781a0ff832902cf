import * as iconv from 'iconv-lite';
import { createDecoder, SHIFT_JIS_CODEC } from './encoding';

/** Decodes `bytes` handed over in pieces of the given sizes, as a stream would. */
function decodeInPieces(bytes: Buffer, sizes: () => number): string {
  const decoder = createDecoder('shift_jis');
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const n = sizes();
    text += decoder.write(bytes.subarray(i, i + n));
    i += n;
  }
  return text + decoder.end();
}

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('the Shift_JIS (CP932) decoder', () => {
  it('gives exactly the text iconv-lite gives, for real text and for byte soup cut anywhere', () => {
    const rnd = random(20210701);
    const text = '被保険者番号,氏名\r\n10000001,髙橋　﨑子①～−∥￢\r\n10000002,ﾔﾏﾀﾞ ﾊﾅｺ\r\n';
    const sjis = (t: string) => iconv.encode(t, SHIFT_JIS_CODEC);
    const inputs = [sjis(text.repeat(50))];
    // Each on an otherwise clean line: a user-defined character (F941), the controls, a lone 0x80.
    for (const odd of [[0xf9, 0x41], [0x1a], [0x1c], [0x7f], [0x80]]) inputs.push(Buffer.concat([sjis('山田,'), Buffer.from(odd), sjis('花子\r\n'), sjis(text)]));
    // Line feeds, lead bytes, trail bytes and any byte at all: invalid pairs, lone 0x80, the user-defined
    // area F040–F9FC, the controls 0x1A 0x1C 0x7F — where the runtime's decoder and iconv-lite differ.
    for (let k = 0; k < 200; k++) {
      const bytes = Buffer.alloc(500 + Math.floor(rnd() * 3000));
      for (let i = 0; i < bytes.length; i++) {
        const r = rnd();
        bytes[i] = r < 0.05 ? 0x0a : r < 0.3 ? Math.floor(rnd() * 256) : r < 0.6 ? 0x81 + Math.floor(rnd() * 0x1f) : r < 0.7 ? 0xe0 + Math.floor(rnd() * 0x1d) : 0x40 + Math.floor(rnd() * 0xbd);
      }
      inputs.push(bytes);
    }
    for (const bytes of inputs) expect(decodeInPieces(bytes, () => 1 + Math.floor(rnd() * 700))).toBe(iconv.decode(bytes, SHIFT_JIS_CODEC));
  });

  it('reads a line longer than any chunk (no line feed to cut at) the same way', () => {
    const bytes = iconv.encode(`10000001,"${'髙'.repeat(100_000)}"\r\n10000002,x\r\n`, SHIFT_JIS_CODEC);
    expect(decodeInPieces(bytes, () => 4096)).toBe(iconv.decode(bytes, SHIFT_JIS_CODEC));
  });

  it('reads the rest of the file with iconv-lite when a line has no line feed in 256 KiB', () => {
    const bytes = iconv.encode(`10000001,"${'髙'.repeat(140_000)}"\r\n10000002,${'﨑'.repeat(10)}\r\n`, SHIFT_JIS_CODEC);
    expect(decodeInPieces(bytes, () => 32 * 1024)).toBe(iconv.decode(bytes, SHIFT_JIS_CODEC));
  });
});
