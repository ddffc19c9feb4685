// Tests for sweeps/sobol-sequence.ts: the direction-number table is valid, and points keep Sobol's stratification.
// Primitivity is checked by brute force so a typo in the typed table fails here, not silently in a sweep.
import { describe, expect, it } from 'vitest';
import { MAX_SOBOL_DIMS, SOBOL_POLYNOMIALS, sobolPoints } from '../../sweeps/sobol-sequence.js';

/** Multiplicative order of x modulo the GF(2) polynomial with bit mask `poly` of degree s. */
function orderOfX(poly: number, s: number): number {
  let value = 1;
  for (let e = 1; e <= 2 ** s; e++) {
    value <<= 1;
    if (value & (1 << s)) value ^= poly;
    if (value === 1) return e;
  }
  return -1;
}

function countPerCell(points: Float64Array, dims: number, dimsUsed: number[], cellsPerAxis: number, n: number): Uint32Array {
  const counts = new Uint32Array(cellsPerAxis ** dimsUsed.length);
  for (let i = 0; i < n; i++) {
    let cell = 0;
    for (const d of dimsUsed) cell = cell * cellsPerAxis + Math.floor(points[i * dims + d] * cellsPerAxis);
    counts[cell]++;
  }
  return counts;
}

describe('Sobol direction numbers', () => {
  it('cover 32 dimensions', () => {
    expect(MAX_SOBOL_DIMS).toBe(32);
  });
  it('use primitive polynomials and odd initial numbers m_i < 2^i', () => {
    for (const { s, a, m } of SOBOL_POLYNOMIALS) {
      const poly = (1 << s) | (a << 1) | 1;
      expect(orderOfX(poly, s), `s=${s} a=${a}`).toBe(2 ** s - 1);
      expect(m).toHaveLength(s);
      m.forEach((mi, i) => {
        expect(mi % 2).toBe(1);
        expect(mi).toBeLessThan(2 ** (i + 1));
      });
    }
  });
  it('are distinct polynomials', () => {
    const keys = SOBOL_POLYNOMIALS.map(({ s, a }) => `${s}:${a}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('sobolPoints', () => {
  it('starts with the textbook unscrambled points', () => {
    const p = sobolPoints(4, 2, 0, { scramble: false });
    expect(Array.from(p)).toEqual([0, 0, 0.5, 0.5, 0.25, 0.75, 0.75, 0.25]);
  });
  it('puts one of the first 2^m points in each of 2^m intervals, in every dimension, scrambled or not', () => {
    const n = 1024;
    for (const scramble of [false, true]) {
      const p = sobolPoints(n, MAX_SOBOL_DIMS, 7, { scramble });
      for (let d = 0; d < MAX_SOBOL_DIMS; d++) {
        const counts = countPerCell(p, MAX_SOBOL_DIMS, [d], n, n);
        expect(counts.every((c) => c === 1), `dim ${d}, scramble ${scramble}`).toBe(true);
      }
    }
  });
  it('makes the first two dimensions a (0, m, 2)-net: one point per 32 x 32 cell', () => {
    for (const scramble of [false, true]) {
      const p = sobolPoints(1024, 2, 3, { scramble });
      expect(countPerCell(p, 2, [0, 1], 32, 1024).every((c) => c === 1)).toBe(true);
    }
  });
  it('stays in [0, 1) and averages 1/2', () => {
    const p = sobolPoints(4096, 6, 11);
    let sum = 0;
    let lowest = Infinity;
    let highest = -Infinity;
    for (const x of p) {
      sum += x;
      lowest = Math.min(lowest, x);
      highest = Math.max(highest, x);
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThan(1);
    expect(sum / p.length).toBeCloseTo(0.5, 3);
  });
  it('is identical for a seed and different across seeds', () => {
    expect(sobolPoints(64, 5, 42)).toEqual(sobolPoints(64, 5, 42));
    expect(sobolPoints(64, 5, 42)).not.toEqual(sobolPoints(64, 5, 43));
  });
  it('rejects more dimensions than the table holds', () => {
    expect(() => sobolPoints(8, 33, 0)).toThrow(RangeError);
  });
});
