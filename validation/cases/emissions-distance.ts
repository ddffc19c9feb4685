// Case 7: emissions are not only distance. Localizing cuts tonne-km, but small part-empty vehicles can still emit
// more per unit delivered; full large vehicles emit less. Both follow from vehicle size and load, not from a rule.
import { join } from 'node:path';
import { loadScenario } from '../../engine/index.js';
import { scatterChart, type ScatterPoint } from '../../analysis/charts.js';
import { directionCheck, fmt } from '../checks.js';
import { numbers, runOnce, table, texts, validationScenario } from '../runs.js';
import type { CaseResult, CheckRow, ValidationCase } from '../types.js';

const WARM_UP_TICKS = 5;
const TOWN = 0; // region index of 'town' in every emissions-* scenario

interface Freight { co2ePerTonne: number; tkmPerTonne: number; tonnes: number; load: string }

/** Freight delivered to town after the warm-up: CO2e and tonne-km per tonne, and the load factor by vehicle class. */
async function freight(file: string, dir: string): Promise<Freight> {
  await runOnce(validationScenario(file), dir);
  const flows = table(dir, 'flows');
  const { scenario } = loadScenario(validationScenario(file));
  const cap = new Map(scenario.transport.vehicleClasses.map((v) => [v.name, v.capacityTonnes]));
  const tick = numbers(flows, 'tick'), dest = numbers(flows, 'destination'), cls = texts(flows, 'vehicle_class');
  const tonnes = numbers(flows, 'tonnes'), tkm = numbers(flows, 'tkm'), co2e = numbers(flows, 'co2e_kg'), trips = numbers(flows, 'trips');
  let t = 0, km = 0, kg = 0;
  const byClass = new Map<string, { tonnes: number; capacity: number }>();
  for (let k = 0; k < flows.rows; k++) {
    if (tick[k]! < WARM_UP_TICKS || dest[k] !== TOWN) continue;
    km += tkm[k]!;
    kg += co2e[k]!;
    if (cls[k] === 'drayage') continue; // drayage rows repeat the main leg's tonnes
    t += tonnes[k]!;
    const e = byClass.get(cls[k]!) ?? { tonnes: 0, capacity: 0 };
    e.tonnes += tonnes[k]!;
    e.capacity += trips[k]! * (cap.get(cls[k]!) ?? NaN);
    byClass.set(cls[k]!, e);
  }
  const load = [...byClass].map(([c, e]) => `${c} ${fmt(100 * (e.tonnes / e.capacity), 0)}% full`).join(', ');
  return { co2ePerTonne: kg / t, tkmPerTonne: km / t, tonnes: t, load };
}

function ratioRow(label: string, expectAbove: boolean, ratio: number): CheckRow {
  const pass = expectAbove ? ratio > 1 : ratio < 1;
  return directionCheck(label, expectAbove ? '> 1' : '< 1', fmt(ratio, 3), pass, `ratio ${fmt(ratio, 3)} is on the wrong side of 1`, 'direction');
}

export const emissionsDistance: ValidationCase = {
  id: 'emissions-distance',
  number: 7,
  title: 'Emissions are not only distance',
  scenarios: ['emissions-global.yaml', 'emissions-local-vans.yaml', 'emissions-global-heavy.yaml', 'emissions-local-artic.yaml'],
  source: 'DESNZ 2025 freight factors (a van emits ~8x an articulated HGV per t-km); Weber & Matthews (2008), Environ. Sci. Technol. 42:3508',
  speed: 'fast',
  method:
    'Two pairs of economies, identical but for where the goods are made and how they travel. In the global member of ' +
    'each pair, `town` buys goods made in an overseas `hub`, shipped ~1,250 km by container ship (a scheduled service, ' +
    'CO2e per tonne-km at the DESNZ factor) plus road drayage to and from the ports. In the local member the same goods ' +
    'are made in `town` and delivered ~115 km within it. Light goods (20 g a unit) go in vans that leave every tick ' +
    'with what there is (part-empty); heavy goods (10 kg a unit) go in articulated lorries that wait until 80% full ' +
    '(`departAtLoad`). A dedicated vehicle emits per vehicle-km (capacity x reference load x DESNZ factor), so its ' +
    'empty space is charged to the goods it carries. The case compares freight CO2e and tonne-km per tonne delivered ' +
    `to \`town\` (ticks ${WARM_UP_TICKS} on; per unit is the same ratio, units weigh the same within a pair).`,
  async run(ctx): Promise<CaseResult> {
    const g = await freight('emissions-global.yaml', join(ctx.workDir, 'global'));
    const v = await freight('emissions-local-vans.yaml', join(ctx.workDir, 'local-vans'));
    const gh = await freight('emissions-global-heavy.yaml', join(ctx.workDir, 'global-heavy'));
    const a = await freight('emissions-local-artic.yaml', join(ctx.workDir, 'local-artic'));
    const rows = [
      ratioRow('light goods: tonne-km per tonne, local vans / global', false, v.tkmPerTonne / g.tkmPerTonne),
      ratioRow('light goods: CO2e per tonne, local vans / global', true, v.co2ePerTonne / g.co2ePerTonne),
      ratioRow('heavy goods: tonne-km per tonne, local artics / global', false, a.tkmPerTonne / gh.tkmPerTonne),
      ratioRow('heavy goods: CO2e per tonne, local artics / global', false, a.co2ePerTonne / gh.co2ePerTonne),
    ];
    const named: [string, Freight][] = [['global, light', g], ['local vans, light', v], ['global, heavy', gh], ['local artics, heavy', a]];
    const notes = named.map(([n, f]) => `${n}: ${fmt(f.co2ePerTonne, 1)} kg CO2e and ${fmt(f.tkmPerTonne, 0)} t-km per tonne delivered (${fmt(f.tonnes, 1)} t; ${f.load || 'scheduled service'}).`);
    const points: ScatterPoint[] = named.map(([n, f]) => ({ x: f.tkmPerTonne, y: f.co2ePerTonne, group: n }));
    const svg = await scatterChart('Freight CO2e against tonne-km, per tonne delivered to town', 'Tonne-km per tonne delivered', 'kg CO2e per tonne delivered', points);
    return { rows, notes, charts: [{ file: 'emissions-distance.svg', caption: 'Both local economies cut tonne-km by an order of magnitude; part-empty vans still emit more per tonne than the ship, full artics far less.', svg }] };
  },
};
