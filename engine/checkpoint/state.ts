// The run state a checkpoint holds, found by walking the World and the Stepper: every typed array and number by path.
// Walking (not a hand-kept list) means a column or buffer added to the engine is saved without touching this file.
import type { World } from '../state/world.js';
import type { Stepper } from '../sim/step.js';

export type Typed = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Uint32Array;

const CTORS = { Float64Array, Float32Array, Int32Array, Int16Array, Int8Array, Uint8Array, Uint16Array, Uint32Array } as const;
export type TypedName = keyof typeof CTORS;

/** What a checkpoint saves: arrays and numbers by dotted path ('world.firms.cash', 'stepper.free.top'). */
export interface RunState {
  arrays: Map<string, Typed>;
  scalars: Record<string, number>;
}

/**
 * Not saved: the scenario and its compiled policy (the checkpoint stores the scenario, and a fork brings its own),
 * and the fleet (derived from the scenario and the carriers' fixed columns, and it holds closures over its arrays).
 */
const SKIP = new Set(['world.scenario', 'world.compiledPolicy', 'stepper.fleet']);

/**
 * Arrays whose length is not fixed by the scenario: the shipment pool doubles when full, the lane queue grows with
 * it. Their lengths are state, not shape.
 */
export function isGrowable(path: string): boolean {
  return path.startsWith('world.shipments.') || path === 'stepper.free.slots' || path === 'stepper.queue.order';
}

export function typedName(a: Typed): TypedName {
  const name = a.constructor.name as TypedName;
  if (!(name in CTORS)) throw new Error(`checkpoint: unsupported array type ${a.constructor.name}`);
  return name;
}

/** A zeroed array of that type on shared memory (agent columns are shared with step workers). */
export function allocTyped(name: TypedName, length: number): Typed {
  const Ctor = CTORS[name] as unknown as { new (b: ArrayBufferLike, offset: number, length: number): Typed; BYTES_PER_ELEMENT: number } | undefined;
  if (!Ctor) throw new Error(`checkpoint: unknown array type ${name}`);
  return new Ctor(new SharedArrayBuffer(Math.max(1, length * Ctor.BYTES_PER_ELEMENT)), 0, length);
}

function isTyped(v: unknown): v is Typed {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, path: string, out: RunState): void {
  if (SKIP.has(path)) return;
  if (isTyped(value)) out.arrays.set(path, value);
  else if (typeof value === 'number') out.scalars[path] = value;
  else if (isPlainObject(value)) for (const key of Object.keys(value)) walk(value[key], `${path}.${key}`, out);
  // strings, string lists (region names), functions: derived from the scenario, not state
}

/** The live arrays and numbers of a run (the arrays are the world's own, not copies). */
export function collectState(w: World, st: Stepper): RunState {
  const out: RunState = { arrays: new Map(), scalars: {} };
  walk(w, 'world', out);
  walk(st, 'stepper', out);
  return out;
}

/** The object that holds `path`'s last key, in a freshly created world and stepper. */
function parentOf(roots: Record<string, unknown>, path: string): { parent: Record<string, unknown>; key: string } | undefined {
  const parts = path.split('.');
  let node: unknown = roots;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node)) return undefined;
    node = node[part];
  }
  return isPlainObject(node) ? { parent: node, key: parts[parts.length - 1]! } : undefined;
}

/**
 * Writes a saved state into a world and stepper built for the same scenario shape. Arrays of equal type and
 * length are filled in place (step workers and the fleet's closures keep their references); grown ones replaced.
 */
export function applyState(w: World, st: Stepper, saved: RunState): void {
  const roots: Record<string, unknown> = { world: w, stepper: st };
  for (const [path, src] of saved.arrays) {
    const at = parentOf(roots, path);
    if (!at) throw new Error(`checkpoint: no place for ${path} in this engine's state`);
    const dst = at.parent[at.key];
    if (isTyped(dst) && typedName(dst) === typedName(src) && dst.length === src.length) {
      (dst as Float64Array).set(src as Float64Array);
    } else {
      const fresh = allocTyped(typedName(src), src.length);
      (fresh as Float64Array).set(src as Float64Array);
      at.parent[at.key] = fresh;
    }
  }
  for (const [path, value] of Object.entries(saved.scalars)) {
    const at = parentOf(roots, path);
    if (!at) throw new Error(`checkpoint: no place for ${path} in this engine's state`);
    at.parent[at.key] = value;
  }
}
