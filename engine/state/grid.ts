// The spatial grid: terrain, regions, infrastructure and population weights per cell, generated from the seed
// (or read from a grid file). Everything spatial in the engine (routes, placement of agents) reads this one structure.
import { resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { UserError } from '../model/errors.js';
import type { GridSpec, RegionSpec } from '../model/schema.js';
import { loadGridFile } from './grid-file.js';

export const INFRA_ROAD = 1, INFRA_RAIL = 2, INFRA_PORT = 4, INFRA_AIRPORT = 8;
export const WATER = 0, LAND = 1;

export interface Grid {
  width: number;
  height: number;
  cellKm: number;
  /** Per cell (index = y * width + x): WATER or LAND. */
  terrain: Uint8Array;
  /** Per cell: region index, -1 on water. */
  region: Int16Array;
  /** Per cell: INFRA_* bit flags. */
  infra: Uint8Array;
  /** Per cell: relative population weight, summing to 1 within each region. */
  popWeight: Float32Array;
  regionCount: number;
  regionNames: readonly string[];
  /** Per region: the cell index of its centre. */
  centreCell: Int32Array;
  /** Per region: its port cell or -1. */
  portCell: Int32Array;
  /** Per region: its airport cell or -1. */
  airportCell: Int32Array;
  /** CSR: the cells of region r are cellsOfRegion[regionCellStart[r] .. regionCellStart[r + 1]). */
  cellsOfRegion: Int32Array;
  regionCellStart: Int32Array;
}

/** 8-neighbour offsets; every mode and every connectivity test uses the same neighbourhood. */
export const NEIGHBOUR_DX = [-1, 0, 1, -1, 1, -1, 0, 1] as const;
export const NEIGHBOUR_DY = [-1, -1, -1, 0, 0, 1, 1, 1] as const;

/** Builds the grid for a scenario: from `spec.file` when set (relative to `scenarioDir`), else from the seed. */
export function createGrid(spec: GridSpec, regions: RegionSpec[], seed: number, scenarioDir?: string): Grid {
  if (spec.file !== undefined) {
    return loadGridFile(resolve(scenarioDir ?? process.cwd(), spec.file), regions, spec);
  }
  const { width, height } = spec;
  if (width * height < regions.length) {
    throw new UserError(`grid: a ${width} x ${height} grid has ${width * height} cells, fewer than the ${regions.length} regions`);
  }
  const centreCell = placeCentres(spec, regions, seed);
  const noise = coastNoise(width, height, spec.coastNoiseCells, seed);
  const region = assignLand(width, height, regions, centreCell, noise);
  const terrain = new Uint8Array(width * height);
  for (let c = 0; c < terrain.length; c++) terrain[c] = region[c]! >= 0 ? LAND : WATER;
  return assembleGrid({ width, height, cellKm: spec.cellKm, terrain, region, centreCell }, regions, '');
}

/** What a generator or a grid file decides; assembleGrid derives the rest. */
export interface GridLayout {
  width: number;
  height: number;
  cellKm: number;
  terrain: Uint8Array;
  region: Int16Array;
  centreCell: Int32Array;
  /** Explicit ports / airports per region (-1 = none given: derive from the region's flag). */
  portCell?: Int32Array;
  airportCell?: Int32Array;
  /** Explicit rail cells; when absent rail is drawn between the centres of rail regions. */
  railCells?: readonly number[];
}

/**
 * Completes a layout: roads on all land, rail, ports, airports, population weights, the region CSR.
 * `where` prefixes error messages (e.g. a grid file path), so both sources report the same way.
 */
export function assembleGrid(layout: GridLayout, regions: readonly RegionSpec[], where: string): Grid {
  const { width, height, terrain, region, centreCell } = layout;
  const cellCount = width * height;
  const { cellsOfRegion, regionCellStart } = regionCsr(region, regions.length);
  for (let r = 0; r < regions.length; r++) {
    if (regionCellStart[r + 1] === regionCellStart[r]) {
      throw new UserError(`${where}regions[${r}]: region '${regions[r]!.name}' has no land cell`);
    }
  }
  const infra = new Uint8Array(cellCount);
  for (let c = 0; c < cellCount; c++) if (terrain[c] === LAND) infra[c] = INFRA_ROAD;
  if (layout.railCells) for (const c of layout.railCells) infra[c]! |= INFRA_RAIL;
  else drawRail(width, terrain, infra, regions, centreCell);
  const portCell = new Int32Array(regions.length).fill(-1);
  const airportCell = new Int32Array(regions.length).fill(-1);
  for (let r = 0; r < regions.length; r++) {
    const givenPort = layout.portCell?.[r] ?? -1;
    portCell[r] = givenPort >= 0 ? givenPort : regions[r]!.port ? coastCell(layout, r, cellsOfRegion, regionCellStart, regions, where) : -1;
    const givenAirport = layout.airportCell?.[r] ?? -1;
    airportCell[r] = givenAirport >= 0 ? givenAirport : regions[r]!.airport ? centreCell[r]! : -1;
    if (portCell[r]! >= 0) infra[portCell[r]!]! |= INFRA_PORT;
    if (airportCell[r]! >= 0) infra[airportCell[r]!]! |= INFRA_AIRPORT;
  }
  const popWeight = populationWeights(width, cellCount, regions, centreCell, cellsOfRegion, regionCellStart);
  return {
    width, height, cellKm: layout.cellKm, terrain, region, infra, popWeight,
    regionCount: regions.length,
    regionNames: Object.freeze(regions.map((r) => r.name)),
    centreCell, portCell, airportCell, cellsOfRegion, regionCellStart,
  };
}

/** Explicit centres are checked; the others are drawn from the seed at least a radius away from every other centre. */
function placeCentres(spec: GridSpec, regions: readonly RegionSpec[], seed: number): Int32Array {
  const { width, height } = spec;
  const centres = new Int32Array(regions.length).fill(-1);
  regions.forEach((r, i) => {
    if (!r.centre) return;
    const [x, y] = r.centre;
    if (x >= width || y >= height) {
      throw new UserError(`regions[${i}].centre: [${x}, ${y}] lies outside the ${width} x ${height} grid`);
    }
    const cell = y * width + x;
    const other = centres.indexOf(cell);
    if (other >= 0) throw new UserError(`regions[${i}].centre: [${x}, ${y}] is also the centre of regions[${other}]`);
    centres[i] = cell;
  });
  const rng = seedrandom(`${seed}:grid:centres`);
  regions.forEach((r, i) => {
    if (centres[i]! >= 0) return;
    centres[i] = drawFreeCentre(width, height, r.radiusCells, regions, centres, rng);
    if (centres[i]! < 0) {
      throw new UserError(
        `regions[${i}].centre: no free spot for region '${r.name}' at least ${r.radiusCells} cells from the other centres ` +
          `on the ${width} x ${height} grid; enlarge the grid, lower radiusCells, or give centre: [x, y]`,
      );
    }
  });
  return centres;
}

const PLACEMENT_TRIES = 4000;

function drawFreeCentre(width: number, height: number, radius: number, regions: readonly RegionSpec[], centres: Int32Array, rng: () => number): number {
  // A margin keeps most of the disc on the grid, but never so wide that no spot is left.
  const marginX = Math.min(Math.ceil(radius / 2), Math.floor((width - 1) / 4));
  const marginY = Math.min(Math.ceil(radius / 2), Math.floor((height - 1) / 4));
  for (let t = 0; t < PLACEMENT_TRIES; t++) {
    const x = marginX + Math.floor(rng() * (width - 2 * marginX));
    const y = marginY + Math.floor(rng() * (height - 2 * marginY));
    if (isFree(x, y, radius, width, regions, centres)) return y * width + x;
  }
  return -1;
}

function isFree(x: number, y: number, radius: number, width: number, regions: readonly RegionSpec[], centres: Int32Array): boolean {
  for (let j = 0; j < centres.length; j++) {
    const c = centres[j]!;
    if (c < 0) continue;
    const dx = (c % width) - x, dy = Math.floor(c / width) - y;
    const minApart = Math.max(radius, regions[j]!.radiusCells);
    if (dx * dx + dy * dy < minApart * minApart) return false;
  }
  return true;
}

const NOISE_SPACING_CELLS = 6;

/** Smooth value noise in [-amplitude, amplitude] per cell, so coastlines wiggle without single-cell specks. */
function coastNoise(width: number, height: number, amplitude: number, seed: number): Float32Array {
  const out = new Float32Array(width * height);
  if (amplitude === 0) return out;
  const lw = Math.ceil(width / NOISE_SPACING_CELLS) + 2, lh = Math.ceil(height / NOISE_SPACING_CELLS) + 2;
  const rng = seedrandom(`${seed}:grid:coast`);
  const lattice = new Float32Array(lw * lh);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng() * 2 - 1;
  const smooth = (t: number) => t * t * (3 - 2 * t);
  for (let y = 0; y < height; y++) {
    const gy = y / NOISE_SPACING_CELLS, y0 = Math.floor(gy), ty = smooth(gy - y0);
    for (let x = 0; x < width; x++) {
      const gx = x / NOISE_SPACING_CELLS, x0 = Math.floor(gx), tx = smooth(gx - x0);
      const a = lattice[y0 * lw + x0]!, b = lattice[y0 * lw + x0 + 1]!;
      const c = lattice[(y0 + 1) * lw + x0]!, d = lattice[(y0 + 1) * lw + x0 + 1]!;
      const top = a + (b - a) * tx, bottom = c + (d - c) * tx;
      out[y * width + x] = amplitude * (top + (bottom - top) * ty);
    }
  }
  return out;
}

/** A cell is land of the nearest centre among those whose (noisy) disc contains it; separate discs stay separate islands. */
function assignLand(width: number, height: number, regions: readonly RegionSpec[], centres: Int32Array, noise: Float32Array): Int16Array {
  const region = new Int16Array(width * height).fill(-1);
  const bestD2 = new Float64Array(width * height).fill(Infinity);
  let maxNoise = 0;
  for (let c = 0; c < noise.length; c++) maxNoise = Math.max(maxNoise, noise[c]!);
  for (let r = 0; r < regions.length; r++) {
    const cx = centres[r]! % width, cy = Math.floor(centres[r]! / width);
    const reach = Math.ceil(regions[r]!.radiusCells + maxNoise);
    for (let y = Math.max(0, cy - reach); y <= Math.min(height - 1, cy + reach); y++) {
      for (let x = Math.max(0, cx - reach); x <= Math.min(width - 1, cx + reach); x++) {
        const cell = y * width + x;
        const d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        const limit = Math.max(0, regions[r]!.radiusCells + noise[cell]!);
        // The centre cell always stays land, so a small region under strong negative noise cannot vanish.
        if ((d2 > limit * limit && d2 !== 0) || d2 >= bestD2[cell]!) continue;
        bestD2[cell] = d2;
        region[cell] = r;
      }
    }
  }
  return region;
}

function regionCsr(region: Int16Array, regionCount: number): { cellsOfRegion: Int32Array; regionCellStart: Int32Array } {
  const regionCellStart = new Int32Array(regionCount + 1);
  for (let c = 0; c < region.length; c++) if (region[c]! >= 0) regionCellStart[region[c]! + 1]!++;
  for (let r = 0; r < regionCount; r++) regionCellStart[r + 1]! += regionCellStart[r]!;
  const cellsOfRegion = new Int32Array(regionCellStart[regionCount]!);
  const fill = regionCellStart.slice(0, regionCount);
  for (let c = 0; c < region.length; c++) if (region[c]! >= 0) cellsOfRegion[fill[region[c]!]!++] = c;
  return { cellsOfRegion, regionCellStart };
}

/** Connected land masses (8-neighbour), as a label per cell (-1 on water). */
export function landMasses(width: number, terrain: Uint8Array): Int32Array {
  const height = terrain.length / width;
  const label = new Int32Array(terrain.length).fill(-1);
  const queue = new Int32Array(terrain.length);
  let next = 0;
  for (let start = 0; start < terrain.length; start++) {
    if (terrain[start] !== LAND || label[start] !== -1) continue;
    let head = 0, tail = 0;
    queue[tail++] = start;
    label[start] = next;
    while (head < tail) {
      const c = queue[head++]!, x = c % width, y = (c - x) / width;
      for (let k = 0; k < 8; k++) {
        const nx = x + NEIGHBOUR_DX[k]!, ny = y + NEIGHBOUR_DY[k]!;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const n = ny * width + nx;
        if (terrain[n] !== LAND || label[n] !== -1) continue;
        label[n] = next;
        queue[tail++] = n;
      }
    }
    next++;
  }
  return label;
}

/** Rail between every pair of rail regions on one land mass, along the straight line, only where it is all land. */
function drawRail(width: number, terrain: Uint8Array, infra: Uint8Array, regions: readonly RegionSpec[], centres: Int32Array): void {
  const mass = landMasses(width, terrain);
  const line: number[] = [];
  for (let a = 0; a < regions.length; a++) {
    if (!regions[a]!.rail) continue;
    for (let b = a + 1; b < regions.length; b++) {
      if (!regions[b]!.rail || mass[centres[a]!] !== mass[centres[b]!]) continue;
      bresenham(width, centres[a]!, centres[b]!, line);
      if (line.every((c) => terrain[c] === LAND)) for (const c of line) infra[c]! |= INFRA_RAIL;
    }
  }
}

/** The cells of the 8-connected straight line from cell `from` to cell `to`, both included, into `out`. */
export function bresenham(width: number, from: number, to: number, out: number[]): void {
  out.length = 0;
  let x = from % width, y = Math.floor(from / width);
  const x1 = to % width, y1 = Math.floor(to / width);
  const dx = Math.abs(x1 - x), dy = -Math.abs(y1 - y);
  const sx = x < x1 ? 1 : -1, sy = y < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    out.push(y * width + x);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) { err += dy; x += sx; }
    if (e2 <= dx) { err += dx; y += sy; }
  }
}

