// Per-mode freight distances between every pair of regions on the grid (road, rail, sea, air), honouring closures.
// Recomputed when closures change; shippers and carriers read km and accessKm from the table, never the grid.
import type { Grid } from '../state/grid.js';
import { INFRA_RAIL, INFRA_ROAD, LAND, WATER, NEIGHBOUR_DX, NEIGHBOUR_DY } from '../state/grid.js';

// Local typed copies: imported bindings can compile to getters, which cost more than the search itself.
const DX = Int32Array.from(NEIGHBOUR_DX), DY = Int32Array.from(NEIGHBOUR_DY);

export const MODE_ROAD = 0, MODE_RAIL = 1, MODE_SEA = 2, MODE_AIR = 3;
export const MODE_COUNT = 4;
export const MODE_NAMES = ['road', 'rail', 'sea', 'air'] as const;

export interface RouteTable {
  regionCount: number;
  /** Main-leg km for (origin o, destination d, mode m) at index (o * R + d) * MODE_COUNT + m; Infinity where no route. */
  km: Float64Array;
  /** Road km to/from ports or airports for sea and air routes (drayage), same indexing; 0 for road and rail. */
  accessKm: Float64Array;
  /** Mean delivery distance inside each region (km), used for o == d road trips (>= cellKm). */
  localKm: Float64Array;
}

/** Index of (o, d, mode) in RouteTable.km and accessKm. */
export function routeIndex(regionCount: number, o: number, d: number, mode: number): number {
  return (o * regionCount + d) * MODE_COUNT + mode;
}

const BLOCKED = 0, PASSABLE = 1, TERMINAL = 2;

/** `closed`: per cell, 1 = closed to every mode (a closed port or airport cell takes it out of service). */
export function computeRoutes(grid: Grid, closed: Uint8Array): RouteTable {
  const R = grid.regionCount;
  const km = new Float64Array(R * R * MODE_COUNT).fill(Infinity);
  const accessKm = new Float64Array(R * R * MODE_COUNT);
  const ws = createWorkspace(grid.width * grid.height);
  const ports = openCells(grid.portCell, closed);
  const airports = openCells(grid.airportCell, closed);

  const road = roadDistances(grid, closed, ws, ports, airports);
  const localKm = localDistances(grid);
  for (let o = 0; o < R; o++) {
    for (let d = 0; d < R; d++) km[routeIndex(R, o, d, MODE_ROAD)] = o === d ? (road.hub[o]! >= 0 ? localKm[o]! : Infinity) : road.toHub[o * R + d]!;
  }
  railRoutes(grid, closed, ws, km);
  seaRoutes(grid, closed, ws, ports, road.toPort, km, accessKm);
  airRoutes(grid, airports, road.toAirport, km, accessKm);
  return { regionCount: R, km, accessKm, localKm };
}

function openCells(cellOfRegion: Int32Array, closed: Uint8Array): number[] {
  const out: number[] = [];
  for (const c of cellOfRegion) if (c >= 0 && closed[c] === 0) out.push(c);
  return out;
}

interface RoadDistances {
  /** Per region: where its road trips start (its centre, or its open cell nearest the centre; -1 if all closed). */
  hub: Int32Array;
  /** [o * R + d]: road km hub o -> hub d. */
  toHub: Float64Array;
  /** [o * P + p]: road km hub o -> open port p (roads are undirected, so also p -> o). */
  toPort: Float64Array;
  /** [o * A + a]: road km hub o -> open airport a. */
  toAirport: Float64Array;
}

function roadDistances(grid: Grid, closed: Uint8Array, ws: Workspace, ports: number[], airports: number[]): RoadDistances {
  const R = grid.regionCount, P = ports.length, A = airports.length;
  const passable = new Uint8Array(grid.width * grid.height);
  for (let c = 0; c < passable.length; c++) {
    if (grid.terrain[c] === LAND && (grid.infra[c]! & INFRA_ROAD) !== 0 && closed[c] === 0) passable[c] = PASSABLE;
  }
  const hub = new Int32Array(R);
  for (let r = 0; r < R; r++) hub[r] = hubCell(grid, r, passable);
  const toHub = new Float64Array(R * R).fill(Infinity);
  const toPort = new Float64Array(R * P).fill(Infinity);
  const toAirport = new Float64Array(R * A).fill(Infinity);
  const targets: number[] = [];
  for (let o = 0; o < R; o++) {
    if (hub[o]! < 0) continue;
    // Roads are undirected: hubs before o already hold their distance to o.
    targets.length = 0;
    for (let d = o + 1; d < R; d++) if (hub[d]! >= 0) targets.push(hub[d]!);
    dijkstra(grid, hub[o]!, passable, ws, targets.concat(ports, airports));
    toHub[o * R + o] = 0;
    for (let d = o + 1; d < R; d++) if (hub[d]! >= 0) toHub[o * R + d] = toHub[d * R + o] = ws.dist[hub[d]!]!;
    for (let p = 0; p < P; p++) toPort[o * P + p] = ws.dist[ports[p]!]!;
    for (let a = 0; a < A; a++) toAirport[o * A + a] = ws.dist[airports[a]!]!;
  }
  return { hub, toHub, toPort, toAirport };
}

