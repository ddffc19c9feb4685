// Times synchronous tasks with tinybench (warm-up first, untimed per-iteration setup) and summarises the latencies.
// One place that turns tinybench's result into our Summary, so kernels and bandwidth report alike.
import { Bench } from 'tinybench';
import type { Summary } from './stats.js';

/**
 * 'cpu': the process's CPU time (process.cpuUsage), which a shared machine's other jobs do not inflate;
 * 'wall': elapsed time (performance.now). CPU time includes V8's helper threads (concurrent GC).
 */
export type Clock = 'cpu' | 'wall';

export function clockMs(clock: Clock): () => number {
  if (clock === 'wall') return () => performance.now();
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
}

export interface TimingOptions {
  clock: Clock;
  /** Time budget per task in ms (task time only: setup hooks are not counted). */
  timeMs: number;
  warmupMs: number;
  /** At least this many timed iterations, whatever the budget. */
  minIterations: number;
  /** Untimed calls first (default 10: enough for TurboFan to optimise a loop it has not seen, like the references). */
  warmupIterations?: number;
}

export interface TimedTask {
  name: string;
  fn: () => void;
  /** Runs before every iteration, outside the timed window (e.g. restoring the world). */
  beforeEach?: () => void;
}

/** Runs the tasks one after another; returns each task's latency summary in milliseconds. */
export function timeTasks(tasks: readonly TimedTask[], opts: TimingOptions): Map<string, Summary> {
  const now = clockMs(opts.clock);
  const bench = new Bench({
    now,
    time: opts.timeMs,
    warmupTime: opts.warmupMs,
    iterations: opts.minIterations,
    warmupIterations: opts.warmupIterations ?? Math.max(10, opts.minIterations),
    throws: true,
  });
  for (const t of tasks) {
    if (!t.beforeEach) {
      bench.add(t.name, t.fn);
      continue;
    }
    // tinybench's budget counts task time only; with a costly setup that would run for minutes on fast kernels.
    // Declaring setup + task as the iteration's cost makes the budget wall time, and leaves the samples alone.
    const setup = t.beforeEach;
    const run = t.fn;
    let setupMs = 0;
    const beforeEach = () => {
      const t0 = now();
      setup();
      setupMs = now() - t0;
    };
    const fn = () => {
      const t0 = now();
      run();
      return { overriddenIterationCost: setupMs + (now() - t0) };
    };
    bench.add(t.name, fn, { beforeEach });
  }
  bench.runSync();
  const out = new Map<string, Summary>();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`benchmark task '${task.name}' did not complete (${r.state})`);
    const l = r.latency;
    out.set(task.name, { median: l.p50, min: l.min, max: l.max, mad: l.mad, relSpread: l.p50 > 0 ? l.mad / l.p50 : 0, n: l.samplesCount });
  }
  return out;
}
