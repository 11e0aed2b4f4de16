/**
 * One resolution of one metric series in one unit: time buckets (1 s, 60 s, 300 s or 3600 s) held in
 * columnar typed arrays, so millions of buckets cost a few bytes each instead of a JavaScript object each.
 *
 * Per bucket: the bucket number (start / resolution), count, sum, minimum and maximum, and, for the
 * percentile statistics, the bucket's value distribution. Encodings that keep memory small:
 * - a series whose values were all equal so far (API Gateway's `Count` is always 1) stores only counts;
 * - counts, sums, minima and maxima are Float32 while every value stored is exactly representable there
 *   (integers below 2^24, halves, quarters...), and switch to Float64 at the first one that is not;
 * - a bucket holding at most two distinct values needs no distribution: its values are its minimum and
 *   maximum, their weights follow from count and sum (`4XXError`'s 0/1 values, a lone latency);
 * - otherwise a bucket keeps its distinct values and their weights exactly, up to 128 of them, then switches
 *   to a log-scale sketch (values rounded to powers of 1.01, so within 0.5% of the value they stand for).
 * A bucket fed a statistic set whose values cannot be known, or any negative value, keeps no distribution:
 * CloudWatch answers no percentile for such data either.
 */

type F = Float32Array<ArrayBufferLike> | Float64Array<ArrayBufferLike>;
type Column = 't' | 'count' | 'sum' | 'min' | 'max' | 'dMode' | 'dOff' | 'dLen' | 'dCap';
const COLUMNS: Column[] = ['t', 'count', 'sum', 'min', 'max', 'dMode', 'dOff', 'dLen', 'dCap'];

/** Distribution modes of a bucket. */
const DERIVED = 0;
const EXACT = 1;
const SKETCH = 2;
const UNKNOWN = 3;

export const EXACT_LIMIT = 128;
const MAX_ENTRIES = 65_535;
/** Growth factor of full columns and pools: small, as a series grows by one bucket a minute. */
const GROWTH = 1.25;
const GAMMA = 1.01;
const LOG_GAMMA = Math.log(GAMMA);

export interface Accounting {
  bytes: number;
}

export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** [value, weight] pairs of a bucket, or null when its distribution is unknown. */
export type Pairs = [number, number][] | null;

const fits32 = (x: number) => Math.fround(x) === x;

/** A value's sketch bin: the nearest power of 1.01 (rounded to a Float32, so the pools can stay Float32). */
export function quantize(v: number): number {
  if (v <= 0) return v;
  return Math.fround(Math.pow(GAMMA, Math.round(Math.log(v) / LOG_GAMMA)));
}

export class Tier {
  start = 0;
  len = 0;
  cap = 0;
  t = new Uint32Array(0);
  count: F = new Float32Array(0);
  sum?: F;
  min?: F;
  max?: F;
  /** undefined: nothing stored yet; a number: every value so far was this; null: general. */
  constant: number | null | undefined = undefined;
  dMode?: Uint8Array;
  dOff?: Uint32Array;
  dLen?: Uint16Array;
  dCap?: Uint16Array;
  /** Distribution pools: values and weights, Float32 while exact there, like the other columns. */
  pv: F = new Float32Array(0);
  pw: F = new Float32Array(0);
  pLen = 0;
  pGarbage = 0;

  constructor(
    readonly res: number,
    private readonly acct: Accounting,
  ) {}

  get size(): number {
    return this.len - this.start;
  }

  bytes(): number {
    let b = this.pv.byteLength + this.pw.byteLength;
    for (const c of COLUMNS) b += (this[c] as ArrayBufferView | undefined)?.byteLength ?? 0;
    return b;
  }

  // ---- writing -------------------------------------------------------------------------------------------

