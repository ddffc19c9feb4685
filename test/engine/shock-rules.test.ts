// Two rules of the model's response to shocks: a knocked-out firm plans nothing (it neither hires to rebuild the
// stock it lost nor keeps idle staff), and a regional government with a borrowing limit pays benefits only out of
// its cash plus that limit.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { createWorld } from '../../engine/state/create.js';
import { createStepper, endTick, runKernel, tickPhases } from '../../engine/sim/step.js';
import { T, GOV } from '../../engine/sim/accumulators.js';

/**
 * Steps `ticks` ticks of a built world: `atStart(t)` runs as each tick begins (say, to copy a column) and
 * `afterPlan(t, copy)` right after that tick's plan kernel, with what `atStart` returned.
 */
function watchPlans<T>(
  k: { w: ReturnType<typeof createWorld>; st: ReturnType<typeof createStepper>; unemployment: Float64Array },
  ticks: number,
  atStart: (t: number) => T,
  afterPlan: (t: number, copy: T) => void,
): void {
  for (let t = 0; t < ticks; t++) {
    const copy = atStart(t);
    for (const kernel of tickPhases(k.w, k.st)) {
      runKernel(k.w, k.st, kernel);
      if (kernel === 'plan') afterPlan(t, copy);
    }
    endTick(k.w, k.unemployment);
  }
}

/** `tiny` (with `sets`) whose town food firms are all knocked out from `start` for `duration` ticks, built and ready to step. */
function knockedOutTiny(start: number, duration: number, sets: Record<string, unknown> = {}) {
  const tiny = loadScenario('tiny', { sets }).scenario;
  const knockout = { kind: 'firm-knockout', region: 'town', sector: 'food', share: 1, start, duration };
  const scenario = { ...tiny, shocks: [knockout as (typeof tiny.shocks)[number]] };
  const w = createWorld(scenario, 1);
  return { scenario, w, st: createStepper(w), f: w.firms, unemployment: new Float64Array(w.R).fill(0.05) };
}

