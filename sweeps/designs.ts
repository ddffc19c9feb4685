// Sweep design points (grid, random, Latin hypercube, Saltelli, Morris) from parameter ranges and a seed.
// Exists so every sweep maps the unit cube to scenario values one way, and the same seed gives the same points.
import seedrandom from 'seedrandom';
import type { MorrisLayout } from '../analysis/sensitivity.js';
import { MAX_SOBOL_DIMS, sobolPoints } from './sobol-sequence.js';

export type ParamValue = number | string | boolean;

export type ParamRange =
  | { name: string; kind: 'levels'; levels: ParamValue[] }
  | {
      name: string;
      kind: 'range';
      min: number;
      max: number;
      /** Whole numbers only; each integer in [min, max] is equally likely. */
      integer?: boolean;
      /** Spread evenly in log(value); needs min > 0. */
      log?: boolean;
      /** Grid designs only: how many evenly spaced values (1 gives min). */
      steps?: number;
    };

export interface DesignPoint {
  index: number;
  values: Record<string, ParamValue>;
  /** saltelli: 'A' | 'B' | 'AB1' … 'ABk'; morris: 'T0', 'T1', … (trajectory id). */
  block?: string;
}

/** k params, r trajectories, names and steps come from MorrisLayout (what analysis/sensitivity.ts reads). */
export interface MorrisDesign extends MorrisLayout {
  levels: number;
  /** r trajectories of k + 1 points, trajectory t at rows t(k+1) … t(k+1)+k. */
  points: DesignPoint[];
}

function fail(message: string): never {
  throw new RangeError(message);
}

function checkParams(params: ParamRange[]): void {
  if (params.length === 0) fail('a design needs at least one parameter');
  const seen = new Set<string>();
  for (const p of params) {
    if (!p.name) fail('every parameter needs a name');
    if (seen.has(p.name)) fail(`parameter "${p.name}" appears twice`);
    seen.add(p.name);
    if (p.kind === 'levels') {
      if (p.levels.length === 0) fail(`parameter "${p.name}": levels must not be empty`);
      continue;
    }
    if (!Number.isFinite(p.min) || !Number.isFinite(p.max) || p.min > p.max) {
      fail(`parameter "${p.name}": need finite min <= max, got min ${p.min}, max ${p.max}`);
    }
    if (p.log && !(p.min > 0)) fail(`parameter "${p.name}": a log range needs min > 0, got ${p.min}`);
    if (p.integer && (!Number.isInteger(p.min) || !Number.isInteger(p.max))) {
      fail(`parameter "${p.name}": an integer range needs integer bounds, got ${p.min}..${p.max}`);
    }
  }
}

function checkCount(what: string, n: number, least = 1): void {
  if (!Number.isInteger(n) || n < least) fail(`${what} must be an integer >= ${least}, got ${n}`);
}

/** Value of a parameter at unit coordinate u in [0, 1]; levels and integers split [0, 1) into equal strata. */
export function unitToValue(param: ParamRange, u: number): ParamValue {
  if (param.kind === 'levels') {
    return param.levels[Math.min(param.levels.length - 1, Math.floor(u * param.levels.length))];
  }
  const { min, max } = param;
  if (param.integer && !param.log) return Math.min(max, Math.floor(min + u * (max - min + 1)));
  const x = scaleUnit(param, u);
  // Rounding in log space would favour low integers, so log integers round the value itself.
  return param.integer ? Math.round(x) : x;
}

/** Continuous position u of a range, linear or logarithmic; the ends are exact (exp(log(x)) is not). */
function scaleUnit(param: { min: number; max: number; log?: boolean }, u: number): number {
  const { min, max } = param;
  if (u <= 0) return min;
  if (u >= 1) return max;
  const x = param.log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  return Math.min(max, Math.max(min, x));
}

function pointFromUnit(params: ParamRange[], unit: ArrayLike<number>, offset: number): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (let j = 0; j < params.length; j++) values[params[j].name] = unitToValue(params[j], unit[offset + j]);
  return values;
}

function pointsFromUnit(params: ParamRange[], unit: Float64Array, n: number): DesignPoint[] {
  const points: DesignPoint[] = [];
  for (let i = 0; i < n; i++) points.push({ index: i, values: pointFromUnit(params, unit, i * params.length) });
  return points;
}

function gridValues(param: ParamRange): ParamValue[] {
  if (param.kind === 'levels') return param.levels;
  const steps = param.steps ?? (param.min === param.max ? 1 : fail(`parameter "${param.name}": a grid needs 'steps' (or 'levels') for a range`));
  checkCount(`parameter "${param.name}": steps`, steps);
  const values: ParamValue[] = [];
  for (let s = 0; s < steps; s++) {
    const x = scaleUnit(param, steps === 1 ? 0 : s / (steps - 1));
    values.push(param.integer ? Math.round(x) : x);
  }
  return [...new Set(values)];
}

