import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { num, runTo, str, table } from '../helpers/engine.js';
import { scenariosDir } from '../../engine/model/paths.js';
import { createWorld, createStepper, step, endTick, loadScenario, BooksError } from '../../engine/index.js';

const COLUMNS = ['households', 'firms', 'carriers', 'governments', 'rest_of_world'];
// Shrunk so every shipped scenario runs in seconds; the books must balance at any size.
const SHRINK = { 'households.count': 3000, 'firms.count': 150, 'transport.carriers.count': 60 };

describe('books', () => {
  const scenarios = readdirSync(scenariosDir()).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

  it.each(scenarios)('%s: money and goods balance every tick; the transaction-flow matrix sums to zero', async (name) => {
    const dir = await runTo(name, SHRINK, { ticks: 8 });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.books).toMatchObject({ checked: true, passed: true });
    expect(manifest.books.checks).toBeGreaterThanOrEqual(8 * 10);
    const t = table(dir, 'transactions');
    const ticks = num(t, 'tick');
    const flows = str(t, 'flow');
    const colSums = new Map<string, number>();
    for (let k = 0; k < t.rows; k++) {
      let row = 0;
      for (const c of COLUMNS) {
        const v = num(t, c)[k]!;
        row += v;
        colSums.set(`${ticks[k]}:${c}`, (colSums.get(`${ticks[k]}:${c}`) ?? 0) + v);
      }
      expect(row, `row ${flows[k]} at tick ${ticks[k]}`).toBe(0);
    }
    for (const [key, v] of colSums) expect(v, key).toBe(0);
  });

  it('a break in the books stops the run naming the tick, the phase and the amount', () => {
    const { scenario, file } = loadScenario('tiny');
    const w = createWorld(scenario, 1, file);
    const st = createStepper(w);
    step(w, st);
    endTick(w, new Float64Array(w.R));
    w.households.cash[0] += 1; // one cent from nowhere
    expect(() => step(w, st)).toThrowError(BooksError);
    expect(() => {
      const w2 = createWorld(scenario, 1, file);
      const st2 = createStepper(w2);
      w2.firms.cash[3] -= 250;
      step(w2, st2);
    }).toThrowError(/tick 0, after phase 'policy'.*difference -250 cents/);
  });

  it('money or goods left in the unsettled-sales slots, or household cash changed between ticks, are caught', () => {
    const { scenario, file } = loadScenario('tiny');
    const fresh = () => {
      const w = createWorld(scenario, 1, file);
      const st = createStepper(w);
      step(w, st);
      endTick(w, new Float64Array(w.R));
      return { w, st };
    };
    // The slots are counted only where sales can be unsettled; a stray cent there shows up at that check.
    const a = fresh();
    a.w.firms.soldCents[a.w.firms.rows + 2] = 7;
    expect(() => step(a.w, a.st)).toThrowError(/tick 1, after phase 'households'.*difference 7 cents/);
    // Cents moved out of a firm's cash into a slot outside that window are missing at once.
    const b = fresh();
    b.w.firms.cash[2] -= 7;
    b.w.firms.soldCents[2] += 7;
    expect(() => step(b.w, b.st)).toThrowError(/tick 1, after phase 'policy'.*difference -7 cents/);
    // Units left in a slot: counted as sold at the one check that includes the slots, with no sale behind them.
    const c = fresh();
    c.w.firms.soldUnits[2] = 3;
    expect(() => step(c.w, c.st)).toThrowError(/goods books do not balance at tick 1, after phase 'households'.*difference -3/);
    // Household cash changed between ticks: the households kernel's sum of the rows it reads is off the books.
    const d = fresh();
    d.w.households.localCash[5] += 1;
    expect(() => step(d.w, d.st)).toThrowError(/tick 1, before phase 'households': household cash.*difference 1 cents/);
    // Cents moved from a household to a firm show at once: the firms hold more than the books' household total lets them.
    const e = fresh();
    e.w.households.cash[5] -= 4;
    e.w.firms.cash[1] += 4;
    expect(() => step(e.w, e.st)).toThrowError(/tick 1, after phase 'policy'.*difference 4 cents/);
  });
});
