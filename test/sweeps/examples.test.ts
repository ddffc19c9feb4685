import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSweep } from '../../sweeps/plan.js';
import { readSweepFile } from '../../sweeps/sweep-file.js';

const dir = path.resolve(__dirname, '../../scenarios/sweeps');
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

// the run counts promised in each file's header comment
const expectedRuns: Record<string, number> = {
  'carbon-tax-grid.yaml': 125,
  'localization-sobol.yaml': 768,
  'port-closure-morris.yaml': 120,
  'tiny-lhs.yaml': 32,
};

describe('example sweep files', () => {
  it('are all listed here', () => {
    expect(files.sort()).toEqual(Object.keys(expectedRuns).sort());
  });

  for (const file of files) {
    it(`${file} plans the runs it promises, every one valid`, () => {
      const plan = planSweep(readSweepFile(path.join(dir, file)));
      expect(plan.runs).toHaveLength(expectedRuns[file]!);
      expect(plan.runs.filter((r) => r.invalid !== undefined)).toEqual([]);
    });
  }
});
