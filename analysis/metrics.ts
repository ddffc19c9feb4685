// The metric definitions every comparison uses (employment, emissions, localization, cost of living, resilience),
// computed per run from its tables. docs/metrics.md is the prose of these definitions; one definition per metric.
import type { LoadedColumn, LoadedTable, RunData } from './load.js';
import { computeRunMetrics, firstShockTick, PRE_SHOCK_WINDOW_TICKS, RUN_METRICS } from './run-metrics.js';
import { amplificationRatio, resilience } from './resilience.js';

export type MetricGroup = 'employment' | 'emissions' | 'localization' | 'cost of living' | 'resilience';
export interface MetricInfo {
  name: string;
  unit: string;
  /** Short human label for tables and chart panels. */
  label: string;
  group: MetricGroup;
  description: string;
  /** Which direction is good for people; 'neither' when it depends on the question. */
  better: 'higher' | 'lower' | 'neither';
  /** Shown on the terminal and in the difference chart. */
  headline?: boolean;
}

/** Labels and groups for the metrics analysis/run-metrics.ts defines: their definitions stay there. */
const REUSED: Record<string, Omit<MetricInfo, 'name' | 'unit' | 'description'>> = {
  mean_employment_rate: { label: 'Employment rate', group: 'employment', better: 'higher', headline: true },
  final_employment_rate: { label: 'Employment rate, last tick', group: 'employment', better: 'higher' },
  final_employed: { label: 'Employed, last tick', group: 'employment', better: 'higher' },
  total_freight_co2e_kg: { label: 'Freight CO2e', group: 'emissions', better: 'lower', headline: true },
  mean_local_share: { label: 'Local share of purchases', group: 'localization', better: 'neither', headline: true },
  mean_price_index: { label: 'Price index', group: 'cost of living', better: 'lower', headline: true },
  trough_depth: { label: 'Output trough depth (vs pre-shock)', group: 'resilience', better: 'lower' },
  recovery_ticks: { label: 'Output recovery ticks (vs pre-shock)', group: 'resilience', better: 'lower' },
  cumulative_output_loss_cents: { label: 'Output loss (vs pre-shock)', group: 'resilience', better: 'lower' },
};

const OWN: MetricInfo[] = [
  { name: 'mean_employed', unit: 'persons', label: 'Employed', group: 'employment', better: 'higher', headline: true,
    description: 'people employed in all regions, mean over ticks' },
  { name: 'jobs_per_million_output', unit: 'jobs per 1M currency units of output per tick', label: 'Jobs per 1M output', group: 'employment', better: 'neither', headline: true,
    description: 'sum over ticks of employed / sum over ticks of output value, per 1,000,000 currency units (1e8 cents)' },
  { name: 'total_freight_tkm', unit: 'tonne-km', label: 'Freight tonne-km', group: 'emissions', better: 'neither', headline: true,
    description: 'freight tonne-km delivered to all regions over the run (main legs and drayage)' },
  { name: 'co2e_kg_per_1000_consumption', unit: 'kg CO2e per 1,000 currency units', label: 'CO2e per 1,000 consumption', group: 'emissions', better: 'lower', headline: true,
    description: 'freight CO2e over the run / household consumption over the run, per 1,000 currency units (1e5 cents)' },
  { name: 'mean_import_share', unit: 'share', label: 'Import share', group: 'localization', better: 'neither', headline: true,
    description: 'consumption-weighted share of purchases by value from overseas (sea or air), mean over ticks' },
  { name: 'local_content_share', unit: 'share', label: 'Freighted value within local-content km', group: 'localization', better: 'neither',
    description: 'share of freighted goods value (firm inputs and household goods together) whose main leg is within the buyer region\'s local-content distance; intra-region shipments count as 0 km' },
  { name: 'mean_real_wage', unit: 'cents at base prices per worker-tick', label: 'Real wage', group: 'cost of living', better: 'higher', headline: true,
    description: 'employment-weighted mean of the regions\' real wage, mean over ticks' },
  { name: 'total_unmet_demand_cents', unit: 'cents', label: 'Unmet demand', group: 'cost of living', better: 'lower',
    description: 'demand that found no seller, over all regions and ticks' },
  { name: 'employment_trough_depth', unit: 'share', label: 'Employment trough depth (vs pre-shock)', group: 'resilience', better: 'lower',
    description: 'deepest fall of employed persons below their pre-shock level (shock runs)' },
  { name: 'employment_recovery_ticks', unit: 'ticks', label: 'Employment recovery ticks (vs pre-shock)', group: 'resilience', better: 'lower',
    description: 'ticks from the shock until employment is back at 95% of its pre-shock level (shock runs; Infinity if never)' },
  { name: 'cumulative_employment_loss', unit: 'person-ticks', label: 'Employment loss (vs pre-shock)', group: 'resilience', better: 'lower',
    description: 'employment lost against the pre-shock level from the shock on (shock runs)' },
  { name: 'unmet_demand_during_shock_cents', unit: 'cents', label: 'Unmet demand during shock', group: 'resilience', better: 'lower',
    description: 'unmet demand over all regions in the ticks the shock is active (shock runs)' },
];

