// Shared by the checkpoint tests: tiny runs into temp folders and byte comparison of their Arrow tables.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runScenario, type RunOptions } from '../../engine/index.js';
import { tempDir } from '../helpers/engine.js';

/** tiny with a firms table every 5 ticks, so every output table (and its batches) is exercised. */
export const SETS = { 'output.firmsEvery': 5, 'output.batchTicks': 4 };

export function tiny(sets: Record<string, unknown> = {}) {
  return loadScenario('tiny', { sets: { ...SETS, ...sets } });
}

export async function run(dir: string, opts: Omit<RunOptions, 'outDir'> & { sets?: Record<string, unknown> } = {}): Promise<string> {
  const { scenario, file } = tiny(opts.sets);
  await runScenario(scenario, { seed: 5, workers: 1, scenarioFile: file, ...opts, outDir: dir });
  return dir;
}

/** Every .arrow file of a run folder, by name. */
export function arrowFiles(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.arrow')).sort()) out[f] = readFileSync(join(dir, f));
  return out;
}

/** Tables that differ between two run folders (by name, or missing on one side): [] when every byte is equal. */
export function differingTables(a: string, b: string): string[] {
  const fa = arrowFiles(a);
  const fb = arrowFiles(b);
  const names = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  return names.filter((n) => !fa[n] || !fb[n] || !fa[n]!.equals(fb[n]!));
}

export { tempDir };
