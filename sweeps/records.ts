// What a sweep leaves on disk per run: runs/<id>/result.json for a finished run, failed/<id>.json for a failed one.
// Both are replaced atomically (temp + rename); the summary and `sweep merge` are built from these files alone.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileShared } from './shared-write.js';

export const RESULT_FILE = 'result.json';

/** A finished run: its metrics (NaN/Infinity allowed) and the wall time of the run itself. */
export interface RunResult {
  runId: string;
  seed: number;
  status: 'ok';
  wallSeconds: number;
  /** Whole task inside the worker (validation, run, metrics, this file): with wallSeconds, splits sweep overhead. */
  taskSeconds?: number;
  metrics: Record<string, number>;
}

export interface RunFailure {
  runId: string;
  seed: number;
  status: 'failed';
  error: string;
  /** True when the error is a user error (an invalid parameter combination), false for crashes and broken books. */
  userError: boolean;
  /** The stack of an unexpected error, for whoever debugs it (kept out of the summary). */
  detail?: string;
}

export function runDir(outDir: string, runId: string): string {
  return path.join(outDir, 'runs', runId);
}

export function resultPath(outDir: string, runId: string): string {
  return path.join(runDir(outDir, runId), RESULT_FILE);
}

export function failurePath(outDir: string, runId: string): string {
  return path.join(outDir, 'failed', `${runId}.json`);
}

/** JSON has no NaN or Infinity: metrics carry them as the strings "NaN", "Infinity", "-Infinity". */
export function encodeRecord(record: RunResult | RunFailure): string {
  return `${JSON.stringify(record, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}

function decodeMetrics(metrics: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) out[k] = typeof v === 'number' ? v : Number(v);
  return out;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // missing, or (only if written by hand) unreadable: either way the run is not finished
    return undefined;
  }
}

export function readResult(outDir: string, runId: string): RunResult | undefined {
  const raw = readJson(resultPath(outDir, runId)) as (Omit<RunResult, 'metrics'> & { metrics?: Record<string, unknown> }) | undefined;
  if (!raw || raw.status !== 'ok' || raw.runId !== runId || !raw.metrics) return undefined;
  return { ...raw, metrics: decodeMetrics(raw.metrics) };
}

export function readFailure(outDir: string, runId: string): RunFailure | undefined {
  const raw = readJson(failurePath(outDir, runId)) as RunFailure | undefined;
  return raw && raw.status === 'failed' && raw.runId === runId ? raw : undefined;
}

function writeRecord(file: string, text: string): void {
  writeFileShared(file, text, { fsync: false });
}

export function writeResult(outDir: string, result: RunResult): void {
  writeRecord(resultPath(outDir, result.runId), encodeRecord(result));
}

export function writeFailure(outDir: string, failure: RunFailure): void {
  fs.mkdirSync(path.dirname(failurePath(outDir, failure.runId)), { recursive: true });
  writeRecord(failurePath(outDir, failure.runId), encodeRecord(failure));
}

/** Forgets an earlier failure once the run has succeeded on a retry. */
export function clearFailure(outDir: string, runId: string): void {
  fs.rmSync(failurePath(outDir, runId), { force: true });
}