/** Resilience against the same scenario without its shocks, same seed: computed per pair of runs. */
export const COUNTERPART_METRICS: readonly MetricInfo[] = Object.freeze([
  { name: 'output_trough_depth_vs_noshock', unit: 'share', label: 'Output trough depth (vs no shock)', group: 'resilience', better: 'lower', headline: true,
    description: '1 - min over t >= shock of output(t) / output without the shock(t)' },
  { name: 'output_recovery_ticks_vs_noshock', unit: 'ticks', label: 'Output recovery ticks (vs no shock)', group: 'resilience', better: 'lower', headline: true,
    description: 'ticks from the shock until output is back at 95% of the no-shock run (Infinity if never)' },
  { name: 'output_loss_vs_noshock_cents', unit: 'cents', label: 'Output loss (vs no shock)', group: 'resilience', better: 'lower', headline: true,
    description: 'resilience-triangle area: sum over t >= shock of max(0, no-shock output - output)' },
  { name: 'net_output_loss_vs_noshock_cents', unit: 'cents', label: 'Net output loss (vs no shock)', group: 'resilience', better: 'lower', headline: true,
    description: 'sum over t >= shock of (no-shock output - output), gains netted: random divergence after the shock averages out, unlike in the triangle area' },
  { name: 'employment_trough_depth_vs_noshock', unit: 'share', label: 'Employment trough depth (vs no shock)', group: 'resilience', better: 'lower', headline: true,
    description: '1 - min over t >= shock of employed(t) / employed without the shock(t)' },
  { name: 'employment_recovery_ticks_vs_noshock', unit: 'ticks', label: 'Employment recovery ticks (vs no shock)', group: 'resilience', better: 'lower',
    description: 'ticks from the shock until employment is back at 95% of the no-shock run (Infinity if never)' },
  { name: 'employment_loss_vs_noshock', unit: 'person-ticks', label: 'Employment loss (vs no shock)', group: 'resilience', better: 'lower',
    description: 'sum over t >= shock of max(0, no-shock employed - employed)' },
  { name: 'excess_unmet_demand_during_shock_cents', unit: 'cents', label: 'Extra unmet demand during shock', group: 'resilience', better: 'lower', headline: true,
    description: 'unmet demand while the shock is active minus the same ticks without the shock' },
  { name: 'amplification_ratio', unit: 'ratio', label: 'Loss amplification (Hallegatte)', group: 'resilience', better: 'lower',
    description: 'total output loss (all regions, shock start to end of run) / direct loss (shocked regions, while the shock is active); regional shocks only' },
]);

/** Every per-run scalar metric: those of run-metrics.ts (reused, not redefined), then the ones defined here. */
export const METRICS: readonly MetricInfo[] = Object.freeze([
  ...RUN_METRICS.map((m) => ({ ...m, ...(REUSED[m.name] ?? { label: m.name, group: 'employment' as const, better: 'neither' as const }) })),
  ...OWN,
]);

