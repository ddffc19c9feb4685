// Tests for reading run folders back: the tables that exist, and clear UserErrors naming the path otherwise.
// Run folders are built here with the real table writer in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../engine/model/errors.js';
import { defineTable, openTableWriter } from '../../engine/output/table-writer.js';
import { isRunDir, loadRun, readArrowTable } from '../../analysis/load.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-load-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const regionsDef = defineTable('regions', [
  { name: 'tick', kind: 'int32' },
  { name: 'employed', kind: 'float64', unit: 'persons' },
]);
const flowsDef = defineTable('flows', [
  { name: 'tick', kind: 'int32' },
  { name: 'mode', kind: 'utf8' },
]);

async function writeRun(runDir: string, withFlows: boolean): Promise<void> {
  fs.mkdirSync(runDir, { recursive: true });
  fs.writeFileSync(path.join(runDir, 'manifest.json'), JSON.stringify({ runId: 'r1', seed: 7 }));
  const regions = openTableWriter(path.join(runDir, 'regions.arrow'), regionsDef, { run_id: 'r1' });
  regions.append({ tick: [0, 1], employed: [10.5, 11] }, 2);
  await regions.close();
  if (withFlows) {
    const flows = openTableWriter(path.join(runDir, 'flows.arrow'), flowsDef, { run_id: 'r1' });
    flows.append({ tick: [0], mode: ['rail'] }, 1);
    await flows.close();
  }
}

/** Runs `fn`, expecting a UserError whose message contains `where` and matches `why`. */
function expectUserError(fn: () => unknown, where: string, why: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isUserError(caught), `expected a UserError, got ${String(caught)}`).toBe(true);
  expect((caught as Error).message).toContain(where);
  expect((caught as Error).message).toMatch(why);
}

describe('loadRun', () => {
  it('reads the manifest and the tables that exist', async () => {
    const runDir = path.join(dir, 'run-1');
    await writeRun(runDir, true);
    const run = loadRun(runDir);
    expect(run.manifest).toEqual({ runId: 'r1', seed: 7 });
    expect(Array.from(run.regions.columns.employed as Float64Array)).toEqual([10.5, 11]);
    expect(run.flows?.columns.mode).toEqual(['rail']);
    expect(run.sectors).toBeUndefined();
    expect(run.transactions).toBeUndefined();
  });

  it('names the folder when it is missing or has no manifest', () => {
    expectUserError(() => loadRun(path.join(dir, 'nope')), path.join(dir, 'nope'), /no such run folder/);
    expectUserError(() => loadRun(dir), path.join(dir, 'manifest.json'), /no such file/);
  });

  it('names the manifest when it is not JSON', async () => {
    const runDir = path.join(dir, 'run');
    await writeRun(runDir, false);
    fs.writeFileSync(path.join(runDir, 'manifest.json'), '{ not json');
    expectUserError(() => loadRun(runDir), path.join(runDir, 'manifest.json'), /not valid JSON/);
  });
});

describe('readArrowTable', () => {
  it('gives a UserError naming a missing file', () => {
    const file = path.join(dir, 'missing.arrow');
    expectUserError(() => readArrowTable(file), file, /no such file/);
  });

  it('gives a UserError naming a file that is not Arrow', () => {
    const file = path.join(dir, 'regions.arrow');
    fs.writeFileSync(file, 'tick,employed\n0,10\n');
    expectUserError(() => readArrowTable(file), file, /not an Arrow IPC file/);
  });

  it('gives a UserError naming a file cut short (no footer)', async () => {
    const runDir = path.join(dir, 'run');
    await writeRun(runDir, false);
    const file = path.join(runDir, 'regions.arrow');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 40));
    expectUserError(() => readArrowTable(file), file, /incomplete Arrow file/);
  });

  it('gives a UserError naming a file with a damaged footer', async () => {
    const runDir = path.join(dir, 'run');
    await writeRun(runDir, false);
    const file = path.join(runDir, 'regions.arrow');
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, bytes.length - 60, bytes.length - 10); // footer flatbuffer and its length, magic kept
    fs.writeFileSync(file, bytes);
    expectUserError(() => readArrowTable(file), file, /corrupt Arrow file/);
  });
});

describe('isRunDir', () => {
  it('needs manifest.json and regions.arrow, and skips temp folders', async () => {
    const runDir = path.join(dir, 'run');
    await writeRun(runDir, false);
    expect(isRunDir(runDir)).toBe(true);
    fs.rmSync(path.join(runDir, 'regions.arrow'));
    expect(isRunDir(runDir)).toBe(false);
    const tempDir = path.join(dir, 'run.tmp-12-1');
    await writeRun(tempDir, false);
    expect(isRunDir(tempDir)).toBe(false);
    expect(isRunDir(path.join(dir, 'absent'))).toBe(false);
  });
});
