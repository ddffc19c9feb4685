// Compares scenario groups across replicate seeds: mean, sd and 95% t intervals per metric, differences from a
// baseline (paired by seed when both ran the same seeds, Welch otherwise), and resilience against no-shock twins.
import { UserError } from '../engine/model/errors.js';
import { pairedDifference, summarize, welchDifference, type Interval } from './stats.js';
import { BREAKDOWN_METRICS, COUNTERPART_METRICS, counterpartResilience, METRICS, mean, type RunSeries } from './metrics.js';
import { PRE_SHOCK_WINDOW_TICKS } from './run-metrics.js';
import { loadScenarioGroups, type AnalysedRun, type ScenarioGroup } from './compare-groups.js';

export interface MetricSummary { scenario: string; metric: string; by?: string; key?: string; interval: Interval; infinite: number }
export interface MetricDifference {
  scenario: string; baseline: string; metric: string; by?: string; key?: string;
  method: 'paired' | 'welch'; interval: Interval;
  /** Difference over |baseline mean|: NaN when the baseline mean is 0. */
  relative: number;
}
export interface SeriesSummary { scenario: string; series: string; tick: number[]; mean: number[]; lo: number[]; hi: number[] }
export interface CompareOptions { baseline?: string; level?: number }

export interface Comparison {
  level: number;
  baseline: string;
  /** The shocked scenario whose no-shock counterpart is the baseline: the reference for resilience differences. */
  shockedBaseline?: string;
  groups: ScenarioGroup[];
  metrics: MetricSummary[];
  differences: MetricDifference[];
  breakdown: MetricSummary[];
  breakdownDifferences: MetricDifference[];
  /** COUNTERPART_METRICS of each run of a shocked scenario, by run id. */
  counterpartByRun: Map<string, Record<string, number>>;
  resilience: MetricSummary[];
  resilienceDifferences: MetricDifference[];
  series: SeriesSummary[];
  /** Output and employment relative to the no-shock counterpart (or the pre-shock level), per shocked scenario. */
  resilienceSeries: SeriesSummary[];
  warnings: string[];
}

interface SeedValue { seed: number; value: number }

const nanInterval = (mean: number, n: number, level: number): Interval => ({ mean, sd: NaN, se: NaN, df: NaN, n, lo: NaN, hi: NaN, level });

/** NaN values (metric does not apply) are left out; an infinite value (never recovered) makes the mean infinite and the interval undefined. */
export function summarizeValues(values: number[], level = 0.95): { interval: Interval; infinite: number } {
  const kept = values.filter((v) => !Number.isNaN(v));
  const infinite = kept.filter((v) => !Number.isFinite(v)).length;
  if (infinite > 0) return { interval: nanInterval(kept.reduce((a, b) => a + b, 0), kept.length, level), infinite };
  return { interval: summarize(kept, level), infinite: 0 };
}

/** Paired by seed when both sides have exactly the same seeds, Welch otherwise; null when either side has no value. */
export function difference(a: SeedValue[], b: SeedValue[], level = 0.95): { method: 'paired' | 'welch'; interval: Interval; relative: number } | null {
  const fa = a.filter((x) => !Number.isNaN(x.value));
  const fb = b.filter((x) => !Number.isNaN(x.value));
  if (fa.length === 0 || fb.length === 0) return null;
  const seedsA = fa.map((x) => x.seed).sort((x, y) => x - y).join(',');
  const seedsB = fb.map((x) => x.seed).sort((x, y) => x - y).join(',');
  const method = seedsA === seedsB && new Set(fa.map((x) => x.seed)).size === fa.length ? 'paired' : 'welch';
  const baseMean = summarizeValues(fb.map((x) => x.value), level).interval.mean;
  const finite = [...fa, ...fb].every((x) => Number.isFinite(x.value));
  let interval: Interval;
  if (!finite) {
    interval = nanInterval(mean(fa.map((x) => x.value)) - mean(fb.map((x) => x.value)), fa.length + fb.length, level);
  } else if (method === 'paired') {
    const bySeed = new Map(fb.map((x) => [x.seed, x.value]));
    const sorted = [...fa].sort((x, y) => x.seed - y.seed);
    interval = pairedDifference(sorted.map((x) => x.value), sorted.map((x) => bySeed.get(x.seed)!), level);
  } else {
    interval = welchDifference(fa.map((x) => x.value), fb.map((x) => x.value), level);
  }
  return { method, interval, relative: baseMean !== 0 && Number.isFinite(baseMean) ? interval.mean / Math.abs(baseMean) : NaN };
}

