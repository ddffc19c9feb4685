// runScenario: scenario + seed -> a run folder of Arrow tables and a manifest, written atomically.
// A failed run (broken books, a crash) removes its temporary folder: no half-written output is left.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Scenario } from '../model/schema.js';
import { createWorld } from '../state/create.js';
import { createStepper, step, endTick } from './step.js';
import { createRecorder } from '../output/recorder.js';
import { createTempDir, commitDir, removeDirQuiet, writeFileAtomic } from '../output/atomic.js';
import { buildManifest, runIdOf, type Manifest } from '../output/manifest.js';
import { GLOCAL_VERSION } from '../version.js';
import { createStepPool, spawnStepWorkers, type SpawnedWorkers, type StepPool } from '../../workers/pool.js';
import { parallelStep } from '../../workers/parallel-step.js';
import { openCheckpoints, type CheckpointOptions } from '../checkpoint/session.js';

export interface RunOptions {
  seed?: number;
  ticks?: number;
  outDir: string;
  /** Worker threads for one run; 1 runs on the main thread. Output is byte-identical for any count (workers/). */
  workers?: number;
  scenarioFile?: string;
  onTick?: (tick: number, ticks: number) => void;
  /** Snapshots every K ticks, and/or continue from a checkpoint or fork one (engine/checkpoint/). */
  checkpoint?: CheckpointOptions;
  /** Overrides the run id (a forked sweep run's id also names the warm-up it starts from). */
  runId?: string;
}

export interface RunResult {
  outDir: string;
  manifest: Manifest;
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const seed = opts.seed ?? scenario.seed;
  const ticks = opts.ticks ?? scenario.ticks;
  const outDir = resolve(opts.outDir);
  mkdirSync(dirname(outDir), { recursive: true });
  const started = process.hrtime.bigint();
  const runId = opts.runId ?? runIdOf(scenario, seed);
  const metadata = { run_id: runId, seed: String(seed), scenario: scenario.name, glocal_version: GLOCAL_VERSION };
  // Step workers load their code while this thread builds the world.
  const spawned: SpawnedWorkers | undefined = (opts.workers ?? 1) > 1 ? spawnStepWorkers(opts.workers!) : undefined;
  try {
    return await runWorld(scenario, opts, { seed, ticks, outDir, started, runId, metadata, spawned });
  } finally {
    await spawned?.terminate();
  }
}

interface RunSetup {
  seed: number;
  ticks: number;
  outDir: string;
  started: bigint;
  runId: string;
  metadata: Record<string, string>;
  spawned: SpawnedWorkers | undefined;
}

async function runWorld(scenario: Scenario, opts: RunOptions, { seed, ticks, outDir, started, runId, metadata, spawned }: RunSetup): Promise<RunResult> {
  const ck = opts.checkpoint ? openCheckpoints(scenario, { seed, ticks, runId, outDir, scenarioFile: opts.scenarioFile, metadata }, opts.checkpoint) : undefined;
  const tmp = createTempDir(outDir);
  const world = ck ? ck.world : createWorld(scenario, seed, opts.scenarioFile);
  const stepper = ck ? ck.stepper : createStepper(world);
  const recorder = ck ? ck.openRecorder(tmp) : createRecorder(world, tmp, metadata);
  let peakRss = process.memoryUsage().rss;
  let pool: StepPool | undefined;
  try {
    if (spawned) pool = await createStepPool(world, stepper, opts.workers!, spawned);
    const setupSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Each tick's wall time (stepping, recording, checkpointing), for the manifest's timing.
    const tickMs = new Float64Array(Math.max(0, ticks - world.tick));
    for (let t = world.tick, k = 0; t < ticks; t++, k++) {
      const tickStarted = process.hrtime.bigint();
      if (pool) await parallelStep(world, stepper, pool);
      else step(world, stepper);
      recorder.record(world);
      endTick(world, recorder.unemployment);
      if ((t & 7) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      opts.onTick?.(t + 1, ticks);
      await ck?.afterTick(world, stepper);
      tickMs[k] = Number(process.hrtime.bigint() - tickStarted) / 1e6;
    }
    await recorder.close();
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const manifest = buildManifest(world, { runId, seed, ticks, wallSeconds, peakRssBytes: peakRss, booksChecks: stepper.books.checks, workers: opts.workers ?? 1, setupSeconds, tickMs });
    writeFileAtomic(`${tmp}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
    commitDir(tmp, outDir);
    return { outDir, manifest };
  } catch (err) {
    recorder.abort();
    removeDirQuiet(tmp);
    throw err;
  } finally {
    await pool?.close();
  }
}
