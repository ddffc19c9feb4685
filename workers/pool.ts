// The step-worker pool of one run: starts the threads, attaches them once to the shared world, starts kernels
// through a tiny shared control block (Atomics), and turns any worker failure into one error naming tick, phase, worker.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { World } from '../engine/state/world.js';
import type { Stepper } from '../engine/sim/step.js';
import { GOODS_STATS, TFM_COLUMNS, TFM_ROWS } from '../engine/sim/accumulators.js';
import { CTL, CTL_SLOTS, kernelCode, type KernelName, type PartialLayout, type StepWorkerData, type WorkerReport, type WorldParts } from './protocol.js';
import { balanceWeights, partitionRegions, regionOrder, type RegionPartition } from './partition.js';
import { arraysChanged, attachedArrays, shareWorld, worldParts } from './shared-world.js';
import { createMainSlice } from './slice.js';
import { stepWorkerEntry } from './entry.js';
import { createPoolStats, describeStats, recordLaunch, type PoolStats } from './stats.js';
import { createSlowGuard, SLOW_GUARD } from './slow-guard.js';

/** The engine phase (engine/sim/step.ts PHASES) each kernel belongs to, for error messages. */
const PHASE_OF: Record<KernelName, string> = {
  plan: 'plan', produce: 'produce', markets: 'markets', 'allocate-quotas': 'households', households: 'households',
  'settle-sales': 'government', attach: 'attach', stop: 'stop',
};

export interface StepPool {
  readonly threads: number;
  /** The current split of regions (owner is shared with the workers). */
  readonly partition: RegionPartition;
  readonly stats: PoolStats;
  /**
   * Re-balances regions over threads by the households kernel's measured time per region (smoothed; household
   * counts until there is a measurement, and for regions that had none). Only speed depends on it.
   */
  balance(w: World): void;
  /** Runs one kernel on every worker and waits for all; rejects (after terminating every worker) if one fails. */
  run(kernel: KernelName, tick: number): Promise<void>;
  /** Adds the workers' partial sums into the world in worker order, and zeroes them. */
  mergePartials(w: World): void;
  /** Re-shares and re-sends anything the workers hold that was reallocated since they attached. */
  refresh(w: World, st: Stepper): Promise<void>;
  close(): Promise<void>;
}

export class StepWorkerError extends Error {
  override readonly name = 'StepWorkerError';
}

