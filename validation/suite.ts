// Runs validation cases one after another, each in its own scratch folder, and keeps going when one throws.
// The table (console) and the report (docs/validation.md) are built from what this returns.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CASES } from './cases.js';
import type { CaseResult, ValidationCase } from './types.js';

export interface SuiteOptions {
  /** Case ids or numbers; all cases when empty. */
  only?: string[];
  /** Skip the slow cases. */
  fastOnly?: boolean;
  jobs?: number;
  /** Keep the runs here instead of a temporary folder that is removed at the end. */
  keepDir?: string;
  log?: (message: string) => void;
}

export interface CaseOutcome {
  case: ValidationCase;
  result?: CaseResult;
  /** Set when the case could not produce a result (a crash is a failure, with its message). */
  error?: string;
  seconds: number;
}

export function selectCases(opts: Pick<SuiteOptions, 'only' | 'fastOnly'>): ValidationCase[] {
  const wanted = (opts.only ?? []).map(String);
  return CASES.filter((c) => (wanted.length === 0 || wanted.includes(c.id) || wanted.includes(String(c.number))) && (!opts.fastOnly || c.speed === 'fast'));
}

export function passed(o: CaseOutcome): boolean {
  return o.error === undefined && !!o.result && o.result.rows.every((r) => r.pass);
}

export async function runSuite(opts: SuiteOptions = {}): Promise<CaseOutcome[]> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const root = opts.keepDir ?? mkdtempSync(join(tmpdir(), 'glocal-validate-'));
  const outcomes: CaseOutcome[] = [];
  try {
    for (const c of selectCases(opts)) {
      const workDir = join(root, c.id);
      mkdirSync(workDir, { recursive: true });
      const started = performance.now();
      log(`case ${c.number} ${c.id}: running`);
      try {
        const result = await c.run({ workDir, jobs: opts.jobs ?? 2, log: (m) => log(`  ${c.id}: ${m}`) });
        outcomes.push({ case: c, result, seconds: (performance.now() - started) / 1000 });
      } catch (err) {
        outcomes.push({ case: c, error: err instanceof Error ? (err.stack ?? err.message) : String(err), seconds: (performance.now() - started) / 1000 });
      }
      const last = outcomes[outcomes.length - 1]!;
      log(`case ${c.number} ${c.id}: ${passed(last) ? 'pass' : 'FAIL'} in ${last.seconds.toFixed(1)} s`);
    }
  } finally {
    if (!opts.keepDir) rmSync(root, { recursive: true, force: true });
  }
  return outcomes;
}
