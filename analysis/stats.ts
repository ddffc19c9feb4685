// Summary statistics and t-based confidence intervals for replicated runs: one mean, paired and Welch differences.
// Exists so every comparison in the report states its uncertainty the same way (Student t, 95% by default).
import tQuantileStdlib from '@stdlib/stats-base-dists-t-quantile';
import { errorFunction } from 'simple-statistics';

export interface Interval {
  mean: number;
  /** Sample sd of the values (welchDifference: sqrt(sdA² + sdB²), the sd of one draw from A minus one from B). */
  sd: number;
  /** Standard error of `mean`; the interval is mean ± t · se. */
  se: number;
  /** Degrees of freedom of the t quantile (Welch–Satterthwaite for welchDifference). */
  df: number;
  /** Number of values (welchDifference: nA + nB). */
  n: number;
  lo: number;
  hi: number;
  level: number;
}

const DEFAULT_LEVEL = 0.95;
// stdlib returns NaN for df = Infinity; beyond this the t quantile equals the normal one to ~1e-10.
const MAX_FINITE_DF = 1e10;

/** Quantile of Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`tQuantile: p must be in [0, 1], got ${p}`);
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be > 0, got ${df}`);
  return tQuantileStdlib(p, Math.min(df, MAX_FINITE_DF));
}

/**
 * Mean and sample sd in two passes over the values; the second pass carries the corrected two-pass
 * term so large offsets with small spread (e.g. employment counts around 1e6) keep full precision.
 * The plain loop beat mathjs and simple-statistics on 1e6 values (see bench/stats-libs.bench.ts)
 * and accepts typed arrays without copying.
 */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number; n: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, n };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { mean, sd: NaN, n };
  let sumSq = 0;
  let sumDev = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    sumSq += d * d;
    sumDev += d;
  }
  const variance = Math.max(0, (sumSq - (sumDev * sumDev) / n) / (n - 1));
  return { mean, sd: Math.sqrt(variance), n };
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

function interval(mean: number, sd: number, se: number, df: number, n: number, level: number): Interval {
  if (se === 0) return { mean, sd, se, df, n, lo: mean, hi: mean, level };
  if (!(df > 0) || !Number.isFinite(se)) return { mean, sd, se, df, n, lo: NaN, hi: NaN, level };
  const halfWidth = tQuantile((1 + level) / 2, df) * se;
  return { mean, sd, se, df, n, lo: mean - halfWidth, hi: mean + halfWidth, level };
}

/** Mean, sample sd and the t interval for the mean. n = 1 gives sd, lo and hi NaN; n = 0 gives all NaN. */
export function summarize(values: ArrayLike<number>, level: number = DEFAULT_LEVEL): Interval {
  checkLevel(level);
  const { mean, sd, n } = meanAndSd(values);
  const se = n > 1 ? sd / Math.sqrt(n) : NaN;
  return interval(mean, sd, se, n - 1, n, level);
}

/** Interval for mean(a[i] - b[i]): runs paired by index, i.e. the same seed under two scenarios. */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level: number = DEFAULT_LEVEL): Interval {
  if (a.length !== b.length) {
    throw new RangeError(`pairedDifference: a has ${a.length} values but b has ${b.length}; pairs need equal lengths`);
  }
  const diff = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) diff[i] = a[i] - b[i];
  return summarize(diff, level);
}

/** Interval for mean(a) - mean(b) from independent samples, with Welch–Satterthwaite degrees of freedom. */
export function welchDifference(a: ArrayLike<number>, b: ArrayLike<number>, level: number = DEFAULT_LEVEL): Interval {
  checkLevel(level);
  const sa = meanAndSd(a);
  const sb = meanAndSd(b);
  const va = (sa.sd * sa.sd) / sa.n;
  const vb = (sb.sd * sb.sd) / sb.n;
  const se = Math.sqrt(va + vb);
  const df = ((va + vb) * (va + vb)) / ((va * va) / (sa.n - 1) + (vb * vb) / (sb.n - 1));
  const sd = Math.sqrt(sa.sd * sa.sd + sb.sd * sb.sd);
  return interval(sa.mean - sb.mean, sd, se, df, sa.n + sb.n, level);
}

/** Linear-interpolated quantile (type 7, as R's default) of values already sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Standard normal CDF, from simple-statistics' error function (absolute error below 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/**
 * Approximate chance that the two-sided interval at `level` for the mean of n paired differences excludes zero, when
 * the differences have this mean and sd: the normal approximation Φ(|mean| / (sd / √n) - z), z the normal
 * (1 + level) / 2 quantile (1.96 at 95%); it ignores the far tail and the t quantile's excess at small n.
 */
export function approxPower(mean: number, sd: number, n: number, level: number = DEFAULT_LEVEL): number {
  checkLevel(level);
  return normalCdf(Math.abs(mean) / (sd / Math.sqrt(n)) - tQuantile((1 + level) / 2, Infinity));
}

/** Smallest n at which approxPower reaches `power`: ((z + z_power) · sd / |mean|)², rounded up. */
export function sizeForPower(mean: number, sd: number, power: number, level: number = DEFAULT_LEVEL): number {
  checkLevel(level);
  const z = tQuantile((1 + level) / 2, Infinity) + tQuantile(power, Infinity);
  return Math.ceil(((z * sd) / Math.abs(mean)) ** 2);
}