function scalar(g: ScenarioGroup, metric: string, source: (r: AnalysedRun) => Record<string, number> | undefined): SeedValue[] {
  return g.runs.flatMap((r) => {
    const value = source(r)?.[metric];
    return value === undefined ? [] : [{ seed: r.seed, value }];
  });
}

/** Picks the baseline: the named scenario, else one named like "baseline", else the first unshocked group. */
export function chooseBaseline(groups: ScenarioGroup[], name?: string): ScenarioGroup {
  if (name !== undefined) {
    const exact = groups.find((g) => g.label === name);
    const byName = groups.filter((g) => g.scenarioName === name);
    const pick = exact ?? byName.find((g) => !g.shock) ?? (byName.length === 1 ? byName[0] : undefined);
    if (!pick) throw new UserError(`--baseline ${name}: no such scenario among the inputs; they are: ${groups.map((g) => `'${g.label}'`).join(', ')}`);
    return pick;
  }
  const calm = groups.filter((g) => !g.shock);
  return calm.find((g) => /baseline/.test(g.label)) ?? calm[0] ?? groups[0];
}

type Series = keyof Pick<RunSeries, 'employed' | 'outputCents' | 'co2eKg' | 'localShare' | 'priceIndex' | 'realWage' | 'unmetCents'>;
export const SERIES: readonly { name: string; label: string; of: (s: RunSeries, t: number) => number }[] = [
  { name: 'employment_rate', label: 'Employment rate', of: (s, t) => (s.labourForce[t] > 0 ? s.employed[t] / s.labourForce[t] : NaN) },
  ...([
    ['employed', 'Employed (persons)', 'employed'], ['output_cents', 'Output value (cents per tick)', 'outputCents'],
    ['co2e_kg', 'Freight CO2e (kg per tick)', 'co2eKg'], ['local_share', 'Local share of purchases', 'localShare'],
    ['price_index', 'Price index', 'priceIndex'], ['real_wage', 'Real wage (cents at base prices)', 'realWage'],
    ['unmet_demand_cents', 'Unmet demand (cents per tick)', 'unmetCents'],
  ] as [string, string, Series][]).map(([name, label, key]) => ({ name, label, of: (s: RunSeries, t: number) => s[key][t] })),
];

function bandOf(scenario: string, series: string, ticks: ArrayLike<number>, perRun: ((t: number) => number)[], level: number): SeriesSummary {
  const out: SeriesSummary = { scenario, series, tick: Array.from(ticks), mean: [], lo: [], hi: [] };
  const values = new Float64Array(perRun.length);
  for (let t = 0; t < ticks.length; t++) {
    perRun.forEach((f, i) => (values[i] = f(t)));
    const iv = summarize(values.filter((v) => Number.isFinite(v)), level);
    out.mean.push(iv.mean);
    out.lo.push(iv.lo);
    out.hi.push(iv.hi);
  }
  return out;
}

