// The tick of engine/sim/step.ts driven on the step pool: the same schedule (tickPhases), with each row- or
// region-parallel kernel run by slices on the pool and its per-worker partial sums merged before the books check.
import type { World } from '../engine/state/world.js';
import { runKernel, tickPhases, type Stepper, type TickKernel } from '../engine/sim/step.js';
import type { StepPool } from './pool.js';

/**
 * Below this many firm rows a firm-row kernel (plan, produce, quotas, sales: ~50 ns per row) is cheaper on the main
 * thread alone than a launch (~0.25 ms of wake-ups here). GLOCAL_MIN_PARALLEL_FIRM_ROWS overrides it (tests use 0).
 */
export const MIN_PARALLEL_FIRM_ROWS = 16384;

function minParallelFirmRows(): number {
  const set = process.env.GLOCAL_MIN_PARALLEL_FIRM_ROWS;
  return set === undefined || set === '' ? MIN_PARALLEL_FIRM_ROWS : Number(set);
}

/** Kernels split by region (the others by firm rows): always worth a launch, whatever the number of firms. */
const REGION_KERNELS: ReadonlySet<TickKernel> = new Set(['markets', 'households']);

/** Advances the world by one tick exactly as `step` does, running the yielded kernels on the pool. */
export async function parallelStep(w: World, st: Stepper, pool: StepPool): Promise<void> {
  const started = process.hrtime.bigint();
  const smallFirms = w.firms.rows < minParallelFirmRows();
  pool.balance(w);
  for (const kernel of tickPhases(w, st)) {
    if (smallFirms && !REGION_KERNELS.has(kernel)) {
      runKernel(w, st, kernel);
      continue;
    }
    // Anything reallocated since the workers attached is shared and re-sent first (identity checks, cheap).
    await pool.refresh(w, st);
    await pool.run(kernel, w.tick);
    pool.mergePartials(w);
  }
  pool.stats.ticks++;
  pool.stats.tickNs += Number(process.hrtime.bigint() - started);
}
