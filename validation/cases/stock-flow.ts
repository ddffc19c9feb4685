// Case 5: stock-flow consistency for every shipped scenario: each transaction-flow matrix row and column sums to zero.
// Caiani et al. (2016) check this every step of an agent-based SFC model; glocal writes the matrix every tick.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../engine/index.js';
import { scenariosDir } from '../../engine/model/paths.js';
import { scatterChart, type ScatterPoint } from '../../analysis/charts.js';
import { absoluteCheck } from '../checks.js';
import { numbers, runOnce, table, texts } from '../runs.js';
import type { CaseResult, ValidationCase } from '../types.js';

const COLUMNS = ['households', 'firms', 'carriers', 'governments', 'rest_of_world'] as const;
const TICKS = 12;
/** Big scenarios are shrunk (the books must balance at any size); small ones run as shipped. */
const MAX_HOUSEHOLDS = 5000;
const SHRINK = { 'households.count': 3000, 'firms.count': 150, 'transport.carriers.count': 60 };

/** Every shipped scenario: the built-ins and the validation scenarios. */
export function shippedScenarios(): string[] {
  const top = readdirSync(scenariosDir()).filter((f) => f.endsWith('.yaml')).map((f) => join(scenariosDir(), f));
  const dir = join(scenariosDir(), 'validation');
  const own = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
  return [...top.sort(), ...own.sort()];
}

interface Imbalance { worstCents: number; cells: number; ticks: number; grossPerTick: number[]; worstPerTick: number[] }

function imbalance(dir: string): Imbalance {
  const t = table(dir, 'transactions');
  const tick = numbers(t, 'tick');
  const flow = texts(t, 'flow');
  const byTick = new Map<number, { cols: number[]; worst: number; gross: number }>();
  let worst = 0;
  for (let k = 0; k < t.rows; k++) {
    const e = byTick.get(tick[k]!) ?? { cols: COLUMNS.map(() => 0), worst: 0, gross: 0 };
    let row = 0;
    COLUMNS.forEach((c, i) => {
      const v = numbers(t, c)[k]!;
      row += v;
      e.cols[i] += v;
      if (flow[k] !== 'change_in_money' && v > 0) e.gross += v;
    });
    e.worst = Math.max(e.worst, Math.abs(row));
    byTick.set(tick[k]!, e);
  }
  const grossPerTick: number[] = [];
  const worstPerTick: number[] = [];
  for (const e of byTick.values()) {
    e.worst = Math.max(e.worst, ...e.cols.map(Math.abs));
    worst = Math.max(worst, e.worst);
    grossPerTick.push(e.gross);
    worstPerTick.push(e.worst);
  }
  return { worstCents: worst, cells: t.rows * COLUMNS.length, ticks: byTick.size, grossPerTick, worstPerTick };
}

export const stockFlow: ValidationCase = {
  id: 'stock-flow',
  number: 5,
  title: 'Stock-flow consistency of every shipped scenario',
  scenarios: ['(every file in scenarios/ and scenarios/validation/)'],
  source: 'Caiani et al. (2016), J. Econ. Dyn. Control 69; Godley & Lavoie, Monetary Economics (2007)',
  speed: 'fast',
  method:
    `Every shipped scenario (the built-ins in \`scenarios/\` and the validation scenarios) runs ${TICKS} ticks; those ` +
    `with more than ${MAX_HOUSEHOLDS} households are shrunk to ${SHRINK['households.count']} households, ` +
    `${SHRINK['firms.count']} firms and ${SHRINK['transport.carriers.count']} carriers (the books must balance at any ` +
    'size). The case reads `transactions.arrow` (rows: consumption, government purchases, input purchases, wages, ' +
    'taxes, benefits, subsidies, dividends, tariffs, carbon tax, freight, fuel, fixed costs, exports, injections, ' +
    'change in money...; columns: households, firms, carriers, governments, rest of world) and checks that every row ' +
    'and every column sums to zero, to the cent, in every tick, and that the run manifest reports the per-phase books ' +
    'check passed.',
  async run(ctx): Promise<CaseResult> {
    const points: ScatterPoint[] = [];
    const notes: string[] = [];
    let worst = 0, cells = 0, ticks = 0, failedBooks = 0;
    const files = shippedScenarios();
    for (const file of files) {
      const name = file.split('/').pop()!.replace(/\.yaml$/, '');
      const big = loadScenario(file).scenario.households.count > MAX_HOUSEHOLDS;
      const dir = await runOnce(file, join(ctx.workDir, name), { ticks: TICKS, sets: big ? SHRINK : {} });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      if (!(manifest.books?.passed === true)) failedBooks++;
      const m = imbalance(dir);
      worst = Math.max(worst, m.worstCents);
      cells += m.cells;
      ticks += m.ticks;
      m.grossPerTick.forEach((g, i) => points.push({ x: g / 100, y: m.worstPerTick[i]!, group: name }));
    }
    notes.push(`${files.length} scenarios, ${ticks} ticks, ${cells} matrix cells; books check failures reported by manifests: ${failedBooks}.`);
    const svg = await scatterChart('Largest row or column sum of the transaction-flow matrix, per tick and scenario', 'Gross payments in the tick (currency units)', 'Largest |row or column sum| (cents)', points);
    return {
      rows: [
        absoluteCheck(`largest |row or column sum| over ${files.length} scenarios x ${TICKS} ticks`, 0, worst, 0, 0, 'cents'),
        absoluteCheck('runs whose per-phase books check failed', 0, failedBooks, 0, 0),
      ],
      notes,
      charts: [{ file: 'stock-flow.svg', caption: 'Every tick of every shipped scenario: the matrix balances to the cent (y = 0) whatever the size of the flows.', svg }],
    };
  },
};
