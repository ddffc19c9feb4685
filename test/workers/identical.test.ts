// Every shipped scenario, run briefly with 1, 2, 3, 4 and 8 step workers, writes byte-identical Arrow files.
// The run is the real one (runScenario); workers start under vitest through the tsx bootstrap (workers/entry.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBuiltinScenarios, loadScenario, runScenario } from '../../engine/index.js';

const TICKS = 6;
const COUNTS = [2, 3, 4, 8];

/**
 * Brief versions: shocks are moved into the first ticks (so closures and reopenings happen), and `large` is shrunk
 * (its million households take minutes per tick on a shared 2-core machine; its full size is a benchmark).
 */
function briefSets(name: string, shocks: number): string[] {
  const sets: string[] = [];
  for (let k = 0; k < shocks; k++) sets.push(`shocks.${k}.start=${1 + k}`, `shocks.${k}.duration=2`);
  if (name === 'large') sets.push('households.count=30000', 'firms.count=1500', 'transport.carriers.count=150');
  return sets;
}

const root = mkdtempSync(join(tmpdir(), 'glocal-identical-'));
// Every kernel on the pool, even where the firm table is small enough for the main thread alone (the default).
const minRows = process.env.GLOCAL_MIN_PARALLEL_FIRM_ROWS;
beforeAll(() => void (process.env.GLOCAL_MIN_PARALLEL_FIRM_ROWS = '0'));
afterAll(() => {
  if (minRows === undefined) delete process.env.GLOCAL_MIN_PARALLEL_FIRM_ROWS;
  else process.env.GLOCAL_MIN_PARALLEL_FIRM_ROWS = minRows;
  rmSync(root, { recursive: true, force: true });
});

function arrowFiles(dir: string): Map<string, Buffer> {
  const names = readdirSync(dir).filter((f) => f.endsWith('.arrow')).sort();
  return new Map(names.map((f) => [f, readFileSync(join(dir, f))]));
}

describe('output does not depend on the number of step workers', () => {
  for (const { name } of listBuiltinScenarios()) {
    it(`${name}: --workers 1, 2, 3, 4, 8 write identical .arrow files`, async () => {
      const base = loadScenario(name);
      const { scenario, file } = loadScenario(name, { sets: briefSets(name, base.scenario.shocks.length) });
      const run = async (workers: number) => {
        const outDir = join(root, `${name}-w${workers}`);
        await runScenario(scenario, { ticks: TICKS, outDir, workers, scenarioFile: file });
        return arrowFiles(outDir);
      };
      const reference = await run(1);
      expect(reference.size).toBeGreaterThanOrEqual(4);
      for (const workers of COUNTS) {
        const files = await run(workers);
        expect([...files.keys()], `${name} with ${workers} workers`).toEqual([...reference.keys()]);
        for (const [f, bytes] of reference) {
          expect(files.get(f)!.equals(bytes), `${name}: ${f} differs between 1 and ${workers} workers`).toBe(true);
        }
      }
    });
  }
});