describe('knocked-out firms', () => {
  it('plan no output and do not hire while their plant is down; their staff falls at the lay-off limit', () => {
    const world = knockedOutTiny(5, 6);
    const { scenario, w, f } = world;
    const town = scenario.regions.findIndex((r) => r.name === 'town');
    const food = scenario.sectors.findIndex((s) => s.name === 'food');
    // Knocked-out rows (entrants may open beside them when the region's food demand goes unmet).
    const down = (i: number) => f.alive[i] !== 0 && f.region[i] === town && f.sector[i] === food && f.downUntil[i]! >= w.tick;
    let checked = 0;
    watchPlans(world, 11, () => f.workers.slice(), (t, before) => {
      if (t < 5) return;
      for (let i = 0; i < f.rows; i++) {
        if (!down(i)) continue;
        expect(f.plannedOutput[i]).toBe(0);
        // No hiring, and lay-offs of at most maxFireShare of staff (rounded up) per tick.
        expect(f.targetWorkers[i]).toBeLessThanOrEqual(before[i]!);
        expect(f.targetWorkers[i]).toBeGreaterThanOrEqual(before[i]! - Math.ceil(scenario.firms.maxFireShare * before[i]!));
        if (before[i]! > 0) expect(f.targetWorkers[i]).toBeLessThan(before[i]!);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(10);
  });
});

describe('regional government borrowing limit', () => {
  // Benefits far above what taxes bring in: without a limit the governments' deficits grow without bound.
  const run = (limit: number | undefined) => {
    const sets: Record<string, unknown> = { 'policy.unemploymentBenefitCents': 200000 };
    if (limit !== undefined) sets['government.borrowingLimitTicksOfWages'] = limit;
    const { scenario } = loadScenario('tiny', { sets });
    const w = createWorld(scenario, 1);
    const st = createStepper(w);
    const unemployment = new Float64Array(w.R).fill(0.05);
    let worstExcess = -Infinity; // benefits paid in a tick less the funds the limit allows (cash + limit, all regions)
    let lowestCash = Infinity;
    for (let t = 0; t < 30; t++) {
      let funds = 0;
      for (const kernel of tickPhases(w, st)) {
        if (kernel === 'households') {
          for (let r = 0; r < w.R; r++) funds += Math.max(0, w.regions.govCash[r]! + (limit ?? 0) * w.regions.households[r]! * scenario.labour.baseWageCents);
        }
        runKernel(w, st, kernel);
      }
      worstExcess = Math.max(worstExcess, -w.acc.tfm[T.benefits + GOV]! - funds);
      for (let r = 0; r < w.R; r++) lowestCash = Math.min(lowestCash, w.regions.govCash[r]! / (w.regions.households[r]! * scenario.labour.baseWageCents));
      endTick(w, unemployment);
    }
    return { worstExcess, lowestCash };
  };

  it('benefits paid never exceed cash plus the limit, so the debt stays near the limit', () => {
    const limited = run(2);
    expect(limited.worstExcess).toBeLessThanOrEqual(0);
    // Other flows (firms' debts taken over at exit, entrants' capital) may take it a little further.
    expect(limited.lowestCash).toBeGreaterThan(-3);
  });

  it('without a limit the same benefits run the deficit far beyond it', () => {
    const unlimited = run(undefined);
    expect(unlimited.lowestCash).toBeLessThan(-3);
    const zero = run(0);
    expect(zero.worstExcess).toBeLessThanOrEqual(0);
  });
});

describe('surge capacity (firms.surgeCapacity)', () => {
  // Each firm's normal output is set to half its plan at the start, so that firms want to plan well above
  // (1 + surge) x normal and the limit binds; the plans of the first ticks are checked against it.
  const run = (surge: number | undefined) => {
    const sets: Record<string, unknown> = {};
    if (surge !== undefined) sets['firms.surgeCapacity'] = surge;
    const { scenario } = loadScenario('tiny', { sets });
    const w = createWorld(scenario, 1);
    const st = createStepper(w);
    const f = w.firms;
    for (let i = 0; i < f.rows; i++) f.normalOutput[i] = 0.5 * f.plannedOutput[i]!;
    const unemployment = new Float64Array(w.R).fill(0.05);
    let worst = -Infinity; // largest planned output over (1 + surge) x normal output before planning
    let atLimit = 0;
    watchPlans({ w, st, unemployment }, 4, () => f.normalOutput.slice(), (_t, normal) => {
      for (let i = 0; i < f.rows; i++) {
        if (f.alive[i] === 0 || f.downUntil[i]! >= w.tick || f.plannedOutput[i]! <= f.unitsPerWorker[i]!) continue;
        const limit = (1 + (surge ?? 0.25)) * normal[i]!;
        worst = Math.max(worst, f.plannedOutput[i]! / limit);
        if (Math.abs(f.plannedOutput[i]! - limit) < 1e-9 * limit) atLimit++;
      }
    });
    return { worst, atLimit, w };
  };

  it('a firm plans at most (1 + surge) x its normal output, and the limit binds when demand is far above normal', () => {
    const limited = run(0.25);
    expect(limited.worst).toBeLessThanOrEqual(1 + 1e-12);
    expect(limited.atLimit).toBeGreaterThan(5);
  });

  it('without the option the same firms plan above that limit (so the check above tests the rule)', () => {
    expect(run(undefined).worst).toBeGreaterThan(1.05);
  });

  it("normal output follows plans slowly and is frozen while a firm's plant is down", () => {
    const world = knockedOutTiny(3, 4, { 'firms.surgeCapacity': 0.25 });
    const { scenario, w, f } = world;
    const m = scenario.firms.normalOutputMemory;
    let frozen = 0;
    watchPlans(world, 8, () => f.normalOutput.slice(), (_t, normal) => {
      for (let i = 0; i < f.rows; i++) {
        if (f.alive[i] === 0) continue;
        if (f.downUntil[i]! >= w.tick) {
          expect(f.normalOutput[i]).toBe(normal[i]);
          frozen++;
        } else if (normal[i]! > 0) {
          expect(f.normalOutput[i]).toBeCloseTo(m * normal[i]! + (1 - m) * f.plannedOutput[i]!, 9);
        }
      }
    });
    expect(frozen).toBeGreaterThan(3);
  });
});
