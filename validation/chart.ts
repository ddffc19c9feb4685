// A scatter with a fixed y range, for shares that must be read against 0 and 1 (the tomahawk), rendered to SVG.
// analysis/charts.ts scales axes to the data; a share that barely moves would then look like a big swing.
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { ScatterPoint, SeriesBand } from '../analysis/charts.js';
import { summarize } from '../analysis/stats.js';

const FONT = 'Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif';
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];

export async function shareScatterChart(title: string, xLabel: string, yLabel: string, points: ScatterPoint[], reference = 0.5): Promise<string> {
  const spec = {
    title,
    width: 480,
    height: 320,
    config: { font: FONT, background: 'white', padding: 8, legend: { orient: 'bottom', direction: 'horizontal' }, axis: { gridColor: '#e6e6e6' } },
    layer: [
      { data: { values: [{ y: reference }] }, mark: { type: 'rule', stroke: '#777777', strokeDash: [4, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)) },
        mark: { type: 'point', filled: true, size: 80, opacity: 0.85 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xLabel, scale: { domain: [0, 1] } },
          y: { field: 'y', type: 'quantitative', title: yLabel, scale: { domain: [0, 1] } },
          color: { field: 'group', type: 'nominal', title: null, scale: { range: PALETTE } },
          shape: { field: 'group', type: 'nominal', title: null },
        },
      },
    ],
  };
  const view = new vega.View(vega.parse(vl.compile(spec as TopLevelSpec).spec as vega.Spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Mean and 95% interval over runs, tick by tick from tick 1 (tick 0 has no flows yet). */
export function seriesBand(name: string, runs: Float64Array[]): SeriesBand {
  const s: SeriesBand = { name, tick: [], mean: [], lo: [], hi: [] };
  for (let t = 1; t < runs[0]!.length; t++) {
    const iv = summarize(runs.map((r) => r[t]!));
    s.tick.push(t);
    s.mean.push(iv.mean);
    s.lo.push(iv.lo);
    s.hi.push(iv.hi);
  }
  return s;
}

/** A flat reference line (a published value) over the ticks of `like`. */
export function referenceLine(name: string, value: number, like: SeriesBand): SeriesBand {
  return { name, tick: like.tick, mean: like.tick.map(() => value), lo: like.tick.map(() => NaN), hi: like.tick.map(() => NaN) };
}
