// Tests the DESNZ factor table against the reference worked example and the error messages for bad ids.
// Guards against typos when the numbers were copied from the DESNZ workbook.
import { describe, expect, it } from 'vitest';
import { EMISSION_FACTORS, factorKgPerTkm, wtwFactorIds } from '../../../engine/transport/emission-factors.js';
import { isUserError } from '../../../engine/model/errors.js';

describe('emission factors', () => {
  it('reproduces the worked example: 10 t x 500 km by an average HGV', () => {
    const tonneKm = 10 * 500;
    expect(Math.abs(tonneKm * factorKgPerTkm('hgv_average', 'ttw') - 508.15)).toBeLessThan(0.001);
    expect(Math.abs(tonneKm * factorKgPerTkm('hgv_average', 'wtw') - 626.1)).toBeLessThan(0.001);
  });

  it('keeps wtw = ttw + wtt wherever both are given', () => {
    for (const [id, f] of Object.entries(EMISSION_FACTORS)) {
      if (f.wtw === undefined) continue;
      expect(f.wtt, id).toBeDefined();
      expect(Math.abs(f.ttw + f.wtt! - f.wtw), id).toBeLessThan(1e-9);
    }
  });

  it('orders factors as the physics says: van > rigid > articulated, small ship > large ship', () => {
    expect(EMISSION_FACTORS.van_average!.ttw).toBeGreaterThan(EMISSION_FACTORS.hgv_rigid!.ttw);
    expect(EMISSION_FACTORS.hgv_rigid!.ttw).toBeGreaterThan(EMISSION_FACTORS.hgv_articulated!.ttw);
    expect(EMISSION_FACTORS.container_ship_small!.ttw).toBeGreaterThan(EMISSION_FACTORS.container_ship_8000teu!.ttw);
  });

  it('rejects an unknown id with a user error listing the allowed ids', () => {
    let err: unknown;
    try {
      factorKgPerTkm('lorry', 'ttw');
    } catch (e) {
      err = e;
    }
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toMatch(/'lorry'/);
    expect((err as Error).message).toMatch(/hgv_average.*rail_freight/);
  });

  it('does not treat prototype keys as ids', () => {
    expect(() => factorKgPerTkm('toString', 'ttw')).toThrow(/unknown emission factor/);
  });

  it('rejects wtw for an id without it, naming the ids that have it', () => {
    expect(() => factorKgPerTkm('hgv_rigid', 'wtw')).toThrow(/'hgv_rigid' has no well-to-wheel.*hgv_average/);
    expect(factorKgPerTkm('hgv_rigid', 'ttw')).toBe(0.19748);
    expect(wtwFactorIds()).toEqual([
      'hgv_average', 'rail_freight', 'container_ship_average', 'bulk_carrier_average', 'general_cargo_average',
      'air_longhaul_rf', 'air_longhaul_no_rf', 'air_shorthaul_rf',
    ]);
  });
});
