// `glocal compare <run-or-sweep-dir>... [--baseline NAME] [--out DIR]`: scenarios versus a baseline with intervals,
// as a compact terminal table, and with --out the CSV, Markdown, SVG charts and report.html.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../engine/model/errors.js';
import { compareDirs, type Comparison, type MetricDifference, type MetricSummary } from '../analysis/compare.js';
import { COUNTERPART_METRICS, METRICS, metricInfo } from '../analysis/metrics.js';
import { formatInterval, writeComparisonReport } from '../analysis/report-build.js';

interface CompareArgs { dirs: string[]; baseline?: string; out?: string; level: number; all: boolean }

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
}

function table(header: string[], rows: string[][], indent = '  '): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [pad(header, widths), ...rows.map((r) => pad(r, widths))].map((l) => indent + l).join('\n');
}

const find = (rows: MetricSummary[], scenario: string, metric: string) => rows.find((s) => s.scenario === scenario && s.metric === metric && !s.by);

function block(title: string, metrics: string[], a: string, b: string, summaries: MetricSummary[], diffs: MetricDifference[]): string {
  const rows = metrics.flatMap((m) => {
    const unit = metricInfo(m)?.unit ?? '';
    const sa = find(summaries, a, m);
    const sb = find(summaries, b, m);
    const d = diffs.find((x) => x.scenario === b && x.baseline === a && x.metric === m && !x.by);
    if (!sa && !sb) return [];
    return [[metricInfo(m)?.label ?? m, sa ? formatInterval(sa, unit) : 'n/a', sb ? formatInterval(sb, unit) : 'n/a', d ? formatInterval(d, unit, true) : 'n/a']];
  });
  const method = diffs.find((x) => x.scenario === b && x.baseline === a)?.method;
  const how = method === 'paired' ? 'paired by seed' : method === 'welch' ? 'Welch' : '';
  return `${title}${how ? ` (difference ${how})` : ''}\n${table(['metric', a, b, 'difference'], rows)}`;
}

/** Beyond this many scenarios (a sweep's design points) one line per scenario replaces the per-scenario blocks. */
const MAX_BLOCKS = 6;
const WIDE_METRICS = ['mean_employment_rate', 'total_freight_co2e_kg', 'mean_local_share', 'mean_price_index'];

function wideTable(c: Comparison): string {
  const rows = c.groups.filter((g) => g.label !== c.baseline).map((g) => [g.label, String(g.runs.length), ...WIDE_METRICS.map((m) => {
    const d = c.differences.find((x) => x.scenario === g.label && x.metric === m && !x.by);
    return d ? formatInterval(d, metricInfo(m)!.unit, true) : 'n/a';
  })]);
  return `Differences from ${c.baseline} (use --out for every metric, the charts and the report):\n` +
    table(['scenario', 'seeds', ...WIDE_METRICS.map((m) => metricInfo(m)!.label)], rows);
}

/** The terminal view: each scenario against the baseline on the headline metrics, then resilience blocks. */
export function formatComparison(c: Comparison, opts: { all?: boolean } = {}): string {
  const metrics = METRICS.filter((m) => opts.all || m.headline).map((m) => m.name);
  const seeds = (label: string) => c.groups.find((g) => g.label === label)!.runs.length;
  const out = [`${c.groups.length} scenarios; baseline ${c.baseline}; mean [${c.level * 100}% interval] over seeds.`];
  if (c.groups.length > MAX_BLOCKS + 1 && !opts.all) return `${out[0]}\n\n${wideTable(c)}\n`;
  for (const g of c.groups) {
    if (g.label === c.baseline) continue;
    out.push('', block(`${g.label} (${seeds(g.label)} seeds) vs ${c.baseline} (${seeds(c.baseline)} seeds)`, metrics, c.baseline, g.label, c.metrics, c.differences));
  }
  const resMetrics = COUNTERPART_METRICS.filter((m) => opts.all || m.headline).map((m) => m.name);
  const shocked = c.groups.filter((g) => g.shock && g.counterpart);
  if (shocked.length > 0) {
    out.push('', 'Resilience against the same scenario and seed without the shock:');
    const rows = resMetrics.map((m) => [metricInfo(m)!.label, ...shocked.map((g) => {
      const s = find(c.resilience, g.label, m);
      return s ? formatInterval(s, metricInfo(m)!.unit) : 'n/a';
    })]);
    out.push(table(['metric', ...shocked.map((g) => g.label)], rows));
    for (const g of shocked) {
      if (!c.shockedBaseline || g.label === c.shockedBaseline) continue;
      out.push('', block(`${g.label} vs ${c.shockedBaseline}, resilience`, resMetrics, c.shockedBaseline, g.label, c.resilience, c.resilienceDifferences));
    }
  }
  if (c.warnings.length > 0) out.push('', ...c.warnings.map((w) => `warning: ${w}`));
  return out.join('\n') + '\n';
}

/** Compare, print and (with outDir) write the report; shared with `glocal demo`. */
export async function runCompare(dirs: string[], opts: { baseline?: string; out?: string; level?: number; all?: boolean; title?: string }): Promise<Comparison> {
  const c = compareDirs(dirs, { baseline: opts.baseline, level: opts.level });
  process.stdout.write(formatComparison(c, { all: opts.all }));
  if (opts.out) {
    const built = await writeComparisonReport(c, opts.out, { inputs: dirs, title: opts.title });
    process.stdout.write(`\nwrote ${built.files.length} files (${built.charts} charts) to ${opts.out}; open ${path.join(opts.out, 'report.html')}\n`);
  }
  return c;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <dirs..>',
  describe: 'Compare scenarios across seeds: employment, emissions, localization, prices, resilience, with intervals',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'run folders, sweep folders, or folders holding them' })
      .option('baseline', { type: 'string', describe: 'scenario to compare against (a label as printed, or a scenario name)' })
      .option('out', { type: 'string', describe: 'write CSV, Markdown, SVG charts and report.html here' })
      .option('level', { type: 'number', default: 0.95, describe: 'confidence level of the intervals' })
      .option('all', { type: 'boolean', default: false, describe: 'print every metric, not only the headline ones' })
      .example('$0 compare runs/ --baseline baseline-global --out report/', 'compare every run under runs/')
      .example('$0 compare out/sweeps/tax', 'one scenario per design point of a sweep') as unknown as Argv<CompareArgs>,
  handler: async (args) => {
    if (!(args.level > 0 && args.level < 1)) throw new UserError(`--level must be between 0 and 1, got ${args.level}`);
    await runCompare(args.dirs, args);
  },
};
