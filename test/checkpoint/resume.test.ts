// Resume is exact: a run checkpointed, stopped and resumed writes the same bytes as one that never stopped,
// whatever the worker counts before and after, and a finished run's last checkpoint extends to a longer run.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreCheckpoint } from '../../engine/index.js';
import { collectState } from '../../engine/checkpoint/state.js';
import { arrowFiles, differingTables, run, tempDir, tiny } from './helpers.js';

const TICKS = 30;
let root: string;
let reference: string;

beforeAll(async () => {
  root = tempDir('glocal-ck-');
  reference = await run(join(root, 'reference'), { ticks: TICKS });
});

describe('checkpoint and resume', () => {
  it('writes tick folders atomically and resumes to byte-identical tables', async () => {
    const ck = join(root, 'ck-a');
    // stop after 17 ticks: the newest checkpoint is tick 14, three ticks are lost and re-run
    await run(join(root, 'part-a'), { ticks: 17, checkpoint: { every: 7, dir: ck } });
    expect(readdirSync(ck).sort()).toEqual(['tick-000007', 'tick-000014']);
    expect(readdirSync(join(ck, 'tick-000014')).sort()).toEqual(['checkpoint.json', 'rows', 'state.bin']);
    const resumed = await run(join(root, 'resumed-a'), { ticks: TICKS, checkpoint: { resumeFrom: ck } });
    expect(Object.keys(arrowFiles(resumed))).toEqual(expect.arrayContaining(['firms.arrow', 'flows.arrow', 'regions.arrow', 'sectors.arrow', 'transactions.arrow']));
    expect(differingTables(reference, resumed)).toEqual([]);
  });

  it('is exact with 2 step workers before the checkpoint and 1 after, and the other way round', async () => {
    const ck1 = join(root, 'ck-w21');
    await run(join(root, 'part-w2'), { ticks: 12, workers: 2, checkpoint: { every: 5, dir: ck1 } });
    expect(differingTables(reference, await run(join(root, 'resumed-w1'), { ticks: TICKS, workers: 1, checkpoint: { resumeFrom: ck1 } }))).toEqual([]);
    const ck2 = join(root, 'ck-w12');
    await run(join(root, 'part-w1'), { ticks: 12, workers: 1, checkpoint: { every: 5, dir: ck2 } });
    expect(differingTables(reference, await run(join(root, 'resumed-w2'), { ticks: TICKS, workers: 2, checkpoint: { resumeFrom: ck2 } }))).toEqual([]);
  });

  it('keeps checkpointing after a resume, and the chain of rows still gives the whole output', async () => {
    const ck = join(root, 'ck-chain');
    await run(join(root, 'part-c1'), { ticks: 9, checkpoint: { every: 4, dir: ck } });
    await run(join(root, 'part-c2'), { ticks: 19, checkpoint: { every: 4, dir: ck, resumeFrom: ck } });
    expect(readdirSync(ck).filter((n) => n.startsWith('tick-')).sort()).toEqual(['tick-000004', 'tick-000008', 'tick-000012', 'tick-000016']);
    expect(differingTables(reference, await run(join(root, 'resumed-c'), { ticks: TICKS, checkpoint: { resumeFrom: join(ck, 'tick-000016') } }))).toEqual([]);
  });

  it("extends a finished run from its last checkpoint to more ticks", async () => {
    const ck = join(root, 'ck-extend');
    await run(join(root, 'short'), { ticks: 20, checkpoint: { every: 10, dir: ck } });
    expect(existsSync(join(ck, 'tick-000020', 'checkpoint.json'))).toBe(true);
    expect(differingTables(reference, await run(join(root, 'extended'), { ticks: TICKS, checkpoint: { resumeFrom: ck } }))).toEqual([]);
  });

  it('restores every saved array and number exactly', async () => {
    const ck = join(root, 'ck-state');
    await run(join(root, 'part-s'), { ticks: 6, checkpoint: { every: 6, dir: ck } });
    const { scenario } = tiny();
    const a = restoreCheckpoint(ck, { scenario });
    const b = restoreCheckpoint(ck, { scenario });
    expect(a.world.tick).toBe(6);
    const sa = collectState(a.world, a.stepper);
    const sb = collectState(b.world, b.stepper);
    expect(sa.arrays.size).toBeGreaterThan(100);
    for (const key of ['world.firms.cash', 'world.households.employer', 'world.shipments.status', 'stepper.free.slots', 'world.routes.km', 'world.closed']) {
      expect(sa.arrays.has(key), key).toBe(true);
    }
    for (const [k, v] of sa.arrays) expect(Buffer.from(v.buffer, v.byteOffset, v.byteLength).equals(Buffer.from(sb.arrays.get(k)!.buffer, sb.arrays.get(k)!.byteOffset, v.byteLength)), k).toBe(true);
    expect(sa.scalars).toEqual(sb.scalars);
    expect(sa.scalars['world.tick']).toBe(6);
  });
});
