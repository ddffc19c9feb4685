// Atomic replace of a small file (temp file + rename) that many sweep processes may write, on many machines.
// Temp names carry the pid and a number from the host name: every Kubernetes pod is pid 1.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { writeAllSync } from '../engine/output/atomic.js';

let counter = 0;
let hostNumber: number | undefined;

function nameAt(file: string, n: number): string {
  hostNumber ??= createHash('sha256').update(os.hostname()).digest().readUInt32BE(0);
  // digits only, so engine/output/atomic.ts isTempName() recognises it and readers skip it
  return `${file}.tmp-${process.pid}-${hostNumber}${n}`;
}

function tempName(file: string): string {
  return nameAt(file, ++counter);
}

/** The next `count` temp names this process would try for `file` (for tests that leave stale ones in the way). */
export function upcomingTempNames(file: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => nameAt(file, counter + 1 + i));
}

/**
 * Writes `text` to `file` through a fresh temp file and one rename. `fsync` makes the file survive a power cut; the
 * per-run records skip it, as their readers treat a damaged record as "not finished" and redo that step.
 */
export function writeFileShared(file: string, text: string, opts: { fsync: boolean }): void {
  for (;;) {
    const temp = tempName(file);
    let fd: number;
    try {
      fd = fs.openSync(temp, 'wx');
    } catch (err) {
      // left by a killed process that had our pid: take the next name
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      try {
        writeAllSync(fd, Buffer.from(text, 'utf8'));
        if (opts.fsync) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw err;
    }
    return;
  }
}
