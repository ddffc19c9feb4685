// Tests for analysis/charts.ts: every chart kind renders a static SVG with its title, axis titles and marks,
// byte-identical for the same input, and tolerant of NaN interval bounds (a single seed has no interval).
import { describe, expect, it } from 'vitest';
import {
  differenceChart, resilienceChart, scatterChart, timeSeriesChart, tornadoChart,
  type DiffBar, type SeriesBand, type TornadoBar,
} from '../../analysis/charts.js';

const ticks = Array.from({ length: 30 }, (_, i) => i);

function band(name: string, level: number, withInterval = true): SeriesBand {
  const mean = ticks.map((t) => level + (t >= 10 && t < 15 ? -0.2 * level : 0) + 0.01 * t);
  return {
    name, tick: ticks, mean,
    lo: mean.map((m) => (withInterval ? m * 0.95 : Number.NaN)),
    hi: mean.map((m) => (withInterval ? m * 1.05 : Number.NaN)),
  };
}

const diffs: DiffBar[] = [
  { metric: 'Employment (% of baseline)', scenario: 'local', mean: 2.5, lo: 1.5, hi: 3.5 },
  { metric: 'Emissions (% of baseline)', scenario: 'local', mean: -4, lo: -6, hi: -2 },
  { metric: 'Employment (% of baseline)', scenario: 'mixed', mean: 1, lo: 0.2, hi: 1.8 },
  { metric: 'Emissions (% of baseline)', scenario: 'mixed', mean: -1.5, lo: -2.5, hi: -0.5 },
];

const tornado: TornadoBar[] = [
  { name: 'fuelPrice', first: 0.2, firstLo: 0.1, firstHi: 0.3, total: 0.35, totalLo: 0.3, totalHi: 0.4 },
  { name: 'wageElasticity', first: 0.45, firstLo: 0.4, firstHi: 0.5, total: 0.6, totalLo: 0.5, totalHi: 0.7 },
];

const points = [
  { x: 1, y: 1.1, group: 'employment' }, { x: 2, y: 2.2, group: 'employment' },
  { x: 3, y: 2.7, group: 'emissions' }, { x: 4, y: 4.3, group: 'emissions' },
];

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function expectSvg(svg: string, texts: string[]): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  for (const text of texts) expect(svg).toContain(text);
  expect(count(svg, '<path')).toBeGreaterThan(0);
  expect(svg).not.toContain('NaN');
  expect(svg).not.toMatch(/<script|@import|url\(http/i);
}

describe('timeSeriesChart', () => {
  it('draws lines, bands, a shock window and axis titles', async () => {
    const svg = await timeSeriesChart('Employment over time', 'Employed persons (count)',
      [band('global', 100), band('local', 80)], { shockStart: 10, shockEnd: 15 });
    expectSvg(svg, ['Employment over time', 'Employed persons (count)', 'Time (ticks)', 'global', 'local', 'shock']);
    expect(svg).toContain('role-mark'); // Vega's class on mark groups
    expect(count(svg, 'mark-line')).toBeGreaterThan(0);
    expect(count(svg, 'mark-area')).toBeGreaterThan(0);
    expect(count(svg, 'mark-rect')).toBeGreaterThan(0);
  });

  it('omits the shock window when none is given', async () => {
    const svg = await timeSeriesChart('No shock', 'Output (units)', [band('global', 100)]);
    expect(svg).not.toContain('>shock<');
    expect(count(svg, 'mark-rect')).toBe(0);
  });

  it('is deterministic, also after other charts were rendered in between', async () => {
    const render = () => timeSeriesChart('Same', 'Output (units)', [band('a', 10), band('b', 20)], { shockStart: 5, shockEnd: 8 });
    const first = await render();
    await scatterChart('Other', 'x (units)', 'y (units)', points);
    expect(await render()).toBe(first);
  });

  it('draws lines but no band when interval bounds are NaN (n = 1)', async () => {
    const svg = await timeSeriesChart('One seed', 'Output (units)', [band('a', 10, false)], { shockStart: 5, shockEnd: 8 });
    expectSvg(svg, ['One seed', 'Output (units)']);
    expect(count(svg, 'mark-line')).toBeGreaterThan(0);
    expect(count(svg, 'mark-area')).toBe(0);
  });

  it('escapes markup characters in titles', async () => {
    const svg = await timeSeriesChart('Jobs & <wages>', 'Wage (£ / tick)', [band('a', 10)]);
    expect(svg).toContain('Jobs &amp; &lt;wages&gt;');
    expect(svg).not.toContain('<wages>');
  });
});

