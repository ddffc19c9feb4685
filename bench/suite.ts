// The benchmark suites (smoke, standard, large): what each measures, how often, and the result it writes.
// One entry point for `glocal bench`; the kernels, whole runs, bandwidth and sweeps live in their own modules.
import os from 'node:os';
import { loadScenario, listBuiltinScenarios } from '../engine/index.js';
import { machineInfo, finishMachineInfo, type MachineInfo } from './machine.js';
import { measureBandwidth, type BandwidthResult } from './bandwidth.js';
import { runKernelBenchmarks, type KernelResult } from './kernels.js';
import { runWholeRun, type WholeRunResult } from './whole-run.js';
import { runSweepBench, type SweepBenchResult } from './sweeps.js';
import { figuresOf, targetsOf, type Figure, type TargetCheck } from './figures.js';
import type { Clock, TimingOptions } from './timing.js';

export const SUITES = ['smoke', 'standard', 'large'] as const;
export type SuiteName = (typeof SUITES)[number];
export const RESULT_SCHEMA = 'glocal-bench/1';

interface SuitePlan {
  description: string;
  kernelScenario: string;
  kernelWarmupTicks: number;
  timing: Omit<TimingOptions, 'clock'>;
  /** Whole runs: scenario, worker counts ('all' = the machine's cores), measured runs after warm-up runs. */
  wholeRuns: { scenario: string; workers: (number | 'all')[]; runs: number; warmupRuns: number }[];
  sweep?: { runs: number; ticks: number };
}

const PLANS: Record<SuiteName, SuitePlan> = {
  smoke: {
    description: 'proves every benchmark works, in well under 30 s (CI): tiny scenario only, short budgets',
    kernelScenario: 'tiny',
    kernelWarmupTicks: 5,
    timing: { timeMs: 100, warmupMs: 50, minIterations: 5 },
    wholeRuns: [{ scenario: 'tiny', workers: [1], runs: 2, warmupRuns: 0 }],
    sweep: { runs: 10, ticks: 5 },
  },
  standard: {
    description: 'the release benchmark: kernels on the default world, whole runs of tiny and default, the 200-run sweep',
    kernelScenario: 'default',
    kernelWarmupTicks: 10,
    timing: { timeMs: 1500, warmupMs: 300, minIterations: 7 },
    wholeRuns: [
      { scenario: 'tiny', workers: [1], runs: 5, warmupRuns: 1 },
      { scenario: 'default', workers: [1, 2, 'all'], runs: 3, warmupRuns: 1 },
    ],
    sweep: { runs: 200, ticks: 30 },
  },
  large: {
    description: 'the million-household world: kernels and whole runs of the large scenario',
    kernelScenario: 'large',
    kernelWarmupTicks: 3,
    timing: { timeMs: 3000, warmupMs: 500, minIterations: 3, warmupIterations: 4 },
    wholeRuns: [{ scenario: 'large', workers: [1, 2, 'all'], runs: 1, warmupRuns: 0 }],
  },
};

export interface BenchResult {
  schema: typeof RESULT_SCHEMA;
  suite: SuiteName;
  description: string;
  machine: MachineInfo;
  clock: Clock;
  durationSeconds: number;
  /** Which worker counts ran, and whether extra workers really ran (more threads during ticks). */
  workers: { measured: number[]; parallelEffective: boolean | null; note: string };
  bandwidth: (BandwidthResult & { scenario: string })[];
  kernels: KernelResult[];
  wholeRuns: WholeRunResult[];
  sweeps: SweepBenchResult | null;
  skipped: string[];
  targets: TargetCheck[];
  /** Flat list of comparable figures: what `glocal bench compare` reads. */
  figures: Figure[];
}

export interface SuiteOptions {
  clock?: Clock;
  log?: (line: string) => void;
}

function workerCounts(list: (number | 'all')[]): number[] {
  const all = os.availableParallelism?.() ?? os.cpus().length;
  return [...new Set(list.map((w) => (w === 'all' ? all : w)))].sort((a, b) => a - b);
}