export const BREAKDOWN_METRICS: readonly MetricInfo[] = Object.freeze([
  { name: 'employment_rate', unit: 'share', label: 'Employment rate', group: 'employment', better: 'higher', description: 'employed / labour force of the region, mean over ticks (by region)' },
  { name: 'employed', unit: 'persons', label: 'Employed', group: 'employment', better: 'higher', description: 'employed persons, mean over ticks (by region and by sector)' },
  { name: 'jobs_per_million_output', unit: 'jobs per 1M currency units of output per tick', label: 'Jobs per 1M output', group: 'employment', better: 'neither', description: 'as the scalar metric, within one sector (by sector)' },
  { name: 'freight_co2e_kg', unit: 'kg CO2e', label: 'Freight CO2e', group: 'emissions', better: 'lower', description: 'freight CO2e over the run (by mode; drayage counts as road)' },
  { name: 'freight_tkm', unit: 'tonne-km', label: 'Freight tonne-km', group: 'emissions', better: 'neither', description: 'freight tonne-km over the run (by mode; drayage counts as road)' },
]);

export function metricInfo(name: string): MetricInfo | undefined {
  return METRICS.find((m) => m.name === name) ?? COUNTERPART_METRICS.find((m) => m.name === name) ?? BREAKDOWN_METRICS.find((m) => m.name === name);
}

/** Mirrors the engine's default local-content distance (engine/policy/policy.ts, not exported). */
export const DEFAULT_LOCAL_CONTENT_KM = 160;
const CENTS_PER_MILLION = 1e8;
const CENTS_PER_THOUSAND = 1e5;

/** Per-tick totals over regions, plus per-region output and employment for regional resilience. */
export interface RunSeries {
  ticks: Int32Array;
  regionNames: string[];
  employed: Float64Array;
  labourForce: Float64Array;
  outputCents: Float64Array;
  co2eKg: Float64Array;
  tkm: Float64Array;
  consumptionCents: Float64Array;
  unmetCents: Float64Array;
  /** Consumption-weighted across regions (plain mean in a tick without consumption). */
  localShare: Float64Array;
  importShare: Float64Array;
  priceIndex: Float64Array;
  /** Employment-weighted across regions (plain mean in a tick without employment). */
  realWage: Float64Array;
  /** [region * T + t] */
  regionOutputCents: Float64Array;
  regionEmployed: Float64Array;
  regionLabourForce: Float64Array;
}

export interface BreakdownValue { metric: string; by: 'region' | 'sector' | 'mode'; key: string; value: number }
export interface ShockWindow { start: number; end: number; regions: string[] }

export function num(table: LoadedTable, name: string): ArrayLike<number> {
  const column: LoadedColumn | undefined = table.columns[name];
  if (column === undefined || Array.isArray(column)) throw new Error(`${table.name} table has no numeric column "${name}"`);
  return column as ArrayLike<number>;
}

function text(table: LoadedTable, name: string): string[] {
  const column = table.columns[name];
  if (!Array.isArray(column)) throw new Error(`${table.name} table has no text column "${name}"`);
  return column;
}

/** Slot of each distinct tick, through an offset array (no Map lookup per row: tables can have 100k+ rows). */
function tickSlots(tick: ArrayLike<number>): { ticks: Int32Array; slotOf: Int32Array; min: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < tick.length; i++) {
    if (tick[i] < min) min = tick[i];
    if (tick[i] > max) max = tick[i];
  }
  if (tick.length === 0) return { ticks: new Int32Array(0), slotOf: new Int32Array(0), min: 0 };
  const slotOf = new Int32Array(max - min + 1).fill(-1);
  for (let i = 0; i < tick.length; i++) slotOf[tick[i] - min] = 1;
  let n = 0;
  for (let k = 0; k < slotOf.length; k++) if (slotOf[k] === 1) slotOf[k] = n++;
  const ticks = new Int32Array(n);
  for (let k = 0; k < slotOf.length; k++) if (slotOf[k] >= 0) ticks[slotOf[k]] = k + min;
  return { ticks, slotOf, min };
}

