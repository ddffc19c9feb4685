// Case 2: the regional Keynesian multiplier k = 1 / (1 - (c - m)(1 - t)) from households, firms and a government.
// Income rise over injection, paired by seed (with and without the injection), in the steady state, averaged over seeds.
import { join } from 'node:path';
import { timeSeriesChart, type SeriesBand } from '../../analysis/charts.js';
import { summarize } from '../../analysis/stats.js';
import { fmt, relativeCheck } from '../checks.js';
import { referenceLine, seriesBand } from '../chart.js';
import { inRegions, numbers, perTick, runOnce, sum, table, validationScenario } from '../runs.js';
import type { CaseResult, CheckRow, ValidationCase } from '../types.js';

const SEEDS = [1, 2, 3];
const STEADY_FROM = 30; // ticks before this are the approach to the steady state (the runs have 60)
const TOLERANCE = 0.05;
const HOME = ['home'];

interface Variant { file: string; c: number; m: number; t: number }
const VARIANTS: Variant[] = [
  { file: 'multiplier-m03.yaml', c: 0.8, m: 0.3, t: 0.2 },
  { file: 'multiplier-m05.yaml', c: 0.8, m: 0.5, t: 0.2 },
];

export function keynesianMultiplier(c: number, m: number, t: number): number {
  return 1 / (1 - (c - m) * (1 - t));
}

interface Series { output: Float64Array; wages: Float64Array; injection: Float64Array }

/** Per tick in 'home': output sold (R1), gross wages, and the government's local purchases (the injection spent at home). */
function series(dir: string): Series {
  const regions = table(dir, 'regions');
  const home = inRegions(regions, HOME);
  const wage = numbers(regions, 'mean_wage_cents');
  const employed = numbers(regions, 'employed');
  const tick = numbers(regions, 'tick');
  const wages = new Float64Array(perTick(regions, 'tick').length);
  for (let k = 0; k < regions.rows; k++) if (home(k)) wages[tick[k]!] += wage[k]! * employed[k]!;
  return { output: perTick(regions, 'lm3_round1_cents', home), wages, injection: perTick(regions, 'government_local_cents', home) };
}

async function measureVariant(v: Variant, workDir: string) {
  const byOutput: number[] = [];
  const byWages: number[] = [];
  const perTickRatio: Float64Array[] = [];
  let baseShare = 0;
  for (const seed of SEEDS) {
    const name = v.file.replace(/\.yaml$/, '');
    const withG = series(await runOnce(validationScenario(v.file), join(workDir, `${name}-s${seed}`), { seed }));
    const without = series(await runOnce(validationScenario(v.file), join(workDir, `${name}-s${seed}-0`), { seed, sets: { 'policy.regions.home.injectionCentsPerTick': 0 } }));
    const n = withG.output.length;
    const dG = sum(withG.injection, STEADY_FROM, n) - sum(without.injection, STEADY_FROM, n);
    byOutput.push((sum(withG.output, STEADY_FROM, n) - sum(without.output, STEADY_FROM, n)) / dG);
    byWages.push((sum(withG.wages, STEADY_FROM, n) - sum(without.wages, STEADY_FROM, n)) / dG);
    baseShare += sum(without.output, STEADY_FROM, n) / sum(withG.output, STEADY_FROM, n) / SEEDS.length;
    perTickRatio.push(withG.output.map((y, i) => (withG.injection[i]! > 0 ? (y - without.output[i]!) / withG.injection[i]! : NaN)));
  }
  return { byOutput, byWages, perTickRatio, baseShare };
}

