// Scalar outcome metrics of one run, computed from its regions table: what a sweep summary holds per run.
// Each metric is one number (NaN when it does not apply, e.g. shock metrics of a run without shocks).
import type { LoadedColumn, LoadedTable } from './load.js';
import { resilience } from './resilience.js';

export interface MetricDef {
  name: string;
  unit: string;
  description: string;
}

export const RUN_METRICS: readonly MetricDef[] = Object.freeze([
  { name: 'mean_employment_rate', unit: 'share', description: 'employed / labour force over all regions, mean over ticks' },
  { name: 'final_employment_rate', unit: 'share', description: 'employed / labour force over all regions at the last tick' },
  { name: 'final_employed', unit: 'persons', description: 'people employed in all regions at the last tick' },
  { name: 'total_freight_co2e_kg', unit: 'kg', description: 'freight CO2e over all regions and ticks' },
  { name: 'mean_local_share', unit: 'share', description: 'consumption-weighted share bought in the home region, mean over ticks' },
  { name: 'mean_price_index', unit: 'index', description: 'consumption-weighted regional price index, mean over ticks' },
  { name: 'trough_depth', unit: 'share', description: 'deepest fall of total output below its pre-shock level (shock runs)' },
  { name: 'recovery_ticks', unit: 'ticks', description: 'ticks from the shock until output is back at 95% of its pre-shock level (shock runs; Infinity if never)' },
  { name: 'cumulative_output_loss_cents', unit: 'cents', description: 'output lost against the pre-shock level from the shock on (shock runs)' },
]);

export const METRIC_NAMES: readonly string[] = RUN_METRICS.map((m) => m.name);

/** Ticks before the first shock averaged into the pre-shock reference level. */
export const PRE_SHOCK_WINDOW_TICKS = 10;

/** Per-tick totals over regions, in tick order. */
interface TickTotals {
  ticks: number[];
  labourForce: Float64Array;
  employed: Float64Array;
  co2eKg: Float64Array;
  consumptionCents: Float64Array;
  localWeighted: Float64Array;
  priceWeighted: Float64Array;
  localPlain: Float64Array;
  pricePlain: Float64Array;
  regionsPerTick: Float64Array;
  outputCents: Float64Array;
}

function numeric(table: LoadedTable, name: string): ArrayLike<number> {
  const column: LoadedColumn | undefined = table.columns[name];
  if (column === undefined) throw new Error(`regions table has no column "${name}"; cannot compute run metrics`);
  if (Array.isArray(column)) throw new Error(`regions table column "${name}" is text, expected numbers`);
  return column as ArrayLike<number>;
}

function tickTotals(regions: LoadedTable): TickTotals {
  const tick = numeric(regions, 'tick');
  const ticks = [...new Set(Array.from(tick))].sort((a, b) => a - b);
  const slot = new Map(ticks.map((t, i) => [t, i]));
  const n = ticks.length;
  const t: TickTotals = {
    ticks,
    labourForce: new Float64Array(n),
    employed: new Float64Array(n),
    co2eKg: new Float64Array(n),
    consumptionCents: new Float64Array(n),
    localWeighted: new Float64Array(n),
    priceWeighted: new Float64Array(n),
    localPlain: new Float64Array(n),
    pricePlain: new Float64Array(n),
    regionsPerTick: new Float64Array(n),
    outputCents: new Float64Array(n),
  };
  const [labour, employed, co2e, consumption, local, price, output] = [
    'labour_force', 'employed', 'co2e_kg', 'consumption_cents', 'local_share', 'price_index', 'output_value_cents',
  ].map((c) => numeric(regions, c));
  for (let row = 0; row < regions.rows; row++) {
    const i = slot.get(tick[row])!;
    t.labourForce[i] += labour[row];
    t.employed[i] += employed[row];
    t.co2eKg[i] += co2e[row];
    t.consumptionCents[i] += consumption[row];
    t.localWeighted[i] += local[row] * consumption[row];
    t.priceWeighted[i] += price[row] * consumption[row];
    t.localPlain[i] += local[row];
    t.pricePlain[i] += price[row];
    t.regionsPerTick[i] += 1;
    t.outputCents[i] += output[row];
  }
  return t;
}

function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Consumption-weighted per tick; a tick with no consumption at all falls back to the plain regional mean. */
function weightedPerTick(weighted: Float64Array, plain: Float64Array, t: TickTotals): Float64Array {
  return weighted.map((w, i) => (t.consumptionCents[i] > 0 ? w / t.consumptionCents[i] : plain[i] / t.regionsPerTick[i]));
}

/** The first shock's start tick from the manifest (its resolved scenario), or undefined without shocks. */
export function firstShockTick(manifest: unknown): number | undefined {
  const m = manifest as { shocks?: unknown; scenario?: { shocks?: unknown } } | undefined;
  const shocks = Array.isArray(m?.shocks) ? m.shocks : Array.isArray(m?.scenario?.shocks) ? m.scenario.shocks : [];
  const starts = shocks.map((s) => (s as { start?: unknown }).start).filter((s): s is number => typeof s === 'number');
  return starts.length > 0 ? Math.min(...starts) : undefined;
}

function shockMetrics(t: TickTotals, shockTick: number | undefined): Record<string, number> {
  const none = { trough_depth: NaN, recovery_ticks: NaN, cumulative_output_loss_cents: NaN };
  if (shockTick === undefined) return none;
  const start = t.ticks.findIndex((tick) => tick >= shockTick);
  if (start <= 0) return none; // no pre-shock level to compare with, or the shock lies beyond the run
  const reference = mean(t.outputCents.subarray(Math.max(0, start - PRE_SHOCK_WINDOW_TICKS), start));
  const r = resilience(t.outputCents, reference, start);
  return {
    trough_depth: finiteOrNaN(r.troughDepth),
    // never back at the pre-shock level within the run: infinitely long, not "does not apply"
    recovery_ticks: r.recoveryTicks === null ? Infinity : r.recoveryTicks,
    cumulative_output_loss_cents: finiteOrNaN(r.cumulativeLoss),
  };
}

function finiteOrNaN(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : NaN;
}

/** All metrics of RUN_METRICS for one run, from its regions table and manifest. */
export function computeRunMetrics(run: { regions: LoadedTable; manifest: unknown }): Record<string, number> {
  const t = tickTotals(run.regions);
  const last = t.ticks.length - 1;
  const rate = t.employed.map((e, i) => (t.labourForce[i] > 0 ? e / t.labourForce[i] : NaN));
  let co2eKg = 0;
  for (const v of t.co2eKg) co2eKg += v;
  return {
    mean_employment_rate: mean(rate),
    final_employment_rate: last >= 0 ? rate[last] : NaN,
    final_employed: last >= 0 ? t.employed[last] : NaN,
    total_freight_co2e_kg: co2eKg,
    mean_local_share: mean(weightedPerTick(t.localWeighted, t.localPlain, t)),
    mean_price_index: mean(weightedPerTick(t.priceWeighted, t.pricePlain, t)),
    ...shockMetrics(t, firstShockTick(run.manifest)),
  };
}
