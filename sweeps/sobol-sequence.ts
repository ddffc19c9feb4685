// Scrambled Sobol low-discrepancy points in up to 32 dimensions (Joe & Kuo 2008 direction numbers).
// Exists so Saltelli designs converge faster than plain random draws; scrambling keeps them seedable and unbiased.
import seedrandom from 'seedrandom';

/**
 * Joe & Kuo (2008) "new-joe-kuo-6.21201" rows for dimensions 2..32 as `s a m_1 … m_s`: s is the degree of the
 * primitive polynomial, a its interior coefficients as bits, m the initial direction integers. Dimension 1 is
 * van der Corput and needs no row. Typed from the published table; the tests check every polynomial is primitive.
 */
const JOE_KUO_ROWS =
  '1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|' +
  '5 11 1 1 5 1 1|5 13 1 1 1 3 11|5 14 1 3 5 5 31|6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|' +
  '6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|6 25 1 1 5 5 19 61|7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|' +
  '7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|' +
  '7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|7 37 1 1 3 9 25 29 41|7 41 1 3 5 13 23 1 55|' +
  '7 42 1 3 7 3 13 59 17';

export interface SobolPolynomial {
  /** Degree of the primitive polynomial over GF(2). */
  s: number;
  /** Interior coefficients a_1 … a_{s-1} packed as bits, a_1 the most significant. */
  a: number;
  /** Initial direction integers m_1 … m_s (each odd, m_i < 2^i). */
  m: number[];
}

export const SOBOL_POLYNOMIALS: readonly SobolPolynomial[] = JOE_KUO_ROWS.split('|').map((row) => {
  const [s, a, ...m] = row.split(' ').map(Number);
  return { s, a, m };
});

const BITS = 32;
export const MAX_SOBOL_DIMS = SOBOL_POLYNOMIALS.length + 1;

/** Direction numbers v_1 … v_32 of one dimension, as 32-bit fractions (v[j] pairs with bit j of the index). */
function directionNumbers(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 0) {
    for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
    return v;
  }
  const { s, a, m: initial } = SOBOL_POLYNOMIALS[dim - 1];
  const m = new Uint32Array(BITS + 1); // 1-based like the literature
  for (let i = 1; i <= s && i <= BITS; i++) m[i] = initial[i - 1];
  for (let i = s + 1; i <= BITS; i++) {
    let next = m[i - s] ^ (m[i - s] << s);
    for (let k = 1; k < s; k++) {
      if ((a >>> (s - 1 - k)) & 1) next ^= m[i - k] << k;
    }
    m[i] = next >>> 0;
  }
  for (let i = 1; i <= BITS; i++) v[i - 1] = (m[i] << (BITS - i)) >>> 0;
  return v;
}

function parity32(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * Matoušek's linear matrix scramble: multiply each direction column by a random unit lower-triangular bit
 * matrix. Output digit r only mixes digits 0..r, so every (t, m, s)-net property of the sequence survives.
 */
function scrambleColumns(v: Uint32Array, rng: seedrandom.PRNG): Uint32Array {
  const rowMasks = new Uint32Array(BITS);
  for (let r = 0; r < BITS; r++) {
    const above = r === 0 ? 0 : (~0 << (BITS - r)) >>> 0; // the r most significant digits
    rowMasks[r] = ((rng.int32() & above) | (1 << (BITS - 1 - r))) >>> 0;
  }
  const out = new Uint32Array(BITS);
  for (let j = 0; j < BITS; j++) {
    let col = 0;
    for (let r = 0; r < BITS; r++) col |= parity32(rowMasks[r] & v[j]) << (BITS - 1 - r);
    out[j] = col >>> 0;
  }
  return out;
}

/**
 * The first n points of a dims-dimensional Sobol sequence in [0, 1), row-major (point i, dim d at i * dims + d).
 * With scramble (default) each dimension gets a seeded linear matrix scramble plus a random digital shift, which
 * keeps the low discrepancy, removes the all-zero first point and makes the points uniformly distributed.
 */
export function sobolPoints(n: number, dims: number, seed: number, opts: { scramble?: boolean } = {}): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sobolPoints: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_SOBOL_DIMS) {
    throw new RangeError(`sobolPoints: dims must be an integer in [1, ${MAX_SOBOL_DIMS}], got ${dims}`);
  }
  const scramble = opts.scramble ?? true;
  const rng = seedrandom(`${seed}:sobol-scramble`);
  const out = new Float64Array(n * dims);
  for (let d = 0; d < dims; d++) {
    const plain = directionNumbers(d);
    const v = scramble ? scrambleColumns(plain, rng) : plain;
    const shift = scramble ? rng.int32() >>> 0 : 0;
    for (let i = 0; i < n; i++) {
      let x = shift;
      for (let j = 0, bits = i; bits !== 0; j++, bits = Math.floor(bits / 2)) {
        if (bits % 2 === 1) x ^= v[j];
      }
      out[i * dims + d] = (x >>> 0) / 2 ** BITS;
    }
  }
  return out;
}
