/**
 * A tiny seeded random generator (mulberry32) and a Poisson sampler, so simulations and tests give the
 * same numbers on every run.
 */

/** mulberry32: a 32-bit generator, uniform in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Poisson draw with mean `mean`. Knuth's product method on pieces of at most 200 (a sum of independent
 * Poisson draws is Poisson with the summed mean), so e^(−mean) never underflows.
 */
export function poisson(random: () => number, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`Poisson mean must be finite and ≥ 0, got ${mean}`);
  let count = 0;
  let remaining = mean;
  while (remaining > 0) {
    const piece = Math.min(remaining, 200);
    remaining -= piece;
    const limit = Math.exp(-piece);
    let product = random();
    while (product > limit) {
      count++;
      product *= random();
    }
  }
  return count;
}
