// Micro-benchmarks of the hot kernels, one at a time on a warmed-up world, each beside a hand-written typed-array
// loop doing the same arithmetic: kernel time / reference time is the kernel's overhead (target: within 2x).
import type { Scenario } from '../engine/model/schema.js';
import { planFirms } from '../engine/systems/firms.js';
import { buildMarkets } from '../engine/systems/markets.js';
import { householdsPhase } from '../engine/systems/households.js';
import { loadShipments, deliverShipments } from '../engine/systems/ship.js';
import { checkBooks } from '../engine/sim/books.js';
import { createKernelWorld, replayUntil, type KernelWorld, type KernelPoint } from './kernel-world.js';
import { householdsReference } from './reference-households.js';
import { planReference, marketsReference, createMarketScratch, booksReference } from './reference-loops.js';
import { loadReference, deliverReference, createLoadScratch } from './reference-ship.js';
import { arrowWriteBenchmark } from './arrow-kernel.js';
import { timeTasks, type TimingOptions } from './timing.js';
import type { Summary } from './stats.js';

export const KERNEL_TARGET_RATIO = 2;

export interface KernelResult {
  name: string;
  scenario: string;
  /** Rows the kernel walks (households, firms, shipments or output rows), for ns per row. */
  rows: number;
  rowKind: string;
  kernelMs: Summary;
  referenceMs: Summary;
  /** kernel median / reference median: 1 means the kernel is as fast as the flat loop. */
  ratio: number;
  nsPerRow: number;
  /** What the hand-written loop does, and where it differs from the kernel. */
  reference: string;
  withinTarget: boolean;
}

interface KernelSpec {
  name: string;
  phase: KernelPoint;
  rowKind: string;
  rows: (kw: KernelWorld) => number;
  kernel: (kw: KernelWorld) => void;
  reference: (kw: KernelWorld) => void;
  note: string;
}

function kernelSpecs(kw: KernelWorld): KernelSpec[] {
  const marketScratch = createMarketScratch(kw.w);
  const loadScratch = createLoadScratch(kw.w);
  const goods = new Float64Array(kw.w.S);
  return [
    {
      name: 'households: labour, income, purchase choice',
      phase: 'households',
      rowKind: 'households',
      rows: ({ w }) => w.households.rows,
      kernel: ({ w, st }) => householdsPhase(w, st.labour, st.retail, 0, w.R),
      reference: ({ w, st }) => householdsReference(w, st),
      note: 'householdsPhase + buy inlined into one loop; draws hash (key, purpose, tick) once per tick and the household id once per household; same results',
    },
    {
      name: 'markets: build choice sets',
      phase: 'markets',
      rowKind: 'firms',
      rows: ({ w }) => w.firms.rows,
      kernel: ({ w }) => buildMarkets(w),
      reference: ({ w }) => marketsReference(w, marketScratch),
      note: 'firms bucketed by sector once, then each market walks its sector only (not every firm twice); same entries and weights',
    },
    {
      name: 'firms: planning and hiring targets',
      phase: 'plan',
      rowKind: 'firms',
      rows: ({ w }) => w.firms.rows,
      kernel: ({ w }) => planFirms(w, 0, w.firms.rows),
      reference: ({ w }) => planReference(w),
      note: 'planFirms with columns hoisted into locals; same results',
    },
    {
      name: 'ship: loading',
      phase: 'load',
      rowKind: 'shipments',
      rows: ({ w }) => w.shipments.rows,
      kernel: ({ w, st }) => loadShipments(w, st.fleet, st.queue, st.free),
      reference: (k) => loadReference(k.w, k.st, loadScratch),
      note: 'counting sort by lane and per-shipment split/escrow arithmetic only: no vehicle search, consolidation or trip accounting (a floor, not the same results)',
    },
    {
      name: 'ship: delivery',
      phase: 'deliver',
      rowKind: 'shipments',
      rows: ({ w }) => w.shipments.rows,
      kernel: ({ w, st }) => deliverShipments(w, st.free),
      reference: ({ w, st }) => deliverReference(w, st),
      note: 'deliverShipments with columns hoisted; same results',
    },
    {
      name: 'books: one check (step runs 10 per tick)',
      phase: 'books',
      rowKind: 'households + firms + shipments',
      rows: ({ w }) => w.households.rows + w.firms.rows + w.shipments.rows,
      kernel: ({ w, st }) => checkBooks(w, st.retail, st.books, 'bench'),
      reference: ({ w, st }) => {
        if (!booksReference(w, st, goods)) throw new Error('books reference found an imbalance');
      },
      note: 'money and goods summed in one pass per table (the engine makes separate passes for money, goods, units in transit and escrow)',
    },
  ];
}

export interface KernelOptions {
  seed?: number;
  /** Ticks stepped before the snapshot, so the kernels see a steady state rather than the initial one. */
  warmupTicks: number;
  timing: TimingOptions;
}

export function runKernelBenchmarks(scenario: Scenario, opts: KernelOptions): { results: KernelResult[]; columnBytes: number } {
  const kw = createKernelWorld(scenario, opts.seed ?? scenario.seed, opts.warmupTicks);
  const results: KernelResult[] = [];
  for (const spec of kernelSpecs(kw)) {
    const before = () => replayUntil(kw, spec.phase);
    before();
    const rows = spec.rows(kw);
    const times = timeTasks(
      [
        { name: 'kernel', fn: () => spec.kernel(kw), beforeEach: before },
        { name: 'reference', fn: () => spec.reference(kw), beforeEach: before },
      ],
      opts.timing,
    );
    results.push(result(spec.name, scenario.name, rows, spec.rowKind, times.get('kernel')!, times.get('reference')!, spec.note));
  }
  kw.snap.restore();
  const arrow = arrowWriteBenchmark(opts.timing);
  results.push(result(arrow.name, scenario.name, arrow.rows, 'output rows', arrow.kernelMs, arrow.referenceMs, arrow.note));
  return { results, columnBytes: kw.columnBytes };
}

function result(name: string, scenario: string, rows: number, rowKind: string, kernelMs: Summary, referenceMs: Summary, reference: string): KernelResult {
  const ratio = kernelMs.median / referenceMs.median;
  return {
    name,
    scenario,
    rows,
    rowKind,
    kernelMs,
    referenceMs,
    ratio,
    nsPerRow: rows > 0 ? (kernelMs.median * 1e6) / rows : 0,
    reference,
    withinTarget: ratio <= KERNEL_TARGET_RATIO,
  };
}
