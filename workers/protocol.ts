// The main↔step-worker protocol: the shared control block's named slots, the kernel codes, and the few messages.
// Per tick the workers receive nothing but a kernel code and the tick number in the control block.
import type { MessagePort } from 'node:worker_threads';
import type { World } from '../engine/state/world.js';
import type { LabourMarket } from '../engine/systems/households.js';
import type { RetailOrders } from '../engine/systems/buy.js';
import type { TickKernel } from '../engine/sim/step.js';

/** Slots of the control block (an Int32Array on a SharedArrayBuffer). */
export const CTL = {
  /** Bumped by the main thread to start a kernel; workers sleep on it with Atomics.wait. */
  epoch: 0,
  /** Workers still running the current kernel; the last one to finish wakes the main thread. */
  pending: 1,
  kernel: 2,
  tick: 3,
  /** Set to 1 by a worker whose kernel threw (its report follows as a message). */
  failed: 4,
  /** Next index into the region order for region kernels: threads claim regions with Atomics.add until it runs out. */
  nextRegion: 5,
} as const;
export const CTL_SLOTS = 8;

/**
 * Kernels a worker can run: the tick's (engine TICK_KERNELS; a test checks none is missing) plus pool housekeeping.
 * Listed here rather than imported so a worker does not load the whole engine to start. Codes go to CTL.kernel.
 */
export const KERNELS = ['plan', 'produce', 'markets', 'allocate-quotas', 'households', 'settle-sales', 'attach', 'stop'] as const satisfies readonly (TickKernel | 'attach' | 'stop')[];
export type KernelName = TickKernel | 'attach' | 'stop';
export const kernelCode = (name: KernelName): number => KERNELS.indexOf(name);

/** The parts of the world the parallel kernels read or write: all typed arrays on shared memory except constants. */
export type WorldParts = Pick<
  World,
  | 'scenario' | 'seed' | 'key' | 'R' | 'S' | 'firms' | 'households' | 'regions' | 'policy' | 'lanes' | 'markets'
  | 'sectorTonnes' | 'sectorTradable' | 'sectorBudgetShare' | 'sectorBasePrice' | 'inputCoef' | 'scaleFixedCost' | 'scaleMaxWorkers'
> & {
  /** Accumulators every thread writes only for its own regions (the integer-valued ones are per worker, see partials). */
  acc: { region: Float64Array; sector: Float64Array; flow: Float64Array; vehicleClasses: number };
  labour: LabourMarket;
  retail: RetailOrders;
};

/** Per-worker partial sums for the accumulators every region writes: transaction-flow matrix, goods, rest-of-world cash. */
export interface PartialLayout {
  tfm: number;
  goods: number;
  /** Doubles per worker: tfm + goods + 1 (rowCash), then padding; the last two: when the thread started the last kernel and for how long it was busy (ns). */
  stride: number;
}

/** workerData of a step worker (sent once; SharedArrayBuffers in it are shared, not copied). */
export interface StepWorkerData {
  /** Thread index, 1 .. threads − 1 (thread 0 is the main thread, which computes its share too). */
  index: number;
  threads: number;
  control: SharedArrayBuffer;
  partials: SharedArrayBuffer;
  layout: PartialLayout;
  /** Thread owning each region's firms in `produce`; shared, re-balanced between ticks. */
  regionOwner: Int32Array;
  /** Regions in the order threads claim them in the markets and households kernels (costliest first); shared. */
  regionOrder: Int32Array;
  /** Nanoseconds the households kernel took per region last tick (written by the region's owner; for balancing). */
  regionNs: Float64Array;
  /** The thread that ran each region in the last households kernel (shared; for the slow-worker guard). */
  regionThread: Int32Array;
  parts: WorldParts;
  /** Later parts (after something was reallocated) arrive here, read synchronously on an 'attach' kernel. */
  port: MessagePort;
  /** True for a thread started in place of one that ran too slowly (workers/pool.ts). */
  replacement: boolean;
}

/** Messages from a step worker to the main thread. */
export type WorkerReport =
  | { type: 'ready'; index: number }
  | { type: 'error'; index: number; tick: number; kernel: KernelName; message: string; stack?: string };

/** Message on the attach port. */
export interface AttachMessage {
  parts: WorldParts;
}
