// The sweep file: base scenario, swept parameters, design, replicates and metrics, checked by a zod schema.
// Mistakes get the same kind of message as scenario errors (file, path, value, what is allowed; exit 2).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../engine/model/errors.js';
import { METRIC_NAMES } from '../analysis/run-metrics.js';
import { describeSweepIssues } from './sweep-file-errors.js';

export const DESIGN_KINDS = ['grid', 'random', 'lhs', 'sobol', 'morris'] as const;
export type DesignKind = (typeof DESIGN_KINDS)[number];

/** A bad sweep file or sweep flag: one message per problem. */
export class SweepFileError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid sweep\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const Level = z.union([z.number(), z.string(), z.boolean()]);
export type Level = z.infer<typeof Level>;

const RangeSpec = z.strictObject({
  min: z.number(),
  max: z.number(),
  /** Grid only: the increment; the levels are min, min+step, ... up to max. */
  step: z.number().positive().optional(),
  /** Grid only: this many evenly spaced levels from min to max (instead of step). */
  steps: z.number().int().min(1).optional(),
  /** Whole numbers only (counts, ticks); needs whole-number bounds. */
  integer: z.boolean().default(false),
  /** Spread evenly in log(value) (rates over orders of magnitude); needs min > 0. */
  log: z.boolean().default(false),
});

/** Levels as a list, a range object, or the --vary text forms "a:b:step", "a:b" and "v1,v2". */
const ParameterSpec = z.union([z.array(Level).min(1), RangeSpec, z.string().min(1)]);

const DesignObject = z.strictObject({
  kind: z.enum(DESIGN_KINDS),
  /** Points for random and lhs; the base sample size N for sobol (N * (k + 2) runs per replicate). */
  samples: z.number().int().min(1).optional(),
  /** Morris: number of trajectories (each has k + 1 points). */
  trajectories: z.number().int().min(1).optional(),
  /** Morris: number of grid levels per parameter. */
  levels: z.number().int().min(2).optional(),
});

export const SweepSpec = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).optional(),
  description: z.string().default(''),
  /** Built-in scenario name, or a scenario file path relative to the sweep file. */
  scenario: z.string().min(1),
  /** The sweep seed: design samples and every run's seed derive from it. */
  seed: z.number().int().min(0).default(1),
  /** Runs (seeds) per design point. */
  replicates: z.number().int().min(1).max(100_000).default(1),
  /** Overrides the scenario's ticks for every run. */
  ticks: z.number().int().min(1).optional(),
  /** Fixed `path: value` overrides applied to every run before the swept parameters. */
  set: z.record(z.string(), z.unknown()).default({}),
  design: z.union([z.enum(DESIGN_KINDS), DesignObject]).default('grid'),
  /** Scenario paths (as in --set) to their levels or ranges. */
  parameters: z.record(z.string(), ParameterSpec).default({}),
  /** Outcome metrics in the summary; all when absent. */
  metrics: z.array(z.enum(METRIC_NAMES as [string, ...string[]])).min(1).optional(),
  /** Run the first `warmup` ticks once per seed and start every design point from that snapshot (sweeps/fork.ts). */
  fork: z.strictObject({ warmup: z.number().int().min(1) }).optional(),
});
export type SweepSpecInput = z.input<typeof SweepSpec>;

/** One swept parameter after parsing: explicit levels, or a numeric range (with a step for grids). */
export type SweepParameter =
  | { path: string; kind: 'levels'; values: Level[] }
  | { path: string; kind: 'range'; min: number; max: number; step?: number; steps?: number; integer: boolean; log: boolean };

export interface SweepDesign {
  kind: DesignKind;
  samples?: number;
  trajectories?: number;
  levels?: number;
}

/** A checked sweep: everything the planner needs, with the design and parameters in normal form. */
export interface SweepDefinition {
  file: string;
  name: string;
  description: string;
  scenario: string;
  seed: number;
  replicates: number;
  ticks?: number;
  set: Record<string, unknown>;
  design: SweepDesign;
  parameters: SweepParameter[];
  metrics: string[];
  fork?: { warmup: number };
}

/** Largest number of levels a text or step range may expand to (a typo like 0:1e9:1 is a mistake, not a sweep). */
const MAX_LEVELS = 100_000;

export function readSweepFile(file: string): SweepDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read sweep file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new SweepFileError(file, [`cannot parse ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`]);
  }
  return parseSweep(raw, file);
}

/** True when a parsed file looks like a sweep (it names a base scenario) rather than a scenario. */
export function looksLikeSweep(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && typeof (raw as { scenario?: unknown }).scenario === 'string';
}

export function parseSweep(raw: unknown, file: string): SweepDefinition {
  const parsed = SweepSpec.safeParse(raw);
  if (!parsed.success) throw new SweepFileError(file, describeSweepIssues(parsed.error.issues, raw));
  const spec = parsed.data;
  const problems: string[] = [];
  const parameters = Object.entries(spec.parameters).flatMap(([path, p]) => {
    try {
      return [normaliseParameter(path, p)];
    } catch (err) {
      problems.push(`parameters.${path}: ${(err as Error).message}`);
      return [];
    }
  });
  const design: SweepDesign = typeof spec.design === 'string' ? { kind: spec.design } : { ...spec.design };
  problems.push(...checkDesignFit(design, parameters));
  if (problems.length > 0) throw new SweepFileError(file, problems);
  return {
    file,
    name: spec.name ?? defaultName(file),
    description: spec.description,
    scenario: spec.scenario,
    seed: spec.seed,
    replicates: spec.replicates,
    ...(spec.ticks !== undefined ? { ticks: spec.ticks } : {}),
    set: spec.set,
    design,
    parameters,
    metrics: spec.metrics ?? [...METRIC_NAMES],
    ...(spec.fork ? { fork: spec.fork } : {}),
  };
}

