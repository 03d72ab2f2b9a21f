// The build's memory snapshot is shipped as a difference: its first `length` bytes of Python's memory
// (3.8 MB, the wasm file's own static data) are XORed with the memory the wasm file sets up when it is
// instantiated (its data segments). Almost all of those bytes are unchanged, so they become zeros, and
// the snapshot compresses to 3.2 MB instead of 4.1 MB with brotli (4.9 MB instead of 6.1 MB with gzip).
// Used by the calculator worker, which undoes the XOR inside loadPyodide, and by
// build_scripts/make_snapshot.mjs, which makes the difference and proves, in Node, that undoing it
// gives back a Python that answers. The worker also packs the next visit's copy here (pack).
// No DOM, no maths of answers.

/** 32-bit FNV-1a over the 32-bit words of `bytes` (a Uint8Array whose length is a multiple of 4). */
export function wordHash(bytes) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  let hash = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 0x01000193) >>> 0;
  return hash;
}

/** XOR `region` (of a snapshot) with `base` in place, word by word; both are Uint8Arrays of one length. */
function xorInPlace(region, base) {
  if (region.byteOffset % 4 === 0 && base.byteOffset % 4 === 0 && region.byteLength % 4 === 0) {
    const a = new Uint32Array(region.buffer, region.byteOffset, region.byteLength >>> 2);
    const b = new Uint32Array(base.buffer, base.byteOffset, base.byteLength >>> 2);
    for (let i = 0; i < a.length; i++) a[i] ^= b[i];
  } else {
    for (let i = 0; i < region.length; i++) region[i] ^= base[i];
  }
}

/** The part of a Pyodide snapshot (header, then Python's memory) that the difference covers. */
function memoryPart(snapshot, length) {
  const header = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4);
  return snapshot.subarray(header[1], header[1] + length);
}

/** Turn a whole snapshot into the difference (in place), given the wasm file's own memory. */
export function encode(snapshot, base, length) {
  const part = memoryPart(snapshot, length);
  const before = wordHash(part);
  xorInPlace(part, base.subarray(0, length));
  return before; // the hash the restored region must have
}

/**
 * Call `capture(memory bytes)` with Python's memory as the wasm file leaves it: right after Pyodide
 * instantiates pyodide.asm.wasm (its data segments in place), before any code runs. That is the same
 * on every machine, unlike the memory a moment later (start-up code writes a clock, a seed, the
 * environment). Wraps the `instantiateWasm` Pyodide puts in the settings of `createPyodideModule`.
 */
export function capturePristine(settings, capture) {
  const instantiate = settings.instantiateWasm;
  settings.instantiateWasm = (imports, receive) => instantiate(imports, (instance, module) => {
    const memory = (imports.env && imports.env.memory) || instance.exports.memory;
    capture(new Uint8Array(memory.buffer));
    receive(instance, module);
  });
}

// The next visit's copy is kept packed: Python's memory is three quarters zeros (a heap of 30 MB
// reserved for what a calculation may need), so the copy in Cache Storage holds only the 4 KB
// chunks that are not all zeros, with a bitmap of which they are. Half the bytes to read from
// storage and check on the next visit, and half the space on the reader's phone.
// Layout (little-endian 32-bit words): PACKED, version 1, the length of Pyodide's own header, the
// length of the memory, the chunk size, the number of chunks kept; the bitmap (a bit a chunk, 1 =
// kept); Pyodide's header; the kept chunks in order.
const PACKED = 0x4b505358; // "XSPK"
const CHUNK = 4096;
const PACK_WORDS = 6;

/** Whether `bytes` is a packed snapshot (else it is Pyodide's own format). */
export function isPacked(bytes) {
  return bytes.byteLength >= PACK_WORDS * 4 && bytes.byteOffset % 4 === 0 &&
    new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0] === PACKED;
}