export function runSeries(regions: LoadedTable): RunSeries {
  const { ticks, slotOf, min } = tickSlots(num(regions, 'tick'));
  const T = ticks.length;
  const tick = num(regions, 'tick');
  const region = num(regions, 'region');
  const names = text(regions, 'region_name');
  const regionNames: string[] = [];
  for (let i = 0; i < regions.rows; i++) regionNames[region[i]] ??= names[i];
  const R = regionNames.length;
  const z = () => new Float64Array(T);
  const s: RunSeries = {
    ticks, regionNames, employed: z(), labourForce: z(), outputCents: z(), co2eKg: z(), tkm: z(), consumptionCents: z(),
    unmetCents: z(), localShare: z(), importShare: z(), priceIndex: z(), realWage: z(),
    regionOutputCents: new Float64Array(R * T), regionEmployed: new Float64Array(R * T), regionLabourForce: new Float64Array(R * T),
  };
  const c = Object.fromEntries(['labour_force', 'employed', 'output_value_cents', 'co2e_kg', 'freight_tkm', 'consumption_cents',
    'unmet_demand_cents', 'local_share', 'import_share', 'price_index', 'real_wage'].map((k) => [k, num(regions, k)]));
  const plain = { local: z(), imp: z(), price: z(), wage: z(), count: z() };
  for (let i = 0; i < regions.rows; i++) {
    const t = slotOf[tick[i] - min];
    const cons = c.consumption_cents[i];
    const emp = c.employed[i];
    s.labourForce[t] += c.labour_force[i];
    s.employed[t] += emp;
    s.outputCents[t] += c.output_value_cents[i];
    s.co2eKg[t] += c.co2e_kg[i];
    s.tkm[t] += c.freight_tkm[i];
    s.consumptionCents[t] += cons;
    s.unmetCents[t] += c.unmet_demand_cents[i];
    s.localShare[t] += c.local_share[i] * cons;
    s.importShare[t] += c.import_share[i] * cons;
    s.priceIndex[t] += c.price_index[i] * cons;
    s.realWage[t] += c.real_wage[i] * emp;
    plain.local[t] += c.local_share[i];
    plain.imp[t] += c.import_share[i];
    plain.price[t] += c.price_index[i];
    plain.wage[t] += c.real_wage[i];
    plain.count[t] += 1;
    s.regionOutputCents[region[i] * T + t] += c.output_value_cents[i];
    s.regionEmployed[region[i] * T + t] += emp;
    s.regionLabourForce[region[i] * T + t] += c.labour_force[i];
  }
  for (let t = 0; t < T; t++) {
    const cons = s.consumptionCents[t];
    const n = plain.count[t];
    s.localShare[t] = cons > 0 ? s.localShare[t] / cons : plain.local[t] / n;
    s.importShare[t] = cons > 0 ? s.importShare[t] / cons : plain.imp[t] / n;
    s.priceIndex[t] = cons > 0 ? s.priceIndex[t] / cons : plain.price[t] / n;
    s.realWage[t] = s.employed[t] > 0 ? s.realWage[t] / s.employed[t] : plain.wage[t] / n;
  }
  return s;
}

export function sum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i];
  return total;
}

export function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  return to > from ? sum(values, from, to) / (to - from) : NaN;
}

/** Ticks of the shocks from the manifest's resolved scenario: first start to last end, capped by the run. */
export function shockWindow(manifest: unknown): ShockWindow | undefined {
  const start = firstShockTick(manifest);
  if (start === undefined) return undefined;
  const shocks = ((manifest as { scenario?: { shocks?: unknown[] } }).scenario?.shocks ?? []) as { start?: number; duration?: number; region?: string }[];
  const end = Math.max(...shocks.map((s) => (s.start ?? 0) + (s.duration ?? 1)));
  const regions = [...new Set(shocks.map((s) => s.region).filter((r): r is string => typeof r === 'string'))];
  return { start, end, regions };
}

/** Index range [from, to) of the series' ticks inside the window. */
export function windowSlots(ticks: Int32Array, w: ShockWindow): { from: number; to: number } {
  let from = ticks.length;
  let to = ticks.length;
  for (let i = 0; i < ticks.length; i++) {
    if (from === ticks.length && ticks[i] >= w.start) from = i;
    if (ticks[i] >= w.end) { to = i; break; }
  }
  return { from, to: Math.max(from, to) };
}

function finite(value: number | null): number {
  return value === null ? Infinity : value;
}

