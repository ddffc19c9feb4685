// What checkpoints cost: run time with and without --checkpoint-every, bytes per checkpoint (state and rows), restore
// time, and a resumed run's time including the final table assembly. Checks the resumed bytes equal the plain run's.
// Run with `node --import tsx bench/checkpoint.bench.ts [--scenario default] [--households 20000] [--ticks 104] [--every 13]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadScenario, restoreCheckpoint, runScenario } from '../engine/index.js';

function bytesIn(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? bytesIn(p) : fs.statSync(p).size;
  }
  return total;
}

const arrowEqual = (a: string, b: string) =>
  fs.readdirSync(a).filter((f) => f.endsWith('.arrow')).every((f) => fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, (performance.now() - started) / 1000];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'default' }, households: { type: 'string', default: '20000' }, ticks: { type: 'string', default: '104' },
      every: { type: 'string', default: '13' }, out: { type: 'string', default: path.join(os.tmpdir(), 'glocal-checkpoint-bench') },
    },
  });
  const ticks = Number(values.ticks);
  const every = Number(values.every);
  const out = values.out!;
  fs.rmSync(out, { recursive: true, force: true });
  const { scenario, file } = loadScenario(values.scenario!, { sets: { 'households.count': Number(values.households) } });
  const base = { seed: 1, ticks, workers: 1, scenarioFile: file };
  const [, plainSeconds] = await timed(() => runScenario(scenario, { ...base, outDir: path.join(out, 'plain') }));
  const ck = path.join(out, 'ck');
  const [, checkpointedSeconds] = await timed(() => runScenario(scenario, { ...base, outDir: path.join(out, 'checkpointed'), checkpoint: { every, dir: ck } }));
  const ticksDir = fs.readdirSync(ck).filter((n) => n.startsWith('tick-')).sort();
  const mid = path.join(ck, ticksDir[Math.floor(ticksDir.length / 2)]!);
  const midTick = Number(mid.slice(-6));
  const [, restoreSeconds] = await timed(() => restoreCheckpoint(mid));
  const [, resumedSeconds] = await timed(() => runScenario(scenario, { ...base, outDir: path.join(out, 'resumed'), checkpoint: { resumeFrom: mid } }));
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))), node: process.version },
    scenario: values.scenario, households: Number(values.households), ticks, every,
    plainSeconds, checkpointedSeconds, checkpoints: ticksDir.length,
    overheadPerCheckpointSeconds: (checkpointedSeconds - plainSeconds) / ticksDir.length,
    stateBytes: fs.statSync(path.join(mid, 'state.bin')).size,
    rowsBytesPerCheckpoint: bytesIn(path.join(mid, 'rows')),
    runFolderBytes: bytesIn(path.join(out, 'plain')),
    restoreSeconds, resumedFromTick: midTick, resumedSeconds,
    plainSecondsForSameTicks: (plainSeconds * (ticks - midTick)) / ticks,
    checkpointedEqualsPlain: arrowEqual(path.join(out, 'plain'), path.join(out, 'checkpointed')),
    resumedEqualsPlain: arrowEqual(path.join(out, 'plain'), path.join(out, 'resumed')),
  };
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  const name = path.join('bench', 'results', `checkpoint-${report.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(name, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\nwritten to ${name}\n`);
}

await main();
