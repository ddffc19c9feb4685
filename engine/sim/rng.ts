// Keyed, counter-based randomness: every draw is a pure function of (run key, purpose, tick, agent, salt).
// No stream state to advance, so any thread reproduces any draw, and checkpoints need only the run key.
import seedrandom from 'seedrandom';

/** Purposes keep independent decisions on independent draws (common random numbers across variants). */
export const Purpose = {
  Placement: 2,
  Choice: 3,
  GroupChoice: 4,
  Supplier: 5,
  Hiring: 6,
  Migration: 7,
  Knockout: 8,
  Entry: 9,
  Preference: 10,
  Export: 11,
} as const;

/** The 32-bit run key derived from the scenario seed through seedrandom's ARC4 stream. */
export function runKey(seed: number): number {
  return (seedrandom(`glocal:${seed}`)().valueOf() * 4294967296) >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform draw in [0, 1) for (key, purpose, tick, id, salt). */
export function draw(key: number, purpose: number, tick: number, id: number, salt = 0): number {
  return drawAt(drawBase(key, purpose, tick, id), salt);
}

/** The hash of (key, purpose, tick, id): an agent's draws in one tick share it (hoisted out of inner loops). */
export function drawBase(key: number, purpose: number, tick: number, id: number): number {
  let h = mix(key ^ Math.imul(purpose, 0x9e3779b9));
  h = mix(h ^ Math.imul(tick + 1, 0x85ebca6b));
  return mix(h ^ Math.imul(id + 1, 0xc2b2ae35));
}

/** The draw for `salt` under a base from drawBase: draw(k, p, t, id, salt) === drawAt(drawBase(k, p, t, id), salt). */
export function drawAt(base: number, salt: number): number {
  return mix(base ^ Math.imul(salt + 1, 0x27d4eb2f)) / 4294967296;
}
