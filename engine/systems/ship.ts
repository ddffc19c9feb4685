// Freight: carriers load queued shipments lane by lane, then shipments arrive and are delivered.
// Vehicle choice and load factor emerge here, and so do CO2e, delays and carrier revenue.
import type { World } from '../state/world.js';
import { RS, FS, GS, REGION_STATS, FLOW_STATS, GOODS_STATS, T, CARRIERS, GOV, ROW } from '../sim/accumulators.js';
import { SHIP_QUEUED, SHIP_TRANSIT, freeShipment, type ShipmentFreeList } from './shipments.js';
import type { Fleet } from '../transport/fleet.js';

/** Scratch for grouping queued shipments by lane (counting sort), allocated once. */
export interface LaneQueue {
  count: Int32Array; // per lane key (o, d, mode)
  start: Int32Array;
  order: Int32Array; // shipment slots grouped by lane key, slot order within a lane
  tonnes: Float64Array;
  /** Per lane key: the tick its oldest queued shipment was created. */
  oldest: Int32Array;
  /** Lane keys with freight this tick, longest-waiting first (the order carriers serve them). */
  active: Int32Array;
}

export function createLaneQueue(R: number): LaneQueue {
  const keys = R * R * 4;
  return { count: new Int32Array(keys), start: new Int32Array(keys + 1), order: new Int32Array(1024), tonnes: new Float64Array(keys), oldest: new Int32Array(keys), active: new Int32Array(keys) };
}

export function loadShipments(w: World, fleet: Fleet, q: LaneQueue, free: ShipmentFreeList): void {
  const sh = w.shipments;
  const { R } = w;
  const c = w.carriers;
  for (let k = 0; k < c.rows; k++) c.kmLeft[k] = c.busyUntil[k]! >= w.tick ? 0 : c.speedKmPerTick[k]!;
  // Re-route queued shipments whose mode lost its route; count the rest per lane key.
  q.count.fill(0);
  q.tonnes.fill(0);
  let queued = 0;
  for (let k = 0; k < sh.rows; k++) {
    if (sh.status[k] !== SHIP_QUEUED) continue;
    const lane = sh.origin[k]! * R + sh.destination[k]!;
    const mode = w.lanes.mode[lane]!;
    if (mode < 0) continue; // no route at all: waits for a reopening
    sh.mode[k] = mode;
    const key = lane * 4 + mode;
    if (q.count[key] === 0 || sh.createdTick[k]! < q.oldest[key]!) q.oldest[key] = sh.createdTick[k]!;
    q.count[key]++;
    q.tonnes[key] += sh.tonnesLeft[k]!;
    queued++;
  }
  if (q.order.length < queued) q.order = new Int32Array(queued * 2);
  let acc = 0;
  let lanes = 0;
  for (let key = 0; key < q.count.length; key++) {
    q.start[key] = acc;
    if (q.count[key]! > 0) q.active[lanes++] = key;
    acc += q.count[key]!;
    q.count[key] = 0;
  }
  q.start[q.count.length] = acc;
  for (let k = 0; k < sh.rows; k++) {
    if (sh.status[k] !== SHIP_QUEUED || w.lanes.mode[sh.origin[k]! * R + sh.destination[k]!]! < 0) continue;
    const key = (sh.origin[k]! * R + sh.destination[k]!) * 4 + sh.mode[k]!;
    q.order[q.start[key]! + q.count[key]!++] = k;
  }
  // Carriers serve the freight that has waited longest first (ties in lane order), so no lane starves when
  // vehicles of a shared pool (ships, planes) run short: served in lane order, the last lanes never left port.
  sortByOldest(q, lanes);
  for (let n = 0; n < lanes; n++) loadLane(w, fleet, q, q.active[n]!, free);
}

