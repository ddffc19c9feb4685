// Charts for reports: Vega-Lite specs rendered headlessly in Node to static SVG strings (no canvas, no browser).
// Static SVG keeps reports self-contained and diffable: same input, same bytes; system fonts only, no network.
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

export interface SeriesBand { name: string; tick: number[]; mean: number[]; lo: number[]; hi: number[] }
export interface DiffBar { metric: string; scenario: string; mean: number; lo: number; hi: number }
export interface TornadoBar {
  name: string; first: number; firstLo: number; firstHi: number; total: number; totalLo: number; totalHi: number;
}
export interface ScatterPoint { x: number; y: number; group: string }

const PLOT_WIDTH_PX = 600;
const PLOT_HEIGHT_PX = 280;
// Local font stack only: a URL font would make the SVG depend on the network when opened.
const FONT = 'Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif';
// Okabe–Ito: designed to stay distinguishable under the common colour-vision deficiencies (tableau10's orange/red
// pair is not); lines also get dash patterns so series survive greyscale printing.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
const DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [10, 2], [1, 3], [12, 4, 2, 4]];
const SHOCK_FILL = '#9e9e9e';
const DEFAULT_TIME_LABEL = 'Time (ticks)';

const ERROR_BAR = { type: 'rule', stroke: '#222222', strokeWidth: 1.5 } as const;
// Rules default to the centre of the outer band plus the start of the sub-band, i.e. between grouped bars;
// start of the outer band plus centre of the sub-band puts each error bar on its own bar.
const ON_SUB_BAND = { y: { bandPosition: 0 }, yOffset: { bandPosition: 0.5 } } as const;

type Row = Record<string, number | string>;

const isNum = (v: number): boolean => Number.isFinite(v);

function baseConfig(): NonNullable<TopLevelSpec['config']> {
  return {
    font: FONT,
    background: 'white',
    padding: 8,
    title: { fontSize: 15, anchor: 'start', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titlePadding: 8, gridColor: '#e6e6e6' },
    legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal', columns: 4 },
    range: { category: PALETTE },
    view: { stroke: '#cccccc' },
  };
}