  /** Adds `weight` occurrences of `value` at second `tSec`. */
  addValue(tSec: number, value: number, weight: number): void {
    const b = Math.floor(tSec / this.res);
    if (this.constant === undefined) this.constant = value;
    if (typeof this.constant === 'number' && !Object.is(this.constant, value)) this.generalize();
    const fresh = this.locate(b);
    const pos = fresh.pos;
    if (this.constant !== null) {
      this.setCount(pos, this.count[pos]! + weight);
      if (value < 0) this.setMode(pos, UNKNOWN);
      return;
    }
    if (fresh.inserted) {
      this.setCount(pos, weight);
      this.put('sum', pos, value * weight);
      this.put('min', pos, value);
      this.put('max', pos, value);
      if (value < 0) this.setMode(pos, UNKNOWN);
      return;
    }
    this.addToDistribution(pos, value, weight);
    this.setCount(pos, this.count[pos]! + weight);
    this.put('sum', pos, this.sum![pos]! + value * weight);
    if (value < this.min![pos]!) this.put('min', pos, value);
    if (value > this.max![pos]!) this.put('max', pos, value);
  }

  /** Adds a statistic set (SampleCount/Sum/Minimum/Maximum) whose values are not known one by one. */
  addAggregate(tSec: number, a: Aggregate): void {
    if (a.min === a.max && Math.abs(a.sum - a.count * a.min) <= 1e-9 * Math.max(1, Math.abs(a.sum))) {
      this.addValue(tSec, a.min, a.count);
      return;
    }
    if (this.constant !== null) this.generalize();
    const { pos, inserted } = this.locate(Math.floor(tSec / this.res));
    if (inserted) {
      this.setCount(pos, a.count);
      this.put('sum', pos, a.sum);
      this.put('min', pos, a.min);
      this.put('max', pos, a.max);
    } else {
      this.setCount(pos, this.count[pos]! + a.count);
      this.put('sum', pos, this.sum![pos]! + a.sum);
      if (a.min < this.min![pos]!) this.put('min', pos, a.min);
      if (a.max > this.max![pos]!) this.put('max', pos, a.max);
    }
    this.setMode(pos, UNKNOWN);
  }

  /** Adds a whole bucket of another tier (a rollup into a coarser resolution). */
  addBucket(tSec: number, a: Aggregate, pairs: Pairs): void {
    if (pairs === null) {
      this.addAggregate(tSec, a);
      return;
    }
    for (const [v, w] of pairs) this.addValue(tSec, v, w);
  }

  /** Leaves the constant encoding: from now on sum, minimum and maximum are stored per bucket. */
  private generalize(): void {
    if (this.constant === undefined) {
      this.sum = this.allocF(true, this.cap);
      this.min = this.allocF(true, this.cap);
      this.max = this.allocF(true, this.cap);
      this.constant = null;
      return;
    }
    const c = this.constant as number;
    const small = fits32(c) && this.count instanceof Float32Array;
    const sums = new Float64Array(this.cap);
    let sumsFit = small;
    for (let i = this.start; i < this.len; i++) {
      sums[i] = this.count[i]! * c;
      if (sumsFit && !fits32(sums[i]!)) sumsFit = false;
    }
    const sum = this.allocF(sumsFit, this.cap);
    sum.set(sums);
    this.sum = sum;
    for (const col of ['min', 'max'] as const) {
      const arr = this.allocF(small, this.cap);
      arr.fill(c, this.start, this.len);
      this[col] = arr;
    }
    this.constant = null;
  }

  private setCount(pos: number, v: number): void {
    if (this.count instanceof Float32Array && !(fits32(v) && Number.isInteger(v) && v < 16_777_216)) this.count = this.upgraded(this.count);
    this.count[pos] = v;
  }

  private put(col: 'sum' | 'min' | 'max', pos: number, v: number): void {
    let arr = this[col]!;
    if (arr instanceof Float32Array && !fits32(v)) arr = this[col] = this.upgraded(arr);
    arr[pos] = v;
  }

  private upgraded(arr: F): Float64Array {
    const next = this.alloc(Float64Array, arr.length);
    next.set(arr);
    this.acct.bytes -= arr.byteLength;
    return next;
  }

