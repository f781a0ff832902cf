import { createHmac } from 'node:crypto';
import { hmacKey, KeyHasher } from './keyed-hash';

describe('keyed hashes (HMAC-SHA256)', () => {
  it('hmacKey is the first 128 bits of node:crypto HMAC-SHA256 in hex', () => {
    const full = createHmac('sha256', 'secret').update('佐藤花子').digest('hex');
    expect(hmacKey('佐藤花子', 'secret')).toBe(full.slice(0, 32));
    expect(hmacKey('佐藤花子', 'secret')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('KeyHasher gives exactly hmacKey for short, long, non-BMP and multi-block inputs and any secret length', () => {
    const inputs = ['', 'a', 'E\u001f髙橋ハナ\u001f1940-03-02\u001fF\u001f011002|北1条西2-3-4', '𠮷田', 'x'.repeat(55), 'x'.repeat(56),
      'y'.repeat(64), 'z'.repeat(119), '漢'.repeat(400)];
    for (const secret of ['k', 'a-much-longer-secret-of-sixty-four-bytes-or-more-0123456789-abcdefghij', Buffer.from([0, 1, 2, 255])]) {
      const hasher = new KeyHasher(secret);
      for (const input of inputs) expect(hasher.key(input)).toBe(hmacKey(input, secret));
    }
  });

  it('different secrets give unrelated keys, so a stolen table cannot be checked against guessed names', () => {
    expect(new KeyHasher('one').key('佐藤花子')).not.toBe(new KeyHasher('two').key('佐藤花子'));
  });

  it('refuses an empty secret', () => {
    expect(() => new KeyHasher('')).toThrow(/secret/);
  });
});
