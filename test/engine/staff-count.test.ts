// Every job is counted once: at the end of each tick, the households holding a job at a firm row are exactly that
// row's `workers`. The case that broke it: a closed firm's row reopened as an entrant in the same region while its
// old staff still held their jobs there (the entrant started at 0 workers, so they were paid but not counted).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { createWorld } from '../../engine/state/create.js';
import { createStepper, step, endTick } from '../../engine/sim/step.js';

describe('staff counts', () => {
  it('households employed at each row equal its workers, every tick, through exits and entries', () => {
    const tiny = loadScenario('tiny').scenario;
    // Every services firm of a region knocked out: its households' demand goes unmet, so entrants open (some in
    // rows of firms that exit: they pay wages and fixed costs with no output).
    const knockout = { kind: 'firm-knockout', region: tiny.regions[0]!.name, sector: 'services', share: 1, start: 10, duration: 30 };
    const scenario = { ...tiny, shocks: [...tiny.shocks, knockout as (typeof tiny.shocks)[number]] };
    const w = createWorld(scenario, scenario.seed);
    const st = createStepper(w);
    const h = w.households;
    const f = w.firms;
    const staff = new Int32Array(f.rows);
    const unemployment = new Float64Array(w.R).fill(0.05);
    let entries = 0;
    for (let t = 0; t < 150; t++) {
      const ids = f.id.slice();
      step(w, st);
      for (let i = 0; i < f.rows; i++) if (f.alive[i] !== 0 && f.id[i] !== ids[i]) entries++;
      staff.fill(0);
      for (let k = 0; k < h.rows; k++) {
        const e = h.employer[k]!;
        if (e < 0) continue;
        staff[e]++;
        if (f.region[e] !== h.region[k]) throw new Error(`tick ${t}: household ${k} in region ${h.region[k]} works at row ${e} in region ${f.region[e]}`);
      }
      for (let i = 0; i < f.rows; i++) {
        if (staff[i] !== f.workers[i]) throw new Error(`tick ${t}: row ${i} (alive ${f.alive[i]}) has ${staff[i]} households employed but counts ${f.workers[i]} workers`);
      }
      endTick(w, unemployment);
    }
    expect(entries).toBeGreaterThan(0);
  });
});
