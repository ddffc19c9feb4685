// Tests for analysis/compare.ts and compare-groups.ts: paired and Welch differences with known answers, infinite and
// missing values, baseline choice, and grouping of runs into labelled scenarios with their no-shock counterparts.
import { describe, expect, it } from 'vitest';
import { chooseBaseline, compareGroups, difference, summarizeValues } from '../../analysis/compare.js';
import { groupRuns, type AnalysedRun } from '../../analysis/compare-groups.js';
import { runSeries } from '../../analysis/metrics.js';
import type { LoadedTable } from '../../analysis/load.js';
import { isUserError } from '../../engine/model/errors.js';

const T975_DF2 = 4.302652729911275;

describe('difference', () => {
  it('pairs by seed: differences 2, 3, 4 give mean 3 and half-width t(0.975, 2) / sqrt(3)', () => {
    // listed in different seed orders: pairing must follow seeds, not positions
    const a = [{ seed: 7, value: 7 }, { seed: 1, value: 3 }, { seed: 4, value: 5 }];
    const b = [{ seed: 1, value: 1 }, { seed: 4, value: 2 }, { seed: 7, value: 3 }];
    const d = difference(a, b)!;
    expect(d.method).toBe('paired');
    expect(d.interval.mean).toBeCloseTo(3, 12);
    expect(d.interval.hi - d.interval.mean).toBeCloseTo(T975_DF2 / Math.sqrt(3), 9);
    expect(d.relative).toBeCloseTo(3 / 2, 12);
  });

  it('finds a constant paired difference exactly, where Welch on the same values is wide', () => {
    const base = [10, 20, 30, 40];
    const a = base.map((v, i) => ({ seed: i, value: v + 5 }));
    const b = base.map((v, i) => ({ seed: i, value: v }));
    const paired = difference(a, b)!;
    expect([paired.interval.mean, paired.interval.lo, paired.interval.hi]).toEqual([5, 5, 5]);
    const welch = difference(a, b.map((x) => ({ ...x, seed: x.seed + 100 })))!;
    expect(welch.method).toBe('welch');
    expect(welch.interval.mean).toBeCloseTo(5, 12);
    expect(welch.interval.lo).toBeLessThan(-10);
  });

  it('leaves out runs where the metric does not apply and is null when a side has none', () => {
    expect(difference([{ seed: 1, value: NaN }], [{ seed: 1, value: 2 }])).toBeNull();
    const d = difference([{ seed: 1, value: 4 }, { seed: 2, value: NaN }], [{ seed: 1, value: 1 }])!;
    expect(d.method).toBe('paired');
    expect(d.interval.mean).toBe(3);
    expect(d.interval.lo).toBeNaN(); // one pair has no interval
  });

  it('gives an undefined interval when a run never recovered', () => {
    const d = difference([{ seed: 1, value: Infinity }, { seed: 2, value: 3 }], [{ seed: 1, value: 2 }, { seed: 2, value: 2 }])!;
    expect(d.interval.mean).toBe(Infinity);
    expect(d.interval.lo).toBeNaN();
  });
});

describe('summarizeValues', () => {
  it('is the t interval of the finite values and counts infinite ones', () => {
    const s = summarizeValues([1, 2, 3, NaN]);
    expect(s.interval.n).toBe(3);
    expect(s.interval.mean).toBe(2);
    expect(s.interval.hi).toBeCloseTo(2 + T975_DF2 / Math.sqrt(3), 9);
    expect(summarizeValues([1, Infinity]).infinite).toBe(1);
  });
});

/** A minimal analysed run: a flat series, metrics as given, and the scenario fields grouping looks at. */
function fakeRun(name: string, seed: number, opts: { pref?: number; shock?: boolean; employed?: number } = {}): AnalysedRun {
  const n = 12;
  const employed = opts.employed ?? 90;
  const col = (f: (t: number) => number) => Float64Array.from({ length: n }, (_, t) => f(t));
  const regions: LoadedTable = {
    name: 'regions', rows: n, metadata: {}, units: {},
    columns: {
      tick: Int32Array.from({ length: n }, (_, t) => t), region: new Int16Array(n), region_name: new Array(n).fill('r'),
      labour_force: col(() => 100), employed: col((t) => (opts.shock && t === 6 ? employed - 30 : employed)),
      output_value_cents: col((t) => (opts.shock && t === 6 ? 500 : 1000)), consumption_cents: col(() => 1), co2e_kg: col(() => 1),
      freight_tkm: col(() => 1), unmet_demand_cents: col(() => 0), local_share: col(() => 0.5), import_share: col(() => 0.1),
      price_index: col(() => 1), real_wage: col(() => 1),
    },
  };
  const shocks = opts.shock ? [{ kind: 'port-closure', region: 'r', start: 5, duration: 3 }] : [];
  const scenario = { name, households: { localPreference: opts.pref ?? 0 }, shocks };
  const pref = JSON.stringify(scenario.households);
  return {
    metrics: { mean_employment_rate: employed / 100 }, breakdown: [], series: runSeries(regions),
    ...(opts.shock ? { shock: { start: 5, end: 8, regions: ['r'] } } : {}),
    dir: `/runs/${name}-${seed}`, runId: `${name}-${pref}-${opts.shock}-${seed}`, seed, scenarioName: name, ticks: n,
    groupKey: `${name}|${pref}|${opts.shock}`, counterpartKey: pref, scenario,
  };
}

describe('groupRuns and compareGroups', () => {
  const runs = [
    fakeRun('eco', 1), fakeRun('eco', 2), fakeRun('eco', 1), // a seed given twice is kept once
    fakeRun('eco', 1, { shock: true }), fakeRun('eco', 2, { shock: true }),
    fakeRun('eco', 1, { pref: 0.5, employed: 95 }), fakeRun('eco', 2, { pref: 0.5, employed: 95 }),
  ];
  const groups = groupRuns(runs);

  it('groups by scenario and overrides, labels what differs and finds the no-shock counterpart', () => {
    expect(groups.map((g) => g.label)).toEqual(['eco (localPreference=0)', 'eco (localPreference=0) + port-closure', 'eco (localPreference=0.5)']);
    expect(groups.map((g) => g.runs.map((r) => r.seed))).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(groups[1].counterpart).toBe(groups[0].label);
    expect(groups[2].counterpart).toBeUndefined();
  });

  it('compares each scenario with the baseline, paired by seed, and shocked runs with their twins', () => {
    const c = compareGroups(groups, { baseline: 'eco (localPreference=0)' });
    const d = c.differences.find((x) => x.scenario === 'eco (localPreference=0.5)' && x.metric === 'mean_employment_rate')!;
    expect(d.method).toBe('paired');
    expect(d.interval.mean).toBeCloseTo(0.05, 12);
    expect(c.shockedBaseline).toBe('eco (localPreference=0) + port-closure');
    const depth = c.resilience.find((s) => s.metric === 'employment_trough_depth_vs_noshock')!;
    expect(depth.interval.mean).toBeCloseTo(30 / 90, 12);
    expect(c.resilienceSeries.find((s) => s.series === 'output')!.mean[6]).toBeCloseTo(0.5, 12);
  });

  it('defaults to the first unshocked scenario and rejects an unknown baseline with the choices', () => {
    expect(chooseBaseline(groups).label).toBe('eco (localPreference=0)');
    let caught: unknown;
    try { chooseBaseline(groups, 'nope'); } catch (err) { caught = err; }
    expect(isUserError(caught)).toBe(true);
    expect((caught as Error).message).toContain("'eco (localPreference=0.5)'");
  });
});
