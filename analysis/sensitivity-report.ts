// Sensitivity indices from a sobol or morris sweep folder (sweep.json + summary.arrow, or the run folders for
// metrics the summary lacks), as tables, tornado charts and a report: which parameters drive each outcome.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../engine/model/errors.js';
import { readArrowTable, isRunDir, type LoadedTable } from './load.js';
import { morrisEffects, sobolIndices, type MorrisEffect, type SobolIndex } from './sensitivity.js';
import { METRICS, metricInfo } from './metrics.js';
import { analyseRun } from './compare-groups.js';
import { tornadoChart } from './charts.js';
import { csvTable, htmlTable, markdownTable, renderReport, type ReportSection } from './report.js';

interface PlanLike {
  name?: string;
  design: { kind: string; samples?: number; trajectories?: number; morrisSteps?: { trajectory: number; param: number; delta: number }[] };
  parameters: { path: string; column?: string }[];
  metrics?: string[];
  runs: { runId: string; point: number; block?: string }[];
}

export interface SensitivityOptions { metrics?: string[]; resamples?: number; seed?: number; level?: number }
export interface SensitivityResult {
  dir: string;
  sweep: string;
  design: 'sobol' | 'morris';
  parameters: string[];
  /** Design points and how many had at least one finished run. */
  points: number;
  sobol: { metric: string; indices: SobolIndex[] }[];
  morris: { metric: string; effects: MorrisEffect[] }[];
  skipped: { metric: string; reason: string }[];
}

function readPlan(dir: string): PlanLike {
  const file = path.join(dir, 'sweep.json');
  if (!fs.existsSync(file)) throw new UserError(`${dir}: no sweep.json here; glocal sensitivity needs a sobol or morris sweep folder`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PlanLike;
  } catch (err) {
    throw new UserError(`${file}: not a readable sweep plan (${(err as Error).message})`);
  }
}

/** Sobol needs the Saltelli block order A, B, AB1..ABk of N points each; a different plan would give wrong indices silently. */
function checkSaltelli(plan: PlanLike, N: number, k: number, points: number): void {
  if (points !== (k + 2) * N) throw new UserError(`sweep ${plan.name}: a sobol design of N = ${N} and ${k} parameters needs ${(k + 2) * N} points, found ${points}`);
  for (const run of plan.runs) {
    const b = Math.floor(run.point / N);
    const expected = b === 0 ? 'A' : b === 1 ? 'B' : `AB${b - 1}`;
    if (run.block !== undefined && run.block !== expected) throw new UserError(`sweep ${plan.name}: point ${run.point} is in block ${run.block}, expected ${expected}`);
  }
}