/** Employment against its pre-shock level, measured as run-metrics.ts measures output; NaN without a shock. */
function employmentShockMetrics(s: RunSeries, w: ShockWindow | undefined): Record<string, number> {
  const none = { employment_trough_depth: NaN, employment_recovery_ticks: NaN, cumulative_employment_loss: NaN, unmet_demand_during_shock_cents: NaN };
  if (!w) return none;
  const { from, to } = windowSlots(s.ticks, w);
  if (from <= 0 || from >= s.ticks.length) return none;
  const reference = mean(s.employed, Math.max(0, from - PRE_SHOCK_WINDOW_TICKS), from);
  const r = resilience(s.employed, reference, from);
  return {
    employment_trough_depth: r.troughDepth,
    employment_recovery_ticks: finite(r.recoveryTicks),
    cumulative_employment_loss: r.cumulativeLoss,
    unmet_demand_during_shock_cents: sum(s.unmetCents, from, to),
  };
}

/** The local-content distance of each region from the resolved scenario; NaN where it is an expression of t. */
export function localContentKm(scenario: any, regionNames: string[]): Float64Array {
  const policy = scenario?.policy ?? {};
  return Float64Array.from(regionNames, (name) => {
    const value = policy.regions?.[name]?.localContentKm ?? policy.localContentKm ?? DEFAULT_LOCAL_CONTENT_KM;
    return typeof value === 'number' ? value : NaN;
  });
}

/** Freight by mode and the local-content share, from the flows table (drayage rows carry no goods value). */
function flowMetrics(flows: LoadedTable | undefined, limitKm: Float64Array): { byMode: BreakdownValue[]; localContent: number } {
  if (!flows || flows.rows === 0) return { byMode: [], localContent: NaN };
  const [origin, destination, tonnes, tkm, co2e, value] = ['origin', 'destination', 'tonnes', 'tkm', 'co2e_kg', 'value_cents'].map((k) => num(flows, k));
  const mode = text(flows, 'mode');
  const vehicle = text(flows, 'vehicle_class');
  const co2eByMode = new Map<string, number>();
  const tkmByMode = new Map<string, number>();
  let within = 0;
  let total = 0;
  for (let i = 0; i < flows.rows; i++) {
    co2eByMode.set(mode[i], (co2eByMode.get(mode[i]) ?? 0) + co2e[i]);
    tkmByMode.set(mode[i], (tkmByMode.get(mode[i]) ?? 0) + tkm[i]);
    if (vehicle[i] === 'drayage') continue;
    total += value[i];
    const km = origin[i] === destination[i] ? 0 : tonnes[i] > 0 ? tkm[i] / tonnes[i] : Infinity;
    if (km <= limitKm[destination[i]]) within += value[i];
  }
  const modes = [...co2eByMode.keys()].sort();
  const byMode: BreakdownValue[] = [
    ...modes.map((m) => ({ metric: 'freight_co2e_kg', by: 'mode' as const, key: m, value: co2eByMode.get(m)! })),
    ...modes.map((m) => ({ metric: 'freight_tkm', by: 'mode' as const, key: m, value: tkmByMode.get(m)! })),
  ];
  const anyUnknownLimit = limitKm.some(Number.isNaN);
  return { byMode, localContent: total > 0 && !anyUnknownLimit ? within / total : NaN };
}

/** Employment rate (mean over ticks with a labour force) and level (mean over ticks) of each region. */
function regionBreakdown(s: RunSeries): BreakdownValue[] {
  const T = s.ticks.length;
  return s.regionNames.flatMap((name, r) => {
    if (name === undefined) return [];
    let rate = 0;
    let n = 0;
    for (let t = 0; t < T; t++) {
      const labour = s.regionLabourForce[r * T + t];
      if (labour > 0) { rate += s.regionEmployed[r * T + t] / labour; n += 1; }
    }
    return [
      { metric: 'employment_rate', by: 'region' as const, key: name, value: n > 0 ? rate / n : NaN },
      { metric: 'employed', by: 'region' as const, key: name, value: mean(s.regionEmployed.subarray(r * T, (r + 1) * T)) },
    ];
  });
}

