// A warmed-up world for kernel benchmarks: built with createWorld/createStepper, stepped to a steady state,
// snapshotted, and able to replay a tick's phases up to the one being timed.
import { createWorld, createStepper, step, endTick, type World } from '../engine/index.js';
import type { Scenario } from '../engine/model/schema.js';
import { tickPhases, runKernel, type Stepper, type TickKernel } from '../engine/sim/step.js';
import { exportsPhase } from '../engine/systems/government.js';
import { shipRetailOrders } from '../engine/systems/shipments.js';
import { loadShipments } from '../engine/systems/ship.js';
import { columnBytes } from '../engine/state/columns.js';
import { snapshotState, type Snapshot } from './snapshot.js';

export interface KernelWorld {
  w: World;
  st: Stepper;
  snap: Snapshot;
  /** Bytes of agent columns (households, firms, carriers, shipments, markets), as in the run manifest. */
  columnBytes: number;
}

/** The kernels a benchmark can stop in front of. */
export type KernelPoint = 'plan' | 'books' | 'markets' | 'households' | 'load' | 'deliver';

/** Drives the tick's own schedule (tickPhases) up to, not including, the yielded kernel `stop`. */
function driveUntil(w: World, st: Stepper, stop: TickKernel): void {
  for (const kernel of tickPhases(w, st)) {
    if (kernel === stop) return;
    runKernel(w, st, kernel);
  }
  throw new Error(`tickPhases never yielded '${stop}'`);
}

/**
 * Restores the snapshot, then brings the world to the state just before `point` in this tick. Serial phases that
 * tickPhases runs between its yields are reached by stopping at the yield before them; after 'settle-sales' the
 * tick's tail (exports, retail shipments, loading) is called here in tickPhases' order.
 */
export function replayUntil(kw: KernelWorld, point: KernelPoint): void {
  kw.snap.restore();
  const { w, st } = kw;
  switch (point) {
    case 'plan':
    case 'books':
      return driveUntil(w, st, 'plan');
    case 'markets':
      driveUntil(w, st, 'produce');
      return runKernel(w, st, 'produce');
    case 'households':
      return driveUntil(w, st, 'households');
    case 'load':
    case 'deliver':
      driveUntil(w, st, 'settle-sales');
      runKernel(w, st, 'settle-sales');
      exportsPhase(w);
      shipRetailOrders(w, st.free, st.retail);
      if (point === 'deliver') loadShipments(w, st.fleet, st.queue, st.free);
  }
}

/** Unemployment per region, as the recorder computes it (the wage rule reads it at the end of a tick). */
function unemploymentOf(w: World, out: Float64Array): Float64Array {
  out.fill(0);
  const h = w.households;
  for (let i = 0; i < h.rows; i++) if (h.employer[i]! >= 0) out[h.region[i]!]++;
  for (let r = 0; r < w.R; r++) {
    const n = w.regions.households[r]!;
    out[r] = n > 0 ? 1 - out[r]! / n : 0;
  }
  return out;
}

export function createKernelWorld(scenario: Scenario, seed: number, warmupTicks: number): KernelWorld {
  const w = createWorld(scenario, seed);
  const st = createStepper(w);
  const unemployment = new Float64Array(w.R);
  for (let t = 0; t < warmupTicks; t++) {
    step(w, st);
    endTick(w, unemploymentOf(w, unemployment));
  }
  const snap = snapshotState([w, st], new Set(['scenario', 'grid', 'compiledPolicy', 'routes']));
  const bytes = columnBytes(w.firms) + columnBytes(w.households) + columnBytes(w.carriers) + columnBytes(w.shipments) + columnBytes(w.markets);
  return { w, st, snap, columnBytes: bytes };
}
