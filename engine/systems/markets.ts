// Markets: for each buyer region × sector, the sellers a buyer can reach and their choice weights.
// Rebuilt once per tick (and for one market after sell-outs), so draws reflect stock without per-buyer lists.
// A draw is O(1): each group of sellers (local, remote) carries a Walker alias table, built in O(n) with the market.
import type { World } from '../state/world.js';

export interface Markets {
  /**
   * Markets m = region * S + sector. Region r's markets fill entries from r * firmRows on (a region has at most one
   * entry per firm), so regions are built independently, by any thread. Market m holds entries start[m] .. end[m]:
   * local sellers first, up to localEnd[m], then remote ones (entries past end[m] are dead after a rebuild).
   */
  start: Int32Array;
  localEnd: Int32Array;
  end: Int32Array;
  firm: Int32Array;
  /** Landed unit cost (price + tariff + freight), cents. */
  cost: Float64Array;
  /** Alias tables per group: an entry is kept with probability keep[e], else its alias[e] (an entry of the same group). */
  keep: Float64Array;
  alias: Int32Array;
  /** Total choice weight of the local and of the remote group. */
  localWeight: Float64Array;
  remoteWeight: Float64Array;
  /** Cheapest landed cost in the market (the logit's reference price). */
  minCost: Float64Array;
  /** Sell-out misses since the last rebuild, per market. */
  misses: Int32Array;
  /** Firms with stock to sell this tick, grouped by sector (CSR, row order): each market scans only its sector. */
  sellerStart: Int32Array;
  seller: Int32Array;
}

/** Groups this tick's sellers (alive, not knocked out, with stock) by sector, keeping row order: before any region is built. */
export function bucketSellers(w: World): void {
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
    start: new Int32Array(R * S),
    localEnd: new Int32Array(R * S),
    end: new Int32Array(R * S),
    firm: new Int32Array(n),
    cost: new Float64Array(n),
    keep: new Float64Array(n),
    alias: new Int32Array(n),
    localWeight: new Float64Array(R * S),
    remoteWeight: new Float64Array(R * S),
    minCost: new Float64Array(R * S),
    misses: new Int32Array(R * S),
    sellerStart: new Int32Array(S + 1),
    seller: new Int32Array(firmRows),
  };
}

/** Rebuilds every market from current prices, stocks and lanes (one thread; the tick builds regions in parallel). */
export function buildMarkets(w: World): void {
  bucketSellers(w);
  for (let r = 0; r < w.R; r++) buildRegionMarkets(w, r);
}

/** The markets kernel for region r: its markets, then its variety price index (which reads only those markets). */
export function regionMarkets(w: World, r: number): void {
  buildRegionMarkets(w, r);
  updateVarietyPriceIndex(w, r);
}

/** Rebuilds region r's markets, after bucketSellers. Entries are in firm-row order (deterministic). */
export function buildRegionMarkets(w: World, r: number): void {
  const { markets: m, S } = w;
  let next = r * w.firms.rows;
  for (let s = 0; s < S; s++) {
    const mk = r * S + s;
    m.start[mk] = next;
    m.misses[mk] = 0;
    next = fillMarket(w, r, s, next);
  }
}