/** Insertion sort of the first `lanes` active keys by (oldest shipment, key): a few hundred keys at most. */
function sortByOldest(q: LaneQueue, lanes: number): void {
  const { active, oldest } = q;
  for (let n = 1; n < lanes; n++) {
    const key = active[n]!;
    const t = oldest[key]!;
    let m = n - 1;
    while (m >= 0 && (oldest[active[m]!]! > t || (oldest[active[m]!]! === t && active[m]! > key))) {
      active[m + 1] = active[m]!;
      m--;
    }
    active[m + 1] = key;
  }
}

/** Loads one lane's queue into vehicles: smallest vehicle that takes the whole remainder, else the largest free. */
function loadLane(w: World, fleet: Fleet, q: LaneQueue, key: number, free: ShipmentFreeList): void {
  const { R } = w;
  const lane = key >> 2;
  const mode = key & 3;
  const o = (lane / R) | 0;
  const d = lane - o * R;
  const km = w.lanes.km[lane]!;
  const accessKm = w.lanes.accessKm[lane]!;
  const tripKm = Math.max(1, km);
  const sh = w.shipments;
  const c = w.carriers;
  let remaining = q.tonnes[key]!;
  let next = q.start[key]!;
  const end = q.start[key + 1]!;
  let oldest = w.tick;
  for (let k = next; k < end; k++) oldest = Math.min(oldest, sh.createdTick[q.order[k]!]!);
  const mayWait = w.tick - oldest < w.scenario.transport.maxWaitTicks;
  const pool = mode <= 1 ? o * 4 + mode : R * 4 + mode; // road and rail load at the origin; ships and planes anywhere
  while (remaining > 1e-12 && next < end) {
    const v = fleet.pickVehicle(c, pool, remaining, tripKm);
    if (v < 0) break; // capacity ran short: the rest waits (delay)
    const cap = c.capacityTonnes[v]!;
    // Consolidation: a vehicle that would leave too empty waits for more freight, up to maxWaitTicks.
    if (mayWait && Math.min(cap, remaining) < fleet.departAtLoad[c.vehicleClass[v]!]! * cap) break;
    let load = 0;
    let value = 0;
    // Fill the vehicle from the lane's shipments in slot order; a shipment may be split across vehicles.
    while (next < end && load < cap - 1e-12) {
      const k = q.order[next]!;
      const take = Math.min(sh.tonnesLeft[k]!, cap - load);
      load += take;
      value += sh.tonnes[k]! > 0 ? (sh.valueCents[k]! * take) / sh.tonnes[k]! : 0;
      sh.tonnesLeft[k] -= take;
      const pay = sh.tonnesLeft[k]! <= 1e-9 ? sh.escrowCents[k]! : Math.floor((sh.escrowCents[k]! * take) / (take + sh.tonnesLeft[k]!));
      sh.escrowCents[k] -= pay;
      c.cash[v] += pay;
      if (sh.tonnesLeft[k]! <= 1e-9) {
        sh.tonnesLeft[k] = 0;
        sh.status[k] = SHIP_TRANSIT;
        sh.arrivalTick[k] = w.tick + w.lanes.transitTicks[lane]!;
        next++;
      }
    }
    remaining -= load;
    recordTrip(w, fleet, v, o, d, km, accessKm, load, value);
    fleet.useVehicle(c, v, tripKm, w.tick);
  }
  void free;
}

