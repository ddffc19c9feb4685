// The slow-worker guard's judgement (workers/slow-guard.ts), on made-up region timings: a healthy worker that always
// gets the regions that cost more per household is left alone; a worker stuck several times slower is reported once.
import { describe, expect, it } from 'vitest';
import { createSlowGuard } from '../../workers/slow-guard.js';

const OPTS = { ratio: 4, streak: 8, warmHouseholds: 80_000 };

/** Runs `ticks` households kernels; `ranBy(t, r)` says which thread ran region r at tick t, `nsPerHousehold(k, r)` how fast. */
function simulate(ticks: number, households: number[], ranBy: (t: number, r: number) => number, nsPerHousehold: (t: number, k: number, r: number) => number, judge = true): number[] {
  const R = households.length;
  const guard = createSlowGuard(2, R, OPTS);
  const reports: number[] = [];
  for (let t = 0; t < ticks; t++) {
    const thread = households.map((_, r) => ranBy(t, r));
    const ns = households.map((n, r) => n * nsPerHousehold(t, thread[r]!, r));
    const slow = guard.check(ns, thread, households, judge);
    if (slow > 0) reports.push(t, slow);
  }
  return reports;
}

describe('slow-worker guard', () => {
  // One large region and two small ones whose fixed cost makes them 5x dearer per household (like `tiny`).
  const households = [10_000, 200, 200];
  const regionCost = [400, 2_000, 2_000];

  it('leaves alone a healthy worker that always runs the dearer regions', () => {
    const reports = simulate(60, households, (_t, r) => (r === 0 ? 0 : 1), (_t, _k, r) => regionCost[r]!);
    expect(reports).toEqual([]);
  });

  it('reports a worker that runs its regions 6x slower than they ran before, once, after the warm-up and the streak', () => {
    // Threads swap regions every tick (as claiming does when times change), so every region has a fast time on record.
    const reports = simulate(60, households, (t, r) => (r + t) % 2, (_t, k, r) => regionCost[r]! * (k === 1 ? 6 : 1));
    expect(reports).toHaveLength(2);
    const [tick, worker] = reports;
    expect(worker).toBe(1);
    // Judging starts after 80,000 households (8 ticks of 10,400), and takes 8 slow ticks in a row.
    expect(tick).toBeGreaterThanOrEqual(8 + OPTS.streak - 1);
  });

  it('does not report a worker that is slow only now and then', () => {
    const reports = simulate(60, households, (t, r) => (r + t) % 2, (t, k, r) => regionCost[r]! * (k === 1 && t % 5 === 0 ? 6 : 1));
    expect(reports).toEqual([]);
  });

  it('judges nothing before the pool has run warmHouseholds households', () => {
    const guard = createSlowGuard(2, 3, { ratio: 4, streak: 2, warmHouseholds: 1e9 });
    for (let t = 0; t < 100; t++) {
      const thread = [t % 2, (t + 1) % 2, t % 2];
      const ns = households.map((n, r) => n * regionCost[r]! * (thread[r] === 1 ? 6 : 1));
      expect(guard.check(ns, thread, households, true)).toBe(0);
    }
  });

  it('judges nothing when told not to (small kernels)', () => {
    const reports = simulate(60, households, (t, r) => (r + t) % 2, (_t, k, r) => regionCost[r]! * (k === 1 ? 6 : 1), false);
    expect(reports).toEqual([]);
  });
});
