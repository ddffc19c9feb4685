// The fast validation cases (issue 7) inside npm test: each must pass, and a failure prints the case's table row.
// The slow cases (many seeds, sweeps) run only in `npm run validate`.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES } from '../../validation/cases.js';
import type { CheckRow } from '../../validation/types.js';

const fast = CASES.filter((c) => c.speed === 'fast');

function describeRow(r: CheckRow): string {
  return `${r.label}: expected ${r.expected}, got ${r.got} (tolerance ${r.tolerance})${r.miss ? `: ${r.miss}` : ''}`;
}

describe('fast validation cases', () => {
  it('the registry holds the issue\'s seven cases, each with a source and at least one scenario', () => {
    expect(CASES.map((c) => c.number).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const c of CASES) {
      expect(c.source.length, c.id).toBeGreaterThan(10);
      expect(c.scenarios.length, c.id).toBeGreaterThan(0);
    }
  });

  it.each(fast.map((c) => [`${c.number} ${c.id}`, c] as const))('case %s passes', async (_name, c) => {
    const workDir = mkdtempSync(join(tmpdir(), `glocal-validation-${c.id}-`));
    try {
      const result = await c.run({ workDir, jobs: 1, log: () => {} });
      expect(result.rows.length).toBeGreaterThan(0);
      const failing = result.rows.filter((r) => !r.pass).map(describeRow);
      expect(failing, `case ${c.number} ${c.id}`).toEqual([]);
      for (const chart of result.charts) expect(chart.svg.startsWith('<svg'), chart.file).toBe(true);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
