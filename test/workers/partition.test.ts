// Partition tests: regions go to threads balanced by households, every region exactly once; firm rows split evenly.
import { describe, expect, it } from 'vitest';
import { balanceWeights, partitionRegions, regionOrder, rowRange } from '../../workers/partition.js';

const loadsOf = (households: number[], owner: Int32Array, threads: number) => {
  const load = new Array<number>(threads).fill(0);
  households.forEach((n, r) => (load[owner[r]!] += n));
  return load;
};

describe('partitionRegions', () => {
  it('balances the default scenario\'s eight unequal regions over two threads to within 1%', () => {
    const households = [20000, 12000, 10000, 10000, 9000, 8000, 9000, 22000];
    const { owner, load } = partitionRegions(households, 2);
    expect(loadsOf(households, owner, 2)).toEqual(load);
    expect(Math.max(...load) / (100000 / 2)).toBeLessThan(1.01);
  });

  it('keeps the largest load within 4/3 of the best possible split (greedy largest-first bound)', () => {
    const households = [5000, 4000, 3000, 3000, 2500, 2000, 1500, 1000, 800, 700, 500, 100];
    const total = households.reduce((a, b) => a + b, 0);
    for (const threads of [2, 3, 4]) {
      const { load } = partitionRegions(households, threads);
      const lowerBound = Math.max(total / threads, Math.max(...households));
      expect(Math.max(...load)).toBeLessThanOrEqual((4 / 3) * lowerBound);
      expect(load.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('gives one big region a thread of its own instead of splitting the rest unevenly', () => {
    const { owner, load } = partitionRegions([900, 100, 100, 100], 2);
    expect(owner[0]).toBe(0);
    expect([...owner.slice(1)]).toEqual([1, 1, 1]);
    expect(load).toEqual([900, 300]);
  });

  it('leaves threads idle (load 0) when there are more threads than regions, and is deterministic', () => {
    const a = partitionRegions([30, 30, 40], 8);
    const b = partitionRegions([30, 30, 40], 8);
    expect([...a.owner]).toEqual([...b.owner]);
    expect(a.load.filter((x) => x > 0)).toHaveLength(3);
    expect(new Set(a.owner).size).toBe(3);
  });
});

describe('rowRange', () => {
  it('covers every row exactly once with parts differing by at most one row', () => {
    for (const [rows, parts] of [[5500, 2], [5500, 3], [7, 8], [0, 4], [100, 1]] as const) {
      let next = 0;
      const sizes: number[] = [];
      for (let k = 0; k < parts; k++) {
        const [from, to] = rowRange(rows, parts, k);
        expect(from).toBe(next);
        next = to;
        sizes.push(to - from);
      }
      expect(next).toBe(rows);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

describe('balanceWeights', () => {
  it('weights regions by households until all are timed, then by smoothed time per household', () => {
    const households = [100, 100, 200];
    const perHousehold = new Float64Array(3);
    const weights = new Float64Array(3);
    balanceWeights(households, Float64Array.from([1000, 0, 2000]), perHousehold, weights);
    expect([...weights]).toEqual([100, 100, 200]); // region 1 not timed yet
    expect([...perHousehold]).toEqual([10, 0, 10]);
    const ns = Float64Array.from([1000, 3000, 2000]); // region 1's households cost 3x as much
    balanceWeights(households, ns, perHousehold, weights);
    expect([...weights]).toEqual([1000, 3000, 2000]);
    expect([...ns]).toEqual([0, 0, 0]); // consumed
    // Smoothed: a one-tick spike moves the weight only part of the way.
    balanceWeights(households, Float64Array.from([4000, 3000, 2000]), perHousehold, weights);
    expect(weights[0]).toBeCloseTo(100 * (0.7 * 10 + 0.3 * 40));
    // The split follows the measured work: the costly region gets a thread to itself.
    expect([...partitionRegions(Float64Array.from([1000, 3000, 2000]), 2).owner]).toEqual([1, 0, 1]);
  });
});

describe('regionOrder', () => {
  it('lists every region once, costliest first, ties by index (threads claim regions in this order)', () => {
    const out = new Int32Array(5);
    regionOrder([300, 900, 300, 0, 1200], out);
    expect([...out]).toEqual([4, 1, 0, 2, 3]);
  });
});
