// Plain-text and Markdown summaries of a bench result: the tables printed by `glocal bench` and pasted in bench/README.md.
import type { BenchResult } from './suite.js';

const M = (x: number) => `${(x / 1e6).toFixed(2)} M`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function machineLine(r: BenchResult): string {
  const m = r.machine;
  return `${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, Node ${m.node}, commit ${m.gitCommit?.slice(0, 8) ?? '?'}${m.gitDirty ? ' (+ local changes)' : ''}, ${m.date}, load ${m.loadAvgStart.join('/')} -> ${m.loadAvgEnd?.join('/') ?? '?'}`;
}

export function kernelTable(r: BenchResult): string {
  return table(
    ['kernel', 'scenario', 'median ms', 'spread', 'ns/row', 'reference ms', 'ratio'],
    r.kernels.map((k) => [k.name, k.scenario, k.kernelMs.median.toFixed(3), pct(k.kernelMs.relSpread), k.nsPerRow.toFixed(1), k.referenceMs.median.toFixed(3), `${k.ratio.toFixed(2)}x`]),
  );
}

export function wholeRunTable(r: BenchResult): string {
  return table(
    ['scenario', 'workers', 'runs', 'wall s (median, min-max)', 'ticks/s', 'household-ticks/s', 'per CPU-s', 'peak RSS MB', 'bytes/household (above Node)', 'set-up s', 'first tick ms', 'median tick ms', 'speedup (wall / ticks)', 'of bandwidth limit'],
    r.wholeRuns.map((w) => [
      w.scenario,
      String(w.workers),
      String(w.runs),
      `${w.wallSeconds.median.toFixed(2)} (${w.wallSeconds.min.toFixed(2)}-${w.wallSeconds.max.toFixed(2)})`,
      w.ticksPerSecond.median.toFixed(1),
      M(w.householdTicksPerSecond.median),
      M(w.householdTicksPerCpuSecond.median),
      (w.peakRssBytes.median / 1e6).toFixed(0),
      `${w.bytesPerHousehold.toFixed(0)} (${w.bytesPerHouseholdAboveBaseline.toFixed(0)})`,
      w.setupSeconds.median.toFixed(2),
      w.firstTickMs.median.toFixed(0),
      w.medianTickMs.median.toFixed(1),
      w.speedup !== undefined ? `${w.speedup.toFixed(2)}x / ${(w.tickSpeedup ?? 1).toFixed(2)}x` : '',
      w.fractionOfBandwidthLimit !== undefined ? pct(w.fractionOfBandwidthLimit) : '',
    ]),
  );
}

export function targetTable(r: BenchResult): string {
  return table(
    ['target', 'value', 'wanted', 'met'],
    r.targets.map((t) => [t.name + (t.note ? ` (${t.note})` : ''), t.value === null ? '-' : t.value >= 1e5 ? M(t.value) : t.value.toFixed(2), t.target, t.met === null ? '-' : t.met ? 'yes' : '**no**']),
  );
}

export function formatSummary(r: BenchResult): string {
  const parts = [`glocal bench, suite '${r.suite}' (${r.durationSeconds.toFixed(0)} s): ${machineLine(r)}`, `clock: ${r.clock}; workers: ${r.workers.note}`];
  for (const b of r.bandwidth) parts.push(`bandwidth at ${(b.bytes / 1e6).toFixed(1)} MB (${b.scenario}): read ${b.readGBps.toFixed(1)} GB/s, read+write ${b.updateGBps.toFixed(1)} GB/s`);
  if (r.kernels.length > 0) parts.push(kernelTable(r));
  if (r.wholeRuns.length > 0) parts.push(wholeRunTable(r));
  if (r.sweeps) parts.push(r.sweeps.results.map((s) => `sweep of ${s.runs} tiny runs, --jobs ${s.jobs}: ${s.runsPerMinute.toFixed(0)} runs/min`).join('\n'));
  if (r.targets.length > 0) parts.push(targetTable(r));
  if (r.skipped.length > 0) parts.push(`skipped: ${r.skipped.join('; ')}`);
  return parts.join('\n\n') + '\n';
}