export const multiplier: ValidationCase = {
  id: 'keynesian-multiplier',
  number: 2,
  title: 'Regional Keynesian multiplier',
  scenarios: VARIANTS.map((v) => v.file),
  source: 'k = 1 / (1 - (c - m)(1 - t)), the regional multiplier with leakages (e.g. P. McCann, Modern Urban and Regional Economics, Oxford University Press, 2013)',
  speed: 'fast',
  method: [
    'Two regions, `home` and `elsewhere`. The textbook model has a region whose households spend a share c of ' +
      'disposable income, m of it on imports, and pay a tax t on income; injected spending G raises income by k G. ' +
      'The scenario maps each parameter onto agent behaviour:',
    '',
    '- **c** = `households.consumeFromIncome` (Godley-Lavoie alpha1) with `consumeFromWealth: 0`: households never ' +
      'spend out of savings, so saving is a permanent leak as in the textbook (with alpha2 > 0 the long-run multiplier ' +
      'would be 1/t, model SIM).',
    '- **m** = c x the budget share of `imports`, a good made only in `elsewhere` (`firms.groups[].regions`); home ' +
      "makes only `services`, which are not tradable, so elsewhere's households cannot buy from home and no import " +
      'comes back as export demand. m = 0.3 is a budget share 0.375; m = 0.5 is 0.625.',
    '- **t** = `policy.incomeTaxRate` on wages; the government spends none of its tax (`government.spendRate: 0`) and ' +
      'pays no benefits, so tax is a leak.',
    '- **G** = `policy.regions.home.injectionCentsPerTick`, money from the rest of the world spent by the home ' +
      'government with the same budget shares as households, so the part spent on imports leaks at once. The injection ' +
      "that enters home's income is therefore its spending on home's services, `government_local_cents` (a traced " +
      'output, see case 3); that is the G of the formula.',
    '- **Y** = sales of home firms (`lm3_round1_cents`, regional output sold = income generated). Revenue-share wages ' +
      '(`firms.wageRule`) pass sales to wages (taxed), with no fixed costs, inputs, freight charges, entry, exports or ' +
      'dividends, so output and income coincide in the steady state.',
    '',
    `Each seed (${SEEDS.join(', ')}) runs with and without the injection; k is (Y with - Y without) / G summed over ` +
      `ticks ${STEADY_FROM}-59, and the check is on the mean over seeds. Without an injection home has no autonomous ` +
      'spending, so its income decays towards zero.',
  ].join('\n'),
  async run(ctx): Promise<CaseResult> {
    const rows: CheckRow[] = [];
    const notes: string[] = [];
    const bands: SeriesBand[] = [];
    let ticks = 0;
    for (const v of VARIANTS) {
      const k = keynesianMultiplier(v.c, v.m, v.t);
      const r = await measureVariant(v, ctx.workDir);
      const out = summarize(r.byOutput);
      const wages = summarize(r.byWages);
      rows.push(relativeCheck(`k at c = ${v.c}, m = ${v.m}, t = ${v.t} (output, mean of ${SEEDS.length} seeds)`, k, out.mean, TOLERANCE));
      rows.push(relativeCheck(`k at m = ${v.m} measured on gross wages instead of output`, k, wages.mean, TOLERANCE));
      notes.push(
        `m = ${v.m}: output ${r.byOutput.map((x) => fmt(x, 3)).join(', ')} (seeds ${SEEDS.join(', ')}); gross wages ` +
          `${r.byWages.map((x) => fmt(x, 3)).join(', ')}. Without the injection home's output is ${fmt(100 * r.baseShare, 1)}% ` +
          "of the injected run's in the steady window (firms' start-up cash still paid out as wages). Wages differ from " +
          "output by the change in firms' cash.",
      );
      const measured = seriesBand(`glocal, m = ${v.m}`, r.perTickRatio);
      ticks = r.perTickRatio[0]!.length;
      bands.push(measured, referenceLine(`k = ${fmt(k, 3)}, m = ${v.m}`, k, measured));
    }
    const svg = await timeSeriesChart('Rise in home income per unit of injection, by tick (mean of seeds, 95% band)', 'ΔY / G', bands);
    return { rows, notes, charts: [{ file: 'keynesian-multiplier.svg', caption: `Income rise over the local injection, tick by tick (mean of seeds, 95% band); the check pools ticks ${STEADY_FROM}-${ticks - 1}; flat lines are the formula.`, svg }] };
  },
};
