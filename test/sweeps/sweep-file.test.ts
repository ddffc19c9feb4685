import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../engine/model/errors.js';
import { parseSweep, readSweepFile, steppedLevels, SweepFileError } from '../../sweeps/sweep-file.js';

function problems(raw: unknown): string[] {
  try {
    parseSweep(raw, 'bad.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(SweepFileError);
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^bad\.yaml: invalid sweep/);
    return (err as SweepFileError).problems;
  }
  throw new Error('expected the sweep to be rejected');
}

describe('sweep file errors', () => {
  it('name the path, the value and what is allowed', () => {
    expect(problems({ scenario: 'tiny', replicats: 3 })).toEqual([
      expect.stringMatching(/^replicats: unknown key 'replicats' \(did you mean 'replicates'\?\); allowed keys: .*replicates/),
    ]);
    expect(problems({ scenario: 'tiny', design: 'latin' })[0]).toMatch(/^design: "latin" is not allowed; allowed values: "grid", "random", "lhs", "sobol", "morris"/);
    expect(problems({ scenario: 'tiny', design: { kind: 'lhs', sample: 9 } })[0]).toMatch(/^design\.sample: unknown key 'sample' \(did you mean 'samples'\?\)/);
    expect(problems({ scenario: 'tiny', replicates: 0 })[0]).toMatch(/^replicates: 0 is too small \(minimum 1\)/);
    expect(problems({ scenario: 'tiny', metrics: ['co2'] })[0]).toMatch(/^metrics\[0\]: "co2" is not allowed; allowed values: .*"total_freight_co2e_kg"/);
    expect(problems({ replicates: 2 })[0]).toMatch(/^scenario: required field is missing/);
  });

  it('explain the forms a parameter may take', () => {
    expect(problems({ scenario: 'tiny', parameters: { 'policy.tariff': 5 } })[0]).toMatch(
      /^parameters\.policy\.tariff: 5 is not allowed; allowed: a list of levels .*a range .*text/,
    );
    expect(problems({ scenario: 'tiny', parameters: { 'policy.tariff': { min: 0, maxx: 1 } } })).toEqual([
      expect.stringMatching(/^parameters\.policy\.tariff\.max: required field is missing/),
      expect.stringMatching(/^parameters\.policy\.tariff\.maxx: unknown key 'maxx' \(did you mean 'max'\?\)/),
    ]);
    expect(problems({ scenario: 'tiny', parameters: { x: '0:a' } })[0]).toMatch(/^parameters\.x: '0:a' is not a range/);
    expect(problems({ scenario: 'tiny', parameters: { x: '3:1:1' } })[0]).toMatch(/min 3 is above max 1/);
  });

  it('check that parameters fit the design', () => {
    expect(problems({ scenario: 'tiny', parameters: { x: '0:1' } })[0]).toMatch(/a grid needs levels: write min:max:step/);
    expect(problems({ scenario: 'tiny', design: 'lhs', parameters: { x: '0:1:0.5' } })[0]).toMatch(/a 'lhs' design samples the whole range/);
    expect(problems({ scenario: 'tiny', design: { kind: 'morris', samples: 3 }, parameters: { x: '0:1' } })[0]).toMatch(/morris takes 'trajectories'/);
    expect(problems({ scenario: 'tiny', design: 'sobol' })[0]).toMatch(/needs at least one parameter/);
  });
});

describe('sweep files', () => {
  it('read the --vary text forms and fill defaults', () => {
    const def = parseSweep(
      { scenario: 'tiny', parameters: { a: '0:200:50', b: '0,0.5,x', c: [true, false], d: { min: 1, max: 3, steps: 3 } } },
      'dir/my-sweep.yaml',
    );
    expect(def.name).toBe('my-sweep');
    expect(def.seed).toBe(1);
    expect(def.replicates).toBe(1);
    expect(def.design).toEqual({ kind: 'grid' });
    expect(def.metrics).toContain('mean_employment_rate');
    expect(def.parameters).toEqual([
      { path: 'a', kind: 'range', min: 0, max: 200, step: 50, integer: false, log: false },
      { path: 'b', kind: 'levels', values: [0, 0.5, 'x'] },
      { path: 'c', kind: 'levels', values: [true, false] },
      { path: 'd', kind: 'range', min: 1, max: 3, steps: 3, integer: false, log: false },
    ]);
  });

  it('expand steps without floating-point drift', () => {
    expect(steppedLevels({ path: 'x', kind: 'range', min: 0, max: 0.3, step: 0.1, integer: false, log: false })).toEqual([0, 0.1, 0.2, 0.3]);
    expect(steppedLevels({ path: 'x', kind: 'range', min: 0, max: 200, step: 50, integer: false, log: false })).toEqual([0, 50, 100, 150, 200]);
  });

  it('report a YAML syntax error with the file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-sweepfile-'));
    const file = path.join(dir, 's.yaml');
    fs.writeFileSync(file, 'scenario: tiny\nparameters: [unclosed\n');
    expect(() => readSweepFile(file)).toThrow(/s\.yaml: invalid sweep\n {2}- cannot parse YAML/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
