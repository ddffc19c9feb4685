// The tick of engine/sim/step.ts driven on the step workers: the same schedule (tickPhases), with each row- or
// region-parallel kernel run by slices on the pool and its per-worker partial sums merged before the books check.
import type { World } from '../engine/state/world.js';
import { tickPhases, type Stepper } from '../engine/sim/step.js';
import type { StepPool } from './pool.js';

/** Advances the world by one tick exactly as `step` does, running the yielded kernels on the pool. */
export async function parallelStep(w: World, st: Stepper, pool: StepPool): Promise<void> {
  const started = process.hrtime.bigint();
  pool.balance(w);
  for (const kernel of tickPhases(w, st)) {
    // Anything reallocated since the workers attached is shared and re-sent first (identity checks, cheap).
    await pool.refresh(w, st);
    await pool.run(kernel, w.tick);
    pool.mergePartials(w);
  }
  pool.stats.ticks++;
  pool.stats.tickNs += Number(process.hrtime.bigint() - started);
}
