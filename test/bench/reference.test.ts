// The hand-written reference loops must do the same arithmetic as the kernels they are compared with:
// from the same snapshot, each gives the same columns (else its speed ratio would mean nothing).
import { describe, it, expect, beforeAll } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { planFirms } from '../../engine/systems/firms.js';
import { buildMarkets } from '../../engine/systems/markets.js';
import { householdsPhase } from '../../engine/systems/households.js';
import { deliverShipments } from '../../engine/systems/ship.js';
import { createKernelWorld, replayUntil, type KernelWorld, type KernelPoint } from '../../bench/kernel-world.js';
import { householdsReference } from '../../bench/reference-households.js';
import { planReference, marketsReference, createMarketScratch, booksReference } from '../../bench/reference-loops.js';
import { deliverReference } from '../../bench/reference-ship.js';

let kw: KernelWorld;

beforeAll(() => {
  kw = createKernelWorld(loadScenario('tiny').scenario, 1, 6);
});

/** Every typed array reachable from the world and stepper, copied, keyed by path. */
function state(root: object, prefix = '', out = new Map<string, number[]>(), seen = new Set<object>()): Map<string, number[]> {
  if (seen.has(root)) return out;
  seen.add(root);
  for (const [key, value] of Object.entries(root)) {
    if (['scenario', 'grid', 'compiledPolicy', 'routes'].includes(key)) continue;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) out.set(prefix + key, Array.from(value as unknown as ArrayLike<number>));
    else if (value && typeof value === 'object') state(value, `${prefix}${key}.`, out, seen);
  }
  return out;
}

function sameAfter(point: KernelPoint, kernel: () => void, reference: () => void): void {
  replayUntil(kw, point);
  kernel();
  const expected = state({ w: kw.w, st: kw.st });
  replayUntil(kw, point);
  reference();
  const actual = state({ w: kw.w, st: kw.st });
  for (const [key, values] of expected) expect(actual.get(key), key).toEqual(values);
}

describe('reference loops match their kernels', () => {
  it('households: same employment, cash, quotas, sales, retail orders and accumulators', () => {
    sameAfter('households', () => householdsPhase(kw.w, kw.st.labour, kw.st.retail, 0, kw.w.R), () => householdsReference(kw.w, kw.st));
  });

  it('firm planning: same plans, staffing targets and prices', () => {
    sameAfter('plan', () => planFirms(kw.w, 0, kw.w.firms.rows), () => planReference(kw.w));
  });

  it('firm planning with a surge limit (firms.surgeCapacity): same plans, normal output and staffing targets', () => {
    const surge = createKernelWorld(loadScenario('tiny', { sets: { 'firms.surgeCapacity': 0.05 } }).scenario, 1, 6);
    const run = (plan: () => void) => {
      replayUntil(surge, 'plan');
      plan();
      return state({ w: surge.w, st: surge.st });
    };
    const expected = run(() => planFirms(surge.w, 0, surge.w.firms.rows));
    const actual = run(() => planReference(surge.w));
    for (const [key, values] of expected) expect(actual.get(key), key).toEqual(values);
  });

  it('markets: same entries, costs and choice weights', () => {
    const scratch = createMarketScratch(kw.w);
    sameAfter('markets', () => buildMarkets(kw.w), () => marketsReference(kw.w, scratch));
  });

  it('delivery: same stocks, freed slots and accumulators', () => {
    sameAfter('deliver', () => deliverShipments(kw.w, kw.st.free), () => deliverReference(kw.w, kw.st));
  });

  it('books: balanced at the start of a tick, and an extra cent is caught', () => {
    const goods = new Float64Array(kw.w.S);
    replayUntil(kw, 'books');
    expect(booksReference(kw.w, kw.st, goods)).toBe(true);
    kw.w.households.cash[0] += 1;
    expect(booksReference(kw.w, kw.st, goods)).toBe(false);
  });

  it('the snapshot restores the state a kernel changed', () => {
    replayUntil(kw, 'households');
    const before = state({ w: kw.w, st: kw.st });
    householdsPhase(kw.w, kw.st.labour, kw.st.retail, 0, kw.w.R);
    expect(state({ w: kw.w, st: kw.st })).not.toEqual(before);
    replayUntil(kw, 'households');
    expect(state({ w: kw.w, st: kw.st })).toEqual(before);
  });
});
