// A checkpoint is never misread: another version, another engine layout, another scenario shape, a changed policy
// outside a fork, damaged state or a folder of another run are refused with a message that says what differs.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUserError, restoreCheckpoint, GLOCAL_VERSION } from '../../engine/index.js';
import { run, tempDir, tiny } from './helpers.js';

const repo = join(import.meta.dirname, '..', '..');
let root: string;
let ck: string;

beforeAll(async () => {
  root = tempDir('glocal-refuse-');
  ck = join(root, 'ck');
  await run(join(root, 'run'), { ticks: 6, checkpoint: { every: 3, dir: ck } });
});

/** A copy of the checkpoints with tick 6's manifest edited; returns the tick-6 folder. */
function edited(name: string, edit: (m: Record<string, unknown>) => void): string {
  cpSync(ck, join(root, name), { recursive: true }); // the whole folder: tick 6 needs tick 3's rows too
  const dir = join(root, name, 'tick-000006');
  const file = join(dir, 'checkpoint.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(m);
  writeFileSync(file, JSON.stringify(m));
  return dir;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(isUserError(err), String(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('checkpoint refusals', () => {
  it('accepts its own checkpoint, and a fork that changes only policy', () => {
    expect(restoreCheckpoint(ck).world.tick).toBe(6);
    const { scenario } = tiny({ 'policy.carbonTaxPerTonne': 80 });
    expect(restoreCheckpoint(ck, { scenario, fork: true }).world.scenario.policy.carbonTaxPerTonne).toBe(80);
  });

  it('refuses a checkpoint written by another glocal version', () => {
    const dir = edited('old-version', (m) => (m.glocalVersion = '0.0.1'));
    expect(refusal(() => restoreCheckpoint(dir))).toMatch(new RegExp(`written by glocal 0\\.0\\.1, this is glocal ${GLOCAL_VERSION.replace(/\./g, '\\.')}`));
  });

  it('refuses a scenario of another shape, even in a fork, naming the fields', () => {
    const { scenario } = tiny({ 'households.count': 1500 });
    expect(refusal(() => restoreCheckpoint(ck, { scenario, fork: true }))).toMatch(/another shape.*households\.count/);
    const grid = tiny({ 'grid.width': 50 }).scenario;
    expect(refusal(() => restoreCheckpoint(ck, { scenario: grid }))).toMatch(/grid\.width/);
  });

  it('refuses a changed policy outside a fork, and another seed', () => {
    const { scenario } = tiny({ 'policy.tariff': 0.1 });
    expect(refusal(() => restoreCheckpoint(ck, { scenario }))).toMatch(/policy\.tariff.*fork/);
    expect(refusal(() => restoreCheckpoint(ck, { seed: 6 }))).toMatch(/seed 5.*seed 6/);
  });

  it('refuses state that does not fit this engine (another layout), and damaged state', () => {
    const dir = edited('layout', (m) => {
      const arrays = m.arrays as { path: string }[];
      arrays.find((a) => a.path === 'world.firms.cash')!.path = 'world.firms.savings';
    });
    expect(refusal(() => restoreCheckpoint(dir))).toMatch(/does not fit this engine.*world\.firms\.cash.*world\.firms\.savings/);
    const damaged = edited('damaged', () => {});
    const bytes = readFileSync(join(damaged, 'state.bin'));
    bytes[100] ^= 1;
    writeFileSync(join(damaged, 'state.bin'), bytes);
    expect(refusal(() => restoreCheckpoint(damaged))).toMatch(/damaged/);
  });

  it('refuses a folder without checkpoints, and a fresh run into another run\'s checkpoints', async () => {
    expect(refusal(() => restoreCheckpoint(root))).toMatch(/no complete checkpoint/);
    const alone = join(root, 'alone');
    cpSync(join(ck, 'tick-000006'), alone, { recursive: true }); // without tick 3, whose rows it needs
    expect(refusal(() => restoreCheckpoint(alone))).toMatch(/needs the output rows of ticks 0\.\.2/);
    const other = run(join(root, 'other'), { ticks: 3, sets: { 'policy.tariff': 0.2 }, checkpoint: { every: 3, dir: ck } });
    await expect(other).rejects.toThrow(/holds checkpoints of another run/);
  });

  it('glocal run --resume exits 2 with the reason when asked to change the scenario', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'run', '--resume', ck, '--set', 'policy.tariff=0.1'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--resume continues the checkpoint's own scenario \('tiny'\) and seed \(5\)/);
  });
});
