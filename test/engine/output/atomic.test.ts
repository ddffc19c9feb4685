// Tests for atomic writes: files and folders appear whole or not at all, and no temp leftovers remain.
// Each test works in its own temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitDir,
  createTempDir,
  isTempName,
  removeDirQuiet,
  writeFileAtomic,
  writeFileAtomicWith,
} from '../../../engine/output/atomic.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-atomic-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes text and bytes, replaces an existing file and leaves no temp file', () => {
    const file = path.join(dir, 'manifest.json');
    writeFileAtomic(file, '{"a":1}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}');
    writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('keeps the old file and removes the temp file when writing fails', () => {
    const file = path.join(dir, 'out.bin');
    writeFileAtomic(file, 'old');
    expect(() =>
      writeFileAtomicWith(file, (tempPath) => {
        fs.writeFileSync(tempPath, 'half');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['out.bin']);
  });
});

describe('createTempDir / commitDir', () => {
  it('creates a sibling temp folder and commits it to the final name', () => {
    const finalDir = path.join(dir, 'runs', 'run-1');
    const tempDir = createTempDir(finalDir);
    expect(path.dirname(tempDir)).toBe(path.dirname(finalDir));
    expect(isTempName(tempDir)).toBe(true);
    expect(fs.existsSync(finalDir)).toBe(false);
    fs.writeFileSync(path.join(tempDir, 'x.txt'), 'new');
    commitDir(tempDir, finalDir);
    expect(fs.readFileSync(path.join(finalDir, 'x.txt'), 'utf8')).toBe('new');
    expect(fs.readdirSync(path.dirname(finalDir))).toEqual(['run-1']);
  });

  it('replaces an existing folder and removes the old one', () => {
    const finalDir = path.join(dir, 'run');
    fs.mkdirSync(finalDir);
    fs.writeFileSync(path.join(finalDir, 'stale.txt'), 'old');
    const tempDir = createTempDir(finalDir);
    fs.writeFileSync(path.join(tempDir, 'fresh.txt'), 'new');
    commitDir(tempDir, finalDir);
    expect(fs.readdirSync(finalDir)).toEqual(['fresh.txt']);
    expect(fs.readdirSync(dir)).toEqual(['run']);
  });

  it('gives distinct temp folders for the same target', () => {
    const finalDir = path.join(dir, 'run');
    const a = createTempDir(finalDir);
    const b = createTempDir(finalDir);
    expect(a).not.toBe(b);
    expect(fs.statSync(a).isDirectory() && fs.statSync(b).isDirectory()).toBe(true);
  });

  it('removeDirQuiet removes a tree and ignores a missing folder', () => {
    const tempDir = createTempDir(path.join(dir, 'run'));
    fs.mkdirSync(path.join(tempDir, 'deep'));
    fs.writeFileSync(path.join(tempDir, 'deep', 'f'), 'x');
    removeDirQuiet(tempDir);
    expect(fs.existsSync(tempDir)).toBe(false);
    expect(() => removeDirQuiet(path.join(dir, 'never-existed'))).not.toThrow();
  });

  it('isTempName tells temp and replaced folders from run folders', () => {
    expect(isTempName('/x/run-3.tmp-123-4')).toBe(true);
    expect(isTempName('run-3.old-123-4')).toBe(true);
    expect(isTempName('/x/run-3')).toBe(false);
    expect(isTempName('/x/tmp-run')).toBe(false);
  });
});