/** The region's land cell next to water (8-neighbour) nearest its centre; ties go to the lower cell index. */
function coastCell(layout: GridLayout, r: number, cells: Int32Array, start: Int32Array, regions: readonly RegionSpec[], where: string): number {
  const { width, height, terrain, centreCell } = layout;
  const cx = centreCell[r]! % width, cy = Math.floor(centreCell[r]! / width);
  let best = -1, bestD2 = Infinity;
  for (let i = start[r]!; i < start[r + 1]!; i++) {
    const c = cells[i]!, x = c % width, y = (c - x) / width;
    const d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
    if (d2 < bestD2 && touchesWater(x, y, width, height, terrain)) [best, bestD2] = [c, d2];
  }
  if (best < 0) {
    throw new UserError(`${where}regions[${r}].port: region '${regions[r]!.name}' has port: true but no coast (no land cell next to water)`);
  }
  return best;
}

export function touchesWater(x: number, y: number, width: number, height: number, terrain: Uint8Array): boolean {
  for (let k = 0; k < 8; k++) {
    const nx = x + NEIGHBOUR_DX[k]!, ny = y + NEIGHBOUR_DY[k]!;
    if (nx >= 0 && ny >= 0 && nx < width && ny < height && terrain[ny * width + nx] === WATER) return true;
  }
  return false;
}

/** exp(-d / (radius / 2)) around the centre, normalised per region: people cluster near the centre. */
function populationWeights(width: number, cellCount: number, regions: readonly RegionSpec[], centres: Int32Array, cells: Int32Array, start: Int32Array): Float32Array {
  const weight = new Float32Array(cellCount);
  for (let r = 0; r < regions.length; r++) {
    const cx = centres[r]! % width, cy = Math.floor(centres[r]! / width);
    const scale = Math.max(regions[r]!.radiusCells / 2, 0.5);
    let sum = 0;
    for (let i = start[r]!; i < start[r + 1]!; i++) {
      const c = cells[i]!, x = c % width, y = (c - x) / width;
      sum += Math.exp(-Math.hypot(x - cx, y - cy) / scale);
    }
    for (let i = start[r]!; i < start[r + 1]!; i++) {
      const c = cells[i]!, x = c % width, y = (c - x) / width;
      weight[c] = Math.exp(-Math.hypot(x - cx, y - cy) / scale) / sum;
    }
  }
  return weight;
}
