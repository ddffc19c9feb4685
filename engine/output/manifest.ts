// The run manifest: what was run (resolved scenario, seed, version, commit), how big, how long, and that the
// books were checked. The only output file that is not byte-identical between identical runs (it holds timings).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import type { Scenario } from '../model/schema.js';
import type { World } from '../state/world.js';
import { GLOCAL_VERSION } from '../version.js';
import { packageRoot } from '../model/paths.js';
import { columnBytes } from '../state/columns.js';

export interface Manifest {
  runId: string;
  glocalVersion: string;
  gitCommit: string | null;
  scenarioName: string;
  seed: number;
  ticks: number;
  workers: number;
  agents: { households: number; firms: number; firmRows: number; carriers: number; regions: number; sectors: number };
  memory: { peakRssBytes: number; columnBytes: number; bytesPerHousehold: number };
  timing: {
    wallSeconds: number;
    ticksPerSecond: number;
    householdTicksPerSecond: number;
    /** From the call to the first tick: world creation (or checkpoint restore), and starting the step workers. */
    setupSeconds: number;
    /** The first ticks' wall times (ms): code still cold in every thread, markets and stocks not yet settled. */
    firstTicksMs: number[];
    /** Median wall time of a tick over the run (ms): the steady pace, without set-up, cold start or output. */
    medianTickMs: number;
  };
  books: { checked: boolean; passed: boolean; checks: number; moneyCents: number };
  tables: string[];
  scenario: Scenario;
}

/** Canonical JSON (sorted keys), so equal scenarios hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A run id: hash of (glocal version, resolved scenario, seed). */
export function runIdOf(scenario: Scenario, seed: number): string {
  return createHash('sha256').update(`${GLOCAL_VERSION}\n${canonicalJson(scenario)}\n${seed}`).digest('hex').slice(0, 16);
}

let commit: string | null | undefined;
export function gitCommit(): string | null {
  if (commit !== undefined) return commit;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    commit = null;
  }
  return commit;
}

/** How many of the first ticks the manifest lists one by one. */
const FIRST_TICKS = 3;

function median(xs: Float64Array): number {
  if (xs.length === 0) return 0;
  const sorted = Float64Array.from(xs).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function buildManifest(
  w: World,
  run: { runId: string; seed: number; ticks: number; wallSeconds: number; peakRssBytes: number; booksChecks: number; workers: number; setupSeconds: number; tickMs: Float64Array },
): Manifest {
  const bytes = columnBytes(w.firms) + columnBytes(w.households) + columnBytes(w.carriers) + columnBytes(w.shipments) + columnBytes(w.markets);
  const tables = ['regions', 'sectors', 'flows', 'transactions', ...(w.scenario.output.firmsEvery > 0 ? ['firms'] : [])];
  return {
    runId: run.runId,
    glocalVersion: GLOCAL_VERSION,
    gitCommit: gitCommit(),
    scenarioName: w.scenario.name,
    seed: run.seed,
    ticks: run.ticks,
    workers: run.workers,
    agents: {
      households: w.households.rows,
      firms: w.scenario.firms.count,
      firmRows: w.firms.rows,
      carriers: w.carriers.rows,
      regions: w.R,
      sectors: w.S,
    },
    memory: { peakRssBytes: run.peakRssBytes, columnBytes: bytes, bytesPerHousehold: run.peakRssBytes / w.households.rows },
    timing: {
      wallSeconds: run.wallSeconds,
      ticksPerSecond: run.ticks / run.wallSeconds,
      householdTicksPerSecond: (run.ticks * w.households.rows) / run.wallSeconds,
      setupSeconds: run.setupSeconds,
      firstTicksMs: Array.from(run.tickMs.subarray(0, FIRST_TICKS)),
      medianTickMs: median(run.tickMs),
    },
    books: { checked: true, passed: true, checks: run.booksChecks, moneyCents: w.moneyAtStart },
    tables,
    scenario: w.scenario,
  };
}
