// Whole-run benchmarks: each run of a shipped scenario in a fresh child process (clean peak RSS), repeated after a
// warm-up run, for 1, 2 and all workers; wall time, ticks/s, household-ticks/s, memory per agent and speedup.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRequest, ChildResult } from './run-child.js';
import { summarize, type Summary } from './stats.js';

export interface WholeRunSpec {
  scenario: string;
  workers: number;
  /** Measured runs (after `warmupRuns` discarded ones). */
  runs: number;
  warmupRuns: number;
  ticks?: number;
  sets?: string[];
}

/** The medians and spreads of a configuration's child runs (bench/run-child.ts), with what each run shares. */
export interface WholeRunResult extends Pick<ChildResult, 'scenario' | 'workers' | 'ticks' | 'households' | 'firms' | 'carriers'> {
  runs: number;
  wallSeconds: Summary;
  cpuSeconds: Summary;
  ticksPerSecond: Summary;
  householdTicksPerSecond: Summary;
  /** Household-ticks per CPU-second: less sensitive to other jobs on a shared machine than the wall figure. */
  householdTicksPerCpuSecond: Summary;
  peakRssBytes: Summary;
  baselineRssBytes: number;
  columnBytes: number;
  /** Peak RSS / households: the whole process, Node included (the manifest's definition). */
  bytesPerHousehold: number;
  /** (Peak RSS - RSS before the world existed) / households: the world's share, firms and carriers included. */
  bytesPerHouseholdAboveBaseline: number;
  /** Peak RSS / (households + firms + carriers). */
  bytesPerAgent: number;
  /** Most OS threads in the process during ticks: more than with 1 worker means the workers really ran. */
  threadsMax: number | null;
  /** Set-up before the first tick (world creation, starting the step workers), s. */
  setupSeconds: Summary;
  /** The run's median tick, ms: the steady pace, without set-up, the cold first ticks, or writing the output. */
  medianTickMs: Summary;
  /** The first tick's wall time, ms (code still cold in every thread). */
  firstTickMs: Summary;
  /** Filled in by the suite: median wall(1 worker) / median wall(this). */
  speedup?: number;
  /** Filled in by the suite: median tick(1 worker) / median tick(this): the speedup of the steady ticks alone. */
  tickSpeedup?: number;
  /** Filled in by the suite: household-ticks/s over what streaming the columns once per tick would allow. */
  fractionOfBandwidthLimit?: number;
}

/** The child entry beside this module: .ts through tsx when running from sources, .js from dist/. */
function childCommand(): { file: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(`./run-child.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  return { file, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export function runChildProcess(req: ChildRequest, timeoutMs = 30 * 60_000): ChildResult {
  const { file, execArgv } = childCommand();
  const out = execFileSync(process.execPath, [...execArgv, file, JSON.stringify(req)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    maxBuffer: 1 << 20,
  });
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildResult;
}

export function runWholeRun(spec: WholeRunSpec, onRun?: (k: number, r: ChildResult) => void): WholeRunResult {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'glocal-bench-'));
  const results: ChildResult[] = [];
  try {
    for (let k = 0; k < spec.warmupRuns + spec.runs; k++) {
      const r = runChildProcess({ scenario: spec.scenario, workers: spec.workers, ticks: spec.ticks, sets: spec.sets, outDir: path.join(tmp, `run-${k}`) });
      onRun?.(k - spec.warmupRuns, r);
      if (k >= spec.warmupRuns) results.push(r);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return summarizeRuns(results);
}

export function summarizeRuns(results: ChildResult[]): WholeRunResult {
  const first = results[0]!;
  const of = (f: (r: ChildResult) => number) => summarize(results.map(f));
  const peak = of((r) => r.peakRssBytes);
  const baseline = summarize(results.map((r) => r.baselineRssBytes)).median;
  const threads = results.map((r) => r.threadsMax).filter((n): n is number => n !== null);
  return {
    scenario: first.scenario,
    workers: first.workers,
    ticks: first.ticks,
    households: first.households,
    firms: first.firms,
    carriers: first.carriers,
    runs: results.length,
    wallSeconds: of((r) => r.wallSeconds),
    cpuSeconds: of((r) => r.cpuSeconds),
    ticksPerSecond: of((r) => r.ticks / r.wallSeconds),
    householdTicksPerSecond: of((r) => (r.ticks * r.households) / r.wallSeconds),
    householdTicksPerCpuSecond: of((r) => (r.ticks * r.households) / r.cpuSeconds),
    peakRssBytes: peak,
    baselineRssBytes: baseline,
    columnBytes: first.columnBytes,
    bytesPerHousehold: peak.median / first.households,
    bytesPerHouseholdAboveBaseline: (peak.median - baseline) / first.households,
    bytesPerAgent: peak.median / (first.households + first.firms + first.carriers),
    threadsMax: threads.length > 0 ? Math.max(...threads) : null,
    setupSeconds: of((r) => r.setupSeconds),
    medianTickMs: of((r) => r.medianTickMs),
    firstTickMs: of((r) => r.firstTicksMs[0] ?? 0),
  };
}
