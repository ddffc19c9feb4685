// Private per-thread copies of the small arrays that region-owned kernels write once per household or purchase.
// Regions sit next to each other in these arrays, so two threads would write the same cache lines all the time.
import type { World } from '../engine/state/world.js';
import type { LabourMarket } from '../engine/systems/households.js';
import type { RetailOrders } from '../engine/systems/buy.js';
import { REGION_STATS, SECTOR_STATS } from '../engine/sim/accumulators.js';
import type { WorldParts } from './protocol.js';

type Num = Float64Array | Int32Array;

/** A shared array, this thread's copy, and the slots region r owns (the engine's index formulas, in one place). */
interface Copied {
  shared: Num;
  own: Num;
  /** Calls `span(start, length)` for each run of slots that region r writes. */
  slots(r: number, span: (start: number, length: number) => void): void;
}

export interface RegionCopies {
  /**
   * The world as the region-owned kernels (produce, households) see it: these arrays replaced by the thread's
   * copies. The large region × firm arrays (quota, sales slots) need none: each region's slots are one contiguous
   * block (engine/state/tables.ts), so threads write them in place without sharing cache lines.
   */
  view: World;
  labour: LabourMarket;
  retail: RetailOrders;
  /** Shared → own, whole arrays (every slot current before the kernel). */
  copyIn(): void;
  /** Own → shared, only the slots of the first `count` regions of `regions` (the ones this thread ran). */
  copyOut(regions: Int32Array, count: number): void;
}

const ownOf = <T extends Num>(a: T): T => new (a.constructor as new (n: number) => T)(a.length);

export function createRegionCopies(w: World & Pick<WorldParts, 'labour' | 'retail'>): RegionCopies {
  const { R, S } = w;
  const rows = w.firms.rows;
  const list: Copied[] = [];
  const copy = <T extends Num>(shared: T, slots: Copied['slots']): T => {
    const own = ownOf(shared);
    list.push({ shared, own, slots });
    return own;
  };
  const perRegion = (n: number): Copied['slots'] => (r, span) => span(r * n, n);
  // retail orders at (((origin * R + destination) * S + sector) << 1) + buyer kind: a buyer region owns its destination.
  const perDestination: Copied['slots'] = (r, span) => {
    for (let o = 0; o < R; o++) span((o * R + r) * S * 2, S * 2);
  };
  const regions = { ...w.regions, govCash: copy(w.regions.govCash, perRegion(1)) };
  const acc = { ...w.acc, region: copy(w.acc.region, perRegion(REGION_STATS)), sector: copy(w.acc.sector, perRegion(S * SECTOR_STATS)) };
  const markets = {
    ...w.markets,
    misses: copy(w.markets.misses, perRegion(S)),
    minCost: copy(w.markets.minCost, perRegion(S)),
    localEnd: copy(w.markets.localEnd, perRegion(S)),
    end: copy(w.markets.end, perRegion(S)),
    localWeight: copy(w.markets.localWeight, perRegion(S)),
    remoteWeight: copy(w.markets.remoteWeight, perRegion(S)),
  };
  const labour = { ...w.labour, open: copy(w.labour.open, perRegion(1)), cursor: copy(w.labour.cursor, perRegion(1)) };
  const retail = {
    units: copy(w.retail.units, perDestination),
    escrow: copy(w.retail.escrow, perDestination),
    value: copy(w.retail.value, perDestination),
  };
  const view = { ...w, regions, acc, markets } as World;

  function copyIn(): void {
    for (const c of list) c.own.set(c.shared as never);
  }

  function copyOut(regions: Int32Array, count: number): void {
    for (let k = 0; k < count; k++) {
      const r = regions[k]!;
      for (const c of list) c.slots(r, (start, length) => c.shared.set(c.own.subarray(start, start + length) as never, start));
    }
  }

  return { view, labour, retail, copyIn, copyOut };
}
