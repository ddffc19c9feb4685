// Who does what: the order in which threads claim regions in region kernels (costliest first), the split of regions
// for `produce` (largest first onto the least loaded thread), and firm rows in even contiguous ranges.
// None of it changes results, only speed.

export interface RegionPartition {
  /** Thread owning each region. */
  owner: Int32Array;
  /** Work per thread, in the units of the weights (households, or measured ns). */
  load: number[];
}

/** Greedy longest-processing-time split of regions over threads; ties go to the lower index (deterministic). */
export function partitionRegions(workPerRegion: ArrayLike<number>, threads: number): RegionPartition {
  const R = workPerRegion.length;
  const order = Array.from({ length: R }, (_, r) => r).sort((a, b) => workPerRegion[b]! - workPerRegion[a]! || a - b);
  const owner = new Int32Array(R);
  const load = new Array<number>(threads).fill(0);
  for (const r of order) {
    let best = 0;
    for (let k = 1; k < threads; k++) if (load[k]! < load[best]!) best = k;
    owner[r] = best;
    load[best] += workPerRegion[r]!;
  }
  return { owner, load };
}

/** Regions by decreasing work (ties: lower index first) into `out`: the order threads claim them in region kernels. */
export function regionOrder(workPerRegion: ArrayLike<number>, out: Int32Array): void {
  const order = Array.from({ length: workPerRegion.length }, (_, r) => r).sort((a, b) => workPerRegion[b]! - workPerRegion[a]! || a - b);
  out.set(order);
}

/** Rows [from, to) of part k when `rows` rows are split into `parts` contiguous ranges differing by at most one row. */
export function rowRange(rows: number, parts: number, k: number): [from: number, to: number] {
  const base = Math.floor(rows / parts);
  const extra = rows % parts;
  const from = k * base + Math.min(k, extra);
  return [from, from + base + (k < extra ? 1 : 0)];
}

const COST_MEMORY = 0.7; // weight of past ticks in the smoothed time per household

/**
 * Work per region for the split: the households kernel's smoothed time per household, times the region's current
 * households (migration moves them between measurements); household counts alone until every region was timed.
 */
export function balanceWeights(n: ArrayLike<number>, regionNs: Float64Array, nsPerHousehold: Float64Array, weights: Float64Array): void {
  const R = n.length;
  let timed = true;
  for (let r = 0; r < R; r++) {
    const measured = n[r]! > 0 && regionNs[r]! > 0 ? regionNs[r]! / n[r]! : 0;
    if (measured > 0) nsPerHousehold[r] = nsPerHousehold[r]! > 0 ? COST_MEMORY * nsPerHousehold[r]! + (1 - COST_MEMORY) * measured : measured;
    if (n[r]! > 0 && !(nsPerHousehold[r]! > 0)) timed = false;
    regionNs[r] = 0;
  }
  for (let r = 0; r < R; r++) weights[r] = timed ? nsPerHousehold[r]! * n[r]! : n[r]!;
}