/** Refills one market in place after sell-outs (its slot keeps its capacity: it can only shrink). */
export function rebuildMarket(w: World, mk: number): void {
  const m = w.markets;
  const f = w.firms;
  const r = (mk / w.S) | 0;
  const quotaBase = r * f.rows;
  // Compact in place: keep the entries whose seller still has stock set aside for region r (order kept).
  const start = m.start[mk]!;
  const oldLocalEnd = m.localEnd[mk]!;
  const oldEnd = m.end[mk]!;
  let next = start;
  let minCost = Infinity;
  for (let i = start; i < oldEnd; i++) {
    if (i === oldLocalEnd) m.localEnd[mk] = next;
    const firm = m.firm[i]!;
    if (firm < 0 || f.quota[quotaBase + firm]! <= 0) continue;
    m.firm[next] = firm;
    m.cost[next] = m.cost[i]!;
    if (m.cost[i]! < minCost) minCost = m.cost[i]!;
    next++;
  }
  if (oldLocalEnd === oldEnd) m.localEnd[mk] = next;
  m.minCost[mk] = minCost;
  fillWeights(w, mk, start, next, minCost);
  // Entries past the new end are dead: never drawn (draws stop at end[mk]), and marked in case.
  for (let i = next; i < oldEnd; i++) m.firm[i] = -1;
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

/** Choice weights of entries [from, to) of market mk, relative to its cheapest landed cost; then both alias tables. */
function fillWeights(w: World, mk: number, from: number, to: number, minCost: number): void {
  const m = w.markets;
  const choice = w.scenario.households.choice;
  for (let i = from; i < to; i++) {
    const rel = m.cost[i]! / minCost;
    m.keep[i] = choice.kind === 'logit' ? Math.exp(-choice.sensitivity * (rel - 1)) : Math.pow(rel, 1 - choice.sigma);
  }
  setAliasTables(m, mk, from, to);
}

/** Turns the weights in keep[from, to) into the two groups' alias tables and records the market's live end. */
export function setAliasTables(m: Markets, mk: number, from: number, to: number): void {
  const localEnd = m.localEnd[mk]!;
  m.localWeight[mk] = buildAlias(m.keep, m.alias, from, localEnd);
  m.remoteWeight[mk] = buildAlias(m.keep, m.alias, localEnd, to);
  m.end[mk] = to;
}

/** Work space of buildAlias; module state is per thread (each worker has its own module instance). */
let aliasWork = new Int32Array(1024);

/**
 * Vose's alias method over entries [a, b): on entry keep[] holds the weights, on return the probability of keeping
 * each entry (else its alias). Returns the total weight. Deterministic: the same weights give the same table.
 */
export function buildAlias(keep: Float64Array, alias: Int32Array, a: number, b: number): number {
  const n = b - a;
  let total = 0;
  for (let i = a; i < b; i++) total += keep[i]!;
  if (n <= 0 || !(total > 0)) return 0;
  if (aliasWork.length < n) aliasWork = new Int32Array(Math.max(n, 2 * aliasWork.length));
  const work = aliasWork;
  // Small entries (scaled weight < 1) stack up from the front of work, large ones from the back.
  let small = 0;
  let large = n;
  const scale = n / total;
  for (let i = a; i < b; i++) {
    const p = keep[i]! * scale;
    keep[i] = p;
    alias[i] = i;
    if (p < 1) work[small++] = i;
    else work[--large] = i;
  }
  while (small > 0 && large < n) {
    const s = work[--small]!;
    const l = work[large]!;
    alias[s] = l;
    const rest = keep[l]! + keep[s]! - 1;
    keep[l] = rest;
    if (rest < 1) {
      large++;
      work[small++] = l;
    }
  }
  // What is left is 1 up to rounding.
  while (small > 0) keep[work[--small]!] = 1;
  for (let k = large; k < n; k++) keep[work[k]!] = 1;
  return total;
}

/**
 * CES price index of what each region can buy, from the markets just built: per sector (sum over the sellers on offer
 * of landed cost^(1 - sigma))^(1 / (1 - sigma)), landed cost including freight, tariff and the iceberg loss, over the
 * base price; sectors weighted by budget share. More (or nearer) varieties make it lower (Krugman's price index).
 * Logit choice uses the log-sum analogue. A market with no seller keeps the region's last value.
 */
export function updateVarietyPriceIndex(w: World, r: number): void {
  const { markets: m, S } = w;
  const choice = w.scenario.households.choice;
  let logP = 0;
  for (let s = 0; s < S; s++) {
    const share = w.sectorBudgetShare[s]!;
    if (share <= 0) continue;
    const mk = r * S + s;
    const from = m.start[mk]!;
    const to = m.end[mk]!;
    const min = m.minCost[mk]!;
    if (to <= from || !Number.isFinite(min)) return;
    let sum = 0;
    let p: number;
    if (choice.kind === 'ces') {
      for (let k = from; k < to; k++) sum += Math.pow(m.cost[k]! / min, 1 - choice.sigma);
      p = min * Math.pow(sum, 1 / (1 - choice.sigma));
    } else {
      for (let k = from; k < to; k++) sum += Math.exp(-choice.sensitivity * (m.cost[k]! / min - 1));
      p = min * Math.max(0.05, 1 - Math.log(sum) / choice.sensitivity);
    }
    logP += share * Math.log(p / w.sectorBasePrice[s]!);
  }
  w.regions.varietyPriceIndex[r] = Math.exp(logP);
}

/** Weight multiplier a buyer with local preference `pref` puts on local sellers. */
export function localBoost(w: World, pref: number): number {
  const choice = w.scenario.households.choice;
  return choice.kind === 'logit' ? Math.exp(choice.sensitivity * pref) : Math.pow(1 - Math.min(pref, 0.99), 1 - choice.sigma);
}

/**
 * Draws a market entry for a buyer: picks the local or remote group by weight (local weights × boost), then an
 * entry from the group's alias table (u2 gives both the entry and the keep-or-alias coin). Returns the entry index,
 * or -1 if the market is empty.
 */
export function pickEntry(m: Markets, mk: number, boost: number, u1: number, u2: number): number {
  const wl = m.localWeight[mk]! * boost;
  const wr = m.remoteWeight[mk]!;
  const total = wl + wr;
  if (!(total > 0)) return -1;
  let from: number;
  let n: number;
  if (u1 * total < wl) {
    from = m.start[mk]!;
    n = m.localEnd[mk]! - from;
  } else {
    from = m.localEnd[mk]!;
    n = m.end[mk]! - from;
  }
  const x = u2 * n;
  const k = Math.floor(x);
  const e = from + k;
  return x - k < m.keep[e]! ? e : m.alias[e]!;
}