/** Compiles and renders one spec; the view is finalized so no timers or listeners outlive the call. */
async function renderSpec(spec: TopLevelSpec): Promise<string> {
  const vgSpec = vl.compile({ ...spec, config: { ...baseConfig(), ...(spec.config ?? {}) } }).spec;
  const view = new vega.View(vega.parse(vgSpec as vega.Spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Colours follow `order` (then first-seen names): pass the same `colourOrder` to every chart of a report so a
 * scenario keeps its colour. The legend lists only the names this chart shows.
 */
function colourEncoding(field: string, title: string, present: string[], order: string[] = []) {
  const domain = uniqueInOrder([...order, ...present]);
  const shown = domain.filter((name) => present.includes(name));
  return { field, type: 'nominal', title, scale: { domain, range: PALETTE }, legend: { values: shown } };
}

function uniqueInOrder(values: string[]): string[] {
  return [...new Set(values)];
}

/** Rows for lines (finite means) and bands (finite bounds) are kept apart so a NaN bound (n = 1) drops only the band. */
function seriesRows(series: SeriesBand[]): { lines: Row[]; bands: Row[] } {
  const lines: Row[] = [];
  const bands: Row[] = [];
  for (const s of series) {
    const n = Math.min(s.tick.length, s.mean.length);
    for (let i = 0; i < n; i++) {
      const tick = s.tick[i];
      if (!isNum(tick)) continue;
      if (isNum(s.mean[i])) lines.push({ series: s.name, tick, mean: s.mean[i] });
      if (isNum(s.lo[i]) && isNum(s.hi[i])) bands.push({ series: s.name, tick, lo: s.lo[i], hi: s.hi[i] });
    }
  }
  return { lines, bands };
}

function shockLayer(shockStart: number, shockEnd: number) {
  return {
    data: { values: [{ start: shockStart, end: Math.max(shockStart, shockEnd), label: 'shock' }] },
    layer: [
      { mark: { type: 'rect', fill: SHOCK_FILL, opacity: 0.18, stroke: SHOCK_FILL, strokeOpacity: 0.5 },
        encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } } },
      { mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, fill: '#555555', fontSize: 11 },
        encoding: { x: { field: 'start', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
    ],
  };
}

interface BandLayerOpts { timeLabel: string; yTitle: string; yFormat?: string; colourOrder?: string[] }

function bandAndLineLayers(series: SeriesBand[], o: BandLayerOpts) {
  const { lines, bands } = seriesRows(series);
  // Legend symbols drawn as solid strokes: the default would take the faint band's opacity.
  const base = colourEncoding('series', 'Scenario', series.map((s) => s.name), o.colourOrder);
  const color = { ...base, legend: { ...base.legend, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  const strokeDash = { ...color, scale: { domain: base.scale.domain, range: DASHES } };
  const x = { field: 'tick', type: 'quantitative', title: o.timeLabel };
  return [
    { data: { values: bands }, mark: { type: 'area', opacity: 0.2 },
      encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
    { data: { values: lines }, mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y: { field: 'mean', type: 'quantitative', title: o.yTitle, scale: { zero: false },
        ...(o.yFormat ? { axis: { format: o.yFormat } } : {}) }, color, strokeDash } },
  ];
}

/** Lines of the across-seed mean with shaded 95% intervals; the shock window, if given, is a grey band. */
export function timeSeriesChart(
  title: string, yLabel: string, series: SeriesBand[],
  opts: { shockStart?: number; shockEnd?: number; xLabel?: string; colourOrder?: string[] } = {},
): Promise<string> {
  const layers: unknown[] = [];
  if (opts.shockStart !== undefined && isNum(opts.shockStart)) {
    layers.push(shockLayer(opts.shockStart, opts.shockEnd ?? opts.shockStart));
  }
  layers.push(...bandAndLineLayers(series,
    { timeLabel: opts.xLabel ?? DEFAULT_TIME_LABEL, yTitle: yLabel, colourOrder: opts.colourOrder }));
  return renderSpec({ title, width: PLOT_WIDTH_PX, height: PLOT_HEIGHT_PX, layer: layers } as TopLevelSpec);
}

/**
 * Series are already normalised to Q/Q0 (1 = pre-shock level); metrics own that definition, the chart only shows it.
 * Reference lines mark the pre-shock level and the 95% recovery threshold.
 */
export function resilienceChart(
  title: string, series: SeriesBand[], shockStart: number, shockEnd: number,
  opts: { yLabel?: string; xLabel?: string; colourOrder?: string[] } = {},
): Promise<string> {
  const refs = [{ y: 1, label: 'pre-shock level' }, { y: 0.95, label: '95% recovery' }];
  const refLayer = {
    data: { values: refs },
    layer: [
      { mark: { type: 'rule', stroke: '#555555', strokeDash: [4, 3] },
        encoding: { y: { field: 'y', type: 'quantitative' } } },
      // Labels sit right of the plot so they never cover the lines.
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fill: '#555555', fontSize: 10 },
        encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: PLOT_WIDTH_PX }, text: { field: 'label' } } },
    ],
  };
  const yLabel = opts.yLabel ?? 'Level relative to pre-shock, Q/Q0 (%)';
  const layers = [
    shockLayer(shockStart, shockEnd),
    ...bandAndLineLayers(series,
      { timeLabel: opts.xLabel ?? DEFAULT_TIME_LABEL, yTitle: yLabel, yFormat: '.0%', colourOrder: opts.colourOrder }),
    refLayer,
  ];
  return renderSpec({ title, width: PLOT_WIDTH_PX, height: PLOT_HEIGHT_PX, layer: layers } as TopLevelSpec);
}

/**
 * One panel per metric, each with its own x axis (metrics differ in unit and size), bars of (scenario − baseline)
 * with 95% error bars and a zero line. Panel titles are the metric names, so put the unit there.
 */
export function differenceChart(
  title: string, bars: DiffBar[], opts: { xLabel?: string; colourOrder?: string[] } = {},
): Promise<string> {
  const rows = bars.filter((b) => isNum(b.mean)).map((b) => ({ ...b }));
  const metrics = uniqueInOrder(rows.map((b) => b.metric));
  const scenarios = uniqueInOrder(rows.map((b) => b.scenario));
  const xTitle = opts.xLabel ?? 'Difference from baseline (scenario − baseline)';
  const y = { field: 'scenario', type: 'nominal', title: null, scale: { domain: scenarios }, axis: { labelLimit: 320 } };
  const color = colourEncoding('scenario', 'Scenario', scenarios, opts.colourOrder);
  const panels = metrics.map((metric, i) => {
    const mine = rows.filter((r) => r.metric === metric);
    return {
      title: { text: metric, fontSize: 13, offset: 6 },
      width: PLOT_WIDTH_PX - 120, height: Math.max(1, scenarios.length) * 26,
      layer: [
        { data: { values: mine }, mark: { type: 'bar', opacity: 0.85 },
          encoding: { y, x: { field: 'mean', type: 'quantitative', title: i === metrics.length - 1 ? xTitle : null }, color } },
        { data: { values: mine.filter((b) => isNum(b.lo) && isNum(b.hi)) }, mark: ERROR_BAR,
          encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', stroke: '#000000', strokeWidth: 1 },
          encoding: { x: { field: 'zero', type: 'quantitative' } } },
      ],
    };
  });
  const spec = { title, vconcat: panels, spacing: 22, resolve: { scale: { x: 'independent' } } };
  return renderSpec(spec as TopLevelSpec);
}

/** Sensitivity indices per parameter, largest total effect on top, each with its 95% (bootstrap) interval. */
export function tornadoChart(
  title: string, bars: TornadoBar[],
  opts: { firstLabel?: string; totalLabel?: string; xLabel?: string } = {},
): Promise<string> {
  const firstLabel = opts.firstLabel ?? 'First-order (S1)';
  const totalLabel = opts.totalLabel ?? 'Total-order (ST)';
  // Ties broken by name so the order (and so the SVG) never depends on input order.
  const sorted = [...bars].sort((a, b) => rank(b.total) - rank(a.total) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows: Row[] = [];
  for (const b of sorted) {
    rows.push({ name: b.name, index: firstLabel, value: b.first, lo: b.firstLo, hi: b.firstHi });
    rows.push({ name: b.name, index: totalLabel, value: b.total, lo: b.totalLo, hi: b.totalHi });
  }
  const values = rows.filter((r) => isNum(r.value as number));
  const errs = values.filter((r) => isNum(r.lo as number) && isNum(r.hi as number));
  const names = uniqueInOrder(sorted.map((b) => b.name));
  const y = { field: 'name', type: 'nominal', title: null, sort: names, axis: { labelLimit: 320 } };
  const yOffset = { field: 'index', type: 'nominal', sort: [firstLabel, totalLabel] };
  const spec = {
    title, width: PLOT_WIDTH_PX - 120, height: Math.max(100, names.length * 40),
    layer: [
      { data: { values }, mark: { type: 'bar', opacity: 0.85 },
        encoding: { y, yOffset, x: { field: 'value', type: 'quantitative', title: opts.xLabel ?? 'Sensitivity index' },
          color: colourEncoding('index', 'Index', [firstLabel, totalLabel]) } },
      { data: { values: errs }, mark: ERROR_BAR,
        encoding: { y: { ...y, ...ON_SUB_BAND.y }, yOffset: { ...yOffset, ...ON_SUB_BAND.yOffset },
          x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', stroke: '#000000' },
        encoding: { x: { field: 'zero', type: 'quantitative' } } },
    ],
  };
  return renderSpec(spec as TopLevelSpec);
}

function rank(v: number): number {
  return isNum(v) ? v : Number.NEGATIVE_INFINITY;
}

/** Points coloured by group; `identityLine` adds y = x, the reference for observed-versus-simulated validation plots. */
export function scatterChart(
  title: string, xLabel: string, yLabel: string, points: ScatterPoint[],
  opts: { identityLine?: boolean; colourOrder?: string[] } = {},
): Promise<string> {
  const values = points.filter((p) => isNum(p.x) && isNum(p.y)).map((p) => ({ ...p }));
  const groups = uniqueInOrder(values.map((p) => p.group));
  const layers: unknown[] = [
    { data: { values }, mark: { type: 'point', filled: true, size: 80, opacity: 0.85 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: xLabel, scale: { zero: false } },
        y: { field: 'y', type: 'quantitative', title: yLabel, scale: { zero: false } },
        color: colourEncoding('group', 'Group', groups, opts.colourOrder),
        shape: { field: 'group', type: 'nominal', title: 'Group', scale: { domain: groups } },
      } },
  ];
  if (opts.identityLine && values.length > 0) {
    const all = values.flatMap((p) => [p.x, p.y]);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    layers.unshift({ data: { values: [{ x: lo, y: lo }, { x: hi, y: hi }] },
      mark: { type: 'line', stroke: '#777777', strokeDash: [4, 3] },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
  }
  return renderSpec({ title, width: PLOT_WIDTH_PX - 120, height: PLOT_HEIGHT_PX + 60, layer: layers } as TopLevelSpec);
}
