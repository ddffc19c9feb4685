// DIR/sweep.json: the resolved plan, written atomically before any run and read back by re-runs and `sweep merge`.
// A folder holds one sweep: a re-run or shard with a different plan is refused instead of mixing two datasets.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../engine/model/errors.js';
import { writeFileShared } from './shared-write.js';
import { PLAN_FORMAT, type SweepPlan } from './plan.js';

export const PLAN_FILE = 'sweep.json';

/** Pretty header, one run per line: readable, and compact enough for 100,000 runs. */
export function formatPlan(plan: SweepPlan): string {
  const { runs, ...header } = plan;
  const head = JSON.stringify(header, null, 2);
  const lines = runs.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return `${head.slice(0, -2)},\n  "runs": [\n${lines}\n  ]\n}\n`;
}

export function readPlanFile(outDir: string): SweepPlan | undefined {
  const file = path.join(outDir, PLAN_FILE);
  if (!fs.existsSync(file)) return undefined;
  let plan: SweepPlan;
  try {
    plan = JSON.parse(fs.readFileSync(file, 'utf8')) as SweepPlan;
  } catch (err) {
    throw new UserError(`${file}: not a readable sweep plan (${(err as Error).message})`);
  }
  if (plan?.format !== PLAN_FORMAT || !Array.isArray(plan.runs)) {
    throw new UserError(`${file}: not a glocal sweep plan (expected format ${PLAN_FORMAT})`);
  }
  return plan;
}

/** Loads the plan of a sweep folder for `sweep merge`; a folder without one is a user error. */
export function loadPlanFile(outDir: string): SweepPlan {
  const plan = readPlanFile(outDir);
  if (!plan) throw new UserError(`${outDir}: no ${PLAN_FILE} here; is this a sweep output folder?`);
  return plan;
}

/** Writes sweep.json, or checks that the one already there describes the same runs. */
export function writePlanFile(outDir: string, plan: SweepPlan): void {
  fs.mkdirSync(outDir, { recursive: true });
  const existing = readPlanFile(outDir);
  const file = path.join(outDir, PLAN_FILE);
  if (existing && existing.fingerprint !== plan.fingerprint) {
    throw new UserError(
      `${outDir} holds a different sweep ('${existing.name}', ${existing.runs.length} runs; this one is '${plan.name}', ` +
        `${plan.runs.length} runs). Use another --out, or delete ${file} to start a new plan there: finished runs ` +
        `with the same run id (same version, scenario and seed) are then reused.`,
    );
  }
  const text = formatPlan(plan);
  if (existing && fs.readFileSync(file, 'utf8') === text) return;
  // shards on several machines may write this at once: the texts are equal, so the renames race harmlessly
  writeFileShared(file, text, { fsync: true });
}
