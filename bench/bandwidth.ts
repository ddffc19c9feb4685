// The reference kernel: one read-modify-write pass over typed arrays as large as a world's columns.
// Its speed is what the memory system allows for a tick that touches every column once; whole runs report against it.
import type { Summary } from './stats.js';
import { timeTasks, type TimingOptions } from './timing.js';

export interface BandwidthResult {
  /** Bytes streamed per pass (the world's column bytes). */
  bytes: number;
  /** One pass: read every element once (a sum). */
  readPassMs: Summary;
  /** One pass: read and write back every element (x = x * a + b), the shape of a tick's column updates. */
  updatePassMs: Summary;
  readGBps: number;
  /** Bytes read plus bytes written per second. */
  updateGBps: number;
  /** 1 / updatePassMs: the most ticks per second a world of this size could run if each tick touched each byte once. */
  passesPerSecond: number;
}

/** Shared memory like the world's columns, so the reference pays what the engine pays. */
function sharedFloat64(length: number): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(length * 8));
  for (let i = 0; i < length; i++) a[i] = i & 1023;
  return a;
}

let sink = 0;

/** Four sums, so the pass is limited by memory rather than by the latency of one chain of additions. */
function readPass(a: Float64Array): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const n = a.length & ~3;
  for (let i = 0; i < n; i += 4) {
    s0 += a[i]!;
    s1 += a[i + 1]!;
    s2 += a[i + 2]!;
    s3 += a[i + 3]!;
  }
  return s0 + s1 + s2 + s3;
}

function updatePass(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = a[i]! * 0.5 + 1;
}

export function measureBandwidth(bytes: number, timing: TimingOptions): BandwidthResult {
  const length = Math.max(1024, Math.ceil(bytes / 8));
  const a = sharedFloat64(length);
  const times = timeTasks(
    [
      { name: 'read', fn: () => void (sink += readPass(a)) },
      { name: 'update', fn: () => updatePass(a) },
    ],
    timing,
  );
  if (sink === 0.5) console.log(''); // keeps the sum observable so the read pass is not dropped
  const read = times.get('read')!;
  const update = times.get('update')!;
  const streamed = length * 8;
  return {
    bytes: streamed,
    readPassMs: read,
    updatePassMs: update,
    readGBps: streamed / (read.median / 1000) / 1e9,
    updateGBps: (2 * streamed) / (update.median / 1000) / 1e9,
    passesPerSecond: 1000 / update.median,
  };
}
