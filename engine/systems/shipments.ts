// The shipment pool: goods bought but not yet delivered. Slots are reused through a free list;
// creation order (and so slot order) is deterministic, which keeps loading order deterministic too.
import type { World } from '../state/world.js';
import { growShipments } from '../state/tables.js';
import type { RetailOrders } from './buy.js';

export const SHIP_FREE = 0, SHIP_QUEUED = 1, SHIP_TRANSIT = 2;

/** Free slots, as a stack; rebuilt when the pool grows. */
export interface ShipmentFreeList {
  slots: Int32Array;
  top: number;
}

export function createFreeList(capacity: number): ShipmentFreeList {
  const slots = new Int32Array(capacity);
  // Lowest slot on top, so a fresh pool fills in order.
  for (let k = 0; k < capacity; k++) slots[k] = capacity - 1 - k;
  return { slots, top: capacity };
}

export function addShipment(
  w: World,
  free: ShipmentFreeList,
  origin: number,
  destination: number,
  sector: number,
  buyer: number,
  units: number,
  escrowCents: number,
  valueCents: number,
): number {
  if (free.top === 0) growPool(w, free);
  const k = free.slots[--free.top]!;
  const sh = w.shipments;
  const lane = origin * w.R + destination;
  sh.status[k] = SHIP_QUEUED;
  sh.origin[k] = origin;
  sh.destination[k] = destination;
  sh.mode[k] = Math.max(0, w.lanes.mode[lane]!);
  sh.sector[k] = sector;
  sh.buyer[k] = buyer;
  sh.units[k] = units;
  sh.tonnes[k] = units * w.sectorTonnes[sector]!;
  sh.tonnesLeft[k] = sh.tonnes[k]!;
  sh.escrowCents[k] = escrowCents;
  sh.valueCents[k] = valueCents;
  sh.createdTick[k] = w.tick;
  sh.dueTick[k] = w.tick + w.lanes.transitTicks[lane]!;
  sh.arrivalTick[k] = -1;
  if (k >= sh.rows) sh.rows = k + 1;
  return k;
}

export function freeShipment(w: World, free: ShipmentFreeList, k: number): void {
  w.shipments.status[k] = SHIP_FREE;
  free.slots[free.top++] = k;
}

function growPool(w: World, free: ShipmentFreeList): void {
  const old = w.shipments.capacity;
  w.shipments = growShipments(w.shipments);
  const slots = new Int32Array(w.shipments.capacity);
  for (let k = 0; k < old; k++) slots[k] = w.shipments.capacity - 1 - k;
  free.slots = slots;
  free.top = old;
}

/** Turns the tick's retail orders into one shipment per (origin, destination, sector, buyer kind), in key order. */
export function shipRetailOrders(w: World, free: ShipmentFreeList, retail: RetailOrders): void {
  const { R, S } = w;
  for (let lane = 0; lane < R * R; lane++) {
    const o = (lane / R) | 0;
    const d = lane - o * R;
    for (let s = 0; s < S; s++) {
      for (let kind = 0; kind < 2; kind++) {
        const key = ((lane * S + s) << 1) + kind;
        const units = retail.units[key]!;
        if (units <= 0) continue;
        addShipment(w, free, o, d, s, kind === 0 ? -1 : -2, units, retail.escrow[key]!, retail.value[key]!);
        retail.units[key] = 0;
        retail.escrow[key] = 0;
        retail.value[key] = 0;
      }
    }
  }
}

/**
 * Goods and money in transit, in one pass over shipments and retail orders: units bought but not delivered, per
 * sector, into `units` (for the goods books); returns the prepaid freight not yet paid to a carrier, which the money
 * books count as the carriers' (for the money books).
 */
export function inTransit(w: World, retail: RetailOrders, units: Float64Array): number {
  units.fill(0);
  let escrow = 0;
  const sh = w.shipments;
  const { status, sector } = sh;
  const shipped = sh.units;
  const held = sh.escrowCents;
  for (let k = 0; k < sh.rows; k++) {
    if (status[k] === SHIP_FREE) continue;
    units[sector[k]!] += shipped[k]!;
    escrow += held[k]!;
  }
  const { S } = w;
  for (let key = 0; key < retail.units.length; key++) {
    const u = retail.units[key]!;
    if (u > 0) units[(key >> 1) % S] += u;
    escrow += retail.escrow[key]!;
  }
  return escrow;
}
