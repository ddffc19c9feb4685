// Which slice of a sweep this process runs: --shard i/n, a Slurm job array, or a Kubernetes Indexed Job.
// Shards are numbered from 0 (as Slurm and Kubernetes number their tasks) and split runs round-robin.
import { UserError } from '../engine/model/errors.js';

export interface Shard {
  index: number;
  count: number;
  /** Where the shard came from, for messages: '--shard', 'slurm', 'kubernetes' or 'none'. */
  source: 'flag' | 'slurm' | 'kubernetes' | 'none';
}

export const WHOLE_SWEEP: Shard = Object.freeze({ index: 0, count: 1, source: 'none' });

/** Parses `i/n` (0 <= i < n). */
export function parseShardFlag(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UserError(`--shard expects i/n with whole numbers (e.g. 0/4), got '${text}'`);
  return checked(Number(m[1]), Number(m[2]), 'flag', `--shard ${text}`);
}

function checked(index: number, count: number, source: Shard['source'], what: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1) throw new UserError(`${what}: the shard count must be >= 1, got ${count}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new UserError(`${what}: the shard index must be 0..${count - 1} (shards are numbered from 0), got ${index}`);
  }
  return { index, count, source };
}

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^\s*\d+\s*$/.test(text)) throw new UserError(`environment variable ${name} must be a whole number, got '${text}'`);
  return Number(text);
}

/**
 * The shard to run. Precedence: --shard, then a Slurm array (SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN, of
 * SLURM_ARRAY_TASK_COUNT), then a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, of --shard-count or
 * GLOCAL_SHARD_COUNT). Without any of these, the whole sweep.
 */
export function resolveShard(opts: { flag?: string; shardCount?: number; env?: NodeJS.ProcessEnv }): Shard {
  const env = opts.env ?? process.env;
  if (opts.flag !== undefined) return parseShardFlag(opts.flag);
  const slurmId = envInt(env, 'SLURM_ARRAY_TASK_ID');
  if (slurmId !== undefined) {
    const count = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
    if (count === undefined) throw new UserError('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not');
    const min = envInt(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    return checked(slurmId - min, count, 'slurm', `Slurm array task ${slurmId} (min ${min}, count ${count})`);
  }
  const k8sIndex = envInt(env, 'JOB_COMPLETION_INDEX');
  if (k8sIndex !== undefined) {
    const count = opts.shardCount ?? envInt(env, 'GLOCAL_SHARD_COUNT');
    if (count === undefined) {
      throw new UserError('JOB_COMPLETION_INDEX is set: give the number of shards with --shard-count N or GLOCAL_SHARD_COUNT');
    }
    return checked(k8sIndex, count, 'kubernetes', `JOB_COMPLETION_INDEX=${k8sIndex} of ${count}`);
  }
  if (opts.shardCount !== undefined && opts.shardCount !== 1) {
    throw new UserError('--shard-count needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); otherwise use --shard i/n');
  }
  return WHOLE_SWEEP;
}

/** The items of this shard: every n-th item starting at i, so each shard gets a spread of the design. */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  if (shard.count === 1) return [...items];
  return items.filter((_, k) => k % shard.count === shard.index);
}

export function describeShard(shard: Shard): string {
  return shard.count === 1 ? 'whole sweep' : `shard ${shard.index}/${shard.count}${shard.source === 'flag' ? '' : ` (from ${shard.source})`}`;
}