/** The centre if it is open, else the region's open cell nearest the centre, so a closure there reroutes instead of isolating. */
function hubCell(grid: Grid, r: number, passable: Uint8Array): number {
  const centre = grid.centreCell[r]!;
  if (passable[centre] === PASSABLE) return centre;
  const w = grid.width, cx = centre % w, cy = Math.floor(centre / w);
  let best = -1, bestD2 = Infinity;
  for (let i = grid.regionCellStart[r]!; i < grid.regionCellStart[r + 1]!; i++) {
    const c = grid.cellsOfRegion[i]!;
    const d2 = (c % w - cx) ** 2 + (Math.floor(c / w) - cy) ** 2;
    if (passable[c] === PASSABLE && d2 < bestD2) [best, bestD2] = [c, d2];
  }
  return best;
}

/**
 * Mean distance between two deliveries' ends inside a region: sqrt(2) x the population-weighted mean distance
 * from the centre (exact for an isotropic Gaussian spread), never below one cell.
 */
function localDistances(grid: Grid): Float64Array {
  const out = new Float64Array(grid.regionCount);
  const w = grid.width;
  for (let r = 0; r < grid.regionCount; r++) {
    const cx = grid.centreCell[r]! % w, cy = Math.floor(grid.centreCell[r]! / w);
    let meanCells = 0;
    for (let i = grid.regionCellStart[r]!; i < grid.regionCellStart[r + 1]!; i++) {
      const c = grid.cellsOfRegion[i]!;
      meanCells += grid.popWeight[c]! * Math.hypot(c % w - cx, Math.floor(c / w) - cy);
    }
    out[r] = Math.max(grid.cellKm, Math.SQRT2 * meanCells * grid.cellKm);
  }
  return out;
}

/** Rail runs between regions whose centre lies on an open rail cell, over open rail cells only. */
function railRoutes(grid: Grid, closed: Uint8Array, ws: Workspace, km: Float64Array): void {
  const R = grid.regionCount;
  const passable = new Uint8Array(grid.width * grid.height);
  for (let c = 0; c < passable.length; c++) if ((grid.infra[c]! & INFRA_RAIL) !== 0 && closed[c] === 0) passable[c] = PASSABLE;
  const station = (r: number) => (passable[grid.centreCell[r]!] === PASSABLE ? grid.centreCell[r]! : -1);
  for (let o = 0; o < R; o++) {
    if (station(o) < 0) continue;
    const later: number[] = [];
    for (let d = o + 1; d < R; d++) if (station(d) >= 0) later.push(d);
    dijkstra(grid, station(o), passable, ws, later.map(station));
    for (const d of later) km[routeIndex(R, o, d, MODE_RAIL)] = km[routeIndex(R, d, o, MODE_RAIL)] = ws.dist[station(d)]!;
  }
}

/**
 * Sea: for each (o, d) the pair of open ports (p1, p2), p1 != p2, minimising road(o, p1) + sea(p1, p2) + road(p2, d).
 * Split as best[o][p2] = min over p1 first, so the cost is O(R P^2 + R^2 P) rather than O(R^2 P^2).
 */
function seaRoutes(grid: Grid, closed: Uint8Array, ws: Workspace, ports: number[], roadToPort: Float64Array, km: Float64Array, accessKm: Float64Array): void {
  const R = grid.regionCount, P = ports.length;
  if (P < 2) return;
  const seaKm = portToPortSea(grid, closed, ws, ports);
  const viaKm = new Float64Array(P), viaPort = new Int32Array(P);
  for (let o = 0; o < R; o++) {
    for (let q = 0; q < P; q++) {
      viaKm[q] = Infinity;
      viaPort[q] = -1;
      for (let p = 0; p < P; p++) {
        const total = roadToPort[o * P + p]! + seaKm[p * P + q]!;
        if (total < viaKm[q]!) [viaKm[q], viaPort[q]] = [total, p];
      }
    }
    for (let d = 0; d < R; d++) {
      if (d === o) continue;
      let best = Infinity, bestQ = -1;
      for (let q = 0; q < P; q++) {
        const total = viaKm[q]! + roadToPort[d * P + q]!;
        if (total < best) [best, bestQ] = [total, q];
      }
      if (bestQ < 0) continue;
      const p = viaPort[bestQ]!, i = routeIndex(R, o, d, MODE_SEA);
      km[i] = seaKm[p * P + bestQ]!;
      accessKm[i] = roadToPort[o * P + p]! + roadToPort[d * P + bestQ]!;
    }
  }
}

