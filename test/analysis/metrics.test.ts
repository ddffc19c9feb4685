// Tests for analysis/metrics.ts on constructed tables whose answers are known by hand: a shock with a known trough,
// recovery time and loss, weighting rules, freight by mode, the local-content share and resilience against a twin.
import { describe, expect, it } from 'vitest';
import type { LoadedTable, RunData } from '../../analysis/load.js';
import { computeRunMetrics } from '../../analysis/run-metrics.js';
import {
  analyseRunData, counterpartResilience, localContentKm, METRICS, runSeries, shockWindow, windowSlots,
} from '../../analysis/metrics.js';

const TICKS = 20;
const SHOCK = { kind: 'port-closure', region: 'b', start: 10, duration: 3 };

function table(name: string, columns: Record<string, number[] | string[]>): LoadedTable {
  const rows = Object.values(columns)[0].length;
  const typed = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, typeof v[0] === 'string' ? v : Float64Array.from(v as number[])]));
  return { name, rows, columns: typed as LoadedTable['columns'], metadata: {}, units: {} };
}

/** Two regions of 100 workers each; region b loses 20, 40, 20 workers at ticks 10-12 and is back at 13. */
function regions(bEmployed: (t: number) => number, bOutput: (t: number) => number): LoadedTable {
  const c: Record<string, number[] | string[]> = {};
  const push = (k: string, v: number | string) => ((c[k] ??= [] as never) as (number | string)[]).push(v);
  for (let t = 0; t < TICKS; t++) {
    for (const [r, name] of ['a', 'b'].entries()) {
      const employed = r === 0 ? 100 : bEmployed(t);
      push('tick', t); push('region', r); push('region_name', name);
      push('labour_force', 125); push('employed', employed);
      push('output_value_cents', r === 0 ? 1000 : bOutput(t));
      push('consumption_cents', r === 0 ? 300 : 100);
      push('co2e_kg', 2); push('freight_tkm', 10); push('unmet_demand_cents', t >= 10 && t < 13 ? 50 : 5);
      push('local_share', r === 0 ? 0.8 : 0.4); push('import_share', r === 0 ? 0.1 : 0.5);
      push('price_index', r === 0 ? 1 : 2); push('real_wage', r === 0 ? 1000 : 500);
    }
  }
  return table('regions', c);
}

const DIP: Record<number, number> = { 10: 80, 11: 60, 12: 80 };
const shockedEmployed = (t: number) => DIP[t] ?? 100;
const shockedOutput = (t: number) => (DIP[t] ?? 100) * 10;

function run(regionsTable: LoadedTable, shocks: unknown[] = [SHOCK], extra: Partial<RunData> = {}): RunData {
  return { dir: 'x', manifest: { seed: 1, scenario: { shocks, policy: {} } }, regions: regionsTable, ...extra };
}

describe('per-run metrics on a constructed run', () => {
  const data = run(regions(shockedEmployed, shockedOutput));
  const { metrics } = analyseRunData(data);

  it('measures the employment shock against the pre-shock level: depth 0.2, 3 ticks to 95%, loss 80 person-ticks', () => {
    // totals: 200 before, then 180, 160, 180, 200: trough 160/200, first >= 190 at tick 13.
    expect(metrics.employment_trough_depth).toBeCloseTo(0.2, 12);
    expect(metrics.employment_recovery_ticks).toBe(3);
    expect(metrics.cumulative_employment_loss).toBe(20 + 40 + 20);
    expect(metrics.unmet_demand_during_shock_cents).toBe(3 * 2 * 50);
  });

  it('reuses run-metrics.ts for the metrics defined there, rather than a second definition', () => {
    const shared = computeRunMetrics(data);
    for (const [name, value] of Object.entries(shared)) expect(metrics[name]).toEqual(value);
    expect(metrics.trough_depth).toBeCloseTo(0.2, 12); // output dips like employment (x10)
    expect(new Set(METRICS.map((m) => m.name)).size).toBe(METRICS.length);
  });

  it('weights shares by consumption, real wage by employment, and forms run-level ratios from sums', () => {
    expect(metrics.mean_import_share).toBeCloseTo((0.1 * 300 + 0.5 * 100) / 400, 12);
    // tick 11: employed a 100, b 60 -> (1000 * 100 + 500 * 60) / 160; the mean over ticks mixes such ticks.
    const wage = (t: number) => (1000 * 100 + 500 * shockedEmployed(t)) / (100 + shockedEmployed(t));
    expect(metrics.mean_real_wage).toBeCloseTo(Array.from({ length: TICKS }, (_, t) => wage(t)).reduce((a, b) => a + b) / TICKS, 9);
    const employedSum = 200 * TICKS - 80;
    const outputSum = 2000 * TICKS - 800;
    expect(metrics.jobs_per_million_output).toBeCloseTo(employedSum / (outputSum / 1e8), 6);
    expect(metrics.co2e_kg_per_1000_consumption).toBeCloseTo((4 * TICKS) / ((400 * TICKS) / 1e5), 9);
    expect(metrics.total_freight_tkm).toBe(20 * TICKS);
    expect(metrics.mean_employed).toBeCloseTo(employedSum / TICKS, 12);
  });

  it('gives NaN for shock metrics of a run without shocks', () => {
    const calm = analyseRunData(run(regions(() => 100, () => 1000), [])).metrics;
    expect(calm.employment_trough_depth).toBeNaN();
    expect(calm.unmet_demand_during_shock_cents).toBeNaN();
    expect(calm.mean_employment_rate).toBeCloseTo(0.8, 12);
  });

  it('breaks employment down by region', () => {
    const { breakdown } = analyseRunData(data);
    const rate = breakdown.find((b) => b.metric === 'employment_rate' && b.key === 'b')!.value;
    expect(rate).toBeCloseTo((100 * TICKS - 80) / 125 / TICKS, 12);
    expect(breakdown.find((b) => b.metric === 'employed' && b.by === 'region' && b.key === 'a')!.value).toBe(100);
  });
});

