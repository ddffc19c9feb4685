// Finds runs in run, sweep and parent folders, computes their metrics and groups them into scenarios (scenario
// name + overrides, or sweep design point) across seeds; compare.ts adds the statistics across those seeds.
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../engine/output/manifest.js';
import { UserError } from '../engine/model/errors.js';
import { isRunDir, readArrowTable, type RunData } from './load.js';
import { analyseRunData, type RunAnalysis, type ShockWindow } from './metrics.js';

export interface SweepPointRef { dir: string; name: string; point: number; values: Record<string, unknown>; points: number }
export interface RunSource { dir: string; sweep?: SweepPointRef }

export interface AnalysedRun extends RunAnalysis {
  dir: string;
  runId: string;
  seed: number;
  scenarioName: string;
  ticks: number;
  /** Runs with equal keys are replicates of one scenario. */
  groupKey: string;
  /** Equal for a scenario and the same scenario without its shocks. */
  counterpartKey: string;
  scenario: Record<string, unknown>;
  sweep?: SweepPointRef;
}

export interface ScenarioGroup {
  key: string;
  label: string;
  scenarioName: string;
  counterpartKey: string;
  runs: AnalysedRun[];
  shock?: ShockWindow;
  /** Label of the same scenario without shocks, when it was among the inputs. */
  counterpart?: string;
}

const PLAN_FILE = 'sweep.json';

interface PlanLike {
  name?: string;
  parameters?: { path: string }[];
  runs: { runId: string; point: number; values?: Record<string, unknown> }[];
}

/** Reads sweep.json directly: analysis does not import sweeps/ (the dependency points sweeps -> analysis). */
function readPlan(dir: string): PlanLike {
  const file = path.join(dir, PLAN_FILE);
  try {
    const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanLike;
    if (!Array.isArray(plan?.runs)) throw new Error('no runs list');
    return plan;
  } catch (err) {
    throw new UserError(`${file}: not a readable sweep plan (${(err as Error).message})`);
  }
}

function sweepSources(dir: string, warnings: string[]): RunSource[] {
  const plan = readPlan(dir);
  const name = plan.name ?? path.basename(dir);
  const points = new Set(plan.runs.map((r) => r.point)).size;
  const seen = new Set<string>();
  const out: RunSource[] = [];
  let missing = 0;
  for (const run of plan.runs) {
    if (seen.has(run.runId)) continue;
    seen.add(run.runId);
    const runDir = path.join(dir, 'runs', run.runId);
    if (!isRunDir(runDir)) {
      missing += 1;
      continue;
    }
    out.push({ dir: runDir, sweep: { dir, name, point: run.point, values: run.values ?? {}, points } });
  }
  if (missing > 0) warnings.push(`${dir}: ${missing} of ${seen.size} planned runs have no finished run folder; left out`);
  return out;
}

/** Run folders, sweep folders, or folders whose direct children are either. */
export function findRunSources(paths: string[], warnings: string[] = []): RunSource[] {
  const out: RunSource[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p) || !fs.statSync(p).isDirectory()) throw new UserError(`${p}: no such folder`);
    if (isRunDir(p)) out.push({ dir: p });
    else if (fs.existsSync(path.join(p, PLAN_FILE))) out.push(...sweepSources(p, warnings));
    else {
      const children = fs.readdirSync(p).sort().map((c) => path.join(p, c)).filter((c) => fs.statSync(c).isDirectory());
      const found = children.flatMap((c) => (isRunDir(c) ? [{ dir: c }] : fs.existsSync(path.join(c, PLAN_FILE)) ? sweepSources(c, warnings) : []));
      if (found.length === 0) throw new UserError(`${p}: not a run folder (manifest.json + regions.arrow), a sweep folder (sweep.json) or a folder of those`);
      out.push(...found);
    }
  }
  return out;
}

function readManifest(dir: string): any {
  const file = path.join(dir, 'manifest.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file}: cannot read the run manifest (${(err as Error).message})`);
  }
}

/** Reads only the tables the metrics use (a run's firms.arrow can be large), through load.ts's reader. */
export function readRunForMetrics(dir: string): RunData {
  const table = (name: string) => {
    const file = path.join(dir, `${name}.arrow`);
    return fs.existsSync(file) ? readArrowTable(file) : undefined;
  };
  return { dir, manifest: readManifest(dir), regions: readArrowTable(path.join(dir, 'regions.arrow')), sectors: table('sectors'), flows: table('flows') };
}

function withoutKeys(scenario: Record<string, unknown>, drop: Record<string, unknown>): string {
  return canonicalJson({ ...scenario, ...drop });
}

/** Metrics of one run; the loaded tables are dropped on return so hundreds of runs fit in memory. */
export function analyseRun(source: RunSource): AnalysedRun {
  const data = readRunForMetrics(source.dir);
  const m = data.manifest;
  const scenario = (m?.scenario ?? {}) as Record<string, unknown>;
  const ticks = Number(m?.ticks ?? scenario.ticks);
  const scenarioName = String(m?.scenarioName ?? scenario.name ?? path.basename(source.dir));
  const base = withoutKeys(scenario, { seed: 0 });
  return {
    ...analyseRunData(data),
    dir: source.dir,
    runId: String(m?.runId ?? path.basename(source.dir)),
    seed: Number(m?.seed),
    scenarioName,
    ticks,
    groupKey: source.sweep ? `sweep:${path.resolve(source.sweep.dir)}#${source.sweep.point}` : `run:${scenarioName}:${ticks}:${base}`,
    counterpartKey: `${ticks}:${withoutKeys(scenario, { seed: 0, name: '', description: '', shocks: [] })}`,
    scenario,
    ...(source.sweep ? { sweep: source.sweep } : {}),
  };
}

