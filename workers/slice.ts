// One thread's share of a tick kernel: the engine's kernels over its firm rows or its regions. Run by every step
// worker and by the main thread (thread 0), so the main thread computes too instead of waiting.
import type { World } from '../engine/state/world.js';
import type { Stepper, TickKernel } from '../engine/sim/step.js';
import { regionMarkets } from '../engine/systems/markets.js';
import type { LabourMarket } from '../engine/systems/households.js';
import type { RetailOrders } from '../engine/systems/buy.js';
import { planFirms, produceFirms } from '../engine/systems/firms.js';
import { allocateQuotas, settleRegionalSales } from '../engine/systems/quotas.js';
import { householdsPhase } from '../engine/systems/households.js';
import { CTL, type PartialLayout, type WorldParts } from './protocol.js';
import { rowRange } from './partition.js';
import { createRegionCopies } from './region-copies.js';

export interface SliceContext {
  index: number;
  threads: number;
  /** The control block (workers/protocol.ts CTL): region kernels claim regions through CTL.nextRegion. */
  control: Int32Array;
  /** Thread owning each region's firms in `produce` (shared; re-balanced by the main thread between ticks). */
  owner: Int32Array;
  /** Regions in claiming order, costliest first (shared; re-ordered by the main thread between ticks). */
  order: Int32Array;
  /** Households-kernel time per region, last tick (shared; each region written by the thread that ran it). */
  regionNs: Float64Array;
  /** The thread that ran each region in the last households kernel (shared; for the slow-worker guard). */
  regionThread: Int32Array;
  /** Every thread's partial sums (shared); this thread writes only its own stride. */
  partials: Float64Array;
  layout: PartialLayout;
}

export interface Slice {
  /** Runs this thread's share of `kernel` at `tick` and records its busy time in its partials. */
  run(kernel: TickKernel, tick: number): void;
  /** Re-attaches to new parts (after the main thread re-shared something reallocated). */
  attach(parts: WorldParts): void;
}

/** What a slice works on: the world (or a view of it) for row-range kernels, and what region-owned kernels write through. */
interface Target {
  /** For row-range kernels: every array shared, so writes to any slot of the thread's rows land in the world. */
  shared: World;
  /** For produce and households: region-keyed arrays may be per-thread copies (see before/after). */
  w: World;
  labour: LabourMarket;
  retail: RetailOrders;
  /** Around a region kernel: bring per-thread copies up to date, and write back the slots of the regions it ran. */
  before(): void;
  after(regions: Int32Array, count: number): void;
}

/**
 * The main thread's slice works on the real world: its sums go straight into the world's accumulators (whole
 * numbers, so adding the workers' partials later gives the same bits), and the kernels see the same objects as in
 * the serial phases (one shape each: V8 keeps them fast).
 */
export function createMainSlice(ctx: SliceContext, w: World, st: Stepper): Slice {
  const target: Target = { shared: w, w, labour: st.labour, retail: st.retail, before() {}, after() {} };
  return sliceOver(ctx, () => target, () => {});
}

/** A worker's slice: a view of the shared parts with its own partial sums and per-thread copies of region slots. */
export function createWorkerSlice(ctx: SliceContext, first: WorldParts): Slice {
  const partial = ctx.partials.subarray(ctx.index * ctx.layout.stride, (ctx.index + 1) * ctx.layout.stride);
  const build = (parts: WorldParts): Target => {
    const shared = viewOf(parts, partial, ctx.layout);
    const copies = createRegionCopies(shared);
    return {
      shared,
      w: copies.view,
      labour: copies.labour,
      retail: copies.retail,
      before: copies.copyIn,
      after: copies.copyOut,
    };
  };
  let target = build(first);
  return sliceOver(ctx, () => target, (parts) => (target = build(parts)));
}