/** Full factorial over each parameter's levels (ranges need `steps`); the last parameter varies fastest. */
export function gridDesign(params: ParamRange[]): DesignPoint[] {
  checkParams(params);
  const axes = params.map(gridValues);
  const total = axes.reduce((n, axis) => n * axis.length, 1);
  const points: DesignPoint[] = [];
  const digit = new Uint32Array(params.length);
  for (let i = 0; i < total; i++) {
    let rest = i;
    for (let j = params.length - 1; j >= 0; j--) {
      digit[j] = rest % axes[j].length;
      rest = Math.floor(rest / axes[j].length);
    }
    const values: Record<string, ParamValue> = {};
    for (let j = 0; j < params.length; j++) values[params[j].name] = axes[j][digit[j]];
    points.push({ index: i, values });
  }
  return points;
}

/** n independent uniform points. */
export function randomDesign(params: ParamRange[], n: number, seed: number): DesignPoint[] {
  checkParams(params);
  checkCount('n', n);
  const rng = seedrandom(`${seed}:random`);
  const unit = new Float64Array(n * params.length);
  for (let i = 0; i < unit.length; i++) unit[i] = rng();
  return pointsFromUnit(params, unit, n);
}

/** Latin hypercube: each parameter's n equal strata of [0, 1) holds exactly one point, jittered within it. */
export function lhsDesign(params: ParamRange[], n: number, seed: number): DesignPoint[] {
  checkParams(params);
  checkCount('n', n);
  const rng = seedrandom(`${seed}:lhs`);
  const k = params.length;
  const unit = new Float64Array(n * k);
  const strata = new Uint32Array(n);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) strata[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const swap = Math.floor(rng() * (i + 1));
      const held = strata[i];
      strata[i] = strata[swap];
      strata[swap] = held;
    }
    for (let i = 0; i < n; i++) unit[i * k + j] = (strata[i] + rng()) / n;
  }
  return pointsFromUnit(params, unit, n);
}

/**
 * Saltelli (2010) layout for sobolIndices: blocks A (N rows), B (N rows), then AB_i (N rows each) = A with
 * column i taken from B. A and B are the two halves of a 2k-dimensional scrambled Sobol sequence when
 * 2k <= 32 (faster convergence); beyond that they fall back to seeded independent uniform draws.
 */
export function saltelliDesign(params: ParamRange[], N: number, seed: number): DesignPoint[] {
  checkParams(params);
  checkCount('N', N);
  const k = params.length;
  const dims = 2 * k;
  let base: Float64Array;
  if (dims <= MAX_SOBOL_DIMS) {
    base = sobolPoints(N, dims, seed);
  } else {
    const rng = seedrandom(`${seed}:saltelli`);
    base = new Float64Array(N * dims);
    for (let i = 0; i < base.length; i++) base[i] = rng();
  }
  const points: DesignPoint[] = [];
  const row = new Float64Array(k);
  const push = (block: string, fill: (i: number) => void): void => {
    for (let i = 0; i < N; i++) {
      fill(i);
      points.push({ index: points.length, values: pointFromUnit(params, row, 0), block });
    }
  };
  const copyA = (i: number): void => row.set(base.subarray(i * dims, i * dims + k));
  push('A', copyA);
  push('B', (i) => row.set(base.subarray(i * dims + k, (i + 1) * dims)));
  for (let j = 0; j < k; j++) {
    push(`AB${j + 1}`, (i) => {
      copyA(i);
      row[j] = base[i * dims + k + j];
    });
  }
  return points;
}

/**
 * Morris (1991) one-at-a-time trajectories on a `levels`-level grid of the unit cube. The jump is
 * floor(levels/2) grid steps (Δ = levels / (2(levels - 1)) for even levels, the usual choice); each trajectory
 * starts at a random grid point, visits parameters in random order and moves each once by ±Δ.
 */
export function morrisDesign(params: ParamRange[], r: number, levels: number, seed: number): MorrisDesign {
  checkParams(params);
  checkCount('r', r);
  checkCount('levels', levels, 2);
  const k = params.length;
  const deltaSteps = Math.floor(levels / 2);
  const delta = deltaSteps / (levels - 1);
  const rng = seedrandom(`${seed}:morris`);
  const points: DesignPoint[] = [];
  const steps: MorrisDesign['steps'] = [];
  const level = new Int32Array(k);
  const unit = new Float64Array(k);
  const order = new Uint32Array(k);
  const sign = new Int8Array(k);
  for (let t = 0; t < r; t++) {
    for (let j = 0; j < k; j++) {
      const base = Math.floor(rng() * (levels - deltaSteps));
      sign[j] = rng() < 0.5 ? 1 : -1;
      level[j] = sign[j] > 0 ? base : base + deltaSteps;
      order[j] = j;
    }
    for (let j = k - 1; j > 0; j--) {
      const swap = Math.floor(rng() * (j + 1));
      [order[j], order[swap]] = [order[swap], order[j]];
    }
    const block = `T${t}`;
    const emit = (): void => {
      for (let j = 0; j < k; j++) unit[j] = level[j] / (levels - 1);
      points.push({ index: points.length, values: pointFromUnit(params, unit, 0), block });
    };
    emit();
    for (let s = 0; s < k; s++) {
      const j = order[s];
      level[j] += sign[j] * deltaSteps;
      steps.push({ trajectory: t, param: j, delta: sign[j] * delta });
      emit();
    }
  }
  return { k, r, levels, names: params.map((p) => p.name), points, steps };
}
