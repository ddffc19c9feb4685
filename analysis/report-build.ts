// Writes a comparison to a folder: CSV (full precision, for notebooks), Markdown, SVG charts and one self-contained
// report.html. The numbers in every format come from the same Comparison, so they cannot disagree.
import fs from 'node:fs';
import path from 'node:path';
import { differenceChart, resilienceChart, timeSeriesChart, type DiffBar, type SeriesBand } from './charts.js';
import { csvTable, htmlTable, markdownTable, renderReport, type ReportSection } from './report.js';
import { BREAKDOWN_METRICS, COUNTERPART_METRICS, METRICS, metricInfo } from './metrics.js';
import { SERIES, type Comparison, type MetricDifference, type MetricSummary, type SeriesSummary } from './compare.js';
import { describeShocks } from './compare-groups.js';

type Cell = string | number;
export interface BuildOptions { title?: string; inputs?: string[] }
export interface BuiltReport { files: string[]; charts: number }

// [from, divisor, suffix]: thousands get a suffix only from 10,000 so that years or tick counts stay plain.
const SUFFIXES: [number, number, string][] = [[1e12, 1e12, 'T'], [1e9, 1e9, 'G'], [1e6, 1e6, 'M'], [1e4, 1e3, 'k']];

/** Four significant digits, large values with k/M/G, shares as percent (differences of shares as points). */
export function formatNumber(value: number, unit = '', difference = false): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return unit === 'ticks' ? 'never' : value > 0 ? '∞' : '-∞';
  if (unit === 'share') return `${(value * 100).toFixed(Math.abs(value) < 0.001 && value !== 0 ? 3 : 2)}${difference ? ' pp' : '%'}`;
  const abs = Math.abs(value);
  for (const [from, size, suffix] of SUFFIXES) if (abs >= from) return `${Number((value / size).toPrecision(4))}${suffix}`;
  return String(Number(value.toPrecision(4)));
}

export function formatInterval(s: { interval: { mean: number; lo: number; hi: number } }, unit = '', difference = false): string {
  const { mean, lo, hi } = s.interval;
  const sign = difference && mean > 0 ? '+' : '';
  const range = Number.isNaN(lo) ? '' : ` [${formatNumber(lo, unit, difference)}, ${formatNumber(hi, unit, difference)}]`;
  return `${sign}${formatNumber(mean, unit, difference)}${range}`;
}

const unitOf = (metric: string) => metricInfo(metric)?.unit ?? '';
const labelOf = (metric: string) => metricInfo(metric)?.label ?? metric;
/** Label with a short unit for headers and chart panels; long units are left to the CSV and docs/metrics.md. */
const titled = (metric: string, difference = false) => {
  const unit = unitOf(metric);
  const shown = unit === 'share' ? (difference ? 'percentage points' : '%') : unit.length <= 12 && unit !== 'index' && !labelOf(metric).includes(unit) ? unit : '';
  return shown ? `${labelOf(metric)} (${shown})` : labelOf(metric);
};

function summaryRows(rows: MetricSummary[]): Cell[][] {
  return rows.map((s) => [s.scenario, s.metric, s.by ?? '', s.key ?? '', unitOf(s.metric), s.interval.n, s.interval.mean, s.interval.sd, s.interval.lo, s.interval.hi, s.infinite]);
}
const SUMMARY_HEADER = ['scenario', 'metric', 'by', 'key', 'unit', 'n', 'mean', 'sd', 'ci_lo', 'ci_hi', 'infinite_runs'];

function differenceRows(rows: MetricDifference[]): Cell[][] {
  return rows.map((d) => [d.scenario, d.baseline, d.metric, d.by ?? '', d.key ?? '', unitOf(d.metric), d.method, d.interval.n, d.interval.mean, d.interval.lo, d.interval.hi, d.relative * 100]);
}
const DIFFERENCE_HEADER = ['scenario', 'baseline', 'metric', 'by', 'key', 'unit', 'method', 'n', 'difference', 'ci_lo', 'ci_hi', 'relative_percent'];

function runRows(c: Comparison): { header: string[]; rows: Cell[][] } {
  const names = [...METRICS.map((m) => m.name), ...COUNTERPART_METRICS.map((m) => m.name)];
  const rows = c.groups.flatMap((g) => g.runs.map((r) => {
    const twin = c.counterpartByRun.get(r.runId) ?? {};
    return [g.label, r.runId, r.seed, r.dir, ...names.map((n) => r.metrics[n] ?? twin[n] ?? NaN)];
  }));
  return { header: ['scenario', 'run_id', 'seed', 'dir', ...names], rows };
}