type WaitAsync = (a: Int32Array, index: number, value: number, timeoutMs?: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Doubles per thread in the partials buffer, padded to 128 bytes so two threads never write one cache line. */
function partialLayout(S: number): PartialLayout {
  const tfm = TFM_ROWS.length * TFM_COLUMNS.length;
  const goods = S * GOODS_STATS;
  return { tfm, goods, stride: Math.ceil((tfm + goods + 3) / 16) * 16 };
}

/**
 * A worker the slow-worker guard (workers/slow-guard.ts) reports is replaced by a fresh thread. The guard judges only
 * households kernels of at least GUARD_MIN_MS (in small worlds a slow worker costs little, and a few microseconds a
 * region say little), and only with no more threads than cores (with more, threads take turns on a core and look
 * slow by turns).
 */
const GUARD_MIN_MS = 5;

/** Step worker threads started before the world exists; their events wait for `listen`. */
export interface SpawnedWorkers {
  readonly workers: readonly Worker[];
  listen(listener: WorkerListener): void;
  /** Starts a new thread as worker k (1-based) and terminates the old one, whose events are no longer heard. */
  replace(k: number): Promise<void>;
  terminate(): Promise<void>;
}

interface WorkerListener {
  message(k: number, m: WorkerReport): void;
  error(k: number, err: Error): void;
  exit(k: number, code: number): void;
}

/**
 * Starts `threads` − 1 step workers now, so they load their code while the main thread builds the world (about
 * 0.15 s each here); createStepPool then sends them the world. Events before that are kept and replayed.
 */
export function spawnStepWorkers(threads: number): SpawnedWorkers {
  const entry = stepWorkerEntry();
  const early: ((l: WorkerListener) => void)[] = [];
  let listener: WorkerListener | undefined;
  const deliver = (event: (l: WorkerListener) => void) => (listener ? event(listener) : early.push(event));
  const start = (k: number): Worker => {
    const worker = new Worker(entry.filename, { eval: entry.eval });
    worker.on('message', (m: WorkerReport) => deliver((l) => l.message(k, m)));
    worker.on('error', (err) => deliver((l) => l.error(k, err)));
    worker.on('exit', (code) => deliver((l) => l.exit(k, code)));
    return worker;
  };
  const workers: Worker[] = [];
  for (let k = 1; k < threads; k++) workers.push(start(k));
  return {
    workers,
    listen(l) {
      listener = l;
      for (const event of early.splice(0)) event(l);
    },
    async replace(k) {
      const old = workers[k - 1]!;
      old.removeAllListeners();
      workers[k - 1] = start(k);
      await old.terminate();
    },
    async terminate() {
      await Promise.all(workers.map((x) => x.terminate()));
    },
  };
}

/**
 * Starts a pool of `threads` compute threads for one run: the main thread (thread 0) and threads − 1 step workers
 * (started here, or earlier by spawnStepWorkers). The main thread computes its share of every kernel too, so a
 * 2-core machine runs 2 busy threads, not 3.
 */
export async function createStepPool(w: World, st: Stepper, threads: number, spawned: SpawnedWorkers = spawnStepWorkers(threads)): Promise<StepPool> {
  if (spawned.workers.length !== threads - 1) throw new Error(`${spawned.workers.length} step workers were started for a pool of ${threads} threads`);
  shareWorld(w, st);
  const control = new Int32Array(new SharedArrayBuffer(4 * CTL_SLOTS));
  const layout = partialLayout(w.S);
  const partials = new Float64Array(new SharedArrayBuffer(8 * layout.stride * threads));
  const first = partitionRegions(w.regions.households, threads);
  const partition: RegionPartition = { owner: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, w.R)), 0, w.R), load: first.load };
  partition.owner.set(first.owner);
  const order = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, w.R)), 0, w.R);
  regionOrder(w.regions.households, order);
  const regionNs = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, w.R)), 0, w.R);
  const regionThread = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, w.R)), 0, w.R);
  const nsPerHousehold = new Float64Array(w.R);
  const weights = new Float64Array(w.R);
  const stats = createPoolStats();
  const mainSlice = createMainSlice({ index: 0, threads, control, owner: partition.owner, order, regionNs, regionThread, partials, layout }, w, st);
  const helpers = threads - 1;
  const ports: MessagePort[] = [];
  const workers = spawned.workers;
  let current = { kernel: 'attach' as KernelName, tick: -1 };
  let failure: Error | undefined;
  let closing = false;
  let onFailure: () => void = () => {};
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const where = (k: number, kernel: KernelName, tick: number) => {
    const who = k === 0 ? `step thread 0 of ${threads} (the main thread)` : `step worker ${k} of ${threads}`;
    return tick < 0 ? `${who} failed while starting` : `${who} failed at tick ${tick}, phase '${PHASE_OF[kernel]}' (kernel '${kernel}')`;
  };
  const fail = (err: Error) => {
    if (failure || closing) return;
    failure = err;
    onFailure();
    Atomics.notify(control, CTL.pending);
  };
  let ready = 0;
  let onReady: () => void = () => {};
  let onReplacementReady: ((k: number) => void) | undefined;
  const guard = threads <= availableParallelism() ? createSlowGuard(threads, w.R) : undefined;
  const allReady = new Promise<void>((resolve) => (onReady = resolve));
  if (helpers === 0) onReady();

  spawned.listen({
    message(_k, m) {
      if (m.type === 'ready' && ready < helpers && ++ready === helpers) onReady();
      else if (m.type === 'ready') onReplacementReady?.(m.index);
      if (m.type === 'error') fail(new StepWorkerError(`${where(m.index, m.kernel, m.tick)}: ${m.message}${m.stack ? `\n  in the worker: ${m.stack}` : ''}`));
    },
    error: (k, err) => fail(new StepWorkerError(`${where(k, current.kernel, current.tick)}: ${err.stack ?? err.message}`)),
    exit: (k, code) => fail(new StepWorkerError(`${where(k, current.kernel, current.tick)}: the thread exited with code ${code}`)),
  });
  /** Sends worker k what it attaches to, with its own port for later parts. */
  const sendWorld = (k: number, parts: WorldParts, replacement: boolean) => {
    const channel = new MessageChannel();
    ports[k - 1] = channel.port1;
    const data: StepWorkerData = {
      index: k, threads, control: control.buffer as SharedArrayBuffer, partials: partials.buffer as SharedArrayBuffer,
      layout, regionOwner: partition.owner, regionOrder: order, regionNs, regionThread, parts, port: channel.port2, replacement,
    };
    workers[k - 1]!.postMessage(data, [channel.port2]);
  };
  const parts = worldParts(w, st);
  for (let k = 1; k < threads; k++) sendWorld(k, parts, false);

  const terminate = async () => {
    if (process.env.GLOCAL_POOL_STATS && !closing) process.stderr.write(`${JSON.stringify(describeStats(threads, stats))}\n`);
    closing = true;
    for (const p of ports) p.close();
    await Promise.all(workers.map((x) => x.terminate()));
  };
  const throwFailure = async (): Promise<never> => {
    const err = failure!;
    await terminate();
    throw err;
  };

  await Promise.race([allReady, failed]);
  if (failure) await throwFailure();
  let sent = attachedArrays(w, st);

  /** Starts `kernel` on the workers, runs the main thread's share, then waits for the workers. */
  async function run(kernel: KernelName, tick: number): Promise<void> {
    // Every worker finished the last kernel exactly once, so the count is back to zero (a kernel run twice shows here).
    if (Atomics.load(control, CTL.pending) !== 0) fail(new StepWorkerError(`step pool out of step before tick ${tick}, phase '${PHASE_OF[kernel]}': ${Atomics.load(control, CTL.pending)} workers pending`));
    if (failure) await throwFailure();
    current = { kernel, tick };
    const started = process.hrtime.bigint();
    Atomics.store(control, CTL.kernel, kernelCode(kernel));
    Atomics.store(control, CTL.tick, tick);
    Atomics.store(control, CTL.pending, helpers);
    Atomics.store(control, CTL.nextRegion, 0);
    Atomics.add(control, CTL.epoch, 1);
    Atomics.notify(control, CTL.epoch);
    try {
      if (kernel !== 'attach' && kernel !== 'stop') mainSlice.run(kernel, tick);
    } catch (err) {
      fail(new StepWorkerError(`${where(0, kernel, tick)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    }
    // The workers usually finish within a millisecond of the main thread (they claim regions as they go), so wait
    // here first, without yielding: waking through the event loop (waitAsync) cost ~0.2 ms a launch. Only a worker
    // still busy after that yields to the event loop, where a worker's death or error arrives.
    waitForWorkers(control, SYNC_WAIT_NS);
    for (let p = Atomics.load(control, CTL.pending); p !== 0 && !failure; p = Atomics.load(control, CTL.pending)) {
      const r = waitAsync(control, CTL.pending, p, 1000);
      if (r.async) await Promise.race([r.value, failed]);
    }
    // A worker whose kernel threw has flagged it before finishing; its report is a message already on its way.
    if (!failure && Atomics.load(control, CTL.failed) !== 0) await Promise.race([failed, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (Atomics.load(control, CTL.failed) !== 0 && !failure) fail(new StepWorkerError(`a step worker failed at tick ${tick}, phase '${PHASE_OF[kernel]}' without a report`));
    if (failure) await throwFailure();
    const wallNs = Number(process.hrtime.bigint() - started);
    recordLaunch(stats, kernel, Number(started), wallNs, partials, layout, threads);
    if (kernel === 'households' && process.env.GLOCAL_POOL_STATS === 'ticks') describeHouseholdsLaunch(tick, wallNs);
    if (kernel === 'households' && guard) {
      const slow = guard.check(regionNs, regionThread, w.regions.households, wallNs >= GUARD_MIN_MS * 1e6);
      if (slow > 0) await replaceWorker(slow, tick);
    }
  }

  /** GLOCAL_POOL_STATS=ticks: one line per households kernel, each thread's busy time and its time per household. */
  function describeHouseholdsLaunch(tick: number, wallNs: number): void {
    const parts: string[] = [];
    for (let k = 0; k < threads; k++) {
      let ns = 0;
      let households = 0;
      for (let r = 0; r < w.R; r++) {
        if (regionThread[r] !== k || !(regionNs[r]! > 0)) continue;
        ns += regionNs[r]!;
        households += w.regions.households[r]!;
      }
      const busyMs = partials[(k + 1) * layout.stride - 1]! / 1e6;
      parts.push(`thread ${k}: busy ${busyMs.toFixed(1)} ms, ${households} households, ${households > 0 ? Math.round(ns / households) : '-'} ns each`);
    }
    process.stderr.write(`tick ${tick} households: ${(wallNs / 1e6).toFixed(1)} ms; ${parts.join('; ')}\n`);
  }

  /** Terminates worker k and starts a fresh thread in its place, attached to the world as it is now. */
  async function replaceWorker(k: number, tick: number): Promise<void> {
    stats.replacedWorkers++;
    process.stderr.write(
      `glocal: step worker ${k} of ${threads} ran the households kernel at least ${SLOW_GUARD.ratio}x slower than the main thread, region for region, ` +
        `in ${SLOW_GUARD.streak} ticks in a row (to tick ${tick}); replacing it with a fresh thread (the output does not change)\n`,
    );
    ports[k - 1]!.close();
    const fresh = new Promise<void>((resolve) => (onReplacementReady = (index) => index === k && resolve()));
    await spawned.replace(k);
    sendWorld(k, worldParts(w, st), true);
    await Promise.race([fresh, failed]);
    onReplacementReady = undefined;
    if (failure) await throwFailure();
  }

  function mergePartials(world: World): void {
    const { tfm, goods } = world.acc;
    for (let k = 0; k < threads; k++) {
      const base = k * layout.stride;
      addInto(tfm, partials, base, layout.tfm, 'transaction-flow');
      addInto(goods, partials, base + layout.tfm, layout.goods, 'goods');
      addInto(world.rowCash, partials, base + layout.tfm + layout.goods, 1, 'rest-of-world cash');
    }
  }

  async function refresh(world: World, stepper: Stepper): Promise<void> {
    if (!arraysChanged(sent, attachedArrays(world, stepper))) return;
    shareWorld(world, stepper);
    const parts = worldParts(world, stepper);
    for (const p of ports) p.postMessage({ parts });
    mainSlice.attach(parts);
    await run('attach', world.tick);
    sent = attachedArrays(world, stepper);
  }

  function balance(world: World): void {
    balanceWeights(world.regions.households, regionNs, nsPerHousehold, weights);
    const next = partitionRegions(weights, threads);
    partition.owner.set(next.owner);
    partition.load = next.load;
    regionOrder(weights, order);
  }

  return { threads, partition, stats, balance, run, mergePartials, refresh, close: terminate };
}

/** How long the main thread waits for the workers at a barrier before yielding to the event loop. */
const SYNC_WAIT_NS = 20_000_000;
/** The first part of that time is spent polling: the main thread has nothing else to do, and a sleeping vCPU wakes late. */
const SPIN_NS = 2_000_000;

/** Waits (polling, then sleeping) until no worker is pending or `limitNs` has passed. */
function waitForWorkers(control: Int32Array, limitNs: number): void {
  const start = process.hrtime.bigint();
  for (let p = Atomics.load(control, CTL.pending); p !== 0; p = Atomics.load(control, CTL.pending)) {
    const waited = Number(process.hrtime.bigint() - start);
    if (waited >= limitNs) return;
    if (waited >= SPIN_NS) Atomics.wait(control, CTL.pending, p, (limitNs - waited) / 1e6);
  }
}

/**
 * Adds `n` partial sums at `offset` into `into` and zeroes them. The flows are whole cents and whole units, so the
 * sums are exact and the split cannot change a bit; a fraction would make that untrue, so it stops the run.
 */
function addInto(into: Float64Array, partials: Float64Array, offset: number, n: number, what: string): void {
  for (let j = 0; j < n; j++) {
    const v = partials[offset + j]!;
    if (v === 0) continue;
    if (!Number.isSafeInteger(v)) throw new StepWorkerError(`parallel ${what} partial sum ${v} is not a whole number: a split sum could differ from the one-thread sum`);
    into[j] += v;
    partials[offset + j] = 0;
  }
}
