// Global sensitivity indices from sweep outputs: Sobol first/total order (Saltelli 2010, Jansen 1999) with
// bootstrap intervals, and Morris elementary effects. Exists to rank which scenario parameters drive an outcome.
import seedrandom from 'seedrandom';
import { meanAndSd, quantileSorted } from './stats.js';

export interface SobolIndex {
  name: string;
  S1: number;
  S1lo: number;
  S1hi: number;
  ST: number;
  STlo: number;
  SThi: number;
}

export interface SobolOptions {
  seed?: number;
  resamples?: number;
  level?: number;
}

/**
 * What morrisEffects needs of a Morris design; sweeps/designs.ts MorrisDesign extends it. Declared here so
 * analysis does not depend on sweeps (the dependency points sweeps -> analysis).
 */
export interface MorrisLayout {
  k: number;
  r: number;
  names: string[];
  /** In trajectory order: step s of trajectory t moves output row t(k+1)+s to the next by `delta` (unit-cube units) in `param`. */
  steps: { trajectory: number; param: number; delta: number }[];
}

export interface MorrisEffect {
  name: string;
  /** Mean absolute elementary effect: overall importance, immune to effects of opposite signs cancelling. */
  muStar: number;
  mu: number;
  /** Sample sd of the elementary effects: non-linearity or interactions. */
  sigma: number;
}

/**
 * One estimate of all k indices from rows `rows` (or 0..N-1 when null) into s1/st at `at`. y is centred so
 * the Saltelli product term does not lose precision to a large output offset.
 */
function estimateInto(y: Float64Array, N: number, k: number, rows: Uint32Array | null, s1: Float64Array, st: Float64Array, at: number): void {
  let sum = 0;
  let sumSq = 0;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  for (let r = 0; r < N; r++) {
    const j = rows === null ? r : rows[r];
    const fA = y[j];
    const fB = y[N + j];
    sum += fA + fB;
    sumSq += fA * fA + fB * fB;
    for (let i = 0; i < k; i++) {
      const fAB = y[(2 + i) * N + j];
      first[i] += fB * (fAB - fA);
      total[i] += (fA - fAB) * (fA - fAB);
    }
  }
  const mean = sum / (2 * N);
  const variance = sumSq / (2 * N) - mean * mean;
  for (let i = 0; i < k; i++) {
    s1[at + i] = first[i] / N / variance;
    st[at + i] = total[i] / (2 * N) / variance;
  }
}

function centred(y: ArrayLike<number>, N: number): Float64Array {
  const out = Float64Array.from(y);
  const { mean } = meanAndSd(out.subarray(0, 2 * N));
  for (let i = 0; i < out.length; i++) out[i] -= mean;
  return out;
}

/** Percentile interval of column i of a resamples x k matrix. */
function percentileInterval(draws: Float64Array, resamples: number, k: number, i: number, level: number): [number, number] {
  const column = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) column[b] = draws[b * k + i];
  column.sort();
  return [quantileSorted(column, (1 - level) / 2), quantileSorted(column, (1 + level) / 2)];
}

/**
 * Sobol indices from outputs laid out as saltelliDesign produces them: A (N), B (N), AB_1 … AB_k (N each).
 * S1 uses Saltelli et al. (2010), ST Jansen (1999); both divide by the variance of A and B together. Intervals
 * are bootstrap percentiles over base rows, resampled with replacement from a seed; with low-discrepancy base
 * rows (saltelliDesign) the rows are not independent draws, so these intervals err on the wide side.
 */
export function sobolIndices(y: ArrayLike<number>, N: number, names: string[], opts: SobolOptions = {}): SobolIndex[] {
  const k = names.length;
  const resamples = opts.resamples ?? 500;
  const level = opts.level ?? 0.95;
  if (k === 0) throw new RangeError('sobolIndices: need at least one parameter name');
  if (!Number.isInteger(N) || N < 2) throw new RangeError(`sobolIndices: N must be an integer >= 2, got ${N}`);
  if (y.length !== (k + 2) * N) {
    throw new RangeError(`sobolIndices: expected (k + 2) N = ${(k + 2) * N} outputs for k = ${k}, N = ${N}, got ${y.length}`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`sobolIndices: resamples must be >= 1, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`sobolIndices: level must be in (0, 1), got ${level}`);

  const yc = centred(y, N);
  const s1 = new Float64Array(k);
  const st = new Float64Array(k);
  estimateInto(yc, N, k, null, s1, st, 0);

  const rng = seedrandom(`${opts.seed ?? 0}:sobol-bootstrap`);
  const bootS1 = new Float64Array(resamples * k);
  const bootST = new Float64Array(resamples * k);
  const rows = new Uint32Array(N);
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < N; r++) rows[r] = Math.floor(rng() * N);
    estimateInto(yc, N, k, rows, bootS1, bootST, b * k);
  }
  return names.map((name, i) => {
    const [S1lo, S1hi] = percentileInterval(bootS1, resamples, k, i, level);
    const [STlo, SThi] = percentileInterval(bootST, resamples, k, i, level);
    return { name, S1: s1[i], S1lo, S1hi, ST: st[i], STlo, SThi };
  });
}

/**
 * Morris elementary effects (y_after - y_before) / delta per step of each trajectory, with delta in unit-cube
 * units so effects of different parameters compare on the same scale: output change per full range.
 */
export function morrisEffects(design: MorrisLayout, y: ArrayLike<number>): MorrisEffect[] {
  const { k, r, steps } = design;
  if (y.length !== r * (k + 1)) {
    throw new RangeError(`morrisEffects: expected r (k + 1) = ${r * (k + 1)} outputs, got ${y.length}`);
  }
  if (steps.length !== r * k) throw new RangeError(`morrisEffects: design has ${steps.length} steps, expected ${r * k}`);
  const effects = new Float64Array(k * r); // param-major: param j's r effects at j*r
  const filled = new Uint32Array(k);
  for (let idx = 0; idx < steps.length; idx++) {
    const { trajectory, param, delta } = steps[idx];
    const before = trajectory * (k + 1) + (idx - trajectory * k);
    effects[param * r + filled[param]++] = (y[before + 1] - y[before]) / delta;
  }
  return design.names.map((name, j) => {
    const own = effects.subarray(j * r, (j + 1) * r);
    const absolute = own.map(Math.abs);
    const { mean: mu, sd } = meanAndSd(own);
    return { name, muStar: meanAndSd(absolute).mean, mu, sigma: r > 1 ? sd : NaN };
  });
}
