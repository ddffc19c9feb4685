// The validation table and report: failing checks say by how much, charts land beside docs/validation.md.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relativeCheck, absoluteCheck } from '../../validation/checks.js';
import { consoleTable, writeReport } from '../../validation/report.js';
import { keynesianMultiplier } from '../../validation/cases/multiplier.js';
import { icebergForPhi } from '../../validation/cases/core-periphery.js';
import type { CaseOutcome } from '../../validation/suite.js';
import type { ValidationCase } from '../../validation/types.js';

const fakeCase = (id: string, number: number): ValidationCase => ({
  id, number, title: `Case ${id}`, scenarios: [`${id}.yaml`], source: 'A published source', speed: 'fast', method: 'How it maps.',
  run: async () => ({ rows: [], charts: [], notes: [] }),
});

describe('validation checks', () => {
  it('a relative check passes inside the tolerance and says how far off it is outside', () => {
    expect(relativeCheck('k', 1.667, 1.7, 0.05).pass).toBe(true);
    const miss = relativeCheck('k', 1.667, 1.8, 0.05);
    expect(miss.pass).toBe(false);
    expect(miss.miss).toMatch(/\+8\.0% off, tolerance ±5\.0%/);
    expect(absoluteCheck('kg', 508.15, 508.2, 0.01, 2).miss).toMatch(/off by 0\.05/);
  });

  it('the published formulas: the textbook multiplier and trade freeness', () => {
    expect(keynesianMultiplier(0.8, 0.3, 0.2)).toBeCloseTo(1.6667, 4);
    expect(keynesianMultiplier(0.8, 0.5, 0.2)).toBeCloseTo(1.3158, 4);
    const iceberg = icebergForPhi(0.5, 475, 5);
    expect(Math.pow(1 - (iceberg * 475) / 1000, 4)).toBeCloseTo(0.5, 10);
  });
});

describe('validation report', () => {
  it('writes the table with pass and FAIL rows, each case section, and every chart file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glocal-validation-report-'));
    try {
      const outcomes: CaseOutcome[] = [
        { case: fakeCase('good', 1), seconds: 1, result: { rows: [relativeCheck('ok value', 2, 2.01, 0.05)], notes: ['a note'], charts: [{ file: 'good.svg', caption: 'A chart', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }] } },
        { case: fakeCase('bad', 2), seconds: 1, result: { rows: [relativeCheck('bad value', 2, 3, 0.05)], notes: [], charts: [] } },
        { case: fakeCase('broken', 3), seconds: 0, error: 'Error: boom\n  at somewhere' },
      ];
      const file = writeReport(outcomes, dir, 'npm run validate');
      const md = readFileSync(file, 'utf8');
      expect(md).toContain('**1 of 3 cases pass.**');
      expect(md).toMatch(/\| 1\. good \| ok value \| 2\.000 \| 2\.010 \(\+0\.5%\) \| ±5\.0% \| pass \| A published source \|/);
      expect(md).toMatch(/\| 2\. bad \| bad value .*FAIL: \+50\.0% off, tolerance ±5\.0%/);
      expect(md).toMatch(/3\. broken \| case could not run .*FAIL: Error: boom/);
      expect(md).toContain('![A chart](validation/good.svg)');
      expect(existsSync(join(dir, 'validation', 'good.svg'))).toBe(true);
      expect(consoleTable(outcomes)).toContain('1 of 3 cases pass');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