export function describeShocks(shocks: unknown): string {
  if (!Array.isArray(shocks) || shocks.length === 0) return 'no shock';
  return shocks.map((s: any) => `${s.kind}${s.region ? ` ${s.region}` : ''} t${s.start}` + (s.duration < 1e5 ? `-${s.start + s.duration - 1}` : '+')).join(', ');
}

function leaves(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(value));
  return out;
}

/** What tells same-name scenarios apart: the scenario paths whose values differ among them (at most three). */
function differingPaths(groups: ScenarioGroup[]): string[] {
  const flat = groups.map((g) => leaves({ ...g.runs[0].scenario, seed: 0, shocks: 0, ticks: g.runs[0].ticks }, '', new Map()));
  const paths = new Set(flat.flatMap((f) => [...f.keys()]));
  return [...paths].filter((p) => new Set(flat.map((f) => f.get(p))).size > 1).sort();
}

/** The last path segment when that is unambiguous, so labels stay short enough for chart legends. */
function shortPaths(paths: string[]): Map<string, string> {
  const last = (p: string) => p.slice(p.lastIndexOf('.') + 1);
  return new Map(paths.map((p) => [p, paths.filter((q) => last(q) === last(p)).length === 1 ? last(p) : p]));
}

/** Four significant digits: sampled designs give values such as 0.19999999999999998. */
function shortValue(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(4)));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function labelOf(g: ScenarioGroup, others: ScenarioGroup[], long: boolean): string {
  const run = g.runs[0];
  if (run.sweep) {
    const names = shortPaths(Object.keys(run.sweep.values));
    const values = Object.entries(run.sweep.values).map(([k, v]) => `${names.get(k)}=${shortValue(v)}`);
    return run.sweep.points > 1 ? `${run.sweep.name} (${values.join(', ')})` : run.sweep.name;
  }
  if (others.length <= 1) return g.scenarioName;
  const flat = leaves({ ...run.scenario, seed: 0, shocks: 0, ticks: run.ticks }, '', new Map());
  const paths = differingPaths(others);
  const names = shortPaths(paths);
  const parts = paths.slice(0, 3).map((p) => `${names.get(p)}=${flat.has(p) ? shortValue(JSON.parse(flat.get(p)!)) : 'unset'}`);
  if (paths.length > 3) parts.push('…');
  const shocks = Array.isArray(run.scenario.shocks) ? (run.scenario.shocks as { kind: string }[]) : [];
  const shockText = shocks.length === 0 ? '' : ` + ${long ? describeShocks(shocks) : [...new Set(shocks.map((s) => s.kind))].join(' + ')}`;
  return `${g.scenarioName}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}${shockText}`;
}

/** Groups runs into scenarios in order of first appearance; a seed seen twice in a group is kept once. */
export function groupRuns(runs: AnalysedRun[]): ScenarioGroup[] {
  const byKey = new Map<string, ScenarioGroup>();
  for (const run of runs) {
    let g = byKey.get(run.groupKey);
    if (!g) {
      g = { key: run.groupKey, label: '', scenarioName: run.scenarioName, counterpartKey: run.counterpartKey, runs: [], ...(run.shock ? { shock: run.shock } : {}) };
      byKey.set(run.groupKey, g);
    }
    if (!g.runs.some((r) => r.seed === run.seed)) g.runs.push(run);
  }
  const groups = [...byKey.values()];
  for (const g of groups) g.runs.sort((a, b) => a.seed - b.seed);
  const sameName = (g: ScenarioGroup) => groups.filter((o) => !o.runs[0].sweep && o.scenarioName === g.scenarioName);
  const short = groups.map((g) => labelOf(g, sameName(g), false));
  const taken = new Map<string, number>();
  groups.forEach((g, i) => {
    // a short label shared by two groups (shocks of one kind in different places) falls back to the long form
    const label = short.filter((l) => l === short[i]).length > 1 ? labelOf(g, sameName(g), true) : short[i];
    const n = (taken.get(label) ?? 0) + 1;
    taken.set(label, n);
    g.label = n === 1 ? label : `${label} #${n}`;
  });
  for (const g of groups) {
    if (!g.shock) continue;
    const candidates = groups.filter((o) => !o.shock && o.counterpartKey === g.counterpartKey);
    const best = candidates.find((o) => o.scenarioName === g.scenarioName) ?? candidates[0];
    if (best) g.counterpart = best.label;
  }
  return groups;
}

/** Finds, analyses and groups the runs under `paths`. */
export function loadScenarioGroups(paths: string[], warnings: string[] = []): ScenarioGroup[] {
  const sources = findRunSources(paths, warnings);
  if (sources.length === 0) throw new UserError(`no finished runs found in ${paths.join(', ')}`);
  return groupRuns(sources.map(analyseRun));
}