function sectorBreakdown(sectors: LoadedTable | undefined): BreakdownValue[] {
  if (!sectors || sectors.rows === 0) return [];
  const names = text(sectors, 'sector_name');
  const [employed, output] = [num(sectors, 'employed'), num(sectors, 'output_value_cents')];
  const ticks = tickSlots(num(sectors, 'tick')).ticks.length;
  const acc = new Map<string, { employed: number; output: number }>();
  for (let i = 0; i < sectors.rows; i++) {
    const a = acc.get(names[i]) ?? { employed: 0, output: 0 };
    a.employed += employed[i];
    a.output += output[i];
    acc.set(names[i], a);
  }
  return [...acc].flatMap(([key, a]) => [
    { metric: 'employed', by: 'sector' as const, key, value: a.employed / ticks },
    { metric: 'jobs_per_million_output', by: 'sector' as const, key, value: a.output > 0 ? a.employed / (a.output / CENTS_PER_MILLION) : NaN },
  ]);
}

export interface RunAnalysis {
  metrics: Record<string, number>;
  breakdown: BreakdownValue[];
  series: RunSeries;
  shock?: ShockWindow;
}

/** Every per-run metric of one loaded run: scalars (METRICS), breakdowns (BREAKDOWN_METRICS) and its series. */
export function analyseRunData(run: RunData): RunAnalysis {
  const series = runSeries(run.regions);
  const shock = shockWindow(run.manifest);
  const flows = flowMetrics(run.flows, localContentKm(run.manifest?.scenario, series.regionNames));
  const consumption = sum(series.consumptionCents);
  const output = sum(series.outputCents);
  const wage = mean(series.realWage);
  const metrics: Record<string, number> = {
    ...computeRunMetrics(run),
    mean_employed: mean(series.employed),
    jobs_per_million_output: output > 0 ? sum(series.employed) / (output / CENTS_PER_MILLION) : NaN,
    total_freight_tkm: sum(series.tkm),
    co2e_kg_per_1000_consumption: consumption > 0 ? sum(series.co2eKg) / (consumption / CENTS_PER_THOUSAND) : NaN,
    mean_import_share: mean(series.importShare),
    local_content_share: flows.localContent,
    mean_real_wage: wage,
    total_unmet_demand_cents: sum(series.unmetCents),
    ...employmentShockMetrics(series, shock),
  };
  const breakdown = [...regionBreakdown(series), ...sectorBreakdown(run.sectors), ...flows.byMode];
  return { metrics, breakdown, series, ...(shock ? { shock } : {}) };
}

/**
 * Resilience of a shocked run against its no-shock counterpart (same scenario and seed, shocks removed), tick by
 * tick: trough, recovery to 95%, triangle area (Bruneau et al. 2003) and Hallegatte's (2008) amplification ratio.
 */
export function counterpartResilience(shocked: RunSeries, reference: RunSeries, w: ShockWindow): Record<string, number> {
  const T = Math.min(shocked.ticks.length, reference.ticks.length);
  const { from, to } = windowSlots(shocked.ticks.subarray(0, T), w);
  const out = Object.fromEntries(COUNTERPART_METRICS.map((m) => [m.name, NaN]));
  if (from >= T) return out;
  const cut = (a: Float64Array) => a.subarray(0, T);
  const o = resilience(cut(shocked.outputCents), cut(reference.outputCents), from);
  const e = resilience(cut(shocked.employed), cut(reference.employed), from);
  let direct = 0;
  for (const name of w.regions) {
    const r = shocked.regionNames.indexOf(name);
    if (r < 0) continue;
    for (let t = from; t < to; t++) {
      direct += Math.max(0, reference.regionOutputCents[r * reference.ticks.length + t] - shocked.regionOutputCents[r * shocked.ticks.length + t]);
    }
  }
  return {
    output_trough_depth_vs_noshock: o.troughDepth,
    output_recovery_ticks_vs_noshock: finite(o.recoveryTicks),
    output_loss_vs_noshock_cents: o.cumulativeLoss,
    net_output_loss_vs_noshock_cents: sum(cut(reference.outputCents), from) - sum(cut(shocked.outputCents), from),
    employment_trough_depth_vs_noshock: e.troughDepth,
    employment_recovery_ticks_vs_noshock: finite(e.recoveryTicks),
    employment_loss_vs_noshock: e.cumulativeLoss,
    excess_unmet_demand_during_shock_cents: sum(shocked.unmetCents, from, to) - sum(reference.unmetCents, from, to),
    amplification_ratio: amplificationRatio(o.cumulativeLoss, direct),
  };
}
