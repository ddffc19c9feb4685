// One thread's share of a tick kernel: the engine's kernels over its firm rows or its regions. Run by every step
// worker and by the main thread (thread 0), so the main thread computes too instead of waiting.
import type { World } from '../engine/state/world.js';
import type { TickKernel } from '../engine/sim/step.js';
import { planFirms, produceFirms } from '../engine/systems/firms.js';
import { allocateQuotas, settleRegionalSales } from '../engine/systems/quotas.js';
import { householdsPhase } from '../engine/systems/households.js';
import type { PartialLayout, WorldParts } from './protocol.js';
import { ownedRegionRuns, rowRange } from './partition.js';
import { createRegionCopies, type RegionCopies } from './region-copies.js';

export interface SliceContext {
  index: number;
  threads: number;
  /** Thread owning each region (shared; re-balanced by the main thread between ticks). */
  owner: Int32Array;
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

export function createSlice(ctx: SliceContext, first: WorldParts): Slice {
  const { index, threads, owner, layout } = ctx;
  const partial = ctx.partials.subarray(index * layout.stride, (index + 1) * layout.stride);
  const busy = layout.stride - 1;
  let parts = first;
  let view = viewOf(parts, partial, layout);
  let copies: RegionCopies = createRegionCopies(view);

  /** produce: firms of the regions this thread owns, in row order (region accumulators have one writer each). */
  function produceOwned(w: World): void {
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
  }

  /** Region-owned kernels write per-region slots through private copies: no cache line is written by two threads. */
  function regionOwned(w: World, body: (w: World) => void): void {
    copies.copyIn();
    body(copies.view);
    copies.copyOut(owner, index);
    void w;
  }

  function run(kernel: TickKernel, tick: number): void {
    const started = process.hrtime.bigint();
    view.tick = tick;
    copies.view.tick = tick;
    const [from, to] = rowRange(view.firms.rows, threads, index);
    switch (kernel) {
      case 'plan': planFirms(view, from, to); break;
      case 'produce': regionOwned(view, produceOwned); break;
      case 'allocate-quotas': allocateQuotas(view, from, to); break;
      case 'households':
        regionOwned(view, (w) => {
          for (const [a, b] of ownedRegionRuns(owner, index)) householdsPhase(w, copies.labour, copies.retail, a, b);
        });
        break;
      case 'settle-sales': settleRegionalSales(view, from, to); break;
    }
    partial[busy] = Number(process.hrtime.bigint() - started);
  }

  function attach(next: WorldParts): void {
    parts = next;
    view = viewOf(parts, partial, layout);
    copies = createRegionCopies(view);
  }

  return { run, attach };
}

/**
 * A thread's World: the shared parts plus its own partial sums for the accumulators every region adds to
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
