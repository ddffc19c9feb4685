// Markets: for each buyer region × sector, the sellers a buyer can reach and their choice weights.
// Rebuilt once per tick (and for one market after sell-outs), so draws reflect stock without per-buyer lists.
import type { World } from '../state/world.js';

export interface Markets {
  /** CSR over markets m = region * S + sector: entries start[m] .. start[m + 1]; local sellers first, up to localEnd[m]. */
  start: Int32Array;
  localEnd: Int32Array;
  firm: Int32Array;
  /** Landed unit cost (price + tariff + freight), cents. */
  cost: Float64Array;
  /** Cumulative choice weight within the local group and within the remote group. */
  cdf: Float64Array;
  /** Cheapest landed cost in the market (the logit's reference price). */
  minCost: Float64Array;
  /** Sell-out misses since the last rebuild, per market. */
  misses: Int32Array;
  /** Firms with stock to sell this tick, grouped by sector (CSR, row order): each market scans only its sector. */
  sellerStart: Int32Array;
  seller: Int32Array;
}

/** Groups this tick's sellers (alive, not knocked out, with stock) by sector, keeping row order. */
function bucketSellers(w: World): void {
  const { markets: m, firms: f, S } = w;
  m.sellerStart.fill(0);
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] !== 0 && f.downUntil[i]! < w.tick && f.inventory[i]! > 0) m.sellerStart[f.sector[i]! + 1]++;
  }
  for (let s = 0; s < S; s++) m.sellerStart[s + 1] += m.sellerStart[s]!;
  const fill = m.sellerStart.slice(0, S);
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] !== 0 && f.downUntil[i]! < w.tick && f.inventory[i]! > 0) m.seller[fill[f.sector[i]!]!++] = i;
  }
}

export function createMarkets(R: number, S: number, firmRows: number): Markets {
  const n = R * firmRows;
  return {
    start: new Int32Array(R * S + 1),
    localEnd: new Int32Array(R * S),
    firm: new Int32Array(n),
    cost: new Float64Array(n),
    cdf: new Float64Array(n),
    minCost: new Float64Array(R * S),
    misses: new Int32Array(R * S),
    sellerStart: new Int32Array(S + 1),
    seller: new Int32Array(firmRows),
  };
}

/** Rebuilds every market from current prices, stocks and lanes. Entries are in firm-row order (deterministic). */
export function buildMarkets(w: World): void {
  const { markets: m, R, S } = w;
  bucketSellers(w);
  let next = 0;
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      const mk = r * S + s;
      m.start[mk] = next;
      next = fillMarket(w, r, s, next);
    }
  }
  m.start[R * S] = next;
  m.misses.fill(0);
}

/** Refills one market in place after sell-outs (its slot keeps its capacity: it can only shrink). */
export function rebuildMarket(w: World, mk: number): void {
  const m = w.markets;
  const f = w.firms;
  const r = (mk / w.S) | 0;
  const R = w.R;
  // Compact in place: keep the entries whose seller still has stock set aside for region r (order kept).
  const start = m.start[mk]!;
  const oldLocalEnd = m.localEnd[mk]!;
  const oldEnd = m.start[mk + 1]!;
  let next = start;
  let minCost = Infinity;
  for (let i = start; i < oldEnd; i++) {
    if (i === oldLocalEnd) m.localEnd[mk] = next;
    const firm = m.firm[i]!;
    if (firm < 0 || f.quota[firm * R + r]! <= 0) continue;
    m.firm[next] = firm;
    m.cost[next] = m.cost[i]!;
    if (m.cost[i]! < minCost) minCost = m.cost[i]!;
    next++;
  }
  if (oldLocalEnd === oldEnd) m.localEnd[mk] = next;
  m.minCost[mk] = minCost;
  fillWeights(w, mk, start, next, minCost);
  // Entries past the new end are dead: zero weight (the cdf repeats its last value; an empty group stays at 0).
  for (let i = next; i < oldEnd; i++) {
    m.firm[i] = -1;
    m.cdf[i] = i > m.localEnd[mk]! ? m.cdf[i - 1]! : 0;
  }
  m.misses[mk] = 0;
}

