// The build's memory snapshot is shipped as a difference: its first `length` bytes of Python's memory
// (3.8 MB, the wasm file's own static data) are XORed with the memory the wasm file sets up when it is
// instantiated (its data segments). Almost all of those bytes are unchanged, so they become zeros, and
// the snapshot compresses to 3.2 MB instead of 4.1 MB with brotli (4.9 MB instead of 6.1 MB with gzip).
// Used by the calculator worker, which undoes the XOR inside loadPyodide, and by
// build_scripts/make_snapshot.mjs, which makes the difference and proves, in Node, that undoing it
// gives back a Python that answers. No DOM, no maths of answers.

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
      const result = restore(bytes);
      mark("restored");
      return result;
    };
    return module;
  };
}
