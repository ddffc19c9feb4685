// Tests for analysis/report.ts: table renderers in Node, then a full report with every chart kind opened in real
// headless Chromium: no errors, no network, every figure visibly drawn. Set GLOCAL_KEEP_REPORT=1 to keep the files.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  differenceChart, resilienceChart, scatterChart, timeSeriesChart, tornadoChart, type SeriesBand,
} from '../../analysis/charts.js';
import { csvTable, htmlTable, markdownTable, renderReport, type ReportSection } from '../../analysis/report.js';
import { launchChromium, watchPage } from '../helpers/browser.js';

describe('tables', () => {
  const header = ['Scenario, name', 'Jobs', 'Note'];
  const rows = [['local', 1200, 'say "hi"\nthen | go'], ['global', Number.NaN, '<b>&']];

  it('csvTable quotes per RFC 4180 with CRLF and leaves NaN empty', () => {
    expect(csvTable(header, rows)).toBe(
      '"Scenario, name",Jobs,Note\r\nlocal,1200,"say ""hi""\nthen | go"\r\nglobal,,<b>&\r\n',
    );
  });

  it('markdownTable escapes pipes, flattens line breaks and right-aligns numeric columns', () => {
    const md = markdownTable(['Region', 'Jobs'], [['a|b', 3], ['c\nd', 4.5]]);
    expect(md).toBe('| Region | Jobs |\n| --- | ---: |\n| a\\|b | 3 |\n| c d | 4.5 |\n');
    // NaN is still a number: the column stays right-aligned and the cell reads n/a.
    expect(markdownTable(header, rows).split('\n').slice(1, 4)).toEqual([
      '| --- | ---: | --- |', '| local | 1200 | say "hi" then \\| go |', '| global | n/a | &lt;b&gt;& |',
    ]);
  });

  it('htmlTable escapes text, marks numeric columns and shows NaN as n/a', () => {
    const html = htmlTable(header, rows, { caption: 'Jobs <by> scenario' });
    expect(html).toContain('<caption>Jobs &lt;by&gt; scenario</caption>');
    expect(html).toContain('<td>&lt;b&gt;&amp;</td>');
    expect(html).toContain('<td class="num">n/a</td>');
    expect(html).not.toContain('<b>');
  });
});

describe('renderReport', () => {
  it('numbers figures, escapes titles and refuses figure SVG with scripts or remote references', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const html = renderReport({ title: 'A & B', generatedFrom: ['runs/<x>'], sections: [
      { title: 'One', svgs: [{ caption: 'first', svg }, { caption: 'second', svg }] },
      { title: 'One', svgs: [{ caption: 'third', svg }] },
    ] });
    expect(html.match(/<figure data-chart=/g)).toHaveLength(3);
    expect(html).toContain('<title>A &amp; B</title>');
    expect(html).toContain('runs/&lt;x&gt;');
    expect(html).toContain('id="sec-one"');
    expect(html).toContain('id="sec-one-2"');
    const bad = [
      '<svg><script>alert(1)</script></svg>',
      '<svg><image href="https://example.com/a.png"/></svg>',
      '<svg onload="alert(1)"></svg>',
      '<div>not svg</div>',
    ];
    for (const b of bad) {
      expect(() => renderReport({ title: 't', generatedFrom: [], sections: [{ title: 's', svgs: [{ caption: 'c', svg: b }] }] })).toThrow(/report:/);
    }
  });
});

const ticks = Array.from({ length: 60 }, (_, i) => i);

function band(name: string, level: number, dip: number, halfWidth: number): SeriesBand {
  const mean = ticks.map((t) => level * (t < 20 ? 1 : t < 30 ? 1 - dip : 1 - dip * Math.exp(-(t - 30) / 6)) + 0.02 * level * Math.sin(t / 3));
  return { name, tick: ticks, mean, lo: mean.map((m) => m - halfWidth), hi: mean.map((m) => m + halfWidth) };
}