function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? 'sweep';
  return base.replace(/\.(ya?ml|json)$/, '') || 'sweep';
}

/** Parses one parameter; text is the --vary form: "a:b:step", "a:b" or "v1,v2,..." (values as YAML scalars). */
export function normaliseParameter(path: string, spec: z.output<typeof ParameterSpec>): SweepParameter {
  if (Array.isArray(spec)) return { path, kind: 'levels', values: spec };
  if (typeof spec === 'object') return checkRange({ path, kind: 'range', ...spec });
  const text = spec.trim();
  if (/^[^,]*:[^,]*$/.test(text)) {
    const parts = text.split(':').map((s) => s.trim());
    const nums = parts.map(Number);
    if (parts.length > 3 || parts.some((s) => s === '') || nums.some((n) => !Number.isFinite(n))) {
      throw new Error(`'${text}' is not a range; write min:max or min:max:step with numbers (e.g. 0:200:50)`);
    }
    if (parts.length === 3 && !(nums[2]! > 0)) throw new Error(`'${text}': the step must be > 0`);
    const step = parts.length === 3 ? { step: nums[2]! } : {};
    return checkRange({ path, kind: 'range', min: nums[0]!, max: nums[1]!, ...step, integer: false, log: false });
  }
  const values = text.split(',').map((s) => parseLevel(s.trim()));
  if (values.some((v) => v === '')) throw new Error(`'${text}' has an empty value; write v1,v2,... (e.g. 0,0.5,1)`);
  return { path, kind: 'levels', values };
}

function parseLevel(text: string): Level {
  try {
    const v: unknown = parseYaml(text);
    return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : text;
  } catch {
    return text;
  }
}

function checkRange<T extends Extract<SweepParameter, { kind: 'range' }>>(p: T): T {
  if (!(p.max >= p.min)) throw new Error(`min ${p.min} is above max ${p.max}`);
  if (p.step !== undefined && p.steps !== undefined) throw new Error("give 'step' (increment) or 'steps' (count), not both");
  if (p.log && !(p.min > 0)) throw new Error(`a log range needs min > 0, got ${p.min}`);
  if (p.integer && !(Number.isInteger(p.min) && Number.isInteger(p.max))) throw new Error(`an integer range needs whole-number bounds, got ${p.min}..${p.max}`);
  if (p.step !== undefined && (p.max - p.min) / p.step + 1 > MAX_LEVELS) {
    throw new Error(`${p.min}:${p.max}:${p.step} gives more than ${MAX_LEVELS} levels; use a larger step`);
  }
  return p;
}

/** The levels min, min+step, ... <= max of a stepped range (rounded to 12 digits against float drift). */
export function steppedLevels(p: Extract<SweepParameter, { kind: 'range' }> & { step: number }): Level[] {
  const count = Math.floor((p.max - p.min) / p.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => {
    const v = Number((p.min + k * p.step).toPrecision(12));
    return p.integer ? Math.round(v) : v;
  });
}

function checkDesignFit(design: SweepDesign, parameters: SweepParameter[]): string[] {
  const problems: string[] = [];
  const sampled = design.kind !== 'grid';
  if (design.kind === 'grid' && (design.samples !== undefined || design.trajectories !== undefined || design.levels !== undefined)) {
    problems.push('design: a grid takes no samples, trajectories or levels (the levels are the parameter values)');
  }
  if ((design.kind === 'random' || design.kind === 'lhs' || design.kind === 'sobol') && (design.trajectories !== undefined || design.levels !== undefined)) {
    problems.push(`design: '${design.kind}' takes 'samples' only; 'trajectories' and 'levels' belong to morris`);
  }
  if (design.kind === 'morris' && design.samples !== undefined) problems.push("design: morris takes 'trajectories' and 'levels', not 'samples'");
  if (sampled && parameters.length === 0) problems.push(`parameters: a '${design.kind}' design needs at least one parameter with a range`);
  for (const p of parameters) {
    if (p.kind !== 'range') continue;
    if (design.kind === 'grid' && p.step === undefined && p.steps === undefined && p.min !== p.max) {
      problems.push(`parameters.${p.path}: a grid needs levels: write min:max:step (e.g. ${p.min}:${p.max}:${niceStep(p)}), { min, max, steps }, or a list`);
    }
    if (sampled && (p.step !== undefined || p.steps !== undefined)) {
      problems.push(`parameters.${p.path}: 'step'/'steps' make grid levels; a '${design.kind}' design samples the whole range ${p.min}:${p.max} (drop the step)`);
    }
  }
  return problems;
}

function niceStep(p: { min: number; max: number }): number {
  return Number(((p.max - p.min) / 4).toPrecision(2));
}