/** [p * P + q]: sailing km between open port cells over open water; a port is an end point, never a passage. */
function portToPortSea(grid: Grid, closed: Uint8Array, ws: Workspace, ports: number[]): Float64Array {
  const P = ports.length;
  const passable = new Uint8Array(grid.width * grid.height);
  for (let c = 0; c < passable.length; c++) if (grid.terrain[c] === WATER && closed[c] === 0) passable[c] = PASSABLE;
  for (const c of ports) passable[c] = TERMINAL;
  const seaKm = new Float64Array(P * P).fill(Infinity);
  for (let p = 0; p < P - 1; p++) {
    // Sailing is symmetric, so each search only needs the ports after p.
    dijkstra(grid, ports[p]!, passable, ws, ports.slice(p + 1));
    for (let q = p + 1; q < P; q++) seaKm[p * P + q] = seaKm[q * P + p] = ws.dist[ports[q]!]!;
  }
  return seaKm;
}

/** Air: each region flies from its nearest open airport by road; the flight is the straight line between airports. */
function airRoutes(grid: Grid, airports: number[], roadToAirport: Float64Array, km: Float64Array, accessKm: Float64Array): void {
  const R = grid.regionCount, A = airports.length, w = grid.width;
  const nearest = new Int32Array(R).fill(-1);
  for (let r = 0; r < R; r++) {
    let best = Infinity;
    for (let a = 0; a < A; a++) if (roadToAirport[r * A + a]! < best) [best, nearest[r]] = [roadToAirport[r * A + a]!, a];
  }
  for (let o = 0; o < R; o++) {
    for (let d = 0; d < R; d++) {
      const a1 = nearest[o]!, a2 = nearest[d]!;
      if (o === d || a1 < 0 || a2 < 0 || a1 === a2) continue;
      const c1 = airports[a1]!, c2 = airports[a2]!;
      const i = routeIndex(R, o, d, MODE_AIR);
      km[i] = Math.hypot(c1 % w - c2 % w, Math.floor(c1 / w) - Math.floor(c2 / w)) * grid.cellKm;
      accessKm[i] = roadToAirport[o * A + a1]! + roadToAirport[d * A + a2]!;
    }
  }
}

/** Scratch arrays for Dijkstra, reused across sources: an indexed binary min-heap keyed by dist. */
interface Workspace {
  dist: Float64Array;
  heap: Int32Array;
  /** Per cell: its heap slot, -1 if never queued, -2 once settled. */
  pos: Int32Array;
  /** Per cell: equals `stamp` while the cell is a target of the current search not yet settled. */
  target: Int32Array;
  stamp: number;
}

function createWorkspace(cellCount: number): Workspace {
  const n = cellCount;
  return { dist: new Float64Array(n), heap: new Int32Array(n), pos: new Int32Array(n), target: new Int32Array(n), stamp: 0 };
}

/**
 * Shortest km from `source` over PASSABLE cells (8-neighbour); TERMINAL cells are reached, never crossed.
 * Stops once every cell in `targets` is settled: only the targets' dist values are final afterwards.
 */
function dijkstra(grid: Grid, source: number, passable: Uint8Array, ws: Workspace, targets: readonly number[]): void {
  const { width, height, cellKm } = grid;
  const { dist, heap, pos, target } = ws;
  dist.fill(Infinity);
  pos.fill(-1);
  const stamp = ++ws.stamp;
  let remaining = 0;
  for (const t of targets) if (target[t] !== stamp) [target[t], remaining] = [stamp, remaining + 1];
  if (remaining === 0) return;
  const diagonalKm = cellKm * Math.SQRT2;
  let size = 0;
  dist[source] = 0;
  heap[size] = source;
  pos[source] = size++;
  while (size > 0) {
    const c = heap[0]!;
    pos[c] = -2;
    const last = heap[--size]!;
    if (size > 0) {
      heap[0] = last;
      pos[last] = 0;
      siftDown(heap, pos, dist, size, 0);
    }
    if (target[c] === stamp && --remaining === 0) return;
    if (passable[c] === TERMINAL && c !== source) continue;
    const x = c % width, y = (c - x) / width, base = dist[c]!;
    for (let k = 0; k < 8; k++) {
      const nx = x + DX[k]!, ny = y + DY[k]!;
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const n = ny * width + nx;
      if (passable[n] === BLOCKED || pos[n] === -2) continue;
      const nd = base + (nx !== x && ny !== y ? diagonalKm : cellKm);
      if (nd >= dist[n]!) continue;
      dist[n] = nd;
      if (pos[n] === -1) {
        heap[size] = n;
        pos[n] = size++;
      }
      siftUp(heap, pos, dist, pos[n]!);
    }
  }
}

function siftUp(heap: Int32Array, pos: Int32Array, dist: Float64Array, i: number): void {
  const node = heap[i]!, key = dist[node]!;
  while (i > 0) {
    const parent = (i - 1) >> 1, p = heap[parent]!;
    if (dist[p]! <= key) break;
    heap[i] = p;
    pos[p] = i;
    i = parent;
  }
  heap[i] = node;
  pos[node] = i;
}

function siftDown(heap: Int32Array, pos: Int32Array, dist: Float64Array, size: number, i: number): void {
  const node = heap[i]!, key = dist[node]!;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && dist[heap[child + 1]!]! < dist[heap[child]!]!) child++;
    const ch = heap[child]!;
    if (dist[ch]! >= key) break;
    heap[i] = ch;
    pos[ch] = i;
    i = child;
  }
  heap[i] = node;
  pos[node] = i;
}
