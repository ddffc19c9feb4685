// One whole run in its own process, so its peak RSS is its own: `node bench/run-child.js '<json>'` prints one JSON line.
// Spawned by whole-run.ts; measures wall and CPU time, peak and baseline RSS, and the threads alive during ticks.
import { readdirSync, rmSync } from 'node:fs';
import { loadScenario, runScenario } from '../engine/index.js';

export interface ChildRequest {
  scenario: string;
  workers: number;
  outDir: string;
  ticks?: number;
  seed?: number;
  sets?: string[];
}

export interface ChildResult {
  scenario: string;
  workers: number;
  ticks: number;
  households: number;
  firms: number;
  carriers: number;
  /** runScenario from call to return: world creation, ticks, recording and the atomic commit. */
  wallSeconds: number;
  /** User + system CPU of the whole process over the same span (all threads). */
  cpuSeconds: number;
  /** Highest resident set of the process (getrusage maxrss). */
  peakRssBytes: number;
  /** Resident set after loading the engine, before the world exists: Node's own share. */
  baselineRssBytes: number;
  /** Bytes of agent columns, from the manifest. */
  columnBytes: number;
  /** Most OS threads seen in the process during ticks (Linux only; null elsewhere). */
  threadsMax: number | null;
  /** From the manifest: set-up before the first tick, and the median tick (the steady pace). */
  setupSeconds: number;
  medianTickMs: number;
  firstTicksMs: number[];
}

function threadCount(): number | null {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return null;
  }
}

export async function runChild(req: ChildRequest): Promise<ChildResult> {
  const baselineRssBytes = process.memoryUsage().rss;
  const { scenario, file } = loadScenario(req.scenario, { sets: req.sets ?? [] });
  let threadsMax = threadCount();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const { manifest } = await runScenario(scenario, {
    outDir: req.outDir,
    workers: req.workers,
    ticks: req.ticks,
    seed: req.seed,
    scenarioFile: file,
    onTick: () => {
      const n = threadCount();
      if (n !== null) threadsMax = Math.max(threadsMax ?? 0, n);
    },
  });
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  rmSync(req.outDir, { recursive: true, force: true });
  return {
    scenario: scenario.name,
    workers: req.workers,
    ticks: manifest.ticks,
    households: manifest.agents.households,
    firms: manifest.agents.firms,
    carriers: manifest.agents.carriers,
    wallSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baselineRssBytes,
    columnBytes: manifest.memory.columnBytes,
    threadsMax,
    setupSeconds: manifest.timing.setupSeconds,
    medianTickMs: manifest.timing.medianTickMs,
    firstTicksMs: manifest.timing.firstTicksMs,
  };
}

if (process.argv[2]?.startsWith('{')) {
  runChild(JSON.parse(process.argv[2]) as ChildRequest).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
