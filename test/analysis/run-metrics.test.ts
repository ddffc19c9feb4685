import { describe, expect, it } from 'vitest';
import type { LoadedTable } from '../../analysis/load.js';
import { computeRunMetrics, firstShockTick, METRIC_NAMES } from '../../analysis/run-metrics.js';

/** Two regions over 20 ticks; total output 2000 a tick except a shock dip at ticks 10-11 (`dip` sets its depth). */
function regions(opts: { recover?: boolean } = {}): LoadedTable {
  const ticks = 20;
  const cols: Record<string, number[]> = {};
  const names = ['tick', 'labour_force', 'employed', 'co2e_kg', 'consumption_cents', 'local_share', 'price_index', 'output_value_cents'];
  for (const n of names) cols[n] = [];
  for (let t = 0; t < ticks; t++) {
    const total = t === 10 ? 1000 : t === 11 || (!opts.recover && t > 11) ? 1500 : 2000;
    for (const r of [0, 1]) {
      cols.tick!.push(t);
      cols.labour_force!.push(100);
      cols.employed!.push(t === ticks - 1 ? 100 : r === 0 ? 90 : 80);
      cols.co2e_kg!.push(1);
      cols.consumption_cents!.push(r === 0 ? 300 : 100);
      cols.local_share!.push(r === 0 ? 0.5 : 0.9);
      cols.price_index!.push(r === 0 ? 1 : 2);
      cols.output_value_cents!.push(total / 2);
    }
  }
  return {
    name: 'regions',
    rows: ticks * 2,
    columns: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)])),
    metadata: {},
    units: {},
  };
}

const shocked = { scenario: { shocks: [{ kind: 'port-closure', start: 10, duration: 2 }] } };

describe('run metrics', () => {
  it('aggregate employment, emissions, local share and prices over regions and ticks', () => {
    const m = computeRunMetrics({ regions: regions({ recover: true }), manifest: { scenario: { shocks: [] } } });
    expect(Object.keys(m)).toEqual(METRIC_NAMES);
    expect(m.mean_employment_rate).toBeCloseTo((19 * 0.85 + 1) / 20, 12);
    expect(m.final_employment_rate).toBe(1);
    expect(m.final_employed).toBe(200);
    expect(m.total_freight_co2e_kg).toBe(40);
    expect(m.mean_local_share).toBeCloseTo(0.6, 12);
    expect(m.mean_price_index).toBeCloseTo(1.25, 12);
    expect(m.trough_depth).toBeNaN();
    expect(m.recovery_ticks).toBeNaN();
    expect(m.cumulative_output_loss_cents).toBeNaN();
  });

  it('measure a shock against the pre-shock output level', () => {
    const m = computeRunMetrics({ regions: regions({ recover: true }), manifest: shocked });
    expect(m.trough_depth).toBeCloseTo(0.5, 12);
    expect(m.recovery_ticks).toBe(2);
    expect(m.cumulative_output_loss_cents).toBe(1000 + 500);
  });

  it('give an infinite recovery time when output never comes back within the run', () => {
    const m = computeRunMetrics({ regions: regions({ recover: false }), manifest: shocked });
    expect(m.recovery_ticks).toBe(Infinity);
    expect(m.cumulative_output_loss_cents).toBe(1000 + 500 * 9);
  });

  it('find the first shock in the manifest', () => {
    expect(firstShockTick({ shocks: [{ start: 8 }, { start: 3 }] })).toBe(3);
    expect(firstShockTick({ scenario: { shocks: [{ start: 5 }] } })).toBe(5);
    expect(firstShockTick({})).toBeUndefined();
  });

  it('name a missing column', () => {
    const t = regions();
    delete t.columns.co2e_kg;
    expect(() => computeRunMetrics({ regions: t, manifest: {} })).toThrow(/no column "co2e_kg"/);
  });
});