function seriesRows(series: SeriesSummary[]): Cell[][] {
  return series.flatMap((s) => s.tick.map((t, i) => [s.scenario, s.series, t, s.mean[i], s.lo[i], s.hi[i]]));
}

/** Metric rows x scenario columns (scenarios are few, metrics many), each cell "mean [lo, hi]". */
function headlineTable(c: Comparison, metrics: string[], rows: MetricSummary[]): { header: string[]; rows: string[][] } {
  const groups = c.groups.filter((g) => rows.some((s) => s.scenario === g.label));
  const body = metrics.filter((m) => rows.some((s) => s.metric === m)).map((m) => [titled(m), ...groups.map((g) => {
    const s = rows.find((x) => x.scenario === g.label && x.metric === m && !x.by);
    return s ? formatInterval(s, unitOf(m)) : 'n/a';
  })]);
  return { header: ['Metric', ...groups.map((g) => g.label)], rows: body };
}

function scenarioTable(c: Comparison): { header: string[]; rows: string[][] } {
  return {
    header: ['Scenario', 'Seeds', 'Shock', 'Resilience measured against'],
    rows: c.groups.map((g) => [g.label + (g.label === c.baseline ? ' (baseline)' : ''), g.runs.map((r) => r.seed).join(', '),
      describeShocks(g.runs[0].scenario.shocks), g.shock ? (g.counterpart ?? 'its pre-shock level') : '']),
  };
}

/** Grouped by scenario, in input order, so each scenario's changes read together. */
function differenceTable(c: Comparison, diffs: MetricDifference[]): { header: string[]; rows: string[][] } {
  const order = c.groups.map((g) => g.label);
  const sorted = [...diffs].sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario));
  return {
    header: ['Scenario', 'Versus', 'Metric', 'Difference [95% CI]', '% of reference', 'Method'],
    rows: sorted.map((d) => [d.scenario, d.baseline, labelOf(d.metric) + (d.key ? ` (${d.by} ${d.key})` : ''), formatInterval(d, unitOf(d.metric), true),
      Number.isFinite(d.relative) ? `${d.relative > 0 ? '+' : ''}${(d.relative * 100).toFixed(1)}%` : 'n/a', d.method === 'paired' ? 'paired by seed' : 'Welch']),
  };
}

function breakdownTable(c: Comparison, by: string): { header: string[]; rows: string[][] } {
  const rows = c.breakdown.filter((s) => s.by === by);
  const metrics = BREAKDOWN_METRICS.map((m) => m.name).filter((m) => rows.some((s) => s.metric === m));
  const keys = [...new Set(rows.map((s) => s.key!))];
  const body = keys.flatMap((key) => c.groups.map((g) => [key, g.label, ...metrics.map((m) => {
    const s = rows.find((x) => x.scenario === g.label && x.metric === m && x.key === key);
    return s ? formatInterval(s, unitOf(m)) : 'n/a';
  })]));
  return { header: [by[0].toUpperCase() + by.slice(1), 'Scenario', ...metrics.map((m) => titled(m))], rows: body };
}

function bands(c: Comparison, rows: SeriesSummary[], series: string): SeriesBand[] {
  return rows.filter((s) => s.series === series).map((s) => ({ name: s.scenario, tick: s.tick, mean: s.mean, lo: s.lo, hi: s.hi }));
}

const MAX_SERIES_GROUPS = 12;

