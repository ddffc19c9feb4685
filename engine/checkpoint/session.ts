// What runScenario calls for checkpoints: start from a checkpoint or fresh, record and snapshot every K ticks, and at the
// end write the tables from every interval's rows (including those before a resume): an uninterrupted run's bytes.
import fs from 'node:fs';
import path from 'node:path';
import type { Scenario } from '../model/schema.js';
import type { World } from '../state/world.js';
import { UserError } from '../model/errors.js';
import { createWorld } from '../state/create.js';
import { createStepper, type Stepper } from '../sim/step.js';
import { isTempName, removeDirQuiet, isProcessAlive } from '../output/atomic.js';
import type { Recorder } from '../output/recorder.js';
import { restoreCheckpoint } from './restore.js';
import { writeCheckpoint } from './snapshot.js';
import { openSegment, assembleTables, type Segment } from './rows.js';
import { MANIFEST_FILE, ROWS_DIR, tickOfName, type RowSegment } from './format.js';

export interface CheckpointOptions {
  /** Write checkpoints/tick-<t>/ after every `every` ticks (and after the last tick when it is a multiple). */
  every?: number;
  /** Where checkpoints go (default: `<outDir>.checkpoints`, beside the run folder, which appears only when complete). */
  dir?: string;
  /** Continue from this checkpoint (a tick-<t> folder, or a checkpoints folder: its newest complete one). */
  resumeFrom?: string;
  /** The scenario may differ from the checkpoint's in policy and shocks, which then act from the checkpoint tick. */
  fork?: boolean;
}

export interface CheckpointRunInfo {
  seed: number;
  ticks: number;
  runId: string;
  outDir: string;
  scenarioFile?: string;
  /** The schema metadata of the run's tables. */
  metadata: Record<string, string>;
}

export interface CheckpointSession {
  world: World;
  stepper: Stepper;
  /**
   * The run's recorder. It records each interval between checkpoints into its own segment and, on close, writes
   * the run's tables into `runDir` from every segment since tick 0 (those before a resume come from the checkpoint).
   */
  openRecorder(runDir: string): Recorder;
  /** After endTick: writes a checkpoint when the tick count is a multiple of `every`. */
  afterTick(w: World, st: Stepper): Promise<void>;
}

export function defaultCheckpointDir(outDir: string): string {
  return `${path.resolve(outDir)}.checkpoints`;
}

/** Removes temp folders in `parent` starting with `prefix` whose process is gone (a killed run's half-written ones). */
function removeStaleTemps(parent: string, prefix: string): void {
  if (!fs.existsSync(parent)) return;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(prefix) || !isTempName(name)) continue;
    const pid = Number(/\.(?:tmp|old)-(\d+)-\d+$/.exec(name)?.[1]);
    if (pid !== process.pid && !isProcessAlive(pid)) removeDirQuiet(path.join(parent, name));
  }
}

/** A checkpoints folder holds one run: a fresh start into a folder of another run's checkpoints is refused. */
function claimDir(dir: string, runId: string): void {
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir, '');
  for (const name of fs.readdirSync(dir)) {
    if (isTempName(name) || tickOfName(name) === undefined) continue;
    let other: string | undefined;
    try {
      other = (JSON.parse(fs.readFileSync(path.join(dir, name, MANIFEST_FILE), 'utf8')) as { runId?: string }).runId;
    } catch {
      continue; // not a complete checkpoint
    }
    if (other !== runId) {
      throw new UserError(`${dir} holds checkpoints of another run (run id ${other}, this is ${runId}); resume it with --resume ${dir}, or choose another checkpoint folder`);
    }
  }
}

export function openCheckpoints(scenario: Scenario, run: CheckpointRunInfo, opts: CheckpointOptions): CheckpointSession {
  const every = opts.every ?? 0;
  if (!Number.isInteger(every) || every < 0) throw new UserError(`checkpoint every: a whole number of ticks >= 1, got ${opts.every}`);
  const restored = opts.resumeFrom
    ? restoreCheckpoint(opts.resumeFrom, { scenario, seed: run.seed, fork: opts.fork, scenarioFile: run.scenarioFile })
    : undefined;
  if (restored && restored.world.tick > run.ticks) {
    throw new UserError(`${restored.dir}: checkpoint at tick ${restored.world.tick}, beyond the ${run.ticks} ticks asked for`);
  }
  // a killed run leaves its temp run folder beside the final one (same host: its pid is gone)
  if (restored) removeStaleTemps(path.dirname(path.resolve(run.outDir)), `${path.basename(run.outDir)}.`);
  const world = restored?.world ?? createWorld(scenario, run.seed, run.scenarioFile);
  const stepper = restored?.stepper ?? createStepper(world);
  const chain: RowSegment[] = [...(restored?.segments ?? [])];
  const dir = every > 0 ? path.resolve(opts.dir ?? defaultCheckpointDir(run.outDir)) : '';
  if (every > 0) claimDir(dir, run.runId);
  let segment: Segment | undefined;
  let stagingParent = dir;
  const unemployment = new Float64Array(world.R);
  const open = (w: World) => (segment = openSegment(w, stagingParent, w.tick, run.metadata));
  return {
    world,
    stepper,
    openRecorder(runDir) {
      if (every === 0) stagingParent = runDir;
      open(world); // now, before the first tick: a recorder may note the state at the start (the LM3 trace notes live firms)
      return {
        unemployment,
        record(w) {
          segment!.recorder.record(w);
          unemployment.set(segment!.recorder.unemployment);
        },
        async close() {
          const last = path.join(runDir, `rows-${chain.length}`);
          await segment!.closeInto(last);
          segment = undefined;
          await assembleTables(runDir, [...chain.map((s) => s.dir), last], world, run.metadata);
          removeDirQuiet(last);
        },
        abort() {
          segment?.abort();
          segment = undefined;
        },
      };
    },
    async afterTick(w, st) {
      if (every === 0 || w.tick % every !== 0 || !segment) return;
      const info = { scenario: w.scenario, seed: run.seed, runId: run.runId, ticks: run.ticks, outDir: run.outDir, checkpointEvery: every, scenarioFile: run.scenarioFile };
      const from = chain.length > 0 ? chain[chain.length - 1]!.to : 0;
      const written = await writeCheckpoint(dir, w, st, info, segment, chain);
      chain.push({ from, to: w.tick, dir: path.join(written, ROWS_DIR) });
      open(w);
    },
  };
}
