// The tick of engine/sim/step.ts with its row- and region-parallel kernels run on the step workers: same phases,
// same order, same books check after each. Keep it in step with step.ts (test/workers/parallel-step.test.ts checks).
import type { World } from '../engine/state/world.js';
import { prepareLabourMarket, type PhaseName, type Stepper } from '../engine/sim/step.js';
import { evaluatePolicy } from '../engine/policy/policy.js';
import { applyShocks } from '../engine/policy/shocks.js';
import { computeRoutes } from '../engine/transport/routes.js';
import { updateLanes } from '../engine/transport/lanes.js';
import { buildMarkets } from '../engine/systems/markets.js';
import { orderInputs } from '../engine/systems/orders.js';
import { governmentsPhase, exportsPhase } from '../engine/systems/government.js';
import { shipRetailOrders } from '../engine/systems/shipments.js';
import { loadShipments, deliverShipments } from '../engine/systems/ship.js';
import { settleFirms } from '../engine/systems/settle.js';
import { resetAccumulators } from '../engine/sim/accumulators.js';
import { startTickBooks, checkBooks, closeTransactionMatrix } from '../engine/sim/books.js';
import type { StepPool } from './pool.js';

/** The phases this tick runs, in order (compared with engine PHASES by the tests). */
export const PARALLEL_STEP_PHASES: readonly PhaseName[] = ['policy', 'plan', 'produce', 'markets', 'order', 'households', 'government', 'ship', 'deliver', 'settle'];

/** Advances the world by one tick like `step`, running plan, produce, quotas, households and sales on the pool. */
export async function parallelStep(w: World, st: Stepper, pool: StepPool): Promise<void> {
  pool.balance(w);
  resetAccumulators(w.acc);
  startTickBooks(w, st.retail, st.books);
  const check = (phase: PhaseName) => checkBooks(w, st.retail, st.books, phase);
  // Re-send anything reallocated since the workers attached (cheap identity checks) before each kernel.
  const par = async (kernel: Parameters<StepPool['run']>[0]) => {
    await pool.refresh(w, st);
    await pool.run(kernel, w.tick);
  };

  evaluatePolicy(w.policy, w.compiledPolicy, w.tick);
  if (applyShocks(w, w.tick) || w.tick === 0) w.routes = computeRoutes(w.grid, w.closed);
  updateLanes(w, st.fleet);
  check('policy');
  await par('plan');
  check('plan');
  await par('produce');
  pool.mergePartials(w);
  check('produce');
  buildMarkets(w);
  check('markets');
  orderInputs(w, st.free, 0, w.firms.rows);
  check('order');
  await par('allocate-quotas');
  prepareLabourMarket(w, st.labour);
  await par('households');
  pool.mergePartials(w);
  check('households');
  governmentsPhase(w, st.retail);
  await par('settle-sales');
  exportsPhase(w);
  shipRetailOrders(w, st.free, st.retail);
  check('government');
  loadShipments(w, st.fleet, st.queue, st.free);
  check('ship');
  deliverShipments(w, st.free);
  check('deliver');
  settleFirms(w);
  check('settle');
  closeTransactionMatrix(w, st.books);
}