function sliceOver(ctx: SliceContext, current: () => Target, rebuild: (parts: WorldParts) => void): Slice {
  const { index, threads, control, owner, order, layout } = ctx;
  const busy = index * layout.stride + layout.stride - 1;
  const startedAt = busy - 1;
  // The regions this thread ran in the current region kernel (their slots are the ones it writes back).
  const ran = new Int32Array(owner.length);

  /**
   * The next unclaimed region, or -1. Threads claim regions one at a time, costliest first, so a thread that starts
   * late or runs slow simply takes fewer. Which thread runs a region changes speed only: a region's work reads and
   * writes only that region's slots, and the sums shared by all regions are whole numbers (workers/pool.ts).
   */
  function claim(): number {
    const k = Atomics.add(control, CTL.nextRegion, 1);
    return k < order.length ? order[k]! : -1;
  }

  /** produce: firms of the regions this thread owns, in row order (region accumulators have one writer each). */
  function produceOwned(w: World): number {
    const region = w.firms.region;
    const rows = w.firms.rows;
    let from = -1;
    for (let i = 0; i <= rows; i++) {
      const mine = i < rows && owner[region[i]!] === index;
      if (mine && from < 0) from = i;
      else if (!mine && from >= 0) {
        produceFirms(w, from, i);
        from = -1;
      }
    }
    let count = 0;
    for (let r = 0; r < owner.length; r++) if (owner[r] === index) ran[count++] = r;
    return count;
  }

  function marketsClaimed(t: Target): number {
    let count = 0;
    for (let r = claim(); r >= 0; r = claim()) {
      ran[count++] = r;
      regionMarkets(t.w, r);
    }
    return count;
  }

  function householdsClaimed(t: Target): number {
    // Region by region, timed: the next tick's order puts the costliest regions first.
    let count = 0;
    for (let r = claim(); r >= 0; r = claim()) {
      ran[count++] = r;
      const started = process.hrtime.bigint();
      householdsPhase(t.w, t.labour, t.retail, r, r + 1);
      ctx.regionNs[r] = Number(process.hrtime.bigint() - started);
      ctx.regionThread[r] = index;
    }
    return count;
  }

  function run(kernel: TickKernel, tick: number): void {
    const started = process.hrtime.bigint();
    const t = current();
    t.shared.tick = tick;
    t.w.tick = tick;
    const [from, to] = rowRange(t.shared.firms.rows, threads, index);
    switch (kernel) {
      case 'plan': planFirms(t.shared, from, to); break;
      case 'produce': t.before(); t.after(ran, produceOwned(t.w)); break;
      case 'markets': t.before(); t.after(ran, marketsClaimed(t)); break;
      case 'allocate-quotas': allocateQuotas(t.shared, from, to); break;
      case 'households': t.before(); t.after(ran, householdsClaimed(t)); break;
      case 'settle-sales': settleRegionalSales(t.shared, from, to); break;
    }
    ctx.partials[startedAt] = Number(started);
    ctx.partials[busy] = Number(process.hrtime.bigint() - started);
  }

  return { run, attach: rebuild };
}

/**
 * A worker's World: the shared parts plus its own partial sums for the accumulators every region adds to
 * (transaction-flow matrix, goods, rest-of-world cash). Fields the parallel kernels never read (grid, routes,
 * carriers, shipments, compiled policy) are absent.
 */
function viewOf(parts: WorldParts, partial: Float64Array, layout: PartialLayout): World & Pick<WorldParts, 'labour' | 'retail'> {
  const acc = {
    ...parts.acc,
    tfm: partial.subarray(0, layout.tfm),
    goods: partial.subarray(layout.tfm, layout.tfm + layout.goods),
  };
  const rowCash = partial.subarray(layout.tfm + layout.goods, layout.tfm + layout.goods + 1);
  // Spread copies: objects rebuilt by the structured clone may come back in V8's slow dictionary mode.
  const tables = { firms: { ...parts.firms }, households: { ...parts.households }, regions: { ...parts.regions }, markets: { ...parts.markets } };
  return { ...parts, ...tables, acc, rowCash, tick: 0 } as unknown as World & Pick<WorldParts, 'labour' | 'retail'>;
}
