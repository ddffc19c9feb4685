// Progress for long work: a bar with rate and ETA on a terminal; a plain line every few seconds otherwise.
import cliProgress from 'cli-progress';

export interface TickProgress {
  update(done: number): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5000;

export function createTickProgress(label: string, total: number, unit = 'ticks'): TickProgress {
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0' });
    return {
      update(done) {
        const rate = done / Math.max(1e-3, (Date.now() - started) / 1000);
        bar.update(done, { rate: rate.toFixed(1) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastPrint = started;
  return {
    update(done) {
      const now = Date.now();
      if (now - lastPrint < PLAIN_EVERY_MS && done < total) return;
      lastPrint = now;
      const seconds = (now - started) / 1000;
      const rate = done / Math.max(1e-3, seconds);
      const eta = rate > 0 ? (total - done) / rate : 0;
      process.stderr.write(`${label}: ${done}/${total} ${unit}, ${rate.toFixed(1)}/s, ETA ${eta.toFixed(0)} s\n`);
    },
    stop() {},
  };
}
