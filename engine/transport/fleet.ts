// The carrier fleet: vehicle-class constants and pools of carriers per (origin region, mode) for road and rail,
// and per mode for ships and planes. Picking a vehicle is where load factors emerge.
import type { Scenario } from '../model/schema.js';
import { MODES } from '../model/schema.js';
import type { CarrierTable } from '../state/tables.js';
import { factorKgPerTkm } from './emission-factors.js';

export interface Fleet {
  /** Per vehicle class: kg CO2e per vehicle-km = capacity × reference load × DESNZ factor per tonne-km. */
  kgPerVehicleKm: Float64Array;
  kgPerTkmAtReference: Float64Array;
  referenceLoad: Float64Array;
  costCentsPerKm: Float64Array;
  departAtLoad: Float64Array;
  /** 1 for scheduled services (CO2e and fuel allocated per tonne-km), 0 for dedicated vehicles (per vehicle-km). */
  scheduled: Uint8Array;
  /** Drayage to ports and airports: average HGV at its reference load (DESNZ hgv_average). */
  drayageKgPerTkm: number;
  /** Per mode: capacity-weighted kg CO2e per tonne-km and mean speed of the fleet (for expected costs). */
  modeKgPerTkm: Float64Array;
  modeSpeedKmPerTick: Float64Array;
  /** Pools: CSR over pool ids (region * 4 + mode for road/rail, R * 4 + mode for sea/air), carriers by capacity. */
  poolStart: Int32Array;
  poolCarrier: Int32Array;
  pickVehicle(c: CarrierTable, pool: number, tonnes: number, tripKm: number): number;
  useVehicle(c: CarrierTable, v: number, tripKm: number, tick: number): void;
}

export function createFleet(s: Scenario, c: CarrierTable, R: number): Fleet {
  const classes = s.transport.vehicleClasses;
  const basis = s.transport.emissionsBasis;
  const kgPerTkmAtReference = Float64Array.from(classes, (v) => factorKgPerTkm(v.factor, basis));
  const kgPerVehicleKm = Float64Array.from(classes, (v, i) => v.capacityTonnes * v.referenceLoad * kgPerTkmAtReference[i]!);
  const costCentsPerKm = Float64Array.from(classes, (v) => v.costCentsPerKm);
  const modeKgPerTkm = new Float64Array(4);
  const modeSpeed = new Float64Array(4);
  for (let m = 0; m < 4; m++) {
    let cap = 0, kg = 0, speed = 0, n = 0;
    classes.forEach((v, i) => {
      if (v.mode !== MODES[m]) return;
      cap += v.capacityTonnes;
      kg += v.capacityTonnes * kgPerTkmAtReference[i]!;
      speed += v.speedKmPerTick;
      n++;
    });
    modeKgPerTkm[m] = cap > 0 ? kg / cap : 0;
    modeSpeed[m] = n > 0 ? speed / n : 1000;
  }
  const pools = R * 4 + 4;
  const poolOf = (k: number) => (c.mode[k]! <= 1 ? c.region[k]! * 4 + c.mode[k]! : R * 4 + c.mode[k]!);
  const poolStart = new Int32Array(pools + 1);
  for (let k = 0; k < c.rows; k++) poolStart[poolOf(k) + 1]++;
  for (let p = 0; p < pools; p++) poolStart[p + 1] += poolStart[p]!;
  const fill = poolStart.slice(0, pools);
  const poolCarrier = new Int32Array(c.rows);
  for (let k = 0; k < c.rows; k++) poolCarrier[fill[poolOf(k)]!++] = k;
  // Within a pool: ascending capacity, then row (so "smallest that fits" is the first that fits).
  for (let p = 0; p < pools; p++) {
    const slice = Array.from(poolCarrier.subarray(poolStart[p]!, poolStart[p + 1]!));
    slice.sort((a, b) => c.capacityTonnes[a]! - c.capacityTonnes[b]! || a - b);
    poolCarrier.set(slice, poolStart[p]!);
  }
  const available = (v: number, tripKm: number) =>
    c.kmLeft[v]! >= 2 * tripKm || (c.kmLeft[v]! === c.speedKmPerTick[v]! && c.kmLeft[v]! > 0);
  return {
    kgPerVehicleKm,
    kgPerTkmAtReference,
    referenceLoad: Float64Array.from(classes, (v) => v.referenceLoad),
    costCentsPerKm,
    departAtLoad: Float64Array.from(classes, (v) => v.departAtLoad),
    scheduled: Uint8Array.from(classes, (v) => (v.service === 'scheduled' ? 1 : 0)),
    drayageKgPerTkm: factorKgPerTkm('hgv_average', basis),
    modeKgPerTkm,
    modeSpeedKmPerTick: modeSpeed,
    poolStart,
    poolCarrier,
    pickVehicle(cars, pool, tonnes, tripKm) {
      let largest = -1;
      for (let k = poolStart[pool]!; k < poolStart[pool + 1]!; k++) {
        const v = poolCarrier[k]!;
        if (!available(v, tripKm)) continue;
        if (cars.capacityTonnes[v]! >= tonnes) return v;
        largest = v;
      }
      return largest;
    },
    useVehicle(cars, v, tripKm, tick) {
      const roundTrip = 2 * tripKm;
      if (cars.kmLeft[v]! >= roundTrip) {
        cars.kmLeft[v] -= roundTrip;
      } else {
        cars.busyUntil[v] = tick + Math.ceil(roundTrip / cars.speedKmPerTick[v]!) - 1;
        cars.kmLeft[v] = 0;
      }
    },
  };
}