describe('shock window', () => {
  it('spans the first start to the last end and lists shocked regions', () => {
    const w = shockWindow({ scenario: { shocks: [SHOCK, { kind: 'fuel-price', start: 12, duration: 5, multiplier: 2 }] } })!;
    expect(w).toEqual({ start: 10, end: 17, regions: ['b'] });
    expect(windowSlots(Int32Array.from({ length: 20 }, (_, i) => i), w)).toEqual({ from: 10, to: 17 });
    expect(shockWindow({ scenario: { shocks: [] } })).toBeUndefined();
  });
});

describe('flows: freight by mode and the local-content share', () => {
  // rows: intra-region road (value 100, within), a->b road at 150 km (value 200, within 160), b->a sea 1000 km
  // (value 700, beyond), and the drayage leg of that sea shipment (no value, road emissions).
  const flows = table('flows', {
    tick: [0, 0, 0, 0], origin: [0, 0, 1, 1], destination: [0, 1, 0, 0],
    mode: ['road', 'road', 'sea', 'road'], vehicle_class: ['van', 'artic', 'ship', 'drayage'],
    tonnes: [1, 2, 1, 1], tkm: [50, 300, 1000, 20], co2e_kg: [5, 10, 30, 1], value_cents: [100, 200, 700, 0],
  });
  const base = run(regions(() => 100, () => 1000), []);

  it('counts value within each buyer region\'s distance; same-region shipments are 0 km', () => {
    expect(analyseRunData({ ...base, flows }).metrics.local_content_share).toBeCloseTo(300 / 1000, 12);
    const wide = { ...base, flows, manifest: { scenario: { shocks: [], policy: { localContentKm: 5000 } } } };
    expect(analyseRunData(wide).metrics.local_content_share).toBeCloseTo(1, 12);
    const tight = { ...base, flows, manifest: { scenario: { shocks: [], policy: { regions: { b: { localContentKm: 100 } } } } } };
    expect(analyseRunData(tight).metrics.local_content_share).toBeCloseTo(100 / 1000, 12);
  });

  it('is not derivable when the distance is an expression of time, or without flows', () => {
    expect(localContentKm({ policy: { localContentKm: '100 + t' } }, ['a'])[0]).toBeNaN();
    expect(analyseRunData(base).metrics.local_content_share).toBeNaN();
  });

  it('sums CO2e and tonne-km by mode, drayage as road', () => {
    const { breakdown } = analyseRunData({ ...base, flows });
    const get = (metric: string, key: string) => breakdown.find((b) => b.metric === metric && b.key === key)!.value;
    expect(get('freight_co2e_kg', 'road')).toBe(16);
    expect(get('freight_co2e_kg', 'sea')).toBe(30);
    expect(get('freight_tkm', 'road')).toBe(370);
  });
});

describe('counterpartResilience', () => {
  it('measures against the no-shock twin tick by tick, with a known amplification ratio', () => {
    // Region b grows in the twin; the shocked run dips in region b (direct loss) and loses 100 more in total one
    // tick after the shock ended (an indirect loss, outside the shocked region's window).
    const twin = runSeries(regions(() => 100, (t) => 1000 + 10 * t));
    const shocked = runSeries(regions(shockedEmployed, (t) => (DIP[t] ?? 100) * 10 + 10 * t));
    shocked.outputCents[13] -= 100;
    const m = counterpartResilience(shocked, twin, { start: 10, end: 13, regions: ['b'] });
    const direct = 200 + 400 + 200;
    expect(m.output_loss_vs_noshock_cents).toBe(direct + 100);
    expect(m.net_output_loss_vs_noshock_cents).toBe(direct + 100);
    expect(m.amplification_ratio).toBeCloseTo((direct + 100) / direct, 12);
    // tick 11: twin 1000 + (1000 + 110) = 2110, shocked 1000 + (600 + 110): 400 short.
    expect(m.output_trough_depth_vs_noshock).toBeCloseTo(400 / 2110, 12);
    expect(m.employment_trough_depth_vs_noshock).toBeCloseTo(0.2, 12);
    expect(m.employment_recovery_ticks_vs_noshock).toBe(3);
    expect(m.excess_unmet_demand_during_shock_cents).toBe(0);
  });

  it('nets gains against losses in the net loss but not in the triangle area', () => {
    const twin = runSeries(regions(() => 100, () => 1000));
    // after the shock the run wobbles around its twin: -100, +100, -100, +100 ... in region b
    const shocked = runSeries(regions(() => 100, (t) => (t >= 10 ? (t % 2 === 0 ? 900 : 1100) : 1000)));
    const m = counterpartResilience(shocked, twin, { start: 10, end: 13, regions: ['b'] });
    expect(m.net_output_loss_vs_noshock_cents).toBe(0);
    expect(m.output_loss_vs_noshock_cents).toBe(5 * 100);
  });

  it('reports never-recovered as Infinity', () => {
    const twin = runSeries(regions(() => 100, () => 1000));
    const shocked = runSeries(regions((t) => (t >= 10 ? 50 : 100), (t) => (t >= 10 ? 500 : 1000)));
    const m = counterpartResilience(shocked, twin, { start: 10, end: 13, regions: [] });
    expect(m.output_recovery_ticks_vs_noshock).toBe(Infinity);
    expect(m.net_output_loss_vs_noshock_cents).toBe(500 * 10); // region b halves for ticks 10-19
    expect(m.amplification_ratio).toBeNaN();
  });
});