async function buildCharts(c: Comparison, headline: string[]): Promise<Record<string, { caption: string; svg: string }>> {
  const order = c.groups.map((g) => g.label);
  const shock = c.groups.find((g) => g.shock)?.shock;
  const shockOpts = shock ? { shockStart: shock.start, shockEnd: shock.end - 1 } : {};
  const seeds = [...new Set(c.groups.map((g) => g.runs.length))].join(' or ');
  const charts: Record<string, { caption: string; svg: string }> = {};
  // a sweep's many design points would make unreadable line charts: beyond this the tables and CSV carry them
  for (const s of c.groups.length > MAX_SERIES_GROUPS ? [] : SERIES) {
    charts[`series-${s.name}`] = {
      caption: `${s.label} per tick: mean over ${seeds} seeds with its ${c.level * 100}% interval${shock ? '; grey: shock window' : ''}.`,
      svg: await timeSeriesChart(s.label, s.label, bands(c, c.series, s.name), { ...shockOpts, colourOrder: order }),
    };
  }
  // shares are drawn in percentage points, the unit their differences are read in
  const bars = (diffs: MetricDifference[], metrics: string[]): DiffBar[] => diffs.filter((d) => metrics.includes(d.metric) && !d.by).map((d) => {
    const k = unitOf(d.metric) === 'share' ? 100 : 1;
    return { metric: titled(d.metric, true), scenario: d.scenario, mean: d.interval.mean * k, lo: d.interval.lo * k, hi: d.interval.hi * k };
  });
  const diffBars = bars(c.differences, headline);
  if (diffBars.length > 0) {
    charts.differences = { caption: `Scenario minus ${c.baseline}, with ${c.level * 100}% intervals (paired by seed where the seeds match).`,
      svg: await differenceChart(`Difference from ${c.baseline}`, diffBars, { colourOrder: order }) };
  }
  for (const [name, title] of [['output', 'Output'], ['employment', 'Employment']] as const) {
    const rows = bands(c, c.resilienceSeries, name);
    if (rows.length === 0 || rows.length > MAX_SERIES_GROUPS || !shock) continue;
    charts[`resilience-${name}`] = {
      caption: `${title} relative to the same scenario and seed without the shock (or to the pre-shock level when that run is absent); mean and ${c.level * 100}% interval.`,
      svg: await resilienceChart(`${title} around the shock`, rows, shock.start, shock.end - 1, { colourOrder: order }),
    };
  }
  const resBars = bars(c.resilienceDifferences, COUNTERPART_METRICS.filter((m) => m.headline).map((m) => m.name));
  if (resBars.length > 0 && c.shockedBaseline) {
    charts['resilience-differences'] = { caption: `Resilience metrics minus those of ${c.shockedBaseline}, ${c.level * 100}% intervals.`,
      svg: await differenceChart(`Resilience versus ${c.shockedBaseline}`, resBars, { colourOrder: order }) };
  }
  return charts;
}

function methodText(c: Comparison): string {
  return [
    `Baseline: ${c.baseline}. Every number is a mean over replicate seeds with a ${c.level * 100}% Student t interval. Differences are paired by seed when a scenario ran the same seeds as its reference, and Welch intervals otherwise. Metric definitions and sources are in docs/metrics.md.`,
    ...(c.warnings.length > 0 ? [`Warnings: ${c.warnings.join('; ')}`] : []),
  ].join('\n\n');
}

/** Plain sentences: per scenario, the headline differences whose interval excludes zero (the rest is seed noise). */
function findings(c: Comparison, headline: string[], resilience: string[]): string {
  const clear = (d: MetricDifference) => d.interval.lo > 0 || d.interval.hi < 0;
  const sentence = (scenario: string, reference: string, diffs: MetricDifference[], metrics: string[]) => {
    const parts = diffs.filter((d) => d.scenario === scenario && metrics.includes(d.metric) && !d.by && clear(d))
      .map((d) => `${unitOf(d.metric) === 'share' ? labelOf(d.metric) : titled(d.metric)} ${formatInterval(d, unitOf(d.metric), true)}` +
        (Number.isFinite(d.relative) ? ` (${d.relative > 0 ? '+' : ''}${(d.relative * 100).toFixed(1)}%)` : ''));
    return `${scenario} versus ${reference}: ${parts.length > 0 ? parts.join('; ') : 'no headline difference stands out from the seed-to-seed noise'}.`;
  };
  const lines = c.groups.filter((g) => g.label !== c.baseline).map((g) => sentence(g.label, c.baseline, c.differences, headline));
  if (c.shockedBaseline) {
    for (const g of c.groups.filter((x) => x.shock && x.counterpart && x.label !== c.shockedBaseline)) {
      lines.push(`Resilience, ${sentence(g.label, c.shockedBaseline, c.resilienceDifferences, resilience)}`);
    }
  }
  return `Differences with ${c.level * 100}% intervals that exclude zero; each scenario against ${c.baseline}.\n\n${lines.join('\n\n')}`;
}