/** Accounts one loaded trip: vehicle-km, tonne-km, CO2e (main leg + drayage), fuel cost and carbon tax. */
function recordTrip(w: World, fleet: Fleet, v: number, o: number, d: number, km: number, accessKm: number, tonnes: number, value: number): void {
  const { acc, R } = w;
  const c = w.carriers;
  const cls = c.vehicleClass[v]!;
  const V = acc.vehicleClasses;
  // A dedicated vehicle burns fuel per km regardless of load: CO2e = km × (capacity × reference load) × DESNZ
  // factor. A scheduled service's CO2e and fuel are shared by weight: our tonne-km × the DESNZ factor.
  const sharedShare = fleet.scheduled[cls] === 1 ? tonnes / (c.capacityTonnes[v]! * fleet.referenceLoad[cls]!) : 1;
  const co2e = km * fleet.kgPerVehicleKm[cls]! * sharedShare;
  const drayCo2e = accessKm * tonnes * fleet.drayageKgPerTkm;
  const fuel = Math.round(km * fleet.costCentsPerKm[cls]! * sharedShare * w.policy.fuelShock[0]!);
  const carbonTax = Math.round((co2e + drayCo2e) * w.policy.carbonTaxCentsPerKg[o]!);
  c.cash[v] -= fuel + carbonTax;
  w.rowCash[0] += fuel;
  w.regions.govCash[o] += carbonTax;
  acc.tfm[T.fuel + CARRIERS] -= fuel;
  acc.tfm[T.fuel + ROW] += fuel;
  acc.tfm[T.carbon_tax + CARRIERS] -= carbonTax;
  acc.tfm[T.carbon_tax + GOV] += carbonTax;
  const base = (o * R + d) * (V + 1);
  const fb = (base + cls) * FLOW_STATS;
  acc.flow[fb + FS.tonnes] += tonnes;
  acc.flow[fb + FS.tkm] += tonnes * km;
  acc.flow[fb + FS.vehicleKm] += km;
  acc.flow[fb + FS.co2eKg] += co2e;
  acc.flow[fb + FS.trips] += 1;
  acc.flow[fb + FS.valueCents] += value;
  if (accessKm > 0) {
    const db = (base + V) * FLOW_STATS;
    acc.flow[db + FS.tonnes] += tonnes;
    acc.flow[db + FS.tkm] += tonnes * accessKm;
    acc.flow[db + FS.vehicleKm] += 0;
    acc.flow[db + FS.co2eKg] += drayCo2e;
  }
  const rb = d * REGION_STATS;
  acc.region[rb + RS.freightTkm] += tonnes * (km + accessKm);
  acc.region[rb + RS.co2eKg] += co2e + drayCo2e;
}

/** Delivers shipments due this tick: inputs to firms, goods to households and governments (consumed). */
export function deliverShipments(w: World, free: ShipmentFreeList): void {
  const sh = w.shipments;
  const f = w.firms;
  const { acc, S } = w;
  const iceberg = w.scenario.transport.icebergPer1000Km;
  for (let k = 0; k < sh.rows; k++) {
    if (sh.status[k] !== SHIP_TRANSIT || sh.arrivalTick[k]! > w.tick) continue;
    const s = sh.sector[k]!;
    const d = sh.destination[k]!;
    const units = sh.units[k]!;
    const lost = iceberg > 0 && sh.origin[k] !== d && w.scenario.sectors[s]!.iceberg ? Math.min(units, Math.round(units * Math.min(0.99, (iceberg * w.lanes.km[sh.origin[k]! * w.R + d]!) / 1000))) : 0;
    const arrived = units - lost;
    acc.goods[s * GOODS_STATS + GS.destroyed] += lost;
    const buyer = sh.buyer[k]!;
    if (buyer >= 0) {
      f.onOrder[buyer * S + s] -= units;
      if (f.alive[buyer] !== 0) f.inputStock[buyer * S + s] += arrived;
      else acc.goods[s * GOODS_STATS + GS.destroyed] += arrived; // its buyer has closed: written off
    } else {
      acc.goods[s * GOODS_STATS + (buyer === -1 ? GS.consumed : GS.governmentUse)] += arrived;
      if (buyer === -1) acc.region[d * REGION_STATS + RS.consumptionUnits] += arrived;
    }
    acc.region[d * REGION_STATS + RS.delaySum] += sh.arrivalTick[k]! - sh.dueTick[k]!;
    acc.region[d * REGION_STATS + RS.deliveries] += 1;
    freeShipment(w, free, k);
  }
}