describe('resilienceChart', () => {
  it('shows Q/Q0 as percent with the pre-shock and 95% reference lines', async () => {
    const norm = (s: SeriesBand): SeriesBand => ({ ...s, mean: s.mean.map((m) => m / s.mean[0]), lo: s.lo.map(() => Number.NaN), hi: s.hi.map(() => Number.NaN) });
    const svg = await resilienceChart('Recovery after the port closure', [norm(band('global', 100)), norm(band('local', 50))], 10, 15);
    expectSvg(svg, ['Recovery after the port closure', 'Q/Q0', '95% recovery', 'pre-shock level', 'Time (ticks)', '100%']);
    expect(count(svg, 'mark-rule')).toBeGreaterThan(0);
  });
});

describe('differenceChart', () => {
  it('draws bars, error bars and a zero line for each metric and scenario', async () => {
    const svg = await differenceChart('Change versus global baseline', diffs);
    expectSvg(svg, ['Change versus global baseline', 'Employment (% of baseline)', 'Emissions (% of baseline)',
      'Difference from baseline', 'local', 'mixed']);
    expect(count(svg, 'mark-rect')).toBeGreaterThan(0);
    expect(count(svg, 'mark-rule')).toBeGreaterThan(0);
  });

  it('keeps bars whose interval is NaN and skips only their error bar', async () => {
    const nanBars = diffs.map((d, i) => (i === 0 ? { ...d, lo: Number.NaN, hi: Number.NaN } : d));
    const svg = await differenceChart('One interval missing', nanBars);
    expectSvg(svg, ['One interval missing']);
    const full = await differenceChart('One interval missing', diffs);
    expect(svg).not.toBe(full);
  });

  it('is deterministic', async () => {
    expect(await differenceChart('D', diffs)).toBe(await differenceChart('D', diffs));
  });
});

describe('tornadoChart', () => {
  it('sorts parameters by total effect, largest on top', async () => {
    const svg = await tornadoChart('Sobol indices for total employment', tornado);
    expectSvg(svg, ['Sobol indices for total employment', 'Sensitivity index', 'First-order (S1)', 'Total-order (ST)']);
    expect(svg.indexOf('>wageElasticity<')).toBeGreaterThan(-1);
    expect(svg.indexOf('>wageElasticity<')).toBeLessThan(svg.indexOf('>fuelPrice<'));
  });

  it('does not depend on the input order and accepts custom labels for Morris', async () => {
    const a = await tornadoChart('T', tornado);
    const b = await tornadoChart('T', [...tornado].reverse());
    expect(b).toBe(a);
    const morris = await tornadoChart('Morris', tornado, { firstLabel: 'mu*', totalLabel: 'sigma', xLabel: 'Elementary effect (jobs)' });
    expectSvg(morris, ['mu*', 'sigma', 'Elementary effect (jobs)']);
  });

  it('survives NaN bounds', async () => {
    const nan = tornado.map((t) => ({ ...t, firstLo: Number.NaN, firstHi: Number.NaN, totalLo: Number.NaN, totalHi: Number.NaN }));
    const svg = await tornadoChart('Missing bounds', nan);
    expectSvg(svg, ['Missing bounds', 'fuelPrice', 'wageElasticity']);
    expect(count(svg, 'mark-rect')).toBeGreaterThan(0);
  });
});

describe('scatterChart', () => {
  it('draws one mark per finite point with an identity line on request', async () => {
    const withNaN = [...points, { x: Number.NaN, y: 1, group: 'employment' }];
    const svg = await scatterChart('Simulated versus observed', 'Observed (% change)', 'Simulated (% change)', withNaN, { identityLine: true });
    expectSvg(svg, ['Simulated versus observed', 'Observed (% change)', 'Simulated (% change)', 'employment', 'emissions']);
    expect(count(svg, 'mark-symbol')).toBeGreaterThan(0);
    expect(count(svg, 'mark-line')).toBeGreaterThan(0);
    const plain = await scatterChart('Simulated versus observed', 'Observed (% change)', 'Simulated (% change)', points);
    expect(count(plain, 'mark-line')).toBe(0);
  });
});
