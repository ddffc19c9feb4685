// Writes a checkpoint: every array of the world and stepper packed into state.bin, a JSON manifest, and the output
// rows since the previous checkpoint, into checkpoints/tick-<t>/ through a temp folder and one rename.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { World } from '../state/world.js';
import type { Stepper } from '../sim/step.js';
import { GLOCAL_VERSION } from '../version.js';
import { commitDir, createTempDir, removeDirQuiet, writeAllSync, writeFileAtomic } from '../output/atomic.js';
import { collectState, typedName } from './state.js';
import {
  CHECKPOINT_FORMAT, MANIFEST_FILE, STATE_FILE, ROWS_DIR, checkpointName, encodeScalar, layoutSignature, segmentRef, shapeSignature,
  type ArrayEntry, type CheckpointManifest, type CheckpointRun,
} from './format.js';
import type { Segment } from './rows.js';


/** Bytes per array start: 8, so every array can be viewed in place whatever its type. */
const ALIGN = 8;

/** Packs the arrays into one file; returns the index and the file's sha256. */
function writeState(file: string, arrays: Map<string, ArrayBufferView>): { entries: ArrayEntry[]; bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const entries: ArrayEntry[] = [];
  const fd = fs.openSync(file, 'wx');
  const pad = new Uint8Array(ALIGN);
  let offset = 0;
  try {
    for (const [p, a] of arrays) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      entries.push({ path: p, type: typedName(a as never), length: (a as Uint8Array).length, offset });
      writeAllSync(fd, bytes);
      hash.update(bytes);
      offset += bytes.byteLength;
      const gap = (ALIGN - (offset % ALIGN)) % ALIGN;
      if (gap > 0) {
        writeAllSync(fd, pad.subarray(0, gap));
        hash.update(pad.subarray(0, gap));
        offset += gap;
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { entries, bytes: offset, sha256: hash.digest('hex') };
}

/**
 * Writes checkpoints/tick-<w.tick>/ (between ticks, after endTick). `segment` holds the rows since the previous
 * checkpoint and `earlier` the segments before them (absolute folders, oldest first). Returns the folder.
 */
export async function writeCheckpoint(
  checkpointsDir: string,
  w: World,
  st: Stepper,
  run: CheckpointRun,
  segment: Segment,
  earlier: { from: number; to: number; dir: string }[],
): Promise<string> {
  const finalDir = path.join(checkpointsDir, checkpointName(w.tick));
  const tmp = createTempDir(finalDir);
  try {
    const from = earlier.length > 0 ? earlier[earlier.length - 1]!.to : 0;
    await segment.closeInto(path.join(tmp, ROWS_DIR));
    const tables = fs.readdirSync(path.join(tmp, ROWS_DIR)).filter((f) => f.endsWith('.arrow')).map((f) => f.slice(0, -6)).sort();
    const state = collectState(w, st);
    const packed = writeState(path.join(tmp, STATE_FILE), state.arrays);
    const rows = [...earlier, { from, to: w.tick, dir: path.join(finalDir, ROWS_DIR) }].map((s) => ({ ...s, dir: segmentRef(finalDir, s.dir) }));
    const manifest: CheckpointManifest = {
      format: CHECKPOINT_FORMAT,
      glocalVersion: GLOCAL_VERSION,
      endianness: endianness(),
      tick: w.tick,
      seed: run.seed,
      runId: run.runId,
      ticks: run.ticks,
      outDir: path.resolve(run.outDir),
      checkpointEvery: run.checkpointEvery,
      ...(run.scenarioFile ? { scenarioFile: path.resolve(run.scenarioFile) } : {}),
      scenario: run.scenario,
      shape: shapeSignature(run.scenario),
      layout: layoutSignature(state),
      arrays: packed.entries,
      scalars: Object.fromEntries(Object.entries(state.scalars).map(([k, v]) => [k, encodeScalar(v)])),
      stateBytes: packed.bytes,
      stateSha256: packed.sha256,
      rows,
      tables,
    };
    writeFileAtomic(path.join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    commitDir(tmp, finalDir);
    return finalDir;
  } catch (err) {
    removeDirQuiet(tmp);
    throw err;
  }
}