  private allocF(small: boolean, n: number): F {
    return small ? this.alloc(Float32Array, n) : this.alloc(Float64Array, n);
  }

  private alloc<T extends F | Uint32Array | Uint16Array | Uint8Array>(ctor: { new (n: number): T; BYTES_PER_ELEMENT: number }, n: number): T {
    this.acct.bytes += n * ctor.BYTES_PER_ELEMENT;
    return new ctor(n);
  }

  /** Finds bucket `b`, inserting an empty one in order when it is missing. */
  private locate(b: number): { pos: number; inserted: boolean } {
    const last = this.len - 1;
    if (this.len > this.start && this.t[last] === b) return { pos: last, inserted: false };
    let pos: number;
    if (this.len === this.start || this.t[last]! < b) pos = this.len;
    else {
      pos = this.lowerBound(b);
      if (this.t[pos] === b) return { pos, inserted: false };
    }
    if (this.len === this.cap) {
      const shift = this.start;
      // Dead slots at the front (rolled-up buckets) are reused before the arrays grow.
      this.resize(this.start > this.cap / 4 ? Math.max(16, this.cap) : Math.max(16, Math.ceil(this.cap * GROWTH)));
      pos -= shift;
    }
    if (pos < this.len) {
      for (const c of COLUMNS) {
        const arr = this[c] as F | Uint32Array | Uint8Array | undefined;
        arr?.copyWithin(pos + 1, pos, this.len);
      }
    }
    this.len++;
    this.t[pos] = b;
    this.count[pos] = 0;
    if (this.sum) this.sum[pos] = 0;
    if (this.min) this.min[pos] = 0;
    if (this.max) this.max[pos] = 0;
    if (this.dMode) {
      this.dMode[pos] = DERIVED;
      this.dOff![pos] = 0;
      this.dLen![pos] = 0;
      this.dCap![pos] = 0;
    }
    return { pos, inserted: true };
  }

  /** Reallocates every column to `cap` slots, moving the live buckets to the front. */
  resize(cap: number): void {
    const live = this.len - this.start;
    cap = Math.max(cap, live);
    for (const c of COLUMNS) {
      const arr = this[c] as F | Uint32Array | Uint8Array | undefined;
      if (!arr) continue;
      const ctor = arr.constructor as { new (n: number): NonNullable<typeof arr>; BYTES_PER_ELEMENT: number };
      const next = this.alloc(ctor, cap);
      next.set(arr.subarray(this.start, this.len) as never);
      this.acct.bytes -= arr.byteLength;
      (this as Record<Column, unknown>)[c] = next;
    }
    this.start = 0;
    this.len = live;
    this.cap = cap;
  }