/** Writes CSV, Markdown, SVG and report.html into outDir; returns the files written. */
export async function writeComparisonReport(c: Comparison, outDir: string, opts: BuildOptions = {}): Promise<BuiltReport> {
  fs.mkdirSync(path.join(outDir, 'charts'), { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string) => {
    fs.writeFileSync(path.join(outDir, name), content);
    files.push(name);
  };
  write('metrics.csv', csvTable(SUMMARY_HEADER, summaryRows(c.metrics)));
  write('differences.csv', csvTable(DIFFERENCE_HEADER, differenceRows(c.differences)));
  write('breakdown.csv', csvTable(SUMMARY_HEADER, summaryRows(c.breakdown)));
  write('breakdown-differences.csv', csvTable(DIFFERENCE_HEADER, differenceRows(c.breakdownDifferences)));
  write('resilience.csv', csvTable(SUMMARY_HEADER, summaryRows(c.resilience)));
  write('resilience-differences.csv', csvTable(DIFFERENCE_HEADER, differenceRows(c.resilienceDifferences)));
  write('series.csv', csvTable(['scenario', 'series', 'tick', 'mean', 'ci_lo', 'ci_hi'], seriesRows([...c.series, ...c.resilienceSeries.map((s) => ({ ...s, series: `${s.series}_relative` }))])));
  const runs = runRows(c);
  write('runs.csv', csvTable(runs.header, runs.rows));

  const headline = METRICS.filter((m) => m.headline).map((m) => m.name);
  const resHeadline = COUNTERPART_METRICS.filter((m) => m.headline).map((m) => m.name);
  const tables = {
    headline: headlineTable(c, headline, c.metrics),
    differences: differenceTable(c, c.differences.filter((d) => headline.includes(d.metric))),
    scenarios: scenarioTable(c),
    region: breakdownTable(c, 'region'), sector: breakdownTable(c, 'sector'), mode: breakdownTable(c, 'mode'),
    resilience: headlineTable(c, resHeadline, c.resilience),
    resilienceDifferences: differenceTable(c, c.resilienceDifferences),
  };
  const md = [`# ${opts.title ?? 'Scenario comparison'}`, '', methodText(c), '', '## Key findings', '', findings(c, headline, resHeadline), '',
    '## Scenarios', '', markdownTable(tables.scenarios.header, tables.scenarios.rows),
    `## Means with ${c.level * 100}% intervals`, '', markdownTable(tables.headline.header, tables.headline.rows),
    `## Differences from ${c.baseline}`, '', markdownTable(tables.differences.header, tables.differences.rows),
    '## Employment by region', '', markdownTable(tables.region.header, tables.region.rows),
    '## Employment by sector', '', markdownTable(tables.sector.header, tables.sector.rows),
    '## Freight by mode', '', markdownTable(tables.mode.header, tables.mode.rows),
    ...(c.resilience.length > 0 ? ['## Resilience (against the same scenario without the shock)', '', markdownTable(tables.resilience.header, tables.resilience.rows)] : []),
    ...(c.resilienceDifferences.length > 0 ? [`## Resilience versus ${c.shockedBaseline}`, '', markdownTable(tables.resilienceDifferences.header, tables.resilienceDifferences.rows)] : []),
  ].join('\n');
  write('summary.md', md);

  const charts = await buildCharts(c, headline);
  for (const [name, chart] of Object.entries(charts)) write(path.join('charts', `${name}.svg`), chart.svg);
  const fig = (...names: string[]) => names.filter((n) => charts[n]).map((n) => charts[n]);
  const html = (t: { header: string[]; rows: string[][] }, caption?: string) => htmlTable(t.header, t.rows, caption ? { caption } : {});
  const sections: ReportSection[] = [
    { title: 'Key findings', text: findings(c, headline, resHeadline) },
    { title: 'Scenarios', text: methodText(c), tableHtml: html(tables.scenarios) + html(tables.headline, `Means with ${c.level * 100}% intervals across seeds`) },
    { title: `Differences from ${c.baseline}`, tableHtml: html(tables.differences), svgs: fig('differences') },
    { title: 'Employment', tableHtml: html(tables.region, 'By region') + html(tables.sector, 'By sector'), svgs: fig('series-employment_rate', 'series-employed', 'series-output_cents') },
    { title: 'Emissions', tableHtml: html(tables.mode, 'Freight by mode over the run'), svgs: fig('series-co2e_kg') },
    { title: 'Localization and cost of living', svgs: fig('series-local_share', 'series-price_index', 'series-real_wage', 'series-unmet_demand_cents') },
    ...(c.resilience.length > 0 ? [{ title: 'Resilience', text: 'Against the same scenario and seed without the shock: trough depth, ticks to recover to 95%, resilience-triangle loss (Bruneau et al. 2003) and loss amplification (Hallegatte 2008).',
      tableHtml: html(tables.resilience) + (c.resilienceDifferences.length > 0 ? html(tables.resilienceDifferences, `Versus ${c.shockedBaseline}`) : ''),
      svgs: fig('resilience-output', 'resilience-employment', 'resilience-differences') }] : []),
  ];
  write('report.html', renderReport({ title: opts.title ?? 'Scenario comparison', subtitle: `Baseline: ${c.baseline}`, generatedFrom: opts.inputs ?? [], sections }));
  return { files, charts: Object.keys(charts).length };
}
