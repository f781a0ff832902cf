/**
 * Poisson tail probabilities, for the evidence shown with a trip ("41 inquiries where 19.5 were expected:
 * p = 0.00002") and for the evaluation's detectability bound. Computed from the log of each term, so it
 * stays finite for thousands of inquiries.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(X = k) for X ~ Poisson(mean). */
export function poissonLogPmf(k: number, mean: number): number {
  if (mean === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return -mean + k * Math.log(mean) - lnGamma(k + 1);
}

/** P(X ≥ k) for X ~ Poisson(mean): how surprising `k` or more inquiries are when `mean` were expected. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (k > mean) {
    // Sum upwards from k: terms fall at least geometrically once past the mean.
    let term = Math.exp(poissonLogPmf(k, mean));
    let sum = 0;
    for (let j = k; term > sum * 1e-17 && j < k + 100_000; j++) {
      sum += term;
      term *= mean / (j + 1);
    }
    return Math.min(1, sum);
  }
  // 1 − P(X ≤ k − 1), summing downwards from k − 1.
  let term = Math.exp(poissonLogPmf(k - 1, mean));
  let sum = 0;
  for (let j = k - 1; j >= 0 && term > sum * 1e-17; j--) {
    sum += term;
    term *= j / mean;
  }
  return Math.max(0, 1 - sum);
}