async function buildSections(): Promise<ReportSection[]> {
  const employment = [band('global', 12000, 0.25, 400), band('local', 9000, 0.1, 300), band('mixed', 10500, 0.15, 350)];
  const ratio = employment.map((s) => ({ ...s, mean: s.mean.map((m) => m / s.mean[0]), lo: s.lo.map((v) => v / s.mean[0]), hi: s.hi.map((v) => v / s.mean[0]) }));
  const oneSeed = { ...employment[1], name: 'local (1 seed)', lo: ticks.map(() => Number.NaN), hi: ticks.map(() => Number.NaN) };
  return [
    {
      title: 'Summary',
      text: 'Local supply chains cut freight emissions and soften the employment dip after the port closure.\n\n' +
        'Text is escaped: <script>window.__pwned = 1</script> must appear literally.',
      tableHtml: htmlTable(['Scenario', 'Employment (persons)', 'Freight CO2e (t)'],
        [['global', 12000, 5400.5], ['local', 9000, 2100.25], ['mixed', 10500, Number.NaN]], { caption: 'Means over 20 seeds' }),
    },
    {
      title: 'Employment over time',
      svgs: [
        { caption: 'Employed persons, mean of 20 seeds with 95% interval; grey: port closure.', svg: await timeSeriesChart('Employment', 'Employed persons (count)', employment, { shockStart: 20, shockEnd: 30 }) },
        { caption: 'A single seed has no interval.', svg: await timeSeriesChart('Employment, one seed', 'Employed persons (count)', [oneSeed]) },
      ],
    },
    {
      title: 'Resilience',
      svgs: [{ caption: 'Output relative to the pre-shock level.', svg: await resilienceChart('Recovery after the port closure', ratio, 20, 30) }],
    },
    {
      title: 'Differences from the global baseline',
      svgs: [{ caption: 'Scenario minus baseline, % of baseline, 95% interval.', svg: await differenceChart('Change versus global', [
        { metric: 'Employment (%)', scenario: 'local', mean: -2.1, lo: -3, hi: -1.2 },
        { metric: 'Employment (%)', scenario: 'mixed', mean: -0.8, lo: -1.5, hi: -0.1 },
        { metric: 'Freight CO2e (%)', scenario: 'local', mean: -61, lo: -65, hi: -57 },
        { metric: 'Freight CO2e (%)', scenario: 'mixed', mean: -30, lo: Number.NaN, hi: Number.NaN },
      ], { xLabel: 'Difference from global baseline (% of baseline)', colourOrder: ['global', 'local', 'mixed'] }) }],
    },
    {
      title: 'Sensitivity',
      svgs: [{ caption: 'Sobol indices for employment.', svg: await tornadoChart('What drives employment', [
        { name: 'fuelPriceMultiplier', first: 0.12, firstLo: 0.08, firstHi: 0.16, total: 0.2, totalLo: 0.15, totalHi: 0.25 },
        { name: 'wageAdjustmentRate', first: 0.4, firstLo: 0.33, firstHi: 0.47, total: 0.55, totalLo: 0.48, totalHi: 0.62 },
        { name: 'localPreference', first: 0.2, firstLo: 0.15, firstHi: 0.25, total: 0.31, totalLo: 0.25, totalHi: 0.37 },
      ]) }],
    },
    {
      title: 'Validation',
      svgs: [{ caption: 'Simulated versus observed; dashed line is y = x.', svg: await scatterChart('Simulated versus observed', 'Observed change (%)', 'Simulated change (%)', [
        { x: -3, y: -2.5, group: 'employment' }, { x: 1, y: 1.4, group: 'employment' }, { x: 4, y: 3.2, group: 'employment' },
        { x: -10, y: -12, group: 'emissions' }, { x: -5, y: -4, group: 'emissions' },
      ], { identityLine: true }) }],
    },
  ];
}

interface MiniElement { getAttribute(name: string): string | null }
interface MiniDocument {
  scripts: { length: number };
  body: { innerText: string };
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
  getElementById(id: string): MiniElement | null;
}

describe('report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glocal-report-'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir && !process.env.GLOCAL_KEEP_REPORT) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without errors or network requests and draws every figure', async () => {
    const sections = await buildSections();
    const expectedFigures = sections.reduce((n, s) => n + (s.svgs?.length ?? 0), 0);
    const htmlPath = join(dir, 'report.html');
    writeFileSync(htmlPath, renderReport({
      title: 'Global versus local: port closure', subtitle: 'Synthetic data for the browser test',
      generatedFrom: ['runs/global-s1', 'runs/local-s1'], sections,
    }));

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems = watchPage(page);
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });

    const figures = await page.$$eval('[data-chart]', (els) => els.map((fig) => {
      const svg = fig.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        hasSvg: svg !== null,
        widthPx: box?.width ?? 0,
        heightPx: box?.height ?? 0,
        marks: fig.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark text').length,
        caption: fig.querySelector('figcaption')?.textContent ?? '',
      };
    }));
    expect(figures).toHaveLength(expectedFigures);
    for (const f of figures) {
      expect(f.hasSvg).toBe(true);
      expect(f.widthPx).toBeGreaterThan(0);
      expect(f.heightPx).toBeGreaterThan(0);
      expect(f.marks).toBeGreaterThan(0);
      expect(f.caption).toMatch(/^Figure \d+\. \S/);
    }

    const page2 = await page.evaluate(() => {
      // tsconfig has no DOM lib (the project is Node-only), so the page globals get a minimal local type.
      const { document: doc, __pwned } = globalThis as unknown as { document: MiniDocument; __pwned?: number };
      const toc = Array.from(doc.querySelectorAll('nav.toc a'));
      return {
        scripts: doc.scripts.length,
        pwned: __pwned ?? 0,
        bodyText: doc.body.innerText,
        tocLinks: toc.length,
        brokenTocLinks: toc.filter((a) => !doc.getElementById((a.getAttribute('href') ?? '').slice(1))).length,
      };
    });
    expect(page2.scripts).toBe(0);
    expect(page2.pwned).toBe(0);
    expect(page2.bodyText).toContain('<script>window.__pwned = 1</script>');
    expect(page2.tocLinks).toBe(sections.length);
    expect(page2.brokenTocLinks).toBe(0);

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    if (process.env.GLOCAL_KEEP_REPORT) console.info(`report kept in ${dir}`);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.externalRequests).toEqual([]);
    await page.close();
  });

  it('the page watcher catches script errors, console errors and network requests', async () => {
    const htmlPath = join(dir, 'bad.html');
    writeFileSync(htmlPath, '<!DOCTYPE html><title>bad</title><img src="http://example.invalid/x.png">' +
      '<script>console.error("logged"); throw new Error("boom");</script>');
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    expect(problems.pageErrors.join()).toContain('boom');
    expect(problems.consoleErrors.join()).toContain('logged');
    expect(problems.externalRequests).toContain('http://example.invalid/x.png');
    await page.close();
  });

  it('fails with instructions when Chromium is missing', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(/scripts\/ensure-chromium\.mjs/);
  });
});