export async function runSuite(name: SuiteName, opts: SuiteOptions = {}): Promise<BenchResult> {
  const plan = PLANS[name];
  const log = opts.log ?? (() => {});
  const clock = opts.clock ?? 'cpu';
  const started = Date.now();
  const machine = machineInfo();
  const builtins = new Set(listBuiltinScenarios().map((s) => s.name));
  const skipped: string[] = [];
  const timing: TimingOptions = { clock, ...plan.timing };

  const bandwidth: BenchResult['bandwidth'] = [];
  let kernels: KernelResult[] = [];
  if (builtins.has(plan.kernelScenario)) {
    log(`kernels on '${plan.kernelScenario}' (${plan.kernelWarmupTicks} warm-up ticks)`);
    const { scenario } = loadScenario(plan.kernelScenario);
    const k = runKernelBenchmarks(scenario, { warmupTicks: plan.kernelWarmupTicks, timing });
    kernels = k.results;
    for (const r of kernels) log(`  ${r.name}: ${r.kernelMs.median.toFixed(3)} ms, ${r.ratio.toFixed(2)}x the reference loop`);
    log(`bandwidth reference at ${(k.columnBytes / 1e6).toFixed(1)} MB (the '${plan.kernelScenario}' columns)`);
    bandwidth.push({ scenario: plan.kernelScenario, ...measureBandwidth(k.columnBytes, timing) });
  } else {
    skipped.push(`kernels: scenario '${plan.kernelScenario}' is not a built-in`);
  }

  const wholeRuns: WholeRunResult[] = [];
  let parallelEffective: boolean | null = null;
  const measured = new Set<number>();
  for (const spec of plan.wholeRuns) {
    if (!builtins.has(spec.scenario)) {
      skipped.push(`whole runs: scenario '${spec.scenario}' is not a built-in`);
      continue;
    }
    for (const workers of workerCounts(spec.workers)) {
      log(`whole run '${spec.scenario}' with ${workers} worker(s): ${spec.warmupRuns} warm-up + ${spec.runs} measured, each in a child process`);
      const r = runWholeRun({ ...spec, workers }, (k, c) => log(`  ${k < 0 ? 'warm-up' : `run ${k + 1}`}: ${c.wallSeconds.toFixed(2)} s wall, ${(c.peakRssBytes / 1e6).toFixed(0)} MB peak`));
      wholeRuns.push(r);
      measured.add(workers);
    }
    const one = wholeRuns.find((r) => r.scenario === spec.scenario && r.workers === 1);
    for (const r of wholeRuns.filter((x) => x.scenario === spec.scenario)) {
      if (one) r.speedup = one.wallSeconds.median / r.wallSeconds.median;
      if (one) r.tickSpeedup = one.medianTickMs.median / r.medianTickMs.median;
      if (one && r.workers > 1 && one.threadsMax !== null && r.threadsMax !== null) parallelEffective = r.threadsMax > one.threadsMax;
      const bw = bandwidth.find((b) => b.scenario === spec.scenario) ?? measureAndKeep(bandwidth, spec.scenario, r.columnBytes, timing, log);
      r.fractionOfBandwidthLimit = r.ticksPerSecond.median / bw.passesPerSecond;
    }
  }

  let sweeps: SweepBenchResult | null = null;
  if (plan.sweep) {
    const jobs = workerCounts([1, 'all']);
    log(`sweep: ${plan.sweep.runs} runs of tiny (${plan.sweep.ticks} ticks), --jobs ${jobs.join(', ')} (bench/sweep.bench.ts)`);
    sweeps = runSweepBench(plan.sweep.runs, plan.sweep.ticks, jobs);
  }

  const workersNote =
    measured.size <= 1
      ? 'only 1 worker measured in this suite'
      : parallelEffective === false
        ? 'runScenario did not start extra threads for workers > 1: speedups are not parallel speedups'
        : 'workers > 1 ran on worker threads (more OS threads during ticks than with 1 worker)';
  const partial = {
    schema: RESULT_SCHEMA,
    suite: name,
    description: plan.description,
    machine: finishMachineInfo(machine),
    clock,
    durationSeconds: (Date.now() - started) / 1000,
    workers: { measured: [...measured].sort((a, b) => a - b), parallelEffective, note: workersNote },
    bandwidth,
    kernels,
    wholeRuns,
    sweeps,
    skipped,
  } as const;
  return { ...partial, targets: targetsOf(partial), figures: figuresOf(partial) };
}

function measureAndKeep(list: BenchResult['bandwidth'], scenario: string, bytes: number, timing: TimingOptions, log: (s: string) => void): BandwidthResult {
  log(`bandwidth reference at ${(bytes / 1e6).toFixed(1)} MB (the '${scenario}' columns)`);
  const bw = { scenario, ...measureBandwidth(bytes, timing) };
  list.push(bw);
  return bw;
}
