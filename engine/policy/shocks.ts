// Scheduled shocks: closures of ports or cells, plant knock-outs, freight and fuel cost spikes, demand shifts.
// Each tick the active set is applied from scratch, so overlapping shocks combine and ended ones vanish.
import type { World } from '../state/world.js';
import { MODES } from '../model/schema.js';
import { draw, Purpose } from '../sim/rng.js';
import { GS, GOODS_STATS } from '../sim/accumulators.js';

function active(start: number, duration: number, tick: number): boolean {
  return tick >= start && tick < start + duration;
}

/** Applies shocks for this tick. Returns true when the set of closed cells changed (routes must be recomputed). */
export function applyShocks(w: World, tick: number): boolean {
  const { scenario: s, grid, policy: p } = w;
  const closedBefore = w.closed.slice();
  w.closed.fill(0);
  p.modeFreightShock.fill(1);
  p.fuelShock[0] = 1;
  p.demandShock.fill(1);
  const regionIndex = (name: string) => s.regions.findIndex((r) => r.name === name);
  const sectorIndex = (name: string) => s.sectors.findIndex((x) => x.name === name);
  s.shocks.forEach((shock, shockIndex) => {
    const on = active(shock.start, shock.duration, tick);
    switch (shock.kind) {
      case 'port-closure':
        if (on) w.closed[grid.portCell[regionIndex(shock.region)]!] = 1;
        break;
      case 'cell-closure':
        if (on) for (const [x0, y0, x1, y1] of shock.rects) closeRect(w, x0, y0, x1, y1);
        break;
      case 'firm-knockout':
        if (tick === shock.start) knockOut(w, regionIndex(shock.region), sectorIndex(shock.sector), shock.share, shock.start + shock.duration - 1, shockIndex);
        break;
      case 'freight-cost':
        if (on) for (const mode of shock.modes ?? MODES) p.modeFreightShock[MODES.indexOf(mode)]! *= shock.multiplier;
        break;
      case 'fuel-price':
        if (on) p.fuelShock[0]! *= shock.multiplier;
        break;
      case 'demand':
        if (on) {
          const sec = sectorIndex(shock.sector);
          for (let r = 0; r < w.R; r++) {
            if (shock.region === undefined || r === regionIndex(shock.region)) p.demandShock[r * w.S + sec]! *= shock.multiplier;
          }
        }
        break;
    }
  });
  for (let i = 0; i < w.closed.length; i++) if (w.closed[i] !== closedBefore[i]) return true;
  return false;
}

function closeRect(w: World, x0: number, y0: number, x1: number, y1: number): void {
  const { width, height } = w.grid;
  for (let y = Math.max(0, y0); y <= Math.min(height - 1, y1); y++) {
    for (let x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) w.closed[y * width + x] = 1;
  }
}

/** Knocks out a share of a sector's plants in a region: stocks are destroyed and output stops until `until`. */
function knockOut(w: World, region: number, sector: number, share: number, until: number, salt: number): void {
  const f = w.firms;
  const S = w.S;
  for (let i = 0; i < f.rows; i++) {
    if (!f.alive[i] || f.region[i] !== region || f.sector[i] !== sector) continue;
    if (draw(w.key, Purpose.Knockout, w.tick, f.id[i]!, salt) >= share) continue;
    f.downUntil[i] = until;
    w.acc.goods[sector * GOODS_STATS + GS.destroyed] += f.inventory[i]!;
    f.inventory[i] = 0;
    for (let j = 0; j < S; j++) {
      w.acc.goods[j * GOODS_STATS + GS.destroyed] += f.inputStock[i * S + j]!;
      f.inputStock[i * S + j] = 0;
    }
  }
}
