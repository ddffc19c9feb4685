// Case 1: freight emissions accounting against the DESNZ 2025 conversion factors (10 t x 500 km by an average HGV).
// Published factors are typed here, not read from the engine's table, so a wrong engine table fails the case.
import { join } from 'node:path';
import { scatterChart, type ScatterPoint } from '../../analysis/charts.js';
import { absoluteCheck } from '../checks.js';
import { numbers, runOnce, table, texts, validationScenario } from '../runs.js';
import type { CaseResult, CheckRow, ValidationCase } from '../types.js';

/** DESNZ 2025, 'HGV, all HGVs, average laden' (27_304_3140_14_1), kg CO2e per tonne-km. */
const HGV_AVERAGE = { ttw: 0.10163, wtw: 0.12522 } as const;
/** The reference's worked example: 10 t carried 500 km. */
const EXAMPLE_TKM = 10 * 500;
const EXPECTED_KG = { ttw: 508.15, wtw: 626.1 } as const;

async function measure(file: string, dir: string, basis: 'ttw' | 'wtw', points: ScatterPoint[]) {
  await runOnce(validationScenario(file), dir);
  const flows = table(dir, 'flows');
  const cls = texts(flows, 'vehicle_class');
  const tkm = numbers(flows, 'tkm');
  const co2e = numbers(flows, 'co2e_kg');
  let tkmSum = 0, co2eSum = 0, worstRowKg = 0, rows = 0;
  for (let k = 0; k < flows.rows; k++) {
    if (cls[k] !== 'hgv') continue;
    tkmSum += tkm[k]!;
    co2eSum += co2e[k]!;
    worstRowKg = Math.max(worstRowKg, Math.abs(co2e[k]! - tkm[k]! * HGV_AVERAGE[basis]));
    points.push({ x: tkm[k]! * HGV_AVERAGE[basis], y: co2e[k]!, group: basis.toUpperCase() });
    rows++;
  }
  return { perExampleKg: (EXAMPLE_TKM * co2eSum) / tkmSum, worstRowKg, rows, tkmSum, co2eSum };
}

export const freightEmissions: ValidationCase = {
  id: 'freight-emissions',
  number: 1,
  title: 'Freight emissions accounting (DESNZ 2025)',
  scenarios: ['freight-emissions.yaml', 'freight-emissions-wtw.yaml'],
  source: 'DESNZ, Greenhouse gas reporting: conversion factors 2025, "Freighting goods" and "WTT- delivery vehs & freight" (factor 27_304_3140_14_1)',
  speed: 'fast',
  method:
    "Goods are carried by road from `factory` to `town` in one vehicle class, `hgv`, with the DESNZ factor `hgv_average` " +
    'and `service: scheduled`, so each trip is charged its tonne-km at the class factor (GLEC / ISO 14083 allocation). ' +
    'Tonnes and distances come out of the economy (households buying goods made in `factory`); the case reads every ' +
    '`flows.arrow` row of the class, scales the run\'s CO2e per tonne-km to the reference example (10 t x 500 km = ' +
    '5,000 t-km) and also checks every row against tonne-km x factor. `freight-emissions-wtw.yaml` is the same run on ' +
    'the well-to-wheel basis (`transport.emissionsBasis: wtw`).',
  async run(ctx): Promise<CaseResult> {
    const points: ScatterPoint[] = [];
    const rows: CheckRow[] = [];
    const notes: string[] = [];
    for (const [file, basis] of [['freight-emissions.yaml', 'ttw'], ['freight-emissions-wtw.yaml', 'wtw']] as const) {
      const m = await measure(file, join(ctx.workDir, basis), basis, points);
      rows.push(absoluteCheck(`10 t x 500 km, average HGV, ${basis.toUpperCase()}`, EXPECTED_KG[basis], m.perExampleKg, 0.01, 2, 'kg CO2e'));
      rows.push(absoluteCheck(`largest row error, CO2e vs t-km x ${HGV_AVERAGE[basis]} (${m.rows} rows)`, 0, m.worstRowKg, 1e-6, 6, 'kg'));
      notes.push(`${basis.toUpperCase()}: ${m.rows} flow rows, ${m.tkmSum.toFixed(0)} t-km, ${m.co2eSum.toFixed(1)} kg CO2e over the run.`);
    }
    const svg = await scatterChart('Freight CO2e per flow row: glocal vs tonne-km x DESNZ factor', 'Tonne-km x DESNZ 2025 factor (kg CO2e)', 'glocal CO2e (kg)', points, { identityLine: true });
    return { rows, notes, charts: [{ file: 'freight-emissions.svg', caption: 'Every flow row of the HGV class lies on the identity line (dashed) on both bases.', svg }] };
  },
};
