/** Where a stored response's line is in the cache file. */
export interface LineSpan {
  offset: number;
  length: number;
}

const INITIAL_SLOTS = 1024;
const HEX_64_BITS = /^[0-9a-f]{16}/;

/** The first 64 bits of a sha256 hex key (any other key is hashed, FNV-1a twice). */
function keyBits(key: string): [number, number] {
  if (HEX_64_BITS.test(key)) {
    return [Number.parseInt(key.slice(0, 8), 16), Number.parseInt(key.slice(8, 16), 16)];
  }
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return [a, b];
}

/**
 * The response cache's index: the first 64 bits of each key and where its line is, in an
 * open-addressing table of typed arrays (about 40 bytes an entry, off the JS heap). A `Map` of key
 * strings took 170 bytes an entry on the heap: 71 MB for the paper's 418,000 calls. Two keys that
 * share 64 bits are told apart by the caller, which checks the whole key stored in the line.
 */
export class CacheIndex {
  #high = new Uint32Array(INITIAL_SLOTS);
  #low = new Uint32Array(INITIAL_SLOTS);
  #offsets = new Float64Array(INITIAL_SLOTS);
  /** Line length + 1; 0 marks an empty slot. */
  #lengths = new Uint32Array(INITIAL_SLOTS);
  #size = 0;

  /** Entries stored. */
  get size(): number {
    return this.#size;
  }

  /** Where the line of `key` is (or of a key sharing its first 64 bits). */
  get(key: string): LineSpan | undefined {
    const slot = this.#find(...keyBits(key));
    const stored = this.#lengths[slot] as number;
    return stored === 0 ? undefined : { offset: this.#offsets[slot] as number, length: stored - 1 };
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores where the line of `key` is; a key already stored keeps its first line. */
  add(key: string, span: LineSpan): void {
    const [high, low] = keyBits(key);
    let slot = this.#find(high, low);
    if (this.#lengths[slot] !== 0) {
      return;
    }
    if ((this.#size + 1) * 2 > this.#lengths.length) {
      this.#grow();
      slot = this.#find(high, low);
    }
    this.#put(slot, [high, low], span.offset, span.length + 1);
    this.#size += 1;
  }

  /** The slot holding these bits, or the empty one where they would go (linear probing). */
  #find(high: number, low: number): number {
    const mask = this.#lengths.length - 1;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    while (this.#lengths[slot] !== 0 && (this.#high[slot] !== high || this.#low[slot] !== low)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  #put(slot: number, [high, low]: [number, number], offset: number, storedLength: number): void {
    this.#high[slot] = high;
    this.#low[slot] = low;
    this.#offsets[slot] = offset;
    this.#lengths[slot] = storedLength;
  }

  #grow(): void {
    const [high, low, offsets, lengths] = [this.#high, this.#low, this.#offsets, this.#lengths];
    const slots = lengths.length * 2;
    this.#high = new Uint32Array(slots);
    this.#low = new Uint32Array(slots);
    this.#offsets = new Float64Array(slots);
    this.#lengths = new Uint32Array(slots);
    for (let i = 0; i < lengths.length; i++) {
      if (lengths[i] !== 0) {
        const h = high[i] as number;
        const l = low[i] as number;
        this.#put(this.#find(h, l), [h, l], offsets[i] as number, lengths[i] as number);
      }
    }
  }
}
