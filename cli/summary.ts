// The short summary `glocal run` prints: where the output went and the headline figures per region.
import type { Manifest } from '../engine/index.js';
import { readArrowTable } from '../analysis/load.js';

export function summarizeRunFolder(dir: string, m: Manifest): string {
  const t = readArrowTable(`${dir}/regions.arrow`);
  const c = t.columns as unknown as Record<string, Float64Array> & { region_name: string[] };
  const R = m.agents.regions;
  const lastTick = m.ticks - 1;
  const lines = [
    `run ${m.runId}: scenario '${m.scenarioName}', seed ${m.seed}, ${m.ticks} ticks in ${m.timing.wallSeconds.toFixed(2)} s (${(m.timing.householdTicksPerSecond / 1e6).toFixed(2)} M household-ticks/s), books checked ${m.books.checks} times: balanced`,
    `output: ${dir} (${m.tables.map((x) => x + '.arrow').join(', ')}, manifest.json)`,
    '',
    `${'region'.padEnd(12)} ${'employment'.padStart(10)} ${'local share'.padStart(11)} ${'price idx'.padStart(9)} ${'CO2e t/tick'.padStart(11)} ${'firms'.padStart(6)}   (final tick)`,
  ];
  let co2 = 0;
  let employed = 0;
  let labour = 0;
  for (let k = 0; k < t.rows; k++) {
    co2 += c.co2e_kg[k]!;
    if (c.tick[k] !== lastTick) continue;
    employed += c.employed[k]!;
    labour += c.labour_force[k]!;
    lines.push(
      `${String(c.region_name[k]).padEnd(12)} ${((1 - c.unemployment_rate[k]!) * 100).toFixed(1).padStart(9)}% ${(c.local_share[k]! * 100).toFixed(1).padStart(10)}% ${c.price_index[k]!.toFixed(3).padStart(9)} ${(c.co2e_kg[k]! / 1000).toFixed(1).padStart(11)} ${String(c.firms_alive[k]).padStart(6)}`,
    );
  }
  lines.push('', `total: employment ${((employed / Math.max(1, labour)) * 100).toFixed(1)}% at the end, freight CO2e ${(co2 / 1000).toFixed(1)} t over the run, ${R} regions`, '');
  return lines.join('\n');
}