/** A whole snapshot (Pyodide's header, then Python's memory) packed: its all-zero chunks left out. */
export function pack(snapshot) {
  const head = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4)[1];
  const memory = snapshot.byteLength - head;
  if (head % 4 || memory % CHUNK || snapshot.byteOffset % 4) throw new Error("not a whole snapshot");
  const count = memory / CHUNK;
  const words = new Uint32Array(snapshot.buffer, snapshot.byteOffset + head, memory / 4);
  const bitmap = new Uint32Array(Math.ceil(count / 32));
  let kept = 0;
  for (let chunk = 0; chunk < count; chunk++) {
    const end = (chunk + 1) * (CHUNK / 4);
    for (let i = chunk * (CHUNK / 4); i < end; i++) {
      if (words[i] !== 0) {
        bitmap[chunk >>> 5] |= 1 << (chunk & 31);
        kept++;
        break;
      }
    }
  }
  const out = new Uint8Array(PACK_WORDS * 4 + bitmap.byteLength + head + kept * CHUNK);
  new Uint32Array(out.buffer, 0, PACK_WORDS).set([PACKED, 1, head, memory, CHUNK, kept]);
  out.set(new Uint8Array(bitmap.buffer), PACK_WORDS * 4);
  let at = PACK_WORDS * 4 + bitmap.byteLength;
  out.set(snapshot.subarray(0, head), at);
  at += head;
  for (let chunk = 0; chunk < count; chunk++) {
    if (bitmap[chunk >>> 5] & (1 << (chunk & 31))) {
      out.set(snapshot.subarray(head + chunk * CHUNK, head + (chunk + 1) * CHUNK), at);
      at += CHUNK;
    }
  }
  return out;
}

/** The length of the snapshot `packed` stands for (Pyodide's header and the whole memory). */
export function unpackedLength(packed) {
  const words = new Uint32Array(packed.buffer, packed.byteOffset, PACK_WORDS);
  return words[2] + words[3];
}

/** Restore `packed` into `heap` (Python's memory, a Uint8Array at least as long): `restore`
 *  (Pyodide's) gets its header alone, which it checks, and the chunks are written here, the chunks
 *  left out zeroed. Throws on anything that does not fit, before a byte of the memory is written. */
function restorePacked(packed, heap, restore) {
  const [magic, version, head, memory, chunk, kept] = new Uint32Array(packed.buffer, packed.byteOffset, PACK_WORDS);
  const count = Math.ceil(memory / chunk);
  const bitmapBytes = Math.ceil(count / 32) * 4;
  const start = PACK_WORDS * 4 + bitmapBytes + head;
  if (magic !== PACKED || version !== 1 || memory > heap.byteLength || memory % chunk ||
      packed.byteLength !== start + kept * chunk) throw new Error("the packed snapshot does not fit this memory");
  const bitmap = new Uint32Array(packed.buffer, packed.byteOffset + PACK_WORDS * 4, bitmapBytes / 4);
  const result = restore(packed.subarray(PACK_WORDS * 4 + bitmapBytes, start));
  const has = (i) => (bitmap[i >>> 5] & (1 << (i & 31))) !== 0;
  let at = start;
  for (let i = 0; i < count;) {
    let j = i + 1;
    while (j < count && has(j) === has(i)) j++; // a run of kept chunks, or of zero ones
    const bytes = (j - i) * chunk;
    if (has(i)) {
      heap.set(packed.subarray(at, at + bytes), i * chunk);
      at += bytes;
    } else {
      heap.fill(0, i * chunk, j * chunk);
    }
    i = j;
  }
  return result;
}

/**
 * `createPyodideModule` for loadPyodide, which was given a placeholder of the snapshot's length (so that
 * it instantiates the wasm at once): instantiate Pyodide with `create` while `snapshot` (a promise of
 * the real bytes) arrives; when Pyodide restores, restore those bytes instead. With `delta` ({length,
 * hash} from assets/calculators.json: the build's difference), first undo it against a copy of the
 * memory the wasm file set up (capturePristine) and check the result against `delta.hash`: a mismatch
 * (another Pyodide) throws, and loadPyodide fails. A rejected `snapshot` makes loadPyodide fail too.
 * `mark(name)` is called at "compiled" (the wasm instantiated) and "restored" (the memory in place).
 */
export function restoringCreate(create, snapshot, delta, mark = () => {}) {
  return async (settings) => {
    let pristine = null;
    capturePristine(settings, (memory) => {
      if (delta) pristine = memory.slice(0, delta.length);
      mark("compiled");
    });
    const [module, bytes] = await Promise.all([create(settings), snapshot]);
    const restore = module.API.restoreSnapshot;
    module.API.restoreSnapshot = () => {
      if (delta) {
        const part = memoryPart(bytes, delta.length);
        if (!pristine) throw new Error("Pyodide's memory was not seen before the restore");
        xorInPlace(part, pristine);
        if (wordHash(part) !== delta.hash) throw new Error("the snapshot's difference does not fit this Pyodide's memory");
      }
      const result = isPacked(bytes) ? restorePacked(bytes, module.HEAP8, restore) : restore(bytes);
      mark("restored");
      return result;
    };
    return module;
  };
}
