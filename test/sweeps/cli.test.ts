// End to end through the real CLI process: kill -9 and resume, shards and merge, reproducible summaries, exit codes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrowTable, type LoadedTable } from '../../analysis/load.js';

const repo = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-sweep-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sweepFile = path.join(tmp, 'sweep.yaml');
const RUNS = 8;

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^SLURM_|^JOB_COMPLETION_INDEX$|^GLOCAL_SHARD_COUNT$/.test(k)) delete env[k];
  return { ...env, ...extra };
}

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'cli/entry.ts', ...args], { cwd: repo, env: cleanEnv(env) });
}

function finish(child: ChildProcess, onStdout?: (text: string) => void): Promise<Done> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    onStdout?.(stdout);
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const glocal = (args: string[], env?: Record<string, string>) => finish(start(args, env));

function summaryOf(dir: string): LoadedTable {
  return readArrowTable(path.join(dir, 'summary.arrow'));
}

/** Every column but wall time, value for value (NaN equals NaN), plus the schema metadata. */
function expectSameSummary(a: LoadedTable, b: LoadedTable): void {
  expect(Object.keys(b.columns)).toEqual(Object.keys(a.columns));
  expect(b.metadata).toEqual(a.metadata);
  for (const name of Object.keys(a.columns)) {
    if (name === 'wall_seconds') continue;
    expect(Array.from(b.columns[name] as ArrayLike<unknown>), name).toEqual(Array.from(a.columns[name] as ArrayLike<unknown>));
  }
}

const reference = path.join(tmp, 'reference');

beforeAll(async () => {
  fs.writeFileSync(
    sweepFile,
    ['name: cli-test', 'scenario: tiny', 'ticks: 3', 'seed: 5', 'replicates: 2', 'parameters:', '  policy.carbonTaxPerTonne: 0:150:50', ''].join('\n'),
  );
  const done = await glocal(['sweep', sweepFile, '--jobs', '2', '--out', reference, '--progress', 'plain']);
  expect(done.stderr).toMatch(/sweep: whole sweep: 8 runs/);
  expect(done.code, done.stderr).toBe(0);
});

describe('glocal sweep (CLI)', () => {
  it('writes sweep.json, a run folder per run and a summary with every run ok', () => {
    const s = summaryOf(reference);
    expect(s.rows).toBe(RUNS);
    expect(new Set(s.columns.status as string[])).toEqual(new Set(['ok']));
    const plan = JSON.parse(fs.readFileSync(path.join(reference, 'sweep.json'), 'utf8'));
    expect(s.columns.run_id).toEqual(plan.runs.map((r: { runId: string }) => r.runId));
    for (const id of s.columns.run_id as string[]) expect(fs.existsSync(path.join(reference, 'runs', id, 'result.json'))).toBe(true);
  });

  it('survives kill -9 in the middle: the re-run keeps finished runs, redoes the rest, and gives the same summary as an uninterrupted sweep', async () => {
    const dir = path.join(tmp, 'killed');
    const child = start(['sweep', sweepFile, '--jobs', '1', '--out', dir, '--progress', 'json']);
    const killed = await finish(child, (stdout) => {
      if ((stdout.match(/"event":"run-finished"/g) ?? []).length >= 2) child.kill('SIGKILL');
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(fs.existsSync(path.join(dir, 'summary.arrow'))).toBe(false);
    const finished = fs.readdirSync(path.join(dir, 'runs')).filter((id) => fs.existsSync(path.join(dir, 'runs', id, 'result.json')));
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.length).toBeLessThan(RUNS);
    const before = new Map(finished.map((id) => [id, fs.readFileSync(path.join(dir, 'runs', id, 'result.json'), 'utf8')]));

    const resumed = await glocal(['sweep', sweepFile, '--jobs', '2', '--out', dir, '--progress', 'json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const events = resumed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ event: 'start', total: RUNS, skipped: finished.length });
    expect(events.filter((e) => e.event === 'run-finished')).toHaveLength(RUNS - finished.length);
    for (const [id, text] of before) expect(fs.readFileSync(path.join(dir, 'runs', id, 'result.json'), 'utf8')).toBe(text);
    const s = summaryOf(dir);
    expect(new Set(s.columns.run_id as string[]).size).toBe(RUNS);
    expect(s.rows).toBe(RUNS);
    expectSameSummary(summaryOf(reference), s);
    expect(fs.readdirSync(path.join(dir, 'runs')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('runs shards (from --shard and from a Slurm array) that merge into the unsharded summary', async () => {
    const dir = path.join(tmp, 'sharded');
    const first = await glocal(['sweep', sweepFile, '--jobs', '1', '--out', dir, '--shard', '0/2', '--progress', 'none']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/shard 0\/2: 4 runs .* glocal sweep merge/);
    expect(fs.existsSync(path.join(dir, 'summary.arrow'))).toBe(false);
    const early = await glocal(['sweep', 'merge', dir]);
    expect(early.code, early.stderr).toBe(1);
    expect(early.stderr).toMatch(/0 failed and 4 missing runs/);

    const second = await glocal(['sweep', sweepFile, '--jobs', '1', '--out', dir, '--progress', 'none'], {
      SLURM_ARRAY_TASK_ID: '1',
      SLURM_ARRAY_TASK_COUNT: '2',
    });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/shard 1\/2 \(from slurm\): 4 runs/);
    const merged = await glocal(['sweep', 'merge', dir, '--format', 'parquet']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/merged 8 runs \(8 ok, 0 failed, 0 not run yet\)/);
    expectSameSummary(summaryOf(reference), summaryOf(dir));
    expect(fs.existsSync(path.join(dir, 'summary.parquet'))).toBe(true);
  });

  it('records failed runs, finishes the others, and exits 1 with a count', async () => {
    const dir = path.join(tmp, 'failing');
    const done = await glocal(['sweep', 'tiny', '--vary', 'households.localPreference=0.5,2', '--ticks', '2', '--jobs', '1', '--out', dir, '--progress', 'none']);
    expect(done.code, done.stderr).toBe(1);
    expect(done.stderr).toMatch(/glocal: 1 of 2 runs failed/);
    expect(summaryOf(dir).columns.status).toEqual(['ok', 'failed']);
  });

  it('rejects a bad sweep file with the path, the value and what is allowed; exit 2, no stack, no output', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, 'scenario: tiny\nreplicats: 2\ndesign: latin\n');
    const out = path.join(tmp, 'never');
    const done = await glocal(['sweep', bad, '--out', out]);
    expect(done.code, done.stderr).toBe(2);
    expect(done.stderr).toMatch(/bad\.yaml: invalid sweep/);
    expect(done.stderr).toMatch(/replicats: unknown key 'replicats' \(did you mean 'replicates'\?\)/);
    expect(done.stderr).toMatch(/design: "latin" is not allowed; allowed values: "grid", "random", "lhs", "sobol", "morris"/);
    expect(done.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });
});
