/**
 * Seeded randomness for the synthetic corpus: a PRNG fully determined by a string seed
 * (mulberry32 seeded by a string hash) and Zipf-distributed draws from a ranked list.
 */

/** A 32-bit hash of a string (FNV-1a followed by a murmur3-style finaliser), to seed the PRNG. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h = Math.imul(h ^ byte, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for synthetic text; fully determined by its seed. */
export class Random {
  private state: number;

  constructor(seed: string) {
    this.state = hashString(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the values, chosen with the given relative weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let u = this.next() * total;
    for (const [value, weight] of choices) {
      u -= weight;
      if (u < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s (Zipf), by binary search over the cumulative weights. */
export class Zipf<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    exponent: number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let rank = 0; rank < items.length; rank++) {
      sum += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = sum;
    }
  }

  draw(random: Random): T {
    const u = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! <= u) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }

  /** `count` different items (fewer only if the list is shorter). */
  drawDistinct(random: Random, count: number): T[] {
    const chosen = new Set<T>();
    for (let tries = 0; chosen.size < Math.min(count, this.items.length) && tries < 200; tries++) {
      chosen.add(this.draw(random));
    }
    return [...chosen];
  }
}
