// Spin-then-sleep waiting. Waking a sleeping thread costs 0.2–0.5 ms here (the vCPU has to be woken too), more than
// many kernels take; a thread that polls the shared control block for a few milliseconds first sees a change within
// a microsecond. Polling only pays while every thread has a core of its own, so the pool turns it off otherwise.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

/** How long a step worker polls for the next kernel before it sleeps: covers the serial stretch between kernels. */
export const WORKER_SPIN_MS = 5;
/** How long the main thread polls for the workers to finish before it yields to its event loop. */
export const MAIN_SPIN_MS = 20;

/** The workers' poll time for a pool of `threads` threads: 0 when threads outnumber cores; GLOCAL_SPIN_MS overrides. */
export function workerSpinMs(threads: number): number {
  const set = process.env.GLOCAL_SPIN_MS;
  if (set !== undefined && set !== '') return Number(set);
  return threads <= availableParallelism() ? WORKER_SPIN_MS : 0;
}

/** Polls `done` for at most `ms` milliseconds; returns whether it became true. */
function pollFor(ms: number, done: () => boolean): boolean {
  if (done()) return true;
  if (ms <= 0) return false;
  const until = performance.now() + ms;
  for (;;) {
    // Read the clock only every few hundred polls: it costs far more than a load.
    for (let k = 0; k < 512; k++) if (done()) return true;
    if (performance.now() > until) return false;
  }
}

/** A step worker between kernels: polls until the epoch moves past `seen`, for at most `ms`. Returns the epoch. */
export function spinForEpoch(control: Int32Array, epochSlot: number, seen: number, ms: number): number {
  pollFor(ms, () => Atomics.load(control, epochSlot) !== seen);
  return Atomics.load(control, epochSlot);
}

/** The main thread after its share: polls until no worker is pending or one has failed, for at most `ms`. */
export function spinForWorkers(control: Int32Array, pendingSlot: number, failedSlot: number, ms: number): void {
  pollFor(ms, () => Atomics.load(control, pendingSlot) === 0 || Atomics.load(control, failedSlot) !== 0);
}