/** Per run id, the metric values the summary lacks, computed from the run folders (only when asked for). */
function metricsFromRuns(dir: string, plan: PlanLike, names: string[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  if (names.length === 0) return out;
  for (const run of plan.runs) {
    const runDir = path.join(dir, 'runs', run.runId);
    if (out.has(run.runId) || !isRunDir(runDir)) continue;
    out.set(run.runId, analyseRun({ dir: runDir }).metrics);
  }
  return out;
}

/** Mean over replicates of each design point; NaN for a point without a finished run. */
function pointMeans(plan: PlanLike, points: number, value: (row: number, runId: string) => number | undefined, ok: (row: number) => boolean): Float64Array {
  const sum = new Float64Array(points);
  const count = new Float64Array(points);
  plan.runs.forEach((run, row) => {
    const v = value(row, run.runId);
    if (!ok(row) || v === undefined) return;
    sum[run.point] += v;
    count[run.point] += 1;
  });
  return sum.map((s, i) => (count[i] > 0 ? s / count[i] : NaN));
}

function unusable(y: Float64Array): string | undefined {
  const missing = y.filter(Number.isNaN).length;
  if (missing > 0) return `${missing} of ${y.length} design points have no value (failed or missing runs, or a metric that does not apply, e.g. a shock metric without a shock)`;
  if (y.some((v) => !Number.isFinite(v))) return 'some runs never recovered (infinite recovery time); indices need finite outputs';
  return undefined;
}

export function sensitivityFromSweep(dir: string, opts: SensitivityOptions = {}): SensitivityResult {
  const plan = readPlan(dir);
  const kind = plan.design?.kind;
  if (kind !== 'sobol' && kind !== 'morris') throw new UserError(`sweep ${plan.name ?? dir} has a ${kind} design; sensitivity indices need a sobol or morris sweep`);
  const summaryPath = path.join(dir, 'summary.arrow');
  const summary: LoadedTable | undefined = fs.existsSync(summaryPath) ? readArrowTable(summaryPath) : undefined;
  if (summary && summary.rows !== plan.runs.length) throw new UserError(`${summaryPath} has ${summary.rows} rows but sweep.json plans ${plan.runs.length} runs; run glocal sweep merge ${dir}`);
  const wanted = opts.metrics ?? plan.metrics ?? METRICS.map((m) => m.name);
  for (const m of wanted) if (!metricInfo(m) && !summary?.columns[m]) throw new UserError(`--metric ${m}: unknown metric; known: ${METRICS.map((x) => x.name).join(', ')}`);
  const inSummary = (m: string) => summary !== undefined && summary.columns[m] !== undefined && !Array.isArray(summary.columns[m]);
  const fromRuns = metricsFromRuns(dir, plan, wanted.filter((m) => !inSummary(m)));
  const status = summary?.columns.status as string[] | undefined;
  const points = new Set(plan.runs.map((r) => r.point)).size;
  const names = plan.parameters.map((p) => p.path);
  const result: SensitivityResult = { dir, sweep: plan.name ?? path.basename(dir), design: kind, parameters: names, points, sobol: [], morris: [], skipped: [] };
  if (kind === 'sobol') checkSaltelli(plan, plan.design.samples ?? 0, names.length, points);
  for (const metric of wanted) {
    const column = inSummary(metric) ? (summary!.columns[metric] as Float64Array) : undefined;
    const y = pointMeans(plan, points, (row, id) => (column ? column[row] : fromRuns.get(id)?.[metric]), (row) => !status || status[row] === 'ok' || !column);
    const reason = unusable(y);
    if (reason) { result.skipped.push({ metric, reason }); continue; }
    if (kind === 'sobol') {
      result.sobol.push({ metric, indices: sobolIndices(y, plan.design.samples!, names, { seed: opts.seed, resamples: opts.resamples, level: opts.level }) });
    } else {
      const layout = { k: names.length, r: plan.design.trajectories ?? 0, names, steps: plan.design.morrisSteps ?? [] };
      result.morris.push({ metric, effects: morrisEffects(layout, y) });
    }
  }
  return result;
}

const f = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : 'n/a');

/** Rows per metric, most influential parameter first (by ST for Sobol, mu* for Morris). */
export function sensitivityTables(r: SensitivityResult): { metric: string; header: string[]; rows: string[][] }[] {
  if (r.design === 'sobol') {
    return r.sobol.map(({ metric, indices }) => ({
      metric, header: ['parameter', 'S1 (first order) [95% CI]', 'ST (total order) [95% CI]'],
      rows: [...indices].sort((a, b) => b.ST - a.ST).map((i) => [i.name, `${f(i.S1)} [${f(i.S1lo)}, ${f(i.S1hi)}]`, `${f(i.ST)} [${f(i.STlo)}, ${f(i.SThi)}]`]),
    }));
  }
  return r.morris.map(({ metric, effects }) => ({
    metric, header: ['parameter', 'mu* (overall effect)', 'mu (signed)', 'sigma (non-linearity, interactions)'],
    rows: [...effects].sort((a, b) => b.muStar - a.muStar).map((e) => [e.name, f(e.muStar), f(e.mu), f(e.sigma)]),
  }));
}

