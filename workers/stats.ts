// Where a pooled run's time goes: per launch, wall time against each thread's busy time, summed over the run.
// Printed when the pool closes if GLOCAL_POOL_STATS is set; the figures in docs/parallel.md come from here.
import type { KernelName, PartialLayout } from './protocol.js';

/** Where a run's time went, summed over the run (nanoseconds); printed at close when GLOCAL_POOL_STATS is set. */
export interface PoolStats {
  ticks: number;
  /** Wall time of whole ticks (parallelStep), the denominator for the shares below. */
  tickNs: number;
  launches: number;
  /** Main thread's wall time from starting a kernel to seeing all workers done. */
  wallNs: number;
  /** Wall time minus the slowest worker's busy time: wake-up and notification latency. */
  syncNs: number;
  /** From the launch to the last thread starting its share: the wake-up part of syncNs. */
  wakeNs: number;
  /** Slowest minus mean busy time: threads idle at the barrier because the split was uneven. */
  imbalanceNs: number;
  /** Step workers replaced by the slow-worker guard (workers/pool.ts). */
  replacedWorkers: number;
  /** Per kernel: wall time, and busy time summed over workers (compare with the one-thread kernel time). */
  kernels: Record<string, { wallNs: number; busyNs: number; byThreadNs: number[] }>;
}

export function createPoolStats(): PoolStats {
  return { ticks: 0, tickNs: 0, launches: 0, wallNs: 0, syncNs: 0, wakeNs: 0, imbalanceNs: 0, replacedWorkers: 0, kernels: {} };
}

/** Adds one launch: its wall time, and each thread's busy time from the last slot of its partials. */
export function recordLaunch(stats: PoolStats, kernel: KernelName, launchedAt: number, wallNs: number, partials: Float64Array, layout: PartialLayout, threads: number): void {
  let max = 0;
  let sum = 0;
  let lastStart = launchedAt;
  const entry = (stats.kernels[kernel] ??= { wallNs: 0, busyNs: 0, byThreadNs: new Array<number>(threads).fill(0) });
  for (let k = 0; k < threads; k++) {
    const busy = partials[k * layout.stride + layout.stride - 1]!;
    lastStart = Math.max(lastStart, partials[k * layout.stride + layout.stride - 2]!);
    max = Math.max(max, busy);
    sum += busy;
    entry.byThreadNs[k] += busy;
  }
  stats.launches++;
  stats.wallNs += wallNs;
  stats.syncNs += Math.max(0, wallNs - max);
  stats.wakeNs += lastStart - launchedAt;
  stats.imbalanceNs += max - sum / threads;
  entry.wallNs += wallNs;
  entry.busyNs += sum;
}

/** Stats in milliseconds and shares of tick time, for people reading a benchmark. */
export function describeStats(threads: number, s: PoolStats): Record<string, unknown> {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const share = (ns: number) => (s.tickNs > 0 ? Math.round((1e4 * ns) / s.tickNs) / 1e4 : 0);
  return {
    threads,
    ticks: s.ticks,
    msPerTick: s.ticks > 0 ? ms(s.tickNs / s.ticks) : 0,
    launchesPerTick: s.ticks > 0 ? s.launches / s.ticks : 0,
    parallelShare: share(s.wallNs),
    syncShare: share(s.syncNs),
    imbalanceShare: share(s.imbalanceNs),
    syncUsPerLaunch: s.launches > 0 ? Math.round(s.syncNs / s.launches / 100) / 10 : 0,
    wakeUsPerLaunch: s.launches > 0 ? Math.round(s.wakeNs / s.launches / 100) / 10 : 0,
    replacedWorkers: s.replacedWorkers,
    msPerTickByKernel: Object.fromEntries(
      Object.entries(s.kernels).map(([k, v]) => [
        k,
        { wall: ms(v.wallNs / Math.max(1, s.ticks)), busySum: ms(v.busyNs / Math.max(1, s.ticks)), byThread: v.byThreadNs.map((x) => ms(x / Math.max(1, s.ticks))) },
      ]),
    ),
  };
}
