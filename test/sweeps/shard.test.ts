import { describe, expect, it } from 'vitest';
import { parseShardFlag, resolveShard, shardSlice } from '../../sweeps/shard.js';

describe('shards', () => {
  it('parse i/n numbered from 0 and reject what is out of range', () => {
    expect(parseShardFlag('2/4')).toMatchObject({ index: 2, count: 4 });
    expect(() => parseShardFlag('4/4')).toThrow(/0\.\.3 \(shards are numbered from 0\)/);
    expect(() => parseShardFlag('1/0')).toThrow(/count must be >= 1/);
    expect(() => parseShardFlag('one/4')).toThrow(/expects i\/n/);
  });

  it('come from a Slurm job array, counting from SLURM_ARRAY_TASK_MIN', () => {
    const env = { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_COUNT: '4' };
    expect(resolveShard({ env })).toMatchObject({ index: 2, count: 4, source: 'slurm' });
    expect(resolveShard({ env: { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3' } })).toMatchObject({ index: 0, count: 3 });
    expect(() => resolveShard({ env: { SLURM_ARRAY_TASK_ID: '0' } })).toThrow(/SLURM_ARRAY_TASK_COUNT/);
  });

  it('come from a Kubernetes Indexed Job with a given count', () => {
    expect(resolveShard({ env: { JOB_COMPLETION_INDEX: '1' }, shardCount: 3 })).toMatchObject({ index: 1, count: 3, source: 'kubernetes' });
    expect(resolveShard({ env: { JOB_COMPLETION_INDEX: '1', GLOCAL_SHARD_COUNT: '2' } })).toMatchObject({ index: 1, count: 2 });
    expect(() => resolveShard({ env: { JOB_COMPLETION_INDEX: '1' } })).toThrow(/--shard-count/);
    expect(() => resolveShard({ env: { JOB_COMPLETION_INDEX: '3' }, shardCount: 3 })).toThrow(/0\.\.2/);
  });

  it('take --shard over the environment, and default to the whole sweep', () => {
    expect(resolveShard({ flag: '0/2', env: { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' } })).toMatchObject({ index: 0, source: 'flag' });
    expect(resolveShard({ env: {} })).toMatchObject({ index: 0, count: 1 });
  });

  it('split items so every item is in exactly one shard', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const parts = [0, 1, 2, 3].map((index) => shardSlice(items, { index, count: 4, source: 'flag' }));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(items);
    expect(parts.map((p) => p.length)).toEqual([6, 6, 6, 5]);
  });
});
