// The build's memory snapshot is shipped as a difference: its first `length` bytes of Python's memory
// (3.8 MB, the wasm file's own static data) are XORed with the memory the wasm file sets up when it is
// instantiated (its data segments). Almost all of those bytes are unchanged, so they become zeros, and
// the snapshot compresses to 3.0 MB instead of 4.1 MB with brotli (4.6 MB instead of 6.1 MB with gzip).
// Used by the calculator worker, which undoes the XOR inside loadPyodide, and by
// build_scripts/make_snapshot.mjs, which makes the difference and proves, in Node, that undoing it
// gives back a Python that answers. Both also pack snapshots here (pack): the build its difference,
// the worker the next visit's copy after a normal start.
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

// Snapshots are packed: Python's memory is three quarters zeros (a heap of 30 MB reserved for what a
// calculation may need), so the build's snapshot (its difference) and the next visit's copy in Cache
// Storage hold only the 4 KB chunks that are not all zeros, with a bitmap of which they are: 11.2 MB
// and 14 MB instead of 30 MB. Less than half the bytes for the browser to inflate, copy and check,
// and half the space on the reader's phone. Restoring writes the kept chunks and zeroes the others.
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

/** The parts of `packed` ({head: Pyodide's header, runs: [{kept, from, to, at}]}: memory bytes
 *  from..to are the packed bytes from `at` on when kept, zeros otherwise), after checking that they
 *  add up; `room`: the length of the memory they go into. Throws when anything does not fit. */
function packedParts(packed, room) {
  const [magic, version, head, memory, chunk, kept] = new Uint32Array(packed.buffer, packed.byteOffset, PACK_WORDS);
  const count = Math.ceil(memory / chunk);
  const bitmapBytes = Math.ceil(count / 32) * 4;
  const start = PACK_WORDS * 4 + bitmapBytes + head;
  const misfit = () => new Error("the packed snapshot does not fit this memory");
  if (magic !== PACKED || version !== 1 || chunk !== CHUNK || memory > room || memory % chunk ||
      packed.byteLength !== start + kept * chunk) throw misfit();
  const bitmap = new Uint32Array(packed.buffer, packed.byteOffset + PACK_WORDS * 4, bitmapBytes / 4);
  const has = (i) => (bitmap[i >>> 5] & (1 << (i & 31))) !== 0;
  const runs = [];
  let at = start;
  for (let i = 0; i < count;) {
    let j = i + 1;
    while (j < count && has(j) === has(i)) j++; // a run of kept chunks, or of zero ones
    runs.push({ kept: has(i), from: i * chunk, to: j * chunk, at });
    if (has(i)) at += (j - i) * chunk;
    i = j;
  }
  if (at !== packed.byteLength) throw misfit(); // the bitmap does not count `kept` chunks
  return { head: packed.subarray(PACK_WORDS * 4 + bitmapBytes, start), runs };
}

/** Write the memory `parts` describe into `into` (a Uint8Array), up to its length. */
function writeRuns(packed, parts, into) {
  for (const run of parts.runs) {
    if (run.from >= into.byteLength) break;
    const to = Math.min(run.to, into.byteLength);
    if (run.kept) into.set(packed.subarray(run.at, run.at + (to - run.from)), run.from);
    else into.fill(0, run.from, to);
  }
}

/**
 * `createPyodideModule` for loadPyodide, which was given a placeholder of the snapshot's length (so that
 * it instantiates the wasm at once): instantiate Pyodide with `create` while `snapshot` (a promise of
 * the real bytes: packed, or Pyodide's own format) arrives; when Pyodide restores, restore those bytes
 * instead. With `delta` ({length, hash} from assets/calculators.json: the build's difference, always
 * packed), first undo it against a copy of the memory the wasm file set up (capturePristine) and check
 * the result against `delta.hash`: a mismatch (another Pyodide) throws, and loadPyodide fails, before
 * Python's memory is written. A rejected `snapshot` makes loadPyodide fail too.
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
    const undo = (part) => {
      if (!pristine) throw new Error("Pyodide's memory was not seen before the restore");
      xorInPlace(part, pristine);
      if (wordHash(part) !== delta.hash) throw new Error("the snapshot's difference does not fit this Pyodide's memory");
    };
    module.API.restoreSnapshot = () => {
      let result;
      if (isPacked(bytes)) {
        // everything is checked before a byte of Python's memory is written: the sizes, the
        // difference (undone in a copy of its region), then Pyodide's header (by Pyodide)
        const parts = packedParts(bytes, module.HEAP8.byteLength);
        const region = delta ? new Uint8Array(delta.length) : null;
        if (region) {
          writeRuns(bytes, parts, region);
          undo(region);
        }
        result = restore(parts.head); // Pyodide's header alone: checked, and no memory written
        writeRuns(bytes, parts, module.HEAP8);
        if (region) module.HEAP8.set(region, 0);
      } else {
        if (delta) throw new Error("a difference comes packed"); // make_snapshot.mjs packs it
        result = restore(bytes); // a copy kept by an earlier worker, whole
      }
      mark("restored");
      return result;
    };
    return module;
  };
}
