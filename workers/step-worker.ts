// A step worker: attaches once to the world's shared columns, then sleeps on the control block and runs its slice
// of the engine's own kernels (workers/slice.ts) whenever the main thread starts one. No model code lives here.
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { CTL, KERNELS, type AttachMessage, type KernelName, type StepWorkerData, type WorkerReport } from './protocol.js';
import { createWorkerSlice, type Slice } from './slice.js';
import { parseFault, type Fault } from './fault.js';

// The thread starts (and loads its modules) while the main thread is still building the world; the world's
// shared parts arrive as the first message (workers/pool.ts).
let data: StepWorkerData;
let index: number;
let control: Int32Array;
let slice: Slice;
const fault: Fault | undefined = parseFault(process.env.GLOCAL_TEST_FAULT);

function start(d: StepWorkerData): void {
  data = d;
  index = d.index;
  control = new Int32Array(d.control);
  slice = createWorkerSlice({ index, threads: d.threads, control, owner: d.regionOwner, order: d.regionOrder, regionNs: d.regionNs, regionThread: d.regionThread, partials: new Float64Array(d.partials), layout: d.layout }, d.parts);
  loop();
}

function runKernel(kernel: KernelName, tick: number): void {
  if (kernel === 'attach') {
    const msg = receiveMessageOnPort(data.port)?.message as AttachMessage | undefined;
    if (!msg) throw new Error('attach requested but no parts were sent');
    slice.attach(msg.parts);
  } else if (kernel !== 'stop') {
    slice.run(kernel, tick);
  }
}

function injectFault(kernel: KernelName, tick: number): void {
  if (!fault || fault.mode === 'slow' || fault.tick !== tick || fault.kernel !== kernel || fault.worker !== index) return;
  if (fault.mode === 'exit') process.exit(fault.exitCode);
  throw new Error(`injected test fault (GLOCAL_TEST_FAULT) in worker ${index}`);
}

/**
 * The 'slow' test fault: after the kernel, stall nine times its busy time, counted as busy and (households) in the
 * times of the regions this thread ran, which the slow-worker guard watches (see workers/fault.ts).
 */
function injectSlowness(kernel: KernelName, tick: number): void {
  if (!fault || fault.mode !== 'slow' || data.replacement || tick < fault.tick || fault.kernel !== kernel || fault.worker !== index) return;
  const busySlot = (index + 1) * data.layout.stride - 1;
  const partials = new Float64Array(data.partials);
  const stallNs = 9 * partials[busySlot]!;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stallNs / 1e6);
  partials[busySlot] += stallNs;
  if (kernel !== 'households') return;
  for (let r = 0; r < data.regionNs.length; r++) if (data.regionThread[r] === index) data.regionNs[r] *= 10;
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
    try {
      injectFault(kernel, tick);
      runKernel(kernel, tick);
      injectSlowness(kernel, tick);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      parentPort!.postMessage({ type: 'error', index, tick, kernel, message: e.message, stack: e.stack } satisfies WorkerReport);
      Atomics.store(control, CTL.failed, 1);
    }
    if (Atomics.sub(control, CTL.pending, 1) === 1) Atomics.notify(control, CTL.pending);
  }
}

parentPort!.once('message', start);
