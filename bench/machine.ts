// The machine a benchmark ran on: CPU, cores, memory, Node and V8, git commit, date and load.
// Exists because a number without its machine and its load cannot be compared with anything.
import os from 'node:os';
import { execFileSync } from 'node:child_process';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  platform: string;
  arch: string;
  node: string;
  v8: string;
  gitCommit: string | null;
  /** True when the working tree had uncommitted changes (the numbers may not belong to `gitCommit`). */
  gitDirty: boolean | null;
  date: string;
  /** os.loadavg() when the suite started and ended: 1, 5 and 15 minute averages of runnable processes. */
  loadAvgStart: number[];
  loadAvgEnd?: number[];
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}

export function machineInfo(cwd = process.cwd(), now = new Date()): MachineInfo {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no'], cwd);
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryBytes: os.totalmem(),
    platform: os.platform(),
    arch: os.arch(),
    node: process.version,
    v8: process.versions.v8,
    gitCommit: git(['rev-parse', 'HEAD'], cwd) || null,
    gitDirty: status === null ? null : status.length > 0,
    date: now.toISOString(),
    loadAvgStart: os.loadavg().map(round2),
  };
}

/** Marks the end of a suite: the load while it ran tells how far to trust its numbers. */
export function finishMachineInfo(m: MachineInfo): MachineInfo {
  return { ...m, loadAvgEnd: os.loadavg().map(round2) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
