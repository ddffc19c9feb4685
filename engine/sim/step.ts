// One tick: an ordered list of named phases. Each phase is followed by the books check, so an imbalance
// names the tick and the phase where it appeared.
import type { World } from '../state/world.js';
import { evaluatePolicy } from '../policy/policy.js';
import { applyShocks } from '../policy/shocks.js';
import { computeRoutes } from '../transport/routes.js';
import { updateLanes } from '../transport/lanes.js';
import { createFleet, type Fleet } from '../transport/fleet.js';
import { bucketSellers, regionMarkets } from '../systems/markets.js';
import { planFirms, produceFirms } from '../systems/firms.js';
import { orderInputs } from '../systems/orders.js';
import { householdsPhase, type LabourMarket } from '../systems/households.js';
import { governmentsPhase, exportsPhase, setBenefits } from '../systems/government.js';
import { allocateQuotas, settleRegionalSales } from '../systems/quotas.js';
import { createRetailOrders, type RetailOrders } from '../systems/buy.js';
import { createFreeList, shipRetailOrders, type ShipmentFreeList } from '../systems/shipments.js';
import { createLaneQueue, loadShipments, deliverShipments, type LaneQueue } from '../systems/ship.js';
import { settleFirms, adjustWages } from '../systems/settle.js';
import { migrate, updatePriceIndex } from '../systems/migrate.js';
import { resetAccumulators, T, FIRMS, HH } from './accumulators.js';
import { createBooks, openBooks, startTickBooks, checkBooks, closeTransactionMatrix, moneyHoldings, type BooksState } from './books.js';
import { draw, Purpose } from './rng.js';

/** Run-time scratch that lives beside the world: buffers reused every tick. */
export interface Stepper {
  fleet: Fleet;
  retail: RetailOrders;
  free: ShipmentFreeList;
  queue: LaneQueue;
  labour: LabourMarket;
  books: BooksState;
  unemployment: Float64Array;
}

export const PHASES = ['policy', 'plan', 'produce', 'markets', 'order', 'households', 'government', 'ship', 'deliver', 'settle'] as const;
export type PhaseName = (typeof PHASES)[number];

export function createStepper(w: World): Stepper {
  const stepper: Stepper = {
    fleet: createFleet(w.scenario, w.carriers, w.R),
    retail: createRetailOrders(w.R, w.S),
    free: createFreeList(w.shipments.capacity),
    queue: createLaneQueue(w.R),
    labour: {
      start: new Int32Array(w.R + 1),
      firm: new Int32Array(w.firms.rows),
      cursor: new Int32Array(w.R),
      open: new Int32Array(w.R),
      dividendCents: new Float64Array(w.R),
      benefitCents: new Float64Array(w.R),
      claimants: new Float64Array(w.R),
    },
    books: createBooks(w.S),
    unemployment: new Float64Array(w.R),
  };
  openBooks(w, stepper.books);
  const holdings = moneyHoldings(w, stepper.retail, new Float64Array(5), stepper.books.householdCash);
  w.moneyAtStart = holdings.reduce((a, b) => a + b, 0);
  return stepper;
}

/** Kernels over firm rows or regions that a tick hands to its driver: one thread runs them whole, workers by slices. */
export const TICK_KERNELS = ['plan', 'produce', 'markets', 'allocate-quotas', 'households', 'settle-sales'] as const;
export type TickKernel = (typeof TICK_KERNELS)[number];

/** Advances the world by one tick, running every phase in order and checking the books after each. */
export function step(w: World, st: Stepper): void {
  for (const kernel of tickPhases(w, st)) runKernel(w, st, kernel);
}

/** Runs a tick kernel over every row and region (the one-thread driver; workers/ runs the same kernels by slices). */
export function runKernel(w: World, st: Stepper, kernel: TickKernel): void {
  switch (kernel) {
    case 'plan': return planFirms(w, 0, w.firms.rows);
    case 'produce': return produceFirms(w, 0, w.firms.rows);
    case 'markets': for (let r = 0; r < w.R; r++) regionMarkets(w, r); return;
    case 'allocate-quotas': return allocateQuotas(w, 0, w.firms.rows);
    case 'households': return householdsPhase(w, st.labour, st.retail, 0, w.R);
    case 'settle-sales': return settleRegionalSales(w, 0, w.firms.rows);
  }
}

/**
 * The tick's schedule, written once: the serial phases run here, and each row- or region-parallel kernel is
 * yielded to the driver, which must run it before resuming (so the books check after it sees its effects).
 */
export function* tickPhases(w: World, st: Stepper): Generator<TickKernel, void, void> {
  resetAccumulators(w.acc);
  startTickBooks(w, st.retail, st.books);
  const check = (phase: PhaseName) => checkBooks(w, st.retail, st.books, phase);

  evaluatePolicy(w.policy, w.compiledPolicy, w.tick);
  if (applyShocks(w, w.tick) || w.tick === 0) w.routes = computeRoutes(w.grid, w.closed);
  updateLanes(w, st.fleet);
  check('policy');
  yield 'plan';
  check('plan');
  yield 'produce';
  check('produce');
  bucketSellers(w);
  yield 'markets';
  check('markets');
  orderInputs(w, st.free, 0, w.firms.rows);
  check('order');
  yield 'allocate-quotas';
  prepareLabourMarket(w, st.labour);
  yield 'households';
  check('households');
  governmentsPhase(w, st.retail);
  yield 'settle-sales';
  exportsPhase(w);
  shipRetailOrders(w, st.free, st.retail);
  check('government');
  loadShipments(w, st.fleet, st.queue, st.free);
  check('ship');
  deliverShipments(w, st.free);
  check('deliver');
  settleFirms(w);
  updatePriceIndex(w);
  migrate(w);
  check('settle');
  closeTransactionMatrix(w, st.books);
}

/** After recording: wages react to this tick's unemployment; the clock moves on. */
export function endTick(w: World, unemployment: Float64Array): void {
  adjustWages(w, unemployment);
  w.tick++;
}

/** Vacancy lists per region (firm rows in order), a seeded starting point, and dividends per household. */
export function prepareLabourMarket(w: World, lm: LabourMarket): void {
  const f = w.firms;
  const { R } = w;
  lm.start.fill(0);
  lm.open.fill(0);
  // Claimants at most: the region's households less the jobs its firms keep this tick (hiring only lowers it).
  for (let r = 0; r < R; r++) lm.claimants[r] = w.regions.households[r]!;
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] === 0) continue;
    const r = f.region[i]!;
    lm.claimants[r] -= Math.min(f.workers[i]!, f.targetWorkers[i]!);
    if (f.targetWorkers[i]! > f.workers[i]!) {
      lm.start[r + 1]++;
      lm.open[r] += f.targetWorkers[i]! - f.workers[i]!;
    }
  }
  setBenefits(w, lm);
  for (let r = 0; r < R; r++) lm.start[r + 1] += lm.start[r]!;
  const fill = lm.start.slice(0, R);
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] !== 0 && f.targetWorkers[i]! > f.workers[i]!) lm.firm[fill[f.region[i]!]!++] = i;
  }
  for (let r = 0; r < R; r++) {
    const count = lm.start[r + 1]! - lm.start[r]!;
    lm.cursor[r] = count > 0 ? Math.floor(draw(w.key, Purpose.Hiring, w.tick, r) * count) : 0;
    const n = w.regions.households[r]!;
    const dividend = n > 0 ? Math.floor(w.regions.ownerPool[r]! / n) : 0;
    lm.dividendCents[r] = dividend;
    w.regions.ownerPool[r] -= dividend * n;
  }
  void T;
  void FIRMS;
  void HH;
}
