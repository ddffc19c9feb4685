// The slow-worker guard: notices a step worker that stays far slower than the main thread, so the pool can replace it.
// Now and then (a few 2-thread runs in a hundred here, cause unknown: docs/parallel.md) a worker's households kernel
// runs several times slower than the main thread's for the whole run.
//
// Speed is judged region by region, since regions of different sizes cost different amounts per household: each
// region keeps the fastest time per household any thread has run it in, and a thread's slowness is its time over its
// regions divided by what those regions took at their fastest. A worker whose slowness is `ratio` times the main
// thread's in `streak` judged households kernels in a row is reported, once per worker. Judging starts once the pool
// has run `warmHouseholds` households: by then every thread's code has long been compiled (in a small world a thread
// that runs a few hundred households a tick can stay in slower code for many ticks, and replacing it would not help).

export interface SlowGuardOptions {
  ratio: number;
  streak: number;
  warmHouseholds: number;
}

export const SLOW_GUARD: SlowGuardOptions = { ratio: 4, streak: 8, warmHouseholds: 1_000_000 };

export interface SlowGuard {
  /**
   * After a households kernel: regionNs[r] is region r's time, regionThread[r] the thread that ran it, households[r]
   * its households. Returns the worker to replace now (1..threads−1), or 0. `judge` false: only learn the regions' times.
   */
  check(regionNs: ArrayLike<number>, regionThread: ArrayLike<number>, households: ArrayLike<number>, judge: boolean): number;
}

export function createSlowGuard(threads: number, R: number, opts: SlowGuardOptions = SLOW_GUARD): SlowGuard {
  const fastest = new Float64Array(R).fill(Infinity);
  const actual = new Float64Array(threads);
  const expected = new Float64Array(threads);
  const streak = new Int32Array(threads);
  const reported = new Uint8Array(threads);
  let householdsRun = 0;

  return {
    check(regionNs, regionThread, households, judge) {
      actual.fill(0);
      expected.fill(0);
      for (let r = 0; r < R; r++) {
        const n = households[r]!;
        const k = regionThread[r]!;
        if (n <= 0 || !(regionNs[r]! > 0) || k < 0 || k >= threads || fastest[r] === Infinity) continue;
        actual[k] += regionNs[r]!;
        expected[k] += fastest[r]! * n;
      }
      let slow = 0;
      const mainSlowness = actual[0]! / expected[0]!;
      if (judge && householdsRun >= opts.warmHouseholds && mainSlowness > 0) {
        for (let k = 1; k < threads; k++) {
          const relative = actual[k]! / expected[k]! / mainSlowness;
          if (!Number.isFinite(relative)) continue; // it ran no region with a known time: nothing to judge
          streak[k] = relative >= opts.ratio ? streak[k]! + 1 : 0;
          if (slow === 0 && streak[k]! >= opts.streak && reported[k] === 0) {
            reported[k] = 1;
            slow = k;
          }
        }
      }
      // Learn after judging, so a slow run is measured against the regions' earlier times.
      for (let r = 0; r < R; r++) {
        if (!(households[r]! > 0 && regionNs[r]! > 0)) continue;
        fastest[r] = Math.min(fastest[r]!, regionNs[r]! / households[r]!);
        householdsRun += households[r]!;
      }
      return slow;
    },
  };
}
