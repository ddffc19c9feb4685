// Test helpers for the engine: run a scenario into a temp folder and read its tables back.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, runScenario } from '../../engine/index.js';
import { readArrowTable, type LoadedTable } from '../../analysis/load.js';

export function tempDir(prefix = 'glocal-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runTo(name: string, sets: Record<string, unknown> = {}, opts: { seed?: number; ticks?: number } = {}): Promise<string> {
  const { scenario, file } = loadScenario(name, { sets });
  const out = join(tempDir(), 'run');
  await runScenario(scenario, { seed: opts.seed, ticks: opts.ticks, outDir: out, scenarioFile: file });
  return out;
}

export function table(dir: string, name: string): LoadedTable {
  return readArrowTable(join(dir, `${name}.arrow`));
}

export function num(t: LoadedTable, column: string): Float64Array {
  const c = t.columns[column];
  if (!c || Array.isArray(c)) throw new Error(`no numeric column ${column}`);
  return Float64Array.from(c as ArrayLike<number>);
}

export function str(t: LoadedTable, column: string): string[] {
  return t.columns[column] as string[];
}

/** Sum of `column` over rows where `where(row)` holds. */
export function sumWhere(t: LoadedTable, column: string, where: (row: number) => boolean): number {
  const values = num(t, column);
  let total = 0;
  for (let k = 0; k < t.rows; k++) if (where(k)) total += values[k]!;
  return total;
}

/** Bytes of every .arrow file in a run folder, by name. */
export function arrowBytes(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.arrow')).sort()) out[f] = readFileSync(join(dir, f));
  return out;
}
