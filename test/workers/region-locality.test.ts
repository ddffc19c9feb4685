// Region-parallel kernels rely on one contract: the households of region r write only region r's firms. This checks
// the case that broke it: an employer's row that closed and reopened as an entrant in another region.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { createWorld } from '../../engine/state/create.js';
import { createStepper, prepareLabourMarket } from '../../engine/sim/step.js';
import { householdsPhase } from '../../engine/systems/households.js';

describe('households write only their own region\'s firms', () => {
  it('a household whose employer row now sits in another region loses the job; that firm is neither paid from nor counted', () => {
    const { scenario } = loadScenario('tiny');
    const w = createWorld(scenario, scenario.seed);
    const st = createStepper(w);
    const h = w.households;
    const f = w.firms;
    const i = w.regions.householdStart[0]!;
    const e = h.employer[i]!;
    expect(e).toBeGreaterThanOrEqual(0);
    expect(f.region[e]).toBe(0);
    // The row reopened in region 1 (as settle's entry does with a closed row), with a fresh staff count.
    f.region[e] = 1;
    f.workers[e] = 0;
    f.targetWorkers[e] = 5;
    const cashBefore = f.cash[e]!;
    prepareLabourMarket(w, st.labour);
    householdsPhase(w, st.labour, st.retail, 0, 1);
    expect(h.employer[i] === e).toBe(false);
    expect(f.cash[e]).toBe(cashBefore);
    expect(f.workers[e]).toBe(0);
  });
});