  lowerBound(b: number): number {
    let lo = this.start;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid]! < b) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---- distributions -------------------------------------------------------------------------------------

  private ensureDist(): void {
    if (this.dMode) return;
    this.dMode = this.alloc(Uint8Array, this.cap);
    this.dOff = this.alloc(Uint32Array, this.cap);
    this.dLen = this.alloc(Uint16Array, this.cap);
    this.dCap = this.alloc(Uint16Array, this.cap);
  }

  private mode(pos: number): number {
    return this.dMode ? this.dMode[pos]! : DERIVED;
  }

  private setMode(pos: number, mode: number): void {
    if (mode === DERIVED && !this.dMode) return;
    this.ensureDist();
    if (mode === UNKNOWN && this.dCap![pos]) {
      this.pGarbage += this.dCap![pos]!;
      this.dLen![pos] = 0;
      this.dCap![pos] = 0;
    }
    this.dMode![pos] = mode;
  }

  private addToDistribution(pos: number, v: number, w: number): void {
    const mode = this.mode(pos);
    if (mode === UNKNOWN) return;
    if (v < 0) {
      this.setMode(pos, UNKNOWN);
      return;
    }
    if (mode === DERIVED) {
      const mn = this.min![pos]!;
      const mx = this.max![pos]!;
      if (mn === mx || v === mn || v === mx) return;
      // A third distinct value: the bucket now needs its values written out.
      this.ensureDist();
      this.dMode![pos] = EXACT;
      for (const [pv, pw] of derive(this.aggregate(pos))) this.addEntry(pos, pv, pw);
    }
    const m = this.dMode![pos]!;
    this.addEntry(pos, m === SKETCH ? quantize(v) : v, w);
    if (m === EXACT && this.dLen![pos]! > EXACT_LIMIT) this.sketchify(pos);
  }

  private addEntry(pos: number, v: number, w: number): void {
    if (this.pv instanceof Float32Array && !fits32(v)) this.pv = this.upgradedPool(this.pv);
    const off = this.dOff![pos]!;
    const n = this.dLen![pos]!;
    for (let i = off; i < off + n; i++) {
      if (this.pv[i] === v) {
        this.setWeight(i, this.pw[i]! + w);
        return;
      }
    }
    if (n >= MAX_ENTRIES) {
      // Only a sketch spanning hundreds of orders of magnitude gets here: give up its percentiles.
      this.setMode(pos, UNKNOWN);
      return;
    }
    if (n === this.dCap![pos]) {
      const cap = Math.min(MAX_ENTRIES, Math.max(4, n * 2));
      const next = this.palloc(cap);
      // palloc may have compacted the pools: read the bucket's place again.
      const src = this.dOff![pos]!;
      this.pv.copyWithin(next, src, src + n);
      this.pw.copyWithin(next, src, src + n);
      this.pGarbage += this.dCap![pos]!;
      this.dOff![pos] = next;
      this.dCap![pos] = cap;
    }
    const at = this.dOff![pos]! + n;
    this.pv[at] = v;
    this.setWeight(at, w);
    this.dLen![pos] = n + 1;
  }

  private setWeight(i: number, w: number): void {
    if (this.pw instanceof Float32Array && !(Number.isInteger(w) && w < 16_777_216)) this.pw = this.upgradedPool(this.pw);
    this.pw[i] = w;
  }

  private upgradedPool(arr: F): Float64Array {
    const next = this.alloc(Float64Array, arr.length);
    next.set(arr);
    this.acct.bytes -= arr.byteLength;
    return next;
  }

  private sketchify(pos: number): void {
    const pairs = this.entries(pos);
    const merged = new Map<number, number>();
    for (const [v, w] of pairs) {
      const q = quantize(v);
      merged.set(q, (merged.get(q) ?? 0) + w);
    }
    this.dMode![pos] = SKETCH;
    const off = this.dOff![pos]!;
    let i = 0;
    for (const [v, w] of merged) {
      this.pv[off + i] = v;
      this.setWeight(off + i, w);
      i++;
    }
    this.dLen![pos] = i;
  }

  private palloc(n: number): number {
    if (this.pLen + n > this.pv.length) {
      if (this.pGarbage > this.pLen / 2 && this.pGarbage > 1024) this.compactPool();
    }
    if (this.pLen + n > this.pv.length) {
      const size = Math.max(64, Math.ceil((this.pLen + n) * GROWTH));
      for (const k of ['pv', 'pw'] as const) {
        const next = this.allocF(this[k] instanceof Float32Array, size);
        next.set(this[k].subarray(0, this.pLen));
        this.acct.bytes -= this[k].byteLength;
        this[k] = next;
      }
    }
    const off = this.pLen;
    this.pLen += n;
    return off;
  }

  /** Rewrites the pools with only live entries, each bucket at its exact size. */
  compactPool(): void {
    if (!this.dMode) return;
    let live = 0;
    for (let i = this.start; i < this.len; i++) live += this.dLen![i]!;
    const pv = this.allocF(this.pv instanceof Float32Array, Math.ceil(live * 1.1));
    const pw = this.allocF(this.pw instanceof Float32Array, pv.length);
    let at = 0;
    for (let i = this.start; i < this.len; i++) {
      const n = this.dLen![i]!;
      const off = this.dOff![i]!;
      pv.set(this.pv.subarray(off, off + n), at);
      pw.set(this.pw.subarray(off, off + n), at);
      this.dOff![i] = at;
      this.dCap![i] = n;
      at += n;
    }
    this.acct.bytes -= this.pv.byteLength + this.pw.byteLength;
    this.pv = pv;
    this.pw = pw;
    this.pLen = at;
    this.pGarbage = 0;
  }

  private entries(pos: number): [number, number][] {
    const off = this.dOff![pos]!;
    const n = this.dLen![pos]!;
    const out: [number, number][] = [];
    for (let i = off; i < off + n; i++) out.push([this.pv[i]!, this.pw[i]!]);
    return out;
  }

  // ---- reading -------------------------------------------------------------------------------------------

  bucketStart(pos: number): number {
    return this.t[pos]! * this.res;
  }

  aggregate(pos: number): Aggregate {
    const count = this.count[pos]!;
    if (this.constant !== null && this.constant !== undefined) {
      return { count, sum: count * this.constant, min: this.constant, max: this.constant };
    }
    return { count, sum: this.sum![pos]!, min: this.min![pos]!, max: this.max![pos]! };
  }

  pairs(pos: number): Pairs {
    const mode = this.mode(pos);
    if (mode === UNKNOWN) return null;
    if (mode === DERIVED) return derive(this.aggregate(pos));
    return this.entries(pos);
  }

  /** Positions of the buckets starting in [fromSec, toSec). */
  range(fromSec: number, toSec: number): [number, number] {
    const lo = this.lowerBound(Math.ceil(fromSec / this.res));
    const hi = this.lowerBound(Math.ceil(toSec / this.res));
    return [lo, hi];
  }

  // ---- retention -----------------------------------------------------------------------------------------

  /** Removes the buckets that start before `cutSec`, handing each to `sink` first (rollups) or not (drops). */
  takeBefore(cutSec: number, sink?: (tSec: number, a: Aggregate, pairs: Pairs) => void): number {
    const end = this.lowerBound(Math.ceil(cutSec / this.res));
    const n = end - this.start;
    if (n <= 0) return 0;
    for (let i = this.start; i < end; i++) {
      if (sink) sink(this.bucketStart(i), this.aggregate(i), this.pairs(i));
      if (this.dCap) this.pGarbage += this.dCap[i]!;
    }
    this.start = end;
    if (this.start === this.len) this.clear();
    return n;
  }

  private clear(): void {
    for (const c of COLUMNS) {
      const arr = this[c] as ArrayBufferView | undefined;
      if (arr) this.acct.bytes -= arr.byteLength;
    }
    this.acct.bytes -= this.pv.byteLength + this.pw.byteLength;
    const kind = this.count instanceof Float64Array ? Float64Array : Float32Array;
    this.t = new Uint32Array(0);
    this.count = new kind(0);
    if (this.sum) this.sum = new (this.sum.constructor as typeof Float64Array)(0);
    if (this.min) this.min = new (this.min.constructor as typeof Float64Array)(0);
    if (this.max) this.max = new (this.max.constructor as typeof Float64Array)(0);
    this.dMode = undefined;
    this.dOff = this.dLen = this.dCap = undefined;
    this.pv = new (this.pv.constructor as typeof Float32Array)(0);
    this.pw = new (this.pw.constructor as typeof Float32Array)(0);
    this.pLen = this.pGarbage = this.start = this.len = this.cap = 0;
  }

  /** Forgets the value distributions of buckets starting before `beforeSec` (their percentiles go, the rest stays). */
  forgetDistributions(beforeSec: number): void {
    if (!this.dMode) return;
    const end = this.lowerBound(Math.ceil(beforeSec / this.res));
    for (let i = this.start; i < end; i++) if (this.dMode[i] === EXACT || this.dMode[i] === SKETCH) this.setMode(i, UNKNOWN);
    this.compactPool();
  }

  /** Gives back unused capacity and dead distribution entries. */
  trim(): void {
    if (this.cap > this.size * 1.05 + 8) this.resize(this.size);
    if (this.pGarbage > 0 || this.pv.length > this.pLen * 1.1 + 64) this.compactPool();
  }

  // ---- persistence ---------------------------------------------------------------------------------------

  toJSON(): SerializedTier {
    this.trim();
    const out: SerializedTier = { r: this.res, c: this.constant ?? null, e: this.constant === undefined ? 1 : 0 };
    for (const c of COLUMNS) {
      const arr = this[c] as F | Uint32Array | Uint8Array | undefined;
      if (arr) out[c] = encode(arr.subarray(this.start, this.len));
    }
    if (this.dMode) {
      out.pv = encode(this.pv.subarray(0, this.pLen));
      out.pw = encode(this.pw.subarray(0, this.pLen));
    }
    return out;
  }

  static fromJSON(s: SerializedTier, acct: Accounting): Tier {
    const tier = new Tier(s.r, acct);
    tier.constant = s.e ? undefined : s.c;
    for (const c of COLUMNS) {
      const enc = s[c];
      if (!enc) continue;
      const arr = decode(enc);
      acct.bytes += arr.byteLength;
      (tier as unknown as Record<Column, unknown>)[c] = arr;
      tier.len = tier.cap = arr.length;
    }
    if (s.pv && s.pw) {
      tier.pv = decode(s.pv) as F;
      tier.pw = decode(s.pw) as F;
      tier.pLen = tier.pv.length;
      acct.bytes += tier.pv.byteLength + tier.pw.byteLength;
    }
    return tier;
  }
}

