// Sweep progress for people and for tools: a bar on a terminal, a plain line every few seconds in logs, or one
// JSON line per event (--progress json) that orchestration tools can parse.
import cliProgress from 'cli-progress';

export type ProgressMode = 'auto' | 'bar' | 'plain' | 'json' | 'none';
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'plain', 'json', 'none'];

export interface ProgressStart {
  /** Runs in this shard (including those already finished by an earlier attempt). */
  total: number;
  /** Runs skipped because an earlier attempt finished them. */
  skipped: number;
  shard: string;
}

export interface ProgressReporter {
  start(info: ProgressStart): void;
  runStarted(runId: string): void;
  runFinished(runId: string, wallSeconds: number): void;
  runFailed(runId: string, error: string): void;
  /** Final totals; closes the bar. */
  finish(): void;
}

export interface ProgressOptions {
  /** Where the bar and plain lines go (default stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where JSON lines go (default stdout). */
  jsonStream?: NodeJS.WritableStream;
  /** Plain mode: milliseconds between lines. */
  intervalMs?: number;
  /** Clock in milliseconds (injectable for tests). */
  now?: () => number;
}

/** Counters shared by every mode: done (this attempt), failed, skipped, and rate from this attempt's runs only. */
class Tally {
  total = 0;
  skipped = 0;
  done = 0;
  failed = 0;
  started = 0;
  constructor(readonly now: () => number) {
    this.started = now();
  }
  get finished(): number {
    return this.skipped + this.done + this.failed;
  }
  get elapsedSeconds(): number {
    return (this.now() - this.started) / 1000;
  }
  get runsPerMinute(): number {
    const s = this.elapsedSeconds;
    return s > 0 ? ((this.done + this.failed) * 60) / s : 0;
  }
  /** Seconds left at the current rate, or NaN before the first run ends. */
  get etaSeconds(): number {
    const rate = this.runsPerMinute / 60;
    return rate > 0 ? (this.total - this.finished) / rate : NaN;
  }
  totals() {
    return {
      done: this.done,
      failed: this.failed,
      skipped: this.skipped,
      total: this.total,
      runsPerMinute: round(this.runsPerMinute, 2),
      elapsedSeconds: round(this.elapsedSeconds, 3),
    };
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function statusLine(t: Tally): string {
  const skipped = t.skipped > 0 ? ` (${t.skipped} from earlier)` : '';
  return `${t.finished - t.failed}/${t.total} done${skipped}, ${t.failed} failed, ${t.runsPerMinute.toFixed(1)} runs/min, ETA ${formatDuration(t.etaSeconds)}`;
}

export function createProgress(mode: ProgressMode, opts: ProgressOptions = {}): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  const resolved = mode === 'auto' ? (stream.isTTY ? 'bar' : 'plain') : mode;
  const tally = new Tally(opts.now ?? Date.now);
  if (resolved === 'json') return jsonReporter(tally, opts.jsonStream ?? process.stdout);
  if (resolved === 'bar') return barReporter(tally, stream);
  if (resolved === 'plain') return plainReporter(tally, stream, opts.intervalMs ?? 5000);
  return quietReporter(tally);
}

function counting(tally: Tally, hooks: Partial<ProgressReporter>): ProgressReporter {
  return {
    start(info) {
      tally.total = info.total;
      tally.skipped = info.skipped;
      tally.started = tally.now();
      hooks.start?.(info);
    },
    runStarted(runId) {
      hooks.runStarted?.(runId);
    },
    runFinished(runId, wallSeconds) {
      tally.done += 1;
      hooks.runFinished?.(runId, wallSeconds);
    },
    runFailed(runId, error) {
      tally.failed += 1;
      hooks.runFailed?.(runId, error);
    },
    finish() {
      hooks.finish?.();
    },
  };
}

function quietReporter(tally: Tally): ProgressReporter {
  return counting(tally, {});
}

function jsonReporter(tally: Tally, out: NodeJS.WritableStream): ProgressReporter {
  const emit = (event: Record<string, unknown>) => out.write(`${JSON.stringify({ ...event, time: new Date(tally.now()).toISOString() })}\n`);
  return counting(tally, {
    start: (info) => emit({ event: 'start', shard: info.shard, total: info.total, skipped: info.skipped }),
    runStarted: (runId) => emit({ event: 'run-started', runId }),
    runFinished: (runId, wallSeconds) => emit({ event: 'run-finished', runId, wallSeconds: round(wallSeconds, 3), ...tally.totals() }),
    runFailed: (runId, error) => emit({ event: 'run-failed', runId, error, ...tally.totals() }),
    finish: () => emit({ event: 'totals', ...tally.totals() }),
  });
}

function plainReporter(tally: Tally, stream: NodeJS.WritableStream, intervalMs: number): ProgressReporter {
  let lastLine = -Infinity;
  const maybeLine = (force: boolean) => {
    const now = tally.now();
    if (!force && now - lastLine < intervalMs) return;
    lastLine = now;
    stream.write(`sweep: ${statusLine(tally)}\n`);
  };
  return counting(tally, {
    start: (info) => {
      stream.write(`sweep: ${info.shard}: ${info.total} runs, ${info.skipped} already finished\n`);
      lastLine = tally.now();
    },
    runFinished: () => maybeLine(false),
    runFailed: (runId, error) => {
      stream.write(`sweep: run ${runId} failed: ${firstLine(error)}\n`);
      maybeLine(false);
    },
    finish: () => maybeLine(true),
  });
}

function barReporter(tally: Tally, stream: NodeJS.WritableStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'sweep [{bar}] {finished}/{total} | failed {failed} | {rate} runs/min | ETA {etaText}',
      // a hidden cursor would stay hidden after Ctrl-C, which kills the process without cleanup
      hideCursor: false,
      clearOnComplete: false,
      barsize: 30,
      // --progress bar asks for the bar even when stderr is not a terminal
      noTTYOutput: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = () => ({
    finished: tally.finished,
    failed: tally.failed,
    rate: tally.runsPerMinute.toFixed(1),
    etaText: formatDuration(tally.etaSeconds),
  });
  const update = () => bar.update(tally.finished, payload());
  return counting(tally, {
    start: (info) => bar.start(info.total, tally.finished, payload()),
    runFinished: update,
    runFailed: (runId, error) => {
      update();
      // a failure stays visible above the bar instead of being overwritten
      bar.stop();
      stream.write(`run ${runId} failed: ${firstLine(error)}\n`);
      bar.start(tally.total, tally.finished, payload());
    },
    finish: () => {
      update();
      bar.stop();
    },
  });
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
