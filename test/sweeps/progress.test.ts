import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../sweeps/progress.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

function clock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('sweep progress', () => {
  it('emits one JSON line per event with running totals', () => {
    const out = new Capture();
    const c = clock();
    const p = createProgress('json', { jsonStream: out, now: c.now });
    p.start({ total: 4, skipped: 1, shard: 'whole sweep' });
    p.runStarted('a');
    c.advance(30_000);
    p.runFinished('a', 1.23456);
    p.runStarted('b');
    p.runFailed('b', 'boom\nstack');
    p.finish();
    const events = out.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.event)).toEqual(['start', 'run-started', 'run-finished', 'run-started', 'run-failed', 'totals']);
    expect(events[0]).toMatchObject({ total: 4, skipped: 1 });
    expect(events[2]).toMatchObject({ runId: 'a', wallSeconds: 1.235, done: 1, failed: 0, runsPerMinute: 2 });
    expect(events[4]).toMatchObject({ runId: 'b', error: 'boom\nstack', failed: 1 });
    expect(events[5]).toMatchObject({ done: 1, failed: 1, skipped: 1, total: 4 });
  });

  it('writes a plain line at most every interval when not on a terminal, and a final one', () => {
    const err = new Capture();
    const c = clock();
    const p = createProgress('auto', { stream: err, now: c.now, intervalMs: 5000 });
    p.start({ total: 10, skipped: 0, shard: 'whole sweep' });
    for (let i = 0; i < 6; i++) {
      c.advance(2000);
      p.runFinished(`r${i}`, 2);
    }
    p.runFailed('x', 'bad combination');
    p.finish();
    const lines = err.text.trim().split('\n');
    expect(lines[0]).toBe('sweep: whole sweep: 10 runs, 0 already finished');
    expect(lines.filter((l) => /done/.test(l))).toEqual([
      'sweep: 3/10 done, 0 failed, 30.0 runs/min, ETA 14s',
      'sweep: 6/10 done, 0 failed, 30.0 runs/min, ETA 8s',
      'sweep: 6/10 done, 1 failed, 35.0 runs/min, ETA 5s',
    ]);
    expect(lines).toContain('sweep: run x failed: bad combination');
  });

  it('draws a bar with done/failed/total, rate and ETA when asked', () => {
    const err = new Capture();
    const p = createProgress('bar', { stream: err, now: clock().now });
    p.start({ total: 2, skipped: 0, shard: 'whole sweep' });
    p.runFinished('a', 1);
    p.finish();
    expect(err.text).toMatch(/sweep \[.*\] 1\/2 \| failed 0 \| .* runs\/min \| ETA/);
  });

  it('formats durations', () => {
    expect(formatDuration(NaN)).toBe('?');
    expect(formatDuration(59.4)).toBe('59s');
    expect(formatDuration(61)).toBe('1m01s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3h02m');
  });
});
