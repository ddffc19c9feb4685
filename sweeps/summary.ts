// DIR/summary.arrow: one row per planned run (plan order) with its parameters, status, error, wall time and metrics,
// built only from sweep.json and the per-run records, so a sweep, a re-run and `sweep merge` all give the same table.
import fs from 'node:fs';
import path from 'node:path';
import { defineTable, openTableWriter, type ColumnDef, type TableDef } from '../engine/output/table-writer.js';
import { RUN_METRICS } from '../analysis/run-metrics.js';
import type { SweepPlan } from './plan.js';
import { readFailure, readResult } from './records.js';

export const SUMMARY_FILE = 'summary.arrow';
export const SUMMARY_PARQUET = 'summary.parquet';
/** The one column that differs between two identical sweeps; every other column is reproducible bit for bit. */
export const WALL_TIME_COLUMN = 'wall_seconds';

export type RunStatus = 'ok' | 'failed' | 'missing';

export interface SummaryCounts {
  rows: number;
  ok: number;
  failed: number;
  missing: number;
}

interface SummaryRow {
  status: RunStatus;
  error: string;
  wallSeconds: number;
  metrics: Record<string, number>;
}

let tempCounter = 0;

function isNumericParam(plan: SweepPlan, path: string): boolean {
  return plan.runs.every((r) => typeof r.values[path] === 'number');
}

export function summaryTableDef(plan: SweepPlan): TableDef {
  const units = new Map(RUN_METRICS.map((m) => [m.name, m]));
  const columns: ColumnDef[] = [
    { name: 'run_id', kind: 'utf8', description: 'hash of (glocal version, resolved scenario, seed); the run folder is runs/<run_id>' },
    { name: 'point', kind: 'int32', description: 'design point index' },
    { name: 'replicate', kind: 'int32', description: 'replicate index (runs of one replicate share a seed)' },
    { name: 'block', kind: 'utf8', description: "design block: A, B, AB1.. (sobol), T0, T1.. (morris), '' otherwise" },
    { name: 'seed', kind: 'int32', description: 'run seed, derived from the sweep seed and the replicate' },
    ...plan.parameters.map((p): ColumnDef => ({
      name: p.column,
      kind: isNumericParam(plan, p.path) ? 'float64' : 'utf8',
      description: `scenario value at ${p.path}`,
    })),
    { name: 'status', kind: 'utf8', description: 'ok, failed, or missing (not run yet)' },
    { name: 'error', kind: 'utf8', description: "why the run failed; '' when it did not" },
    { name: WALL_TIME_COLUMN, kind: 'float64', unit: 's', description: 'wall time of the run (not reproducible)' },
    ...plan.metrics.map((m): ColumnDef => ({ name: m, kind: 'float64', unit: units.get(m)?.unit, description: units.get(m)?.description })),
  ];
  return defineTable('summary', columns);
}

/** The status of every planned run, read from the run records; a stale failure loses to a later success. */
function collectRows(outDir: string, plan: SweepPlan): SummaryRow[] {
  const cache = new Map<string, SummaryRow>();
  return plan.runs.map((run) => {
    const known = cache.get(run.runId);
    if (known) return known;
    const result = readResult(outDir, run.runId);
    const failure = result ? undefined : readFailure(outDir, run.runId);
    const row: SummaryRow = result
      ? { status: 'ok', error: '', wallSeconds: result.wallSeconds, metrics: result.metrics }
      : failure
        ? { status: 'failed', error: failure.error, wallSeconds: NaN, metrics: {} }
        : { status: 'missing', error: 'not run yet', wallSeconds: NaN, metrics: {} };
    cache.set(run.runId, row);
    return row;
  });
}

function summaryMetadata(plan: SweepPlan): Record<string, string> {
  // no absolute paths or clocks here: the same sweep on another machine must give the same bytes
  return {
    sweep_name: plan.name,
    sweep_seed: String(plan.sweepSeed),
    sweep_fingerprint: plan.fingerprint,
    glocal_version: plan.version,
    scenario: plan.scenario.name,
    replicates: String(plan.replicates),
    design: JSON.stringify(plan.design),
    parameters: JSON.stringify(plan.parameters.map((p) => ({ path: p.path, column: p.column }))),
    metrics: JSON.stringify(plan.metrics),
  };
}

function summaryColumns(plan: SweepPlan, rows: SummaryRow[]): Record<string, ArrayLike<number> | string[]> {
  const n = plan.runs.length;
  const cols: Record<string, ArrayLike<number> | string[]> = {
    run_id: plan.runs.map((r) => r.runId),
    point: Int32Array.from(plan.runs, (r) => r.point),
    replicate: Int32Array.from(plan.runs, (r) => r.replicate),
    block: plan.runs.map((r) => r.block),
    seed: Int32Array.from(plan.runs, (r) => r.seed),
    status: rows.map((r) => r.status),
    error: rows.map((r) => r.error),
    [WALL_TIME_COLUMN]: Float64Array.from(rows, (r) => r.wallSeconds),
  };
  for (const p of plan.parameters) {
    cols[p.column] = isNumericParam(plan, p.path)
      ? Float64Array.from(plan.runs, (r) => r.values[p.path] as number)
      : plan.runs.map((r) => String(r.values[p.path] ?? ''));
  }
  for (const m of plan.metrics) cols[m] = Float64Array.from({ length: n }, (_, i) => rows[i]!.metrics[m] ?? NaN);
  return cols;
}

/** Writes summary.arrow atomically (and summary.parquet when asked); returns the status counts. */
export async function writeSummary(outDir: string, plan: SweepPlan, opts: { format?: 'arrow' | 'parquet' } = {}): Promise<SummaryCounts> {
  const rows = collectRows(outDir, plan);
  const finalPath = path.join(outDir, SUMMARY_FILE);
  const tempPath = `${finalPath}.tmp-${process.pid}-${++tempCounter}`;
  try {
    const writer = openTableWriter(tempPath, summaryTableDef(plan), summaryMetadata(plan));
    writer.append(summaryColumns(plan, rows), plan.runs.length);
    await writer.close();
    fs.renameSync(tempPath, finalPath);
  } catch (err) {
    fs.rmSync(tempPath, { force: true });
    throw err;
  }
  if (opts.format === 'parquet') {
    // polars is a large native module: load it only for the users who ask for Parquet
    const { arrowFileToParquet } = await import('../analysis/parquet.js');
    await arrowFileToParquet(finalPath, path.join(outDir, SUMMARY_PARQUET));
  }
  const count = (s: RunStatus) => rows.filter((r) => r.status === s).length;
  return { rows: rows.length, ok: count('ok'), failed: count('failed'), missing: count('missing') };
}
