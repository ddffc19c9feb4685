// Rebuilds a World and Stepper from a checkpoint: a fresh world for the scenario, then every saved array and number.
// Refuses, with a UserError naming what differs, a checkpoint of another glocal version, engine layout or shape.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { Scenario } from '../model/schema.js';
import type { World } from '../state/world.js';
import { UserError } from '../model/errors.js';
import { GLOCAL_VERSION } from '../version.js';
import { createWorld } from '../state/create.js';
import { createStepper, type Stepper } from '../sim/step.js';
import { isTempName } from '../output/atomic.js';
import { allocTyped, applyState, collectState, type RunState, type Typed } from './state.js';
import {
  CHECKPOINT_FORMAT, MANIFEST_FILE, STATE_FILE, FORKABLE_FIELDS, decodeScalar, jsonDifferences, layoutLines, segmentPath, structureOf,
  tickOfName, type CheckpointManifest, type RowSegment,
} from './format.js';

export interface RestoredRun {
  dir: string;
  manifest: CheckpointManifest;
  world: World;
  stepper: Stepper;
  /** Output rows before the checkpoint tick: absolute folders, oldest first. */
  segments: RowSegment[];
}

export interface RestoreOptions {
  /** The scenario to continue with (default: the checkpoint's own). */
  scenario?: Scenario;
  seed?: number;
  /** A fork: the scenario may differ from the checkpoint's in policy and shocks (they act from the checkpoint tick). */
  fork?: boolean;
  scenarioFile?: string;
}

/** A checkpoint folder itself, or the newest complete tick-<t> folder inside a checkpoints folder. */
export function findCheckpoint(dirArg: string): string {
  const dir = path.resolve(dirArg);
  if (fs.existsSync(path.join(dir, MANIFEST_FILE))) return dir;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError(`${dirArg}: no such checkpoint folder`);
  const ticks = fs
    .readdirSync(dir)
    .filter((name) => !isTempName(name) && tickOfName(name) !== undefined && fs.existsSync(path.join(dir, name, MANIFEST_FILE)))
    .sort((a, b) => tickOfName(b)! - tickOfName(a)!);
  if (ticks.length === 0) throw new UserError(`${dirArg}: no complete checkpoint here (expected tick-<t>/${MANIFEST_FILE}; folders being written end in .tmp-<pid>-<n>)`);
  return path.join(dir, ticks[0]!);
}

/** Reads and checks checkpoint.json: format, version and byte order. */
export function readCheckpointManifest(dir: string): CheckpointManifest {
  const file = path.join(dir, MANIFEST_FILE);
  let m: CheckpointManifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as CheckpointManifest;
  } catch (err) {
    throw new UserError(`${file}: not a readable checkpoint (${(err as Error).message})`);
  }
  if (m?.format !== CHECKPOINT_FORMAT) throw new UserError(`${file}: not a glocal checkpoint (format ${JSON.stringify(m?.format)}, expected ${CHECKPOINT_FORMAT})`);
  if (m.glocalVersion !== GLOCAL_VERSION) {
    throw new UserError(
      `${dir}: checkpoint written by glocal ${m.glocalVersion}, this is glocal ${GLOCAL_VERSION}; a checkpoint is read only by the ` +
        `version that wrote it (its state layout may differ). Resume with glocal ${m.glocalVersion}, or run again from tick 0.`,
    );
  }
  if (m.endianness !== endianness()) throw new UserError(`${dir}: checkpoint written on a ${m.endianness} machine; this one is ${endianness()}`);
  return m;
}

function checkScenario(dir: string, m: CheckpointManifest, opts: RestoreOptions): Scenario {
  const scenario = opts.scenario ?? m.scenario;
  if (opts.seed !== undefined && opts.seed !== m.seed) throw new UserError(`${dir}: checkpoint of seed ${m.seed}, asked to continue with seed ${opts.seed}`);
  const structure = jsonDifferences(structureOf(m.scenario), structureOf(scenario));
  if (structure.length > 0) {
    throw new UserError(`${dir}: checkpoint of a scenario with another shape ('${m.scenario.name}'); the scenarios differ at ${structure.join(', ')}. Only ${FORKABLE_FIELDS.join(' and ')} may differ, and only in a fork.`);
  }
  if (!opts.fork) {
    const rest = FORKABLE_FIELDS.flatMap((k) => jsonDifferences(m.scenario[k], scenario[k]).map((p) => (p === '(the whole value)' ? k : `${k}.${p}`)));
    if (rest.length > 0) throw new UserError(`${dir}: resuming with other ${rest.join(', ')} than the checkpoint's; change policy or shocks with a fork (sweep file fork: { warmup })`);
  }
  return scenario;
}

