// Case 4: Krugman's core-periphery "tomahawk": dispersion when trade is costly, agglomeration when it is free, and a
// range where both are stable depending on the starting split. A sweep over trade freeness and starting splits.
import { loadScenario, createWorld } from '../../engine/index.js';
import type { ScatterPoint } from '../../analysis/charts.js';
import { shareScatterChart } from '../chart.js';
import { directionCheck, fmt } from '../checks.js';
import { numbers, runSweep, table, texts, validationScenario } from '../runs.js';
import type { CaseResult, CheckRow, ValidationCase } from '../types.js';

const FILE = 'core-periphery-tomahawk.yaml';
const LANE_KM = 475; // road distance east-west in the scenario's grid
const SIGMA = 5;
const PHIS = [0.1, 0.3, 0.5, 0.7, 0.9];
const STARTS = [0.4, 0.5, 0.6]; // share of households (and so of mobile ones) starting in east
const SEEDS = 2;
const DISPERSED = 0.05; // within this of an even split counts as dispersed
const CORE = 0.3; // this far from an even split (share below 0.2 or above 0.8) counts as a core

/** Iceberg loss per 1000 km giving trade freeness phi = tau^(1 - sigma), tau = 1 / (1 - iceberg x km / 1000). */
export function icebergForPhi(phi: number, km = LANE_KM, sigma = SIGMA): number {
  return (1 - Math.pow(phi, 1 / (sigma - 1))) / (km / 1000);
}

/** Mobile households per region at the start (the seeded draw of createWorld, without running). */
function mobileAtStart(eastShare: number, seed: number): { east: number; total: number; eastAll: number } {
  const { scenario, file } = loadScenario(validationScenario(FILE), { sets: { 'regions.east.populationShare': eastShare, 'regions.west.populationShare': 1 - eastShare } });
  const w = createWorld(scenario, seed, file);
  let east = 0, total = 0;
  for (let i = 0; i < w.households.rows; i++) {
    if (w.households.mobile[i] === 0) continue;
    total++;
    if (w.households.region[i] === 0) east++;
  }
  return { east, total, eastAll: w.regions.households[0]! };
}

/** Share of the mobile households living in east at the end: only mobile households move. */
function finalMobileShare(dir: string, start: { east: number; total: number; eastAll: number }): number {
  const regions = table(dir, 'regions');
  const tick = numbers(regions, 'tick'), lf = numbers(regions, 'labour_force'), name = texts(regions, 'region_name');
  let last = -1, eastLast = 0;
  for (let k = 0; k < regions.rows; k++) if (name[k] === 'east' && tick[k]! >= last) [last, eastLast] = [tick[k]!, lf[k]!];
  return (start.east + eastLast - start.eastAll) / start.total;
}

/** Why the tomahawk does not appear (diagnosed on these runs; see the report to the lead for the engine changes). */
const WHY = [
  "Why: migration follows the real wage, the mean wage over the region's price index, and the price index " +
    '(`regions.arrow` price_index) is what households paid per unit bought at base prices; units melting on the way ' +
    "(the iceberg cost) are paid for but never counted, so imports never look dearer and Krugman's price-index " +
    '(agglomeration) force is absent. Nominal revenue-share wages are sales per worker, i.e. price x productivity, and ' +
    'prices follow stocks only, so market access does not raise nominal wages either (in these runs east\'s labour ' +
    'force and real wage are identical tick by tick at phi = 0.1 and 0.9); firms do not relocate (new varieties appear ' +
    'only by entry on unmet demand).',
  'Tried outside the suite (not applied): counting units net of iceberg loss in the price index makes the larger ' +
    "region's real wage higher when trade is costly (at phi = 0.1 east 75-82 against west 47-51, thousand cents) and " +
    'east gains mobile households, while at phi = 0.9 the gap vanishes: agglomeration when trade is costly, the ' +
    "opposite of the tomahawk, because the dispersion force (crowded markets lowering the nominal wages firms can pay) " +
    'is missing too.',
];

interface Point { phi: number; start: number; seed: number; final: number }

