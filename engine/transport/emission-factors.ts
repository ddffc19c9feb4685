// The DESNZ 2025 freight emission factors (kg CO2e per tonne-km) as typed data, and the one lookup that uses them.
// Copied into the product so runs never depend on files outside the package; each id names its DESNZ row.
import { UserError } from '../model/errors.js';

export type FactorMode = 'road' | 'rail' | 'sea' | 'air';

export interface EmissionFactor {
  /** The factor id in the DESNZ workbook, so each value can be checked against the source. */
  desnzId: string;
  mode: FactorMode;
  /** Tank-to-wheel, kg CO2e per tonne-km ("Freighting goods" sheet). */
  ttw: number;
  /** Well-to-tank, kg CO2e per tonne-km ("WTT- delivery vehs & freight" sheet), where published here. */
  wtt?: number;
  /** Well-to-wheel = TTW + WTT, the GLEC Framework v3 / ISO 14083:2023 basis. */
  wtw?: number;
  label: string;
}

/**
 * Source: UK Department for Energy Security and Net Zero (DESNZ), "Greenhouse gas reporting: conversion factors 2025",
 * sheets "Freighting goods" (TTW) and "WTT- delivery vehs & freight" (WTT). Units: kg CO2e per tonne-km.
 */
export const EMISSION_FACTORS: Readonly<Record<string, Readonly<EmissionFactor>>> = Object.freeze({
  hgv_average: { desnzId: '27_304_3140_14_1', mode: 'road', ttw: 0.10163, wtt: 0.02359, wtw: 0.12522, label: 'HGV, all HGVs, average laden' },
  hgv_articulated: { desnzId: '27_304_3136_14_1', mode: 'road', ttw: 0.078, label: 'HGV, all articulated, average laden' },
  hgv_rigid: { desnzId: '27_304_3124_14_1', mode: 'road', ttw: 0.19748, label: 'HGV, all rigids, average laden' },
  van_average: { desnzId: '27_303_3102_14_1', mode: 'road', ttw: 0.6313, label: 'Van, average (up to 3.5 t), diesel' },
  rail_freight: { desnzId: '27_315_3151_14_1', mode: 'rail', ttw: 0.02779, wtt: 0.00691, wtw: 0.0347, label: 'Rail, freight train' },
  container_ship_average: { desnzId: '27_320_3235_14_1', mode: 'sea', ttw: 0.01612, wtt: 0.00365, wtw: 0.01977, label: 'Container ship, average' },
  container_ship_8000teu: { desnzId: '27_320_3229_14_1', mode: 'sea', ttw: 0.01266, label: 'Container ship, 8000+ TEU' },
  container_ship_small: { desnzId: '27_320_3234_14_1', mode: 'sea', ttw: 0.03675, label: 'Container ship, 0-999 TEU' },
  bulk_carrier_average: { desnzId: '27_320_3221_14_1', mode: 'sea', ttw: 0.00353, wtt: 0.0008, wtw: 0.00433, label: 'Bulk carrier, average' },
  general_cargo_average: { desnzId: '27_320_3228_14_1', mode: 'sea', ttw: 0.01321, wtt: 0.003, wtw: 0.01621, label: 'General cargo ship, average' },
  air_longhaul_rf: { desnzId: '27_317_3156_14_1', mode: 'air', ttw: 0.89939, wtt: 0.13516, wtw: 1.03455, label: 'Air freight, long-haul, with radiative forcing' },
  air_longhaul_no_rf: { desnzId: '27_317_3157_14_1', mode: 'air', ttw: 0.5313, wtt: 0.13516, wtw: 0.66646, label: 'Air freight, long-haul, without radiative forcing' },
  air_shorthaul_rf: { desnzId: '27_317_3154_14_1', mode: 'air', ttw: 1.27835, wtt: 0.20515, wtw: 1.4835, label: 'Air freight, short-haul, with radiative forcing' },
});

/** kg CO2e per tonne-km for a factor id on the given basis; a user error if the id or the basis is unknown. */
export function factorKgPerTkm(id: string, basis: 'ttw' | 'wtw'): number {
  const factor = Object.hasOwn(EMISSION_FACTORS, id) ? EMISSION_FACTORS[id] : undefined;
  if (!factor) {
    throw new UserError(`unknown emission factor '${id}'; allowed ids: ${Object.keys(EMISSION_FACTORS).join(', ')}`);
  }
  if (basis === 'ttw') return factor.ttw;
  if (factor.wtw === undefined) {
    throw new UserError(
      `emission factor '${id}' has no well-to-wheel (wtw) value; ids with one: ${wtwFactorIds().join(', ')}`,
    );
  }
  return factor.wtw;
}

/** Factor ids that publish a well-to-wheel value (usable with emissionsBasis: wtw). */
export function wtwFactorIds(): string[] {
  return Object.keys(EMISSION_FACTORS).filter((k) => EMISSION_FACTORS[k]!.wtw !== undefined);
}