/** The values of a bucket holding at most two distinct ones, from its count, sum, minimum and maximum. */
export function derive(a: Aggregate): [number, number][] {
  if (a.min === a.max) return [[a.min, a.count]];
  let nMax = (a.sum - a.min * a.count) / (a.max - a.min);
  const r = Math.round(nMax);
  if (Math.abs(nMax - r) < 1e-6 * Math.max(1, a.count)) nMax = r;
  const nMin = a.count - nMax;
  const out: [number, number][] = [];
  if (nMin > 0) out.push([a.min, nMin]);
  if (nMax > 0) out.push([a.max, nMax]);
  return out;
}

type Encoded = { k: 'f32' | 'f64' | 'u32' | 'u16' | 'u8'; b: string };

export type SerializedTier = {
  r: number;
  c: number | null;
  /** 1 when the tier never held a value. */
  e: number;
  pv?: Encoded;
  pw?: Encoded;
} & Partial<Record<Column, Encoded>>;

function encode(arr: Float32Array | Float64Array | Uint32Array | Uint16Array | Uint8Array): Encoded {
  const k = arr instanceof Float32Array ? 'f32' : arr instanceof Float64Array ? 'f64' : arr instanceof Uint32Array ? 'u32' : arr instanceof Uint16Array ? 'u16' : 'u8';
  return { k, b: Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('base64') };
}

function decode(e: Encoded): Float32Array | Float64Array | Uint32Array | Uint16Array | Uint8Array {
  const buf = Buffer.from(e.b, 'base64');
  // Copy into a fresh, aligned buffer: Node's pooled Buffers may start at any byte offset.
  const bytes = new Uint8Array(buf.length);
  bytes.set(buf);
  switch (e.k) {
    case 'f32':
      return new Float32Array(bytes.buffer);
    case 'f64':
      return new Float64Array(bytes.buffer);
    case 'u32':
      return new Uint32Array(bytes.buffer);
    case 'u16':
      return new Uint16Array(bytes.buffer);
    case 'u8':
      return bytes;
  }
}