export const corePeriphery: ValidationCase = {
  id: 'core-periphery',
  number: 4,
  title: 'Core-periphery: the tomahawk',
  scenarios: [FILE],
  source: 'Krugman (1991), J. Polit. Econ. 99:483; Fujita, Krugman & Venables, The Spatial Economy (1999), ch. 5; Baldwin et al., Economic Geography and Public Policy (2003), ch. 2',
  speed: 'slow',
  method:
    "Krugman's two-region economy as the built-in `core-periphery` scenario maps it (`docs/model.md`): sigma = " +
    '`households.choice.sigma` = 5 (CES choice among sellers), mu = the budget share of `manufactured` = 0.4, ' +
    '`households.mobileShare` = 0.4 of households may migrate towards the higher real wage, and revenue-share wages ' +
    "give Krugman's zero-profit firms. Trade freeness phi = tau^(1 - sigma) with tau = 1 / (1 - iceberg x 475 km / " +
    `1000) is swept over ${PHIS.join(', ')} through \`transport.icebergPer1000Km\`, from starting splits of ` +
    `${STARTS.join(', ')} of households (and so, in expectation, of the mobile ones) in \`east\`, ${SEEDS} seeds each, ` +
    "200 weeks. The plot is the final share of the mobile households living in `east`. Deviations from Krugman's " +
    'model: the starting split moves farmers too (populationShare places all households); agriculture pays the same ' +
    'iceberg cost as manufactures; firms do not relocate (varieties follow only through entry and exit); there are no ' +
    'fixed costs in labour (the scenario drops the money fixed costs, which leaked to the rest of the world).',
  async run(ctx): Promise<CaseResult> {
    const points: Point[] = [];
    const starts = new Map<string, ReturnType<typeof mobileAtStart>>();
    for (const start of STARTS) {
      const runs = await runSweep(ctx, {
        name: `start-${start}`,
        scenario: validationScenario(FILE),
        replicates: SEEDS,
        set: { 'regions.east.populationShare': start, 'regions.west.populationShare': 1 - start },
        parameters: { 'transport.icebergPer1000Km': PHIS.map((p) => Number(icebergForPhi(p).toFixed(4))) },
      });
      for (const r of runs) {
        const key = `${start}:${r.seed}`;
        if (!starts.has(key)) starts.set(key, mobileAtStart(start, r.seed));
        points.push({ phi: PHIS[r.point]!, start, seed: r.seed, final: finalMobileShare(r.dir, starts.get(key)!) });
      }
    }
    const at = (phi: number, start: number) => points.filter((p) => p.phi === phi && p.start === start).map((p) => p.final);
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const lo = PHIS[0]!, hi = PHIS[PHIS.length - 1]!;
    const asym = STARTS.filter((s) => s !== 0.5);
    const dispersed = STARTS.every((s) => at(lo, s).every((f) => Math.abs(f - 0.5) < DISPERSED));
    const core = asym.every((s) => at(hi, s).every((f) => Math.abs(f - 0.5) >= CORE));
    const overlap = PHIS.filter((phi) => at(phi, 0.5).every((f) => Math.abs(f - 0.5) < DISPERSED) && asym.some((s) => at(phi, s).every((f) => Math.abs(f - 0.5) >= CORE)));
    const spread = Math.max(...STARTS.map((s) => Math.abs(meanOf(at(hi, s)) - meanOf(at(lo, s)))));
    const show = (phi: number) => STARTS.map((s) => `${s} -> ${at(phi, s).map((f) => fmt(f, 2)).join('/')}`).join('; ');
    const worst = (phi: number, xs: number[]) => fmt(Math.max(...xs.flatMap((s) => at(phi, s).map((f) => Math.abs(f - 0.5)))), 2);
    const rows: CheckRow[] = [
      directionCheck(`costly trade (phi = ${lo}): dispersion, every start ends near 0.5`, `|final - 0.5| < ${DISPERSED}`, show(lo), dispersed, `a start ends ${worst(lo, STARTS)} from an even split`, String(DISPERSED)),
      directionCheck(`free trade (phi = ${hi}): agglomeration, uneven starts end in a core`, `|final - 0.5| >= ${CORE}`, show(hi), core, `uneven starts end only ${worst(hi, asym)} from an even split at most`, String(CORE)),
      directionCheck('overlap: some phi where an even start stays even and an uneven one agglomerates', 'at least one phi', overlap.length > 0 ? `phi = ${overlap.join(', ')}` : 'none', overlap.length > 0, 'no trade freeness with both outcomes', 'one phi'),
      directionCheck(`trade freeness matters: final share at phi = ${hi} vs ${lo}, same start`, '> 0.1 apart', `${fmt(spread, 3)} at most`, spread > 0.1, `final shares differ by ${fmt(spread, 3)} at most between phi = ${lo} and ${hi}`, '0.1'),
    ];
    const chartPoints: ScatterPoint[] = points.map((p) => ({ x: p.phi, y: p.final, group: `start ${p.start} in east` }));
    const svg = await shareScatterChart('Final share of mobile households in east against trade freeness', 'Trade freeness phi', 'Share of mobile households in east after 200 weeks', chartPoints);
    const notes = PHIS.map((phi) => `phi = ${phi} (iceberg ${fmt(icebergForPhi(phi), 3)} per 1000 km): ${STARTS.map((s) => `from ${s}: ${fmt(meanOf(at(phi, s)), 3)}`).join(', ')}.`);
    const identical = STARTS.every((st) => [...new Set(points.filter((p) => p.start === st).map((p) => p.seed))].every((seed) => new Set(points.filter((p) => p.start === st && p.seed === seed).map((p) => p.final.toFixed(6))).size === 1));
    if (identical) notes.push('For each seed and start the final share is the same at every phi: trade freeness never reaches the migration decision.');
    notes.push(...WHY);
    return { rows, notes, charts: [{ file: 'core-periphery.svg', caption: 'Final mobile share in east by trade freeness and starting split (one point per seed); the dashed line is an even split; Krugman\'s tomahawk would show 0.5 at low phi and 0 or 1 at high phi.', svg }] };
  },
};