export function formatSensitivity(r: SensitivityResult): string {
  const lines = [`sweep ${r.sweep}: ${r.design} design, ${r.parameters.length} parameters, ${r.points} design points`];
  for (const t of sensitivityTables(r)) {
    const widths = t.header.map((h, i) => Math.max(h.length, ...t.rows.map((row) => row[i].length)));
    lines.push('', `${metricInfo(t.metric)?.label ?? t.metric} (${t.metric})`, ...[t.header, ...t.rows].map((row) => '  ' + row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()));
  }
  for (const s of r.skipped) lines.push('', `skipped ${s.metric}: ${s.reason}`);
  return lines.join('\n') + '\n';
}

/** CSV, Markdown, one tornado chart per metric and report.html into outDir. */
export async function writeSensitivityReport(r: SensitivityResult, outDir: string): Promise<{ files: string[]; charts: number }> {
  fs.mkdirSync(path.join(outDir, 'charts'), { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string) => { fs.writeFileSync(path.join(outDir, name), content); files.push(name); };
  const sections: ReportSection[] = [{ title: 'Method', text: r.design === 'sobol'
    ? 'First-order (S1) and total-order (ST) Sobol indices (Saltelli et al. 2010; Jansen 1999) with bootstrap 95% intervals; each design point\'s output is the mean over its replicate seeds.'
    : 'Morris (1991) elementary effects per full parameter range: mu* ranks overall influence, sigma shows non-linearity or interactions; each design point\'s output is the mean over its replicate seeds.' }];
  const md = [`# Sensitivity: ${r.sweep}`, ''];
  let charts = 0;
  if (r.design === 'sobol') {
    write('sobol.csv', csvTable(['metric', 'parameter', 'S1', 'S1_lo', 'S1_hi', 'ST', 'ST_lo', 'ST_hi'],
      r.sobol.flatMap(({ metric, indices }) => indices.map((i) => [metric, i.name, i.S1, i.S1lo, i.S1hi, i.ST, i.STlo, i.SThi]))));
  } else {
    write('morris.csv', csvTable(['metric', 'parameter', 'mu_star', 'mu', 'sigma'], r.morris.flatMap(({ metric, effects }) => effects.map((e) => [metric, e.name, e.muStar, e.mu, e.sigma]))));
  }
  for (const t of sensitivityTables(r)) {
    const label = metricInfo(t.metric)?.label ?? t.metric;
    const bars = r.design === 'sobol'
      ? r.sobol.find((s) => s.metric === t.metric)!.indices.map((i) => ({ name: i.name, first: i.S1, firstLo: i.S1lo, firstHi: i.S1hi, total: i.ST, totalLo: i.STlo, totalHi: i.SThi }))
      // sigma as "first" and mu* as "total": the chart sorts by "total", the overall effect
      : r.morris.find((s) => s.metric === t.metric)!.effects.map((e) => ({ name: e.name, first: e.sigma, firstLo: NaN, firstHi: NaN, total: e.muStar, totalLo: NaN, totalHi: NaN }));
    const svg = await tornadoChart(`What drives ${label.toLowerCase()}`, bars, r.design === 'sobol' ? {} : { firstLabel: 'sigma', totalLabel: 'mu*', xLabel: 'Elementary effect per full range' });
    write(path.join('charts', `tornado-${t.metric}.svg`), svg);
    charts += 1;
    md.push(`## ${label} (${t.metric})`, '', markdownTable(t.header, t.rows));
    sections.push({ title: label, tableHtml: htmlTable(t.header, t.rows), svgs: [{ caption: `${r.design === 'sobol' ? 'Sobol indices' : 'Morris mu* and sigma'} for ${t.metric}, most influential parameter on top.`, svg }] });
  }
  if (r.skipped.length > 0) {
    const text = r.skipped.map((s) => `${s.metric}: ${s.reason}`).join('\n\n');
    md.push('## Skipped metrics', '', ...r.skipped.map((s) => `- ${s.metric}: ${s.reason}`), '');
    sections.push({ title: 'Skipped metrics', text });
  }
  write('summary.md', md.join('\n'));
  write('report.html', renderReport({ title: `Sensitivity: ${r.sweep}`, subtitle: `${r.design} design, ${r.parameters.length} parameters`, generatedFrom: [r.dir], sections }));
  return { files, charts };
}
