// Content hashes for sweeps: run ids from (glocal version, resolved scenario, seed) and seeds derived from the sweep seed.
// A run id names what a run computes, so a re-run or another shard recognises a finished run by its folder name.
import { createHash } from 'node:crypto';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The run id: first 16 hex digits of sha256(version, resolved scenario, seed), the engine's runIdOf formula (so a
 * run folder's name is the run_id in its tables). `scenarioJson` is canonicalJson of the resolved scenario;
 * hashing JSON already made lets the planner encode each design point once for all its replicates.
 */
export function runIdFor(version: string, scenarioJson: string, seed: number): string {
  return sha256Hex(`${version}\n${scenarioJson}\n${seed}`).slice(0, 16);
}

/**
 * A seed in [0, 2^31) derived from the sweep seed and a key path (e.g. 'replicate', 3). Hash-derived rather than
 * seed + i, so neighbouring sweep seeds do not share most of their run seeds.
 */
export function deriveSeed(sweepSeed: number, ...keys: (string | number)[]): number {
  const hex = sha256Hex(`glocal-sweep\n${sweepSeed}\n${keys.join('\n')}`);
  return Number.parseInt(hex.slice(0, 8), 16) >>> 1;
}

/** A short fingerprint of a list of run ids: two plans with the same fingerprint run the same runs. */
export function planFingerprint(runIds: readonly string[]): string {
  return sha256Hex(runIds.join('\n')).slice(0, 16);
}
