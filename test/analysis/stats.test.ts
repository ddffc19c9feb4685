// Tests for analysis/stats.ts: t quantiles, one-sample, paired and Welch intervals against hand-computed values.
// Includes a seeded coverage check so a wrong quantile or df would show up as the wrong share of intervals.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { approxPower, meanAndSd, normalCdf, pairedDifference, quantileSorted, sizeForPower, summarize, tQuantile, welchDifference } from '../../analysis/stats.js';

describe('tQuantile', () => {
  it('matches tabulated Student t values', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062047, 6);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764451, 6);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281389, 6);
    expect(tQuantile(0.995, 30)).toBeCloseTo(2.7499957, 6);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281389, 6);
  });
  it('tends to the normal quantile for huge or infinite df', () => {
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 5);
  });
  it('rejects p outside [0, 1] and non-positive df', () => {
    expect(() => tQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives mean, sample sd and the 95% t interval', () => {
    const s = summarize([1, 2, 3, 4, 5]);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.n).toBe(5);
    expect(s.df).toBe(4);
    const half = 2.7764451 * Math.sqrt(2.5) / Math.sqrt(5);
    expect(s.lo).toBeCloseTo(3 - half, 6);
    expect(s.hi).toBeCloseTo(3 + half, 6);
    expect(s.level).toBe(0.95);
  });
  it('narrows with a lower level', () => {
    const wide = summarize([1, 2, 3, 4, 5], 0.99);
    const narrow = summarize([1, 2, 3, 4, 5], 0.8);
    expect(wide.hi - wide.lo).toBeGreaterThan(narrow.hi - narrow.lo);
  });
  it('accepts typed arrays', () => {
    expect(summarize(new Float64Array([2, 4])).mean).toBe(3);
  });
  it('n = 1 has a mean but no sd or interval', () => {
    const s = summarize([7]);
    expect(s.mean).toBe(7);
    expect(s.sd).toBeNaN();
    expect(s.lo).toBeNaN();
    expect(s.hi).toBeNaN();
  });
  it('n = 0 is all NaN', () => {
    expect(summarize([]).mean).toBeNaN();
  });
  it('zero spread gives a degenerate interval at the mean', () => {
    const s = summarize([4, 4, 4]);
    expect([s.lo, s.hi, s.sd]).toEqual([4, 4, 0]);
  });
  it('keeps precision with a large offset', () => {
    const s = meanAndSd([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(s.sd).toBeCloseTo(1, 9);
  });
  it('rejects a level outside (0, 1)', () => {
    expect(() => summarize([1, 2], 95)).toThrow(RangeError);
  });
  it('covers the true mean about 95% of the time (seeded normal samples, n = 5)', () => {
    const rng = seedrandom('coverage');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let covered = 0;
    const trials = 4000;
    const sample = new Float64Array(5);
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < 5; i++) sample[i] = 10 + 3 * normal();
      const s = summarize(sample);
      if (s.lo <= 10 && 10 <= s.hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });
});

describe('pairedDifference', () => {
  it('is the interval of the index-wise differences', () => {
    const a = [10, 12, 14, 11];
    const b = [9, 10, 13, 9];
    const d = pairedDifference(a, b);
    const direct = summarize([1, 2, 1, 2]);
    expect(d).toEqual(direct);
    expect(d.mean).toBe(1.5);
  });
  it('removes shared seed noise that an unpaired test keeps', () => {
    const noise = [5, -3, 8, -6, 1, 0, 4];
    const a = noise.map((x) => 100 + x + 1);
    const b = noise.map((x) => 100 + x);
    const paired = pairedDifference(a, b);
    const unpaired = welchDifference(a, b);
    expect(paired.lo).toBe(1);
    expect(paired.hi).toBe(1);
    expect(unpaired.lo).toBeLessThan(0);
  });
  it('rejects unequal lengths', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/equal lengths/);
  });
});

describe('welchDifference', () => {
  it('uses 2n - 2 df when sizes and variances are equal', () => {
    const w = welchDifference([11, 12, 13], [1, 2, 3]);
    expect(w.mean).toBe(10);
    expect(w.df).toBeCloseTo(4, 12);
    expect(w.se).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(w.hi - w.lo).toBeCloseTo(2 * 2.7764451 * Math.sqrt(2 / 3), 5);
    expect(w.n).toBe(6);
  });
  it('gives the Welch–Satterthwaite df for unequal variances', () => {
    const w = welchDifference([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(w.mean).toBe(-3);
    expect(w.df).toBeCloseTo(6.25 / 1.0625, 10);
    expect(w.hi - w.lo).toBeCloseTo(2 * tQuantile(0.975, 6.25 / 1.0625) * Math.sqrt(2.5), 10);
  });
  it('is NaN-bounded when a side has fewer than two values', () => {
    const w = welchDifference([1], [1, 2, 3]);
    expect(w.lo).toBeNaN();
  });
});

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10, 20], 0.25)).toBe(12.5);
  });
});

describe('normalCdf, approxPower, sizeForPower', () => {
  it('normalCdf matches standard values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
  it('approxPower is 50% when the mean is 1.96 standard errors from zero, 95% at 1.96 + 1.645', () => {
    expect(approxPower(1.959964, 1, 1)).toBeCloseTo(0.5, 6);
    expect(approxPower(-(1.959964 + 1.644854), 2, 4)).toBeCloseTo(0.95, 6);
  });
  it('sizeForPower inverts approxPower (rounded up)', () => {
    const n = sizeForPower(0.0876, 0.117, 0.95);
    expect(approxPower(0.0876, 0.117, n)).toBeGreaterThanOrEqual(0.95);
    expect(approxPower(0.0876, 0.117, n - 1)).toBeLessThan(0.95);
  });
});
