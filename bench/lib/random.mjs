// Deterministic randomness: the same seed gives the same database, so runs can be compared.

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** Index in [0, n) skewed towards 0 (power > 1): a few common values, a long tail. */
    skewed: (n, power = 2) => Math.floor(n * next() ** power),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** A 32-bit mixing bijection (lowbias32): distinct inputs give distinct outputs. */
function mix32(x) {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const hex8 = (n) => n.toString(16).padStart(8, '0');

/**
 * The UUID (v4 layout) of row `index` of a table, computed rather than stored: random-looking like the
 * app's gen_random_uuid() ids, unique within the table (the first word is a bijection of the index).
 */
export function uuidFor(salt, index) {
  const w0 = mix32(index ^ salt);
  const w1 = mix32(w0 ^ 0x9e3779b9);
  const w2 = mix32(w1 ^ salt);
  const w3 = mix32(w2 ^ 0x85ebca6b);
  const a = hex8(w0);
  const b = hex8(((w1 & 0xffff0fff) | 0x00004000) >>> 0);
  const c = hex8(((w2 & 0x3fffffff) | 0x80000000) >>> 0);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex8(w3)}`;
}

/**
 * Spreads `total` children over `parents` (each parent gets at least one when total ≥ parents), the
 * extra ones skewed towards low indices (a few large structures, many small ones), each capped at `max`.
 * Returns the count and the first child index of each parent, so a parent's children are contiguous.
 */
export function distribute(random, total, parents, { max = Infinity, power = 3 } = {}) {
  const count = new Uint32Array(parents);
  let left = total;
  for (let i = 0; i < parents && left > 0; i++, left--) count[i] = 1;
  while (left > 0) {
    const i = random.skewed(parents, power);
    if (count[i] >= max) continue;
    count[i]++;
    left--;
  }
  const start = new Uint32Array(parents);
  for (let i = 1; i < parents; i++) start[i] = start[i - 1] + count[i - 1];
  return { count, start };
}
