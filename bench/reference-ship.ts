// Hand-written references for freight: loading (group queued shipments by lane, fill vehicles, pay escrow) and
// delivery (due shipments to their buyers), as flat loops over the shipment columns.
import type { World } from '../engine/index.js';
import type { Stepper } from '../engine/sim/step.js';
import { GS, RS, GOODS_STATS, REGION_STATS } from '../engine/sim/accumulators.js';
import { SHIP_QUEUED, SHIP_TRANSIT, SHIP_FREE } from '../engine/systems/shipments.js';

/** Scratch reused across calls: per lane key counts, starts, tonnes and a cursor into each vehicle pool. */
export interface LoadScratch {
  count: Int32Array;
  start: Int32Array;
  tonnes: Float64Array;
  order: Int32Array;
}

export function createLoadScratch(w: World): LoadScratch {
  const keys = w.R * w.R * 4;
  return { count: new Int32Array(keys), start: new Int32Array(keys + 1), tonnes: new Float64Array(keys), order: new Int32Array(w.shipments.capacity) };
}

/**
 * The arithmetic every loading pass needs: a counting sort of queued shipments by (lane, mode), then each lane's
 * shipments split over vehicles of the first pool carrier's capacity, escrow paid pro rata, status and arrival set.
 * It does not search the pool for the best free vehicle nor consolidate: it is the floor for the per-shipment work.
 */
export function loadReference(w: World, st: Stepper, x: LoadScratch): void {
  const { R } = w;
  const sh = w.shipments, c = w.carriers, lanes = w.lanes, fleet = st.fleet;
  const status = sh.status, origin = sh.origin, dest = sh.destination, mode = sh.mode, left = sh.tonnesLeft, escrow = sh.escrowCents;
  const arrival = sh.arrivalTick, laneMode = lanes.mode, transit = lanes.transitTicks;
  if (x.order.length < sh.rows) x.order = new Int32Array(sh.capacity);
  x.count.fill(0);
  x.tonnes.fill(0);
  for (let k = 0; k < sh.rows; k++) {
    if (status[k] !== SHIP_QUEUED) continue;
    const m = laneMode[origin[k]! * R + dest[k]!]!;
    if (m < 0) continue;
    mode[k] = m;
    const key = (origin[k]! * R + dest[k]!) * 4 + m;
    x.count[key]++;
    x.tonnes[key] += left[k]!;
  }
  let acc = 0;
  for (let key = 0; key < x.count.length; key++) {
    x.start[key] = acc;
    acc += x.count[key]!;
    x.count[key] = 0;
  }
  x.start[x.count.length] = acc;
  for (let k = 0; k < sh.rows; k++) {
    if (status[k] !== SHIP_QUEUED || laneMode[origin[k]! * R + dest[k]!]! < 0) continue;
    const key = (origin[k]! * R + dest[k]!) * 4 + mode[k]!;
    x.order[x.start[key]! + x.count[key]!++] = k;
  }
  for (let key = 0; key < x.count.length; key++) {
    const end = x.start[key + 1]!;
    if (x.start[key] === end) continue;
    const lane = key >> 2, m = key & 3, o = (lane / R) | 0;
    const pool = m <= 1 ? o * 4 + m : R * 4 + m;
    if (fleet.poolStart[pool] === fleet.poolStart[pool + 1]) continue;
    const v = fleet.poolCarrier[fleet.poolStart[pool]!]!;
    const cap = c.capacityTonnes[v]!;
    let load = 0;
    for (let n = x.start[key]!; n < end; n++) {
      const k = x.order[n]!;
      const take = Math.min(left[k]!, cap - load);
      load = load + take >= cap - 1e-12 ? 0 : load + take;
      left[k] -= take;
      const pay = left[k]! <= 1e-9 ? escrow[k]! : Math.floor((escrow[k]! * take) / (take + left[k]!));
      escrow[k] -= pay;
      c.cash[v] += pay;
      left[k] = 0;
      status[k] = SHIP_TRANSIT;
      arrival[k] = w.tick + transit[lane]!;
    }
  }
}

/** deliverShipments with the same results: due shipments add to input stocks or are consumed, then are freed. */
export function deliverReference(w: World, st: Stepper): void {
  const { S, R, acc } = w;
  const sh = w.shipments, f = w.firms, free = st.free;
  const status = sh.status, arrival = sh.arrivalTick, sector = sh.sector, dest = sh.destination, origin = sh.origin, units = sh.units;
  const buyerA = sh.buyer, due = sh.dueTick, km = w.lanes.km, onOrder = f.onOrder, stock = f.inputStock, alive = f.alive;
  const goods = acc.goods, region = acc.region;
  const iceberg = w.scenario.transport.icebergPer1000Km;
  for (let k = 0; k < sh.rows; k++) {
    if (status[k] !== SHIP_TRANSIT || arrival[k]! > w.tick) continue;
    const s = sector[k]!, d = dest[k]!, u = units[k]!;
    const lost = iceberg > 0 ? Math.min(u, Math.round((u * iceberg * km[origin[k]! * R + d]!) / 1000)) : 0;
    const arrived = u - lost;
    goods[s * GOODS_STATS + GS.destroyed] += lost;
    const buyer = buyerA[k]!;
    if (buyer >= 0) {
      onOrder[buyer * S + s] -= u;
      if (alive[buyer] !== 0) stock[buyer * S + s] += arrived;
      else goods[s * GOODS_STATS + GS.destroyed] += arrived;
    } else {
      goods[s * GOODS_STATS + (buyer === -1 ? GS.consumed : GS.governmentUse)] += arrived;
      if (buyer === -1) region[d * REGION_STATS + RS.consumptionUnits] += arrived;
    }
    region[d * REGION_STATS + RS.delaySum] += arrival[k]! - due[k]!;
    region[d * REGION_STATS + RS.deliveries] += 1;
    status[k] = SHIP_FREE;
    free.slots[free.top++] = k;
  }
}
