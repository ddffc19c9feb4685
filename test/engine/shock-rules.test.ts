// Rules of the model's response to shocks: a knocked-out firm plans nothing (it neither hires to rebuild the
// stock it lost nor keeps idle staff).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { createWorld } from '../../engine/state/create.js';
import { createStepper, endTick, runKernel, tickPhases } from '../../engine/sim/step.js';

describe('knocked-out firms', () => {
  it('plan no output and do not hire while their plant is down; their staff falls at the lay-off limit', () => {
    const tiny = loadScenario('tiny').scenario;
    const knockout = { kind: 'firm-knockout', region: 'town', sector: 'food', share: 1, start: 5, duration: 6 };
    const scenario = { ...tiny, shocks: [knockout as (typeof tiny.shocks)[number]] };
    const w = createWorld(scenario, 1);
    const st = createStepper(w);
    const f = w.firms;
    const unemployment = new Float64Array(w.R).fill(0.05);
    const town = scenario.regions.findIndex((r) => r.name === 'town');
    const food = scenario.sectors.findIndex((s) => s.name === 'food');
    // Knocked-out rows (entrants may open beside them when the region's food demand goes unmet).
    const down = (i: number) => f.alive[i] !== 0 && f.region[i] === town && f.sector[i] === food && f.downUntil[i]! >= w.tick;
    let checked = 0;
    for (let t = 0; t < 11; t++) {
      const before = f.workers.slice();
      for (const kernel of tickPhases(w, st)) {
        runKernel(w, st, kernel);
        if (kernel !== 'plan' || t < 5) continue;
        for (let i = 0; i < f.rows; i++) {
          if (!down(i)) continue;
          expect(f.plannedOutput[i]).toBe(0);
          // No hiring, and lay-offs of at most maxFireShare of staff (rounded up) per tick.
          expect(f.targetWorkers[i]).toBeLessThanOrEqual(before[i]!);
          expect(f.targetWorkers[i]).toBeGreaterThanOrEqual(before[i]! - Math.ceil(scenario.firms.maxFireShare * before[i]!));
          if (before[i]! > 0) expect(f.targetWorkers[i]).toBeLessThan(before[i]!);
          checked++;
        }
      }
      endTick(w, unemployment);
    }
    expect(checked).toBeGreaterThan(10);
  });
});
