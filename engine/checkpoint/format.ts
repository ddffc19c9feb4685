// The on-disk form of a checkpoint: folder names, the manifest (checkpoint.json) and the signatures that guard it.
// A checkpoint is read only by the glocal version and engine state layout that wrote it, for the same scenario shape.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Scenario } from '../model/schema.js';
import { canonicalJson } from '../output/manifest.js';
import { isGrowable, type RunState, type TypedName } from './state.js';

export const CHECKPOINT_FORMAT = 'glocal-checkpoint/1';
export const MANIFEST_FILE = 'checkpoint.json';
export const STATE_FILE = 'state.bin';
export const ROWS_DIR = 'rows';

export interface ArrayEntry {
  path: string;
  type: TypedName;
  length: number;
  /** Byte offset in state.bin (a multiple of 8). */
  offset: number;
}

/** The output rows of ticks [from, to), as complete Arrow files in `dir` (relative to the checkpoint folder). */
export interface RowSegment {
  from: number;
  to: number;
  dir: string;
}

/** The run a checkpoint belongs to: its resolved scenario, seed, id, and target ticks and folders (defaults for --resume). */
export interface CheckpointRun {
  scenario: Scenario;
  seed: number;
  runId: string;
  ticks: number;
  outDir: string;
  checkpointEvery: number;
  scenarioFile?: string;
}

export interface CheckpointManifest extends CheckpointRun {
  format: typeof CHECKPOINT_FORMAT;
  glocalVersion: string;
  /** Of the machine that wrote state.bin (typed arrays are stored in their native byte order). */
  endianness: 'LE' | 'BE';
  /** Ticks done: the run continues with tick `tick`. */
  tick: number;
  /** sha256 of the scenario's structure (everything but policy, shocks, ticks, seed, name, description). */
  shape: string;
  /** sha256 of the engine state layout: every saved path with its type, and fixed lengths. */
  layout: string;
  arrays: ArrayEntry[];
  /** Numbers of the state; non-finite ones as the strings "NaN", "Infinity", "-Infinity". */
  scalars: Record<string, number | string>;
  stateBytes: number;
  stateSha256: string;
  /** Every output row before `tick`, oldest first: this checkpoint's own segment last. */
  rows: RowSegment[];
  tables: string[];
}

/** Checkpoint folders sort by name: tick-000052 < tick-000104. */
export function checkpointName(tick: number): string {
  return `tick-${String(tick).padStart(6, '0')}`;
}

export function tickOfName(name: string): number | undefined {
  const m = /^tick-(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Scenario fields a fork may change: they act on the economy from the fork tick on, without changing its shape. */
export const FORKABLE_FIELDS = ['policy', 'shocks'] as const;
const NOT_STRUCTURE = new Set<string>([...FORKABLE_FIELDS, 'ticks', 'seed', 'name', 'description']);

/** The scenario without the fields a resumed or forked run may change. */
export function structureOf(scenario: Scenario): Record<string, unknown> {
  return Object.fromEntries(Object.entries(scenario).filter(([k]) => !NOT_STRUCTURE.has(k)));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function shapeSignature(scenario: Scenario): string {
  return sha256(canonicalJson(structureOf(scenario)));
}

/** Paths, types and (for arrays whose size the scenario fixes) lengths: changes when the engine's state changes. */
export function layoutLines(state: RunState): string[] {
  const arrays = [...state.arrays].map(([p, a]) => `${p}:${a.constructor.name}${isGrowable(p) ? '' : `[${a.length}]`}`);
  const scalars = Object.keys(state.scalars).map((p) => `${p}:number`);
  return [...arrays, ...scalars].sort();
}

export function layoutSignature(state: RunState): string {
  return sha256(layoutLines(state).join('\n'));
}

/** Paths (dotted) where two JSON values differ, at most `limit` of them: for refusal messages. */
export function jsonDifferences(a: unknown, b: unknown, limit = 5, at = ''): string[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return [at || '(the whole value)'];
  const ka = a as Record<string, unknown>;
  const kb = b as Record<string, unknown>;
  const out: string[] = [];
  for (const key of [...new Set([...Object.keys(ka), ...Object.keys(kb)])].sort()) {
    if (out.length >= limit) break;
    out.push(...jsonDifferences(ka[key], kb[key], limit - out.length, at ? `${at}.${key}` : key));
  }
  return out;
}

export function encodeScalar(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

export function decodeScalar(v: number | string): number {
  return typeof v === 'number' ? v : Number(v);
}

/** A segment's folder as written in a manifest: relative to the checkpoint folder, so a moved tree still reads. */
export function segmentRef(checkpointDir: string, segmentDir: string): string {
  return path.relative(checkpointDir, segmentDir) || '.';
}

export function segmentPath(checkpointDir: string, ref: string): string {
  return path.resolve(checkpointDir, ref);
}
