// Bridges a checked sweep definition to sweeps/designs.ts: parameters become ParamRanges, the design kind picks
// the generator, and the design seed comes from the sweep seed. Defaults for sample counts live here.
import {
  gridDesign,
  lhsDesign,
  morrisDesign,
  randomDesign,
  saltelliDesign,
  type DesignPoint,
  type ParamRange,
} from './designs.js';
import { steppedLevels, type SweepDesign, type SweepParameter } from './sweep-file.js';

export const DEFAULT_SAMPLES = 32;
export const DEFAULT_MORRIS_TRAJECTORIES = 10;
export const DEFAULT_MORRIS_LEVELS = 4;

/** The design as recorded in sweep.json: kind, the counts actually used, and Morris steps for elementary effects. */
export interface ResolvedDesign {
  kind: SweepDesign['kind'];
  samples?: number;
  trajectories?: number;
  levels?: number;
  designSeed: number;
  morrisSteps?: { trajectory: number; param: number; delta: number }[];
}

export function toParamRange(p: SweepParameter): ParamRange {
  if (p.kind === 'levels') return { name: p.path, kind: 'levels', levels: p.values };
  if (p.step !== undefined) return { name: p.path, kind: 'levels', levels: steppedLevels({ ...p, step: p.step }) };
  return {
    name: p.path,
    kind: 'range',
    min: p.min,
    max: p.max,
    ...(p.integer ? { integer: true } : {}),
    ...(p.log ? { log: true } : {}),
    ...(p.steps !== undefined ? { steps: p.steps } : {}),
  };
}

/** The design points of a sweep; a sweep with no parameters is one point (replicates only). */
export function designPoints(
  design: SweepDesign,
  parameters: SweepParameter[],
  designSeed: number,
): { points: DesignPoint[]; resolved: ResolvedDesign } {
  if (parameters.length === 0) return { points: [{ index: 0, values: {} }], resolved: { kind: design.kind, designSeed } };
  const ranges = parameters.map(toParamRange);
  switch (design.kind) {
    case 'grid':
      return { points: gridDesign(ranges), resolved: { kind: 'grid', designSeed } };
    case 'random':
    case 'lhs': {
      const samples = design.samples ?? DEFAULT_SAMPLES;
      const make = design.kind === 'random' ? randomDesign : lhsDesign;
      return { points: make(ranges, samples, designSeed), resolved: { kind: design.kind, samples, designSeed } };
    }
    case 'sobol': {
      const samples = design.samples ?? DEFAULT_SAMPLES;
      return { points: saltelliDesign(ranges, samples, designSeed), resolved: { kind: 'sobol', samples, designSeed } };
    }
    case 'morris': {
      const trajectories = design.trajectories ?? DEFAULT_MORRIS_TRAJECTORIES;
      const levels = design.levels ?? DEFAULT_MORRIS_LEVELS;
      const m = morrisDesign(ranges, trajectories, levels, designSeed);
      return { points: m.points, resolved: { kind: 'morris', trajectories, levels, designSeed, morrisSteps: m.steps } };
    }
  }
}
