// Who does what: regions to threads balanced by households (largest first onto the least loaded thread),
// firm rows split into even contiguous ranges. The partition changes speed only, never results.

export interface RegionPartition {
  /** Thread owning each region. */
  owner: Int32Array;
  /** Households per thread. */
  load: number[];
}

/** Greedy longest-processing-time split of regions over threads; ties go to the lower index (deterministic). */
export function partitionRegions(householdsPerRegion: ArrayLike<number>, threads: number): RegionPartition {
  const R = householdsPerRegion.length;
  const order = Array.from({ length: R }, (_, r) => r).sort((a, b) => householdsPerRegion[b]! - householdsPerRegion[a]! || a - b);
  const owner = new Int32Array(R);
  const load = new Array<number>(threads).fill(0);
  for (const r of order) {
    let best = 0;
    for (let k = 1; k < threads; k++) if (load[k]! < load[best]!) best = k;
    owner[r] = best;
    load[best] += householdsPerRegion[r]!;
  }
  return { owner, load };
}

/** Rows [from, to) of part k when `rows` rows are split into `parts` contiguous ranges differing by at most one row. */
export function rowRange(rows: number, parts: number, k: number): [from: number, to: number] {
  const base = Math.floor(rows / parts);
  const extra = rows % parts;
  const from = k * base + Math.min(k, extra);
  return [from, from + base + (k < extra ? 1 : 0)];
}

/** Maximal runs of consecutive regions owned by thread k, as [from, to) pairs (households rows are grouped by region). */
export function ownedRegionRuns(owner: Int32Array, k: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let r = 0; r < owner.length; r++) {
    if (owner[r] !== k) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === r) last[1] = r + 1;
    else runs.push([r, r + 1]);
  }
  return runs;
}
