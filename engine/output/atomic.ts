// Atomic file and folder writes: temp file or temp folder beside the target, then one rename.
// A failed or killed run must leave either the old result or the new one, never half of one.
import fs from 'node:fs';
import path from 'node:path';

// Temp names carry the pid and a per-process counter so parallel sweep workers never collide.
const TEMP_MARK = '.tmp-';
const OLD_MARK = '.old-';
let tempCounter = 0;

function siblingName(target: string, mark: string): string {
  tempCounter += 1;
  return `${target}${mark}${process.pid}-${tempCounter}`;
}

/** True for names made by this module (temp and replaced folders): readers must skip them. */
export function isTempName(name: string): boolean {
  return /\.(tmp|old)-\d+-\d+$/.test(path.basename(name));
}

/** Writes all of `bytes`; a single writeSync may legally write fewer bytes than asked. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.byteLength) {
    offset += fs.writeSync(fd, bytes, offset, bytes.byteLength - offset);
  }
}

/** Makes a rename durable; some file systems refuse to fsync a folder, which only costs durability. */
function fsyncDirQuiet(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort: the rename itself is already atomic
  }
}

/**
 * Lets `writeTemp` write a temp file beside `filePath` (by any means, e.g. a library that only takes paths), then
 * fsyncs it and renames it into place. On failure the temp file is removed and `filePath` is untouched.
 */
export function writeFileAtomicWith(filePath: string, writeTemp: (tempPath: string) => void): void {
  const tempPath = siblingName(filePath, TEMP_MARK);
  try {
    writeTemp(tempPath);
    const fd = fs.openSync(tempPath, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tempPath, filePath);
  } catch (err) {
    fs.rmSync(tempPath, { force: true });
    throw err;
  }
  fsyncDirQuiet(path.dirname(filePath));
}

export function writeFileAtomic(filePath: string, data: string | Uint8Array): void {
  writeFileAtomicWith(filePath, (tempPath) => fs.writeFileSync(tempPath, data, { flag: 'wx' }));
}

/** Creates an empty sibling folder `<finalDir>.tmp-<pid>-<n>` (and the parent if needed). */
export function createTempDir(finalDir: string): string {
  fs.mkdirSync(path.dirname(path.resolve(finalDir)), { recursive: true });
  for (;;) {
    const tempDir = siblingName(finalDir, TEMP_MARK);
    try {
      fs.mkdirSync(tempDir);
      return tempDir;
    } catch (err) {
      // a stale folder from an earlier process with the same pid: take the next number
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

function isTargetTaken(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * Renames `tempDir` to `finalDir`. An existing `finalDir` is moved aside first and removed only once the new
 * folder is in place, so at every moment `finalDir` is either the complete old result or the complete new one.
 */
export function commitDir(tempDir: string, finalDir: string): void {
  try {
    fs.renameSync(tempDir, finalDir);
    fsyncDirQuiet(path.dirname(path.resolve(finalDir)));
    return;
  } catch (err) {
    if (!isTargetTaken(err)) throw err;
  }
  const oldDir = siblingName(finalDir, OLD_MARK);
  fs.renameSync(finalDir, oldDir);
  try {
    fs.renameSync(tempDir, finalDir);
  } catch (err) {
    fs.renameSync(oldDir, finalDir);
    throw err;
  }
  fsyncDirQuiet(path.dirname(path.resolve(finalDir)));
  removeDirQuiet(oldDir);
}

/** Removes a folder and everything in it; a missing folder or a failure is ignored (used on cleanup paths). */
export function removeDirQuiet(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // cleanup must never mask the error that led here
  }
}

/** Whether a process with this pid is running here (a temp name carrying a live pid belongs to a running writer). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
