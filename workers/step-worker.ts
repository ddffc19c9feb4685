// A step worker: attaches once to the world's shared columns, then sleeps on the control block and runs the
// engine's own kernels (engine/systems) on its slice whenever the main thread starts one. No model code lives here.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { World } from '../engine/state/world.js';
import { planFirms, produceFirms } from '../engine/systems/firms.js';
import { allocateQuotas, settleRegionalSales } from '../engine/systems/quotas.js';
import { householdsPhase } from '../engine/systems/households.js';
import { CTL, KERNELS, type AttachMessage, type KernelName, type StepWorkerData, type WorkerReport, type WorldParts } from './protocol.js';
import { ownedRegionRuns, rowRange } from './partition.js';
import { parseFault, type Fault } from './fault.js';

const data = workerData as StepWorkerData;
const { index, threads, regionOwner } = data;
const control = new Int32Array(data.control);
const partial = new Float64Array(data.partials, index * data.layout.stride * 8, data.layout.stride);
const BUSY = data.layout.tfm + data.layout.goods + 1;
const fault: Fault | undefined = parseFault(process.env.GLOCAL_TEST_FAULT);

/**
 * The worker's World: shared parts plus its own partial sums for the accumulators that every region adds to.
 * Fields the parallel kernels never read (grid, routes, carriers, shipments, compiled policy) are absent.
 */
function viewOf(parts: WorldParts): World {
  const acc = {
    ...parts.acc,
    tfm: partial.subarray(0, data.layout.tfm),
    goods: partial.subarray(data.layout.tfm, data.layout.tfm + data.layout.goods),
  };
  const rowCash = partial.subarray(data.layout.tfm + data.layout.goods, BUSY);
  return { ...parts, acc, rowCash, tick: 0 } as unknown as World;
}

let parts = data.parts;
let view = viewOf(parts);

/** produce: firms of the regions this worker owns, in row order (region accumulators have one writer each). */
function produceOwned(w: World): void {
  const region = w.firms.region;
  const rows = w.firms.rows;
  let from = -1;
  for (let i = 0; i <= rows; i++) {
    const mine = i < rows && regionOwner[region[i]!] === index;
    if (mine && from < 0) from = i;
    else if (!mine && from >= 0) {
      produceFirms(w, from, i);
      from = -1;
    }
  }
}

function runKernel(kernel: KernelName, w: World): void {
  const [from, to] = rowRange(w.firms.rows, threads, index);
  switch (kernel) {
    case 'plan': return planFirms(w, from, to);
    case 'produce': return produceOwned(w);
    case 'allocate-quotas': return allocateQuotas(w, from, to);
    case 'households':
      // The owner array is re-balanced by the main thread between ticks, so the runs are read afresh.
      for (const [a, b] of ownedRegionRuns(regionOwner, index)) householdsPhase(w, parts.labour, parts.retail, a, b);
      return;
    case 'settle-sales': return settleRegionalSales(w, from, to);
    case 'attach': {
      const msg = receiveMessageOnPort(data.port)?.message as AttachMessage | undefined;
      if (!msg) throw new Error('attach requested but no parts were sent');
      parts = msg.parts;
      view = viewOf(parts);
      return;
    }
    case 'stop': return;
    default: {
      const unknown: never = kernel;
      throw new Error(`unknown kernel '${String(unknown)}'`);
    }
  }
}

function injectFault(kernel: KernelName, tick: number): void {
  if (!fault || fault.tick !== tick || fault.kernel !== kernel || fault.worker !== index) return;
  if (fault.mode === 'exit') process.exit(fault.exitCode);
  throw new Error(`injected test fault (GLOCAL_TEST_FAULT) in worker ${index}`);
}

function loop(): void {
  let seen = Atomics.load(control, CTL.epoch);
  parentPort!.postMessage({ type: 'ready', index } satisfies WorkerReport);
  for (;;) {
    // Wait until the epoch moves. Atomics.wait was seen to return 'ok' with no new epoch here (about once in a few
    // thousand launches with 8 threads): re-running the kernel then broke the books. The value decides, not the wake-up.
    for (let now = Atomics.load(control, CTL.epoch); now === seen; now = Atomics.load(control, CTL.epoch)) {
      Atomics.wait(control, CTL.epoch, seen);
    }
    seen = Atomics.load(control, CTL.epoch);
    const kernel = KERNELS[Atomics.load(control, CTL.kernel)]!;
    if (kernel === 'stop') return;
    const tick = Atomics.load(control, CTL.tick);
    const started = process.hrtime.bigint();
    try {
      view.tick = tick;
      injectFault(kernel, tick);
      runKernel(kernel, view);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      parentPort!.postMessage({ type: 'error', index, tick, kernel, message: e.message, stack: e.stack } satisfies WorkerReport);
      Atomics.store(control, CTL.failed, 1);
    }
    partial[BUSY] = Number(process.hrtime.bigint() - started);
    if (Atomics.sub(control, CTL.pending, 1) === 1) Atomics.notify(control, CTL.pending);
  }
}

loop();