/** Reads state.bin into fresh arrays, checking its size and hash against the manifest. */
function readState(dir: string, m: CheckpointManifest): RunState {
  const file = path.join(dir, STATE_FILE);
  const bytes = fs.readFileSync(file);
  if (bytes.byteLength !== m.stateBytes || createHash('sha256').update(bytes).digest('hex') !== m.stateSha256) {
    throw new UserError(`${file}: damaged (size or sha256 differs from ${MANIFEST_FILE})`);
  }
  const arrays = new Map<string, Typed>();
  for (const e of m.arrays) {
    const a = allocTyped(e.type, e.length);
    new Uint8Array(a.buffer, 0, a.byteLength).set(bytes.subarray(e.offset, e.offset + a.byteLength));
    arrays.set(e.path, a);
  }
  const scalars = Object.fromEntries(Object.entries(m.scalars).map(([k, v]) => [k, decodeScalar(v)]));
  return { arrays, scalars };
}

/** The saved state must fill exactly the state this build of the engine creates for the scenario. */
function checkLayout(dir: string, saved: RunState, fresh: RunState): void {
  const have = new Set(layoutLines(saved));
  const want = new Set(layoutLines(fresh));
  const missing = [...want].filter((l) => !have.has(l));
  const extra = [...have].filter((l) => !want.has(l));
  if (missing.length + extra.length === 0) return;
  const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? `, ... (${xs.length})` : '');
  throw new UserError(
    `${dir}: checkpoint state does not fit this engine for this scenario` +
      (missing.length ? `; not in the checkpoint: ${list(missing)}` : '') +
      (extra.length ? `; in the checkpoint only: ${list(extra)}` : '') +
      '. It was written by another build or for another scenario shape; run again from tick 0.',
  );
}

function resolveSegments(dir: string, m: CheckpointManifest): RowSegment[] {
  let expected = 0;
  return m.rows.map((s) => {
    const abs = segmentPath(dir, s.dir);
    if (s.from !== expected) throw new UserError(`${dir}: output rows of ticks ${expected}..${s.from - 1} are missing from the checkpoint chain`);
    for (const table of m.tables) {
      if (!fs.existsSync(path.join(abs, `${table}.arrow`))) {
        throw new UserError(`${dir}: needs the output rows of ticks ${s.from}..${s.to - 1} in ${abs}, which is gone; resume from a checkpoint whose earlier checkpoints are all kept`);
      }
    }
    expected = s.to;
    return { ...s, dir: abs };
  });
}

/** Rebuilds the run at a checkpoint (a tick-<t> folder, or a checkpoints folder: its newest complete checkpoint). */
export function restoreCheckpoint(dirArg: string, opts: RestoreOptions = {}): RestoredRun {
  const dir = findCheckpoint(dirArg);
  const manifest = readCheckpointManifest(dir);
  const scenario = checkScenario(dir, manifest, opts);
  const saved = readState(dir, manifest);
  const segments = resolveSegments(dir, manifest);
  const world = createWorld(scenario, manifest.seed, opts.scenarioFile ?? manifest.scenarioFile);
  const stepper = createStepper(world);
  checkLayout(dir, saved, collectState(world, stepper));
  applyState(world, stepper, saved);
  if (world.tick !== manifest.tick) throw new Error(`checkpoint ${dir}: restored tick ${world.tick}, manifest says ${manifest.tick}`);
  return { dir, manifest, world, stepper, segments };
}

/** The resolved scenario and run settings a checkpoint continues with (what `glocal run --resume` needs). */
export function describeCheckpoint(dirArg: string): CheckpointManifest & { dir: string } {
  const dir = findCheckpoint(dirArg);
  return { ...readCheckpointManifest(dir), dir };
}
