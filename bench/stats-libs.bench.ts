// Measures mean + sample sd of a 1e6-element array with mathjs, simple-statistics and a plain typed-array loop.
// Exists to justify which implementation analysis/stats.ts uses; run with `npx tsx bench/stats-libs.bench.ts`.
import { Bench } from 'tinybench';
import { mean as mathMean, std as mathStd } from 'mathjs';
import { mean as ssMean, sampleStandardDeviation as ssSd } from 'simple-statistics';
import seedrandom from 'seedrandom';
import { meanAndSd } from '../analysis/stats.js';

const LENGTH = 1_000_000;
const rng = seedrandom('stats-libs-bench');
const typed = new Float64Array(LENGTH);
for (let i = 0; i < LENGTH; i++) typed[i] = 1e6 + rng() * 100;
const plain = Array.from(typed);

// Sink so the JIT cannot drop the work.
let sink = 0;
const bench = new Bench({ iterations: 20, time: 2000 });
bench
  .add('mathjs mean+std (number[])', () => {
    sink += mathMean(plain) + (mathStd(plain) as unknown as number);
  })
  .add('simple-statistics mean+sampleSd (number[])', () => {
    sink += ssMean(plain) + ssSd(plain);
  })
  .add('plain two-pass loop (Float64Array)', () => {
    const { mean, sd } = meanAndSd(typed);
    sink += mean + sd;
  })
  .add('plain two-pass loop (number[])', () => {
    const { mean, sd } = meanAndSd(plain);
    sink += mean + sd;
  });

await bench.run();
console.table(bench.table());

// Accuracy check against the same data: a large offset (1e6) with small spread stresses naive one-pass formulas.
const loop = meanAndSd(typed);
console.log({
  mathjs: { mean: mathMean(plain), sd: mathStd(plain) },
  simpleStatistics: { mean: ssMean(plain), sd: ssSd(plain) },
  loop,
  sink: sink !== 0,
});
