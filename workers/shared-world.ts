// Moves the world's per-region state, markets, lanes and scratch onto SharedArrayBuffers and lists what workers see.
// Agent columns are born shared (engine/state/columns.ts); the rest is re-homed once here, in place, before threads start.
import type { World } from '../engine/state/world.js';
import type { Stepper } from '../engine/sim/step.js';
import type { WorldParts } from './protocol.js';

type Typed = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array;

function isTyped(v: unknown): v is Typed {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** A copy of `a` on a SharedArrayBuffer (or `a` itself if it already is on one). */
export function sharedCopy<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => T;
  const out = new Ctor(new SharedArrayBuffer(Math.max(1, a.byteLength)), 0, a.length);
  out.set(a as never);
  return out;
}

/** Replaces every typed-array field of `group` that is not on shared memory by a shared copy. */
function shareFields(group: object): void {
  const g = group as Record<string, unknown>;
  for (const key of Object.keys(g)) {
    const v = g[key];
    if (isTyped(v)) g[key] = sharedCopy(v);
  }
}

/** The mutable groups the parallel kernels touch; each is shared field by field. */
function mutableGroups(w: World, st: Stepper): object[] {
  return [w.regions, w.policy, w.lanes, w.markets, w.acc, st.retail, st.labour];
}

/**
 * Puts every mutable group on shared memory (in place: the main thread keeps using the same objects). Agent columns
 * are born shared; they are checked too, in case a world was assembled some other way (a restored checkpoint).
 */
export function shareWorld(w: World, st: Stepper): void {
  for (const g of [w.firms, w.households, ...mutableGroups(w, st)]) shareFields(g);
}

/** What a worker attaches to. Constants are copied by the structured clone; everything else is shared memory. */
export function worldParts(w: World, st: Stepper): WorldParts {
  return {
    scenario: w.scenario,
    seed: w.seed,
    key: w.key,
    R: w.R,
    S: w.S,
    firms: w.firms,
    households: w.households,
    regions: w.regions,
    policy: w.policy,
    lanes: w.lanes,
    markets: w.markets,
    acc: { region: w.acc.region, sector: w.acc.sector, flow: w.acc.flow, vehicleClasses: w.acc.vehicleClasses },
    labour: st.labour,
    retail: st.retail,
    sectorTonnes: w.sectorTonnes,
    sectorTradable: w.sectorTradable,
    sectorBudgetShare: w.sectorBudgetShare,
    sectorBasePrice: w.sectorBasePrice,
    inputCoef: w.inputCoef,
    scaleFixedCost: w.scaleFixedCost,
    scaleMaxWorkers: w.scaleMaxWorkers,
  };
}

/** Every mutable typed array the workers hold, in a fixed order: compared each tick to notice reallocation. */
export function attachedArrays(w: World, st: Stepper): Typed[] {
  const out: Typed[] = [];
  for (const g of [w.firms, w.households, ...mutableGroups(w, st)]) {
    for (const v of Object.values(g)) if (isTyped(v)) out.push(v);
  }
  return out;
}

/** True when some array a worker holds was replaced since `sent` (then it must be shared and re-sent). */
export function arraysChanged(sent: Typed[], now: Typed[]): boolean {
  if (sent.length !== now.length) return true;
  for (let k = 0; k < sent.length; k++) if (sent[k] !== now[k]) return true;
  return false;
}