/** Fills market (r, s) from `from` with sellers that have stock. */
function fillMarket(w: World, r: number, s: number, from: number): number {
  const { markets: m, firms: f, lanes, policy, S, R } = w;
  const mk = r * S + s;
  const tradable = w.sectorTradable[s] === 1;
  const tonnes = w.sectorTonnes[s]!;
  const iceberg = w.scenario.sectors[s]!.iceberg ? w.scenario.transport.icebergPer1000Km : 0;
  let next = from;
  let minCost = Infinity;
  // Two passes over the sector's sellers (row order): local sellers first, then sellers in other regions.
  for (let pass = 0; pass < 2; pass++) {
    for (let k = m.sellerStart[s]!; k < m.sellerStart[s + 1]!; k++) {
      const i = m.seller[k]!;
      const o = f.region[i]!;
      if ((pass === 0) !== (o === r)) continue;
      let cost = f.priceCents[i]!;
      if (o !== r) {
        if (!tradable) continue;
        const lane = o * R + r;
        if (lanes.mode[lane]! < 0) continue;
        cost = cost * (1 + policy.tariff[r * R + o]!) + tonnes * lanes.costCentsPerTonne[lane]!;
        // Iceberg trade costs (Krugman): a share of what is shipped melts away, so each unit delivered costs more.
        if (iceberg > 0) cost /= 1 - Math.min(0.99, (iceberg * lanes.km[lane]!) / 1000);
      } else if (tradable) {
        cost += tonnes * lanes.costCentsPerTonne[o * R + r]!;
      }
      m.firm[next] = i;
      m.cost[next] = cost;
      if (cost < minCost) minCost = cost;
      next++;
    }
    if (pass === 0) m.localEnd[mk] = next;
  }
  m.minCost[mk] = minCost;
  fillWeights(w, mk, from, next, minCost);
  return next;
}

function fillWeights(w: World, mk: number, from: number, to: number, minCost: number): void {
  const m = w.markets;
  const choice = w.scenario.households.choice;
  const localEnd = m.localEnd[mk]!;
  let sum = 0;
  for (let i = from; i < to; i++) {
    if (i === localEnd) sum = 0;
    const rel = m.cost[i]! / minCost;
    sum += choice.kind === 'logit' ? Math.exp(-choice.sensitivity * (rel - 1)) : Math.pow(rel, 1 - choice.sigma);
    m.cdf[i] = sum;
  }
}

/** Weight multiplier a buyer with local preference `pref` puts on local sellers. */
export function localBoost(w: World, pref: number): number {
  const choice = w.scenario.households.choice;
  return choice.kind === 'logit' ? Math.exp(choice.sensitivity * pref) : Math.pow(1 - Math.min(pref, 0.99), 1 - choice.sigma);
}

/**
 * Draws a market entry for a buyer: picks the local or remote group by weight (local weights × boost), then an
 * entry by binary search on the group's cdf. Returns the entry index or -1 if the market is empty.
 */
export function pickEntry(m: Markets, mk: number, boost: number, u1: number, u2: number): number {
  const start = m.start[mk]!;
  const localEnd = m.localEnd[mk]!;
  const end = m.start[mk + 1]!;
  const wl = localEnd > start ? m.cdf[localEnd - 1]! * boost : 0;
  const wr = end > localEnd ? m.cdf[end - 1]! : 0;
  const total = wl + wr;
  if (!(total > 0)) return -1;
  let lo: number;
  let hi: number;
  let target: number;
  if (u1 * total < wl) {
    lo = start;
    hi = localEnd - 1;
    target = u2 * m.cdf[localEnd - 1]!;
  } else {
    lo = localEnd;
    hi = end - 1;
    target = u2 * m.cdf[end - 1]!;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.cdf[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