function shortestTicks(runs: AnalysedRun[]): Int32Array {
  return runs.reduce((a, r) => (r.series.ticks.length < a.length ? r.series.ticks : a), runs[0].series.ticks);
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

/** Per shocked scenario: output and employment over the counterpart of the same seed, or over the pre-shock mean. */
function resilienceBands(g: ScenarioGroup, twin: ScenarioGroup | undefined, level: number): SeriesSummary[] {
  const ticks = shortestTicks(g.runs);
  const start = ticks.findIndex((t) => t >= g.shock!.start);
  const out: SeriesSummary[] = [];
  for (const [name, key] of [['output', 'outputCents'], ['employment', 'employed']] as const) {
    const perRun = g.runs.flatMap((r) => {
      const ref = twin?.runs.find((c) => c.seed === r.seed);
      if (twin) return ref ? [(t: number) => ratio(r.series[key][t], ref.series[key][t])] : [];
      if (start <= 0) return [];
      const level0 = mean(r.series[key], Math.max(0, start - PRE_SHOCK_WINDOW_TICKS), start);
      return [(t: number) => ratio(r.series[key][t], level0)];
    });
    if (perRun.length > 0) out.push(bandOf(g.label, name, ticks, perRun, level));
  }
  return out;
}

function counterpartMetrics(groups: ScenarioGroup[], warnings: string[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const g of groups) {
    const twin = groups.find((o) => o.label === g.counterpart);
    if (!g.shock || !twin) continue;
    for (const r of g.runs) {
      const ref = twin.runs.find((c) => c.seed === r.seed);
      if (ref) out.set(r.runId, counterpartResilience(r.series, ref.series, g.shock));
      else warnings.push(`${g.label}: seed ${r.seed} has no run without the shock in '${twin.label}'; its resilience against the counterpart is left out`);
    }
  }
  return out;
}

function breakdownKeys(groups: ScenarioGroup[]): { metric: string; by: string; key: string }[] {
  const seen = new Map<string, { metric: string; by: string; key: string }>();
  for (const g of groups) for (const r of g.runs) for (const b of r.breakdown) seen.set(`${b.metric}|${b.by}|${b.key}`, b);
  const order = BREAKDOWN_METRICS.map((m) => m.name);
  return [...seen.values()].sort((a, b) => order.indexOf(a.metric) - order.indexOf(b.metric) || a.by.localeCompare(b.by));
}

function breakdownValues(g: ScenarioGroup, k: { metric: string; by: string; key: string }): SeedValue[] {
  return g.runs.flatMap((r) => r.breakdown.filter((b) => b.metric === k.metric && b.by === k.by && b.key === k.key).map((b) => ({ seed: r.seed, value: b.value })));
}

export function compareGroups(groups: ScenarioGroup[], opts: CompareOptions = {}, warnings: string[] = []): Comparison {
  const level = opts.level ?? 0.95;
  if (groups.length === 0) throw new UserError('nothing to compare: no runs');
  const base = chooseBaseline(groups, opts.baseline);
  const counterpartByRun = counterpartMetrics(groups, warnings);
  const shockedBase = groups.find((g) => g.shock && g.counterpart === base.label);
  const c: Comparison = {
    level, baseline: base.label, ...(shockedBase ? { shockedBaseline: shockedBase.label } : {}), groups,
    metrics: [], differences: [], breakdown: [], breakdownDifferences: [], counterpartByRun,
    resilience: [], resilienceDifferences: [], series: [], resilienceSeries: [], warnings,
  };
  const summaryOf = (g: ScenarioGroup, values: SeedValue[], extra: Partial<MetricSummary> & { metric: string }): MetricSummary | null => {
    if (values.every((v) => Number.isNaN(v.value))) return null;
    return { scenario: g.label, ...extra, ...summarizeValues(values.map((v) => v.value), level) };
  };
  const diffOf = (g: ScenarioGroup, ref: ScenarioGroup, a: SeedValue[], b: SeedValue[], extra: { metric: string; by?: string; key?: string }) => {
    const d = difference(a, b, level);
    return d ? [{ scenario: g.label, baseline: ref.label, ...extra, ...d }] : [];
  };
  for (const m of METRICS) {
    for (const g of groups) {
      const s = summaryOf(g, scalar(g, m.name, (r) => r.metrics), { metric: m.name });
      if (s) c.metrics.push(s);
      if (g !== base) c.differences.push(...diffOf(g, base, scalar(g, m.name, (r) => r.metrics), scalar(base, m.name, (r) => r.metrics), { metric: m.name }));
    }
  }
  for (const k of breakdownKeys(groups)) {
    for (const g of groups) {
      const s = summaryOf(g, breakdownValues(g, k), k);
      if (s) c.breakdown.push(s);
      if (g !== base) c.breakdownDifferences.push(...diffOf(g, base, breakdownValues(g, k), breakdownValues(base, k), k));
    }
  }
  const fromTwin = (r: AnalysedRun) => counterpartByRun.get(r.runId);
  for (const m of COUNTERPART_METRICS) {
    for (const g of groups.filter((x) => x.shock && x.counterpart)) {
      const s = summaryOf(g, scalar(g, m.name, fromTwin), { metric: m.name });
      if (s) c.resilience.push(s);
      if (shockedBase && g !== shockedBase) c.resilienceDifferences.push(...diffOf(g, shockedBase, scalar(g, m.name, fromTwin), scalar(shockedBase, m.name, fromTwin), { metric: m.name }));
    }
  }
  for (const g of groups) {
    const ticks = shortestTicks(g.runs);
    for (const s of SERIES) c.series.push(bandOf(g.label, s.name, ticks, g.runs.map((r) => (t: number) => s.of(r.series, t)), level));
    if (g.shock) c.resilienceSeries.push(...resilienceBands(g, groups.find((o) => o.label === g.counterpart), level));
  }
  return c;
}

/** The library entry point: find, analyse, group and compare the runs under `paths`. */
export function compareDirs(paths: string[], opts: CompareOptions = {}): Comparison {
  const warnings: string[] = [];
  return compareGroups(loadScenarioGroups(paths, warnings), opts, warnings);
}
