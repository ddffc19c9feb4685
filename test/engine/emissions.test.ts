import { describe, expect, it } from 'vitest';
import { num, runTo, str, sumWhere, table } from '../helpers/engine.js';
import { loadScenario } from '../../engine/index.js';
import { factorKgPerTkm } from '../../engine/transport/emission-factors.js';

describe('freight emissions', () => {
  it('CO2e equals the DESNZ factor times tonne-km at reference load, row by row, and the regions totals match the flows to the gram', async () => {
    const dir = await runTo('tiny', {}, { ticks: 12 });
    const { scenario } = loadScenario('tiny');
    const flows = table(dir, 'flows');
    const regions = table(dir, 'regions');
    const classes = new Map(scenario.transport.vehicleClasses.map((v) => [v.name, v]));
    const cls = str(flows, 'vehicle_class');
    const vkm = num(flows, 'vehicle_km');
    const tkm = num(flows, 'tkm');
    const co2e = num(flows, 'co2e_kg');
    expect(flows.rows).toBeGreaterThan(0);
    for (let k = 0; k < flows.rows; k++) {
      if (cls[k] === 'drayage') {
        // Drayage to ports and airports: average HGV, charged per tonne-km.
        expect(Math.abs(co2e[k]! - tkm[k]! * factorKgPerTkm('hgv_average', 'ttw'))).toBeLessThan(0.001);
      } else if (classes.get(cls[k]!)!.service === 'scheduled') {
        // Scheduled services (ships, planes) are allocated by weight: exactly tonne-km x class factor.
        const v = classes.get(cls[k]!)!;
        expect(Math.abs(co2e[k]! - tkm[k]! * factorKgPerTkm(v.factor, 'ttw'))).toBeLessThan(0.001);
      } else {
        // A dedicated vehicle burns per km what DESNZ reports per tonne-km at its reference load: tkm_ref x factor.
        const v = classes.get(cls[k]!)!;
        const tkmAtReference = vkm[k]! * v.capacityTonnes * v.referenceLoad;
        expect(Math.abs(co2e[k]! - tkmAtReference * factorKgPerTkm(v.factor, 'ttw'))).toBeLessThan(0.001);
      }
    }
    const ticks = num(regions, 'tick');
    const flowTicks = num(flows, 'tick');
    const dest = num(flows, 'destination');
    const reg = num(regions, 'region');
    for (let k = 0; k < regions.rows; k++) {
      const fromFlows = sumWhere(flows, 'co2e_kg', (j) => flowTicks[j] === ticks[k] && dest[j] === reg[k]);
      expect(Math.abs(num(regions, 'co2e_kg')[k]! - fromFlows)).toBeLessThan(0.001);
      const tkmFlows = sumWhere(flows, 'tkm', (j) => flowTicks[j] === ticks[k] && dest[j] === reg[k]);
      expect(Math.abs(num(regions, 'freight_tkm')[k]! - tkmFlows)).toBeLessThan(1e-6);
    }
  });

  it('a full vehicle emits exactly tonne-km x class factor; a part-empty one emits more per tonne-km', async () => {
    const dir = await runTo('tiny', {}, { ticks: 12 });
    const flows = table(dir, 'flows');
    const { scenario } = loadScenario('tiny');
    const classes = new Map(scenario.transport.vehicleClasses.map((v) => [v.name, v]));
    const cls = str(flows, 'vehicle_class');
    let partEmpty = 0;
    for (let k = 0; k < flows.rows; k++) {
      const v = classes.get(cls[k]!);
      if (!v || v.service === 'scheduled') continue;
      const load = num(flows, 'tonnes')[k]! / (num(flows, 'trips')[k]! * v.capacityTonnes);
      const perTkm = num(flows, 'co2e_kg')[k]! / num(flows, 'tkm')[k]!;
      if (load < v.referenceLoad - 1e-9) {
        partEmpty++;
        expect(perTkm).toBeGreaterThan(factorKgPerTkm(v.factor, 'ttw'));
      }
    }
    expect(partEmpty).toBeGreaterThan(0);
  });
});
