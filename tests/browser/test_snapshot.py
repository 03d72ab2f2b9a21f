"""The calculator worker's memory snapshots, correctness only (how much faster: `make bench`).

- The build's snapshot (build_scripts/make_snapshot.py): a cold visit starts Python from it, sent
  brotli-encoded by the host, or (a host that does not compress) from its .gz copy inflated by the
  worker; it is a difference from the wasm file's own memory, packed without its all-zero chunks,
  both undone here and checked by a second implementation in Python; every way it can fail (missing, damaged, another Pyodide build, wrong
  memory, out of memory, no DecompressionStream on a host that does not compress, a slow connection)
  ends in a working calculator, with the reason in the console.
- The browser's own snapshot, for visits that did not use the build's (a slow connection): Python's
  memory saved once (before any input is run), packed without its all-zero chunks (unpacked here by
  a second implementation), a second visit starts from it, and a damaged or unusable one falls back
  to a normal start."""

import gzip
import hashlib
import struct

import brotli
import json
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SITE

READY = 60_000
MARKER_AMOUNT = "73915.46"  # typed before Python is ready: must never be inside the snapshot
SNAPSHOT_CACHE = "xshk-snapshot:"

SNAPSHOT_ENTRY = """async (name) => {
    const cache = await caches.open(name);
    const keys = await cache.keys();
    if (keys.length !== 1) return { count: keys.length };
    const response = await cache.match(keys[0]);
    return { count: 1, url: keys[0].url, size: (await response.arrayBuffer()).byteLength,
             sha256: response.headers.get("x-xshk-sha256") };
}"""

CONTAINS = """async ([name, marker]) => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
    const needle = new TextEncoder().encode(marker);
    outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
        for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
        return true;
    }
    return false;
}"""

# Replace the saved snapshot's bytes; `keep_sha256` re-signs them so that only starting Python can
# find out (the worker checks the sha256 first).
DAMAGE = """async ([name, resign, from = 4096, step = 4096]) => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const old = await cache.match(request);
    const bytes = new Uint8Array(await old.arrayBuffer());
    // by default the headers and the bitmap kept, the memory scrambled
    for (let i = from; i < bytes.length; i += step) bytes[i] ^= 0x5a;
    let sha = old.headers.get("x-xshk-sha256");
    if (resign) {
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
        sha = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    }
    await cache.put(request, new Response(bytes, { headers: { "x-xshk-sha256": sha,
        "x-xshk-check": old.headers.get("x-xshk-check") } }));
    return sha;
}"""


WORKER = "**/assets/javascripts/calculator-worker.*.js"
MANIFEST = "**/assets/calculators.*.json"
BUILD_SNAPSHOT = "**/py/snapshot-*.bin"  # what the worker asks for first
GZIP_COPY = "**/py/snapshot-*.bin.gz"  # what it inflates itself when the host does not compress
NO_BROTLI_STREAM = """const RealStream = self.DecompressionStream;
self.DecompressionStream = class extends RealStream {
  constructor(format) { if (format !== "gzip") throw new TypeError("unsupported"); super(format); } };"""
NOTE = "协商还款指南 calculator:"
# What a reader on a slow connection (or with Save-Data on) looks like to the worker
SAVE_DATA = "Object.defineProperty(WorkerNavigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true, effectiveType: '4g' }) });"
SLOW_3G = "Object.defineProperty(WorkerNavigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: false, effectiveType: '3g' }) });"


def patch_worker(context, prefix):
    """Serve the real worker script with `prefix` run first inside the worker (init scripts run in
    pages only)."""
    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=prefix + "\n" + response.text())
    context.route(WORKER, handle)


def manifest():
    [path] = (SITE / "assets").glob("calculators.*.json")
    return json.loads(path.read_text())


def raw_build_snapshot():
    """The build's snapshot as shipped: the difference (make_snapshot.mjs), uncompressed."""
    return (SITE / manifest()["snapshot"]["url"]).read_bytes()


def uncompressed_host(context):
    """A host that sends the .bin as it is (no Content-Encoding): the worker must stop at the headers."""
    context.route(BUILD_SNAPSHOT, lambda route: route.fulfill(
        status=200, content_type="application/octet-stream", body=b"\0" * 65536))


def serve_build_snapshot(context, raw):
    """Serve `raw` as the build's snapshot (from its .gz copy, after the .bin came uncompressed), and a
    manifest whose sha256 matches it: only starting Python from it can tell it is wrong."""
    changed = manifest()
    changed["snapshot"].update(sha256=hashlib.sha256(raw).hexdigest(), bytes=len(raw))
    context.route(MANIFEST, lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(changed)))
    uncompressed_host(context)
    packed = gzip.compress(raw, 1)
    context.route(GZIP_COPY, lambda route: route.fulfill(status=200, content_type="application/gzip", body=packed))
    patch_worker(context, NO_BROTLI_STREAM)  # the same in a browser whose DecompressionStream knows brotli


def wasm_data_segments():
    """Python's memory as pyodide.asm.wasm sets it up: its active data segments, read here from the
    wasm binary's data section (an implementation independent of the worker's)."""
    wasm = (SITE / "pyodide" / "pyodide.asm.wasm").read_bytes()

    def leb(at):
        value = shift = 0
        while True:
            byte = wasm[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value, at

    memory = bytearray()
    at = 8
    while at < len(wasm):
        section, at = wasm[at], at + 1
        size, at = leb(at)
        end = at + size
        if section == 11:
            count, at = leb(at)
            for _ in range(count):
                flags, at = leb(at)
                assert flags == 0 and wasm[at] == 0x41, "an active segment at an i32.const offset"
                offset, at = leb(at + 1)
                assert wasm[at] == 0x0B
                length, at = leb(at + 1)
                if len(memory) < offset + length:
                    memory.extend(bytes(offset + length - len(memory)))
                memory[offset:offset + length] = wasm[at:at + length]
                at += length
        at = end
    return bytes(memory)


def unpack(packed):
    """A packed snapshot (the build's, and the next visit's copy; snapshot-delta.js: a header, a bitmap
    of the 4 KB chunks kept, Pyodide's header, the kept chunks) unpacked here, by a second
    implementation: Pyodide's own snapshot format."""
    magic, version, head, memory, chunk, kept = struct.unpack_from("<6I", packed)
    assert (magic, version, chunk) == (0x4B505358, 1, 4096) and memory % chunk == 0
    count = memory // chunk
    bitmap = packed[24:24 + (count + 31) // 32 * 4]
    at = 24 + len(bitmap)
    out = bytearray(packed[at:at + head])
    at += head
    for index in range(count):
        if bitmap[index // 8] >> (index % 8) & 1:
            out += packed[at:at + chunk]
            at += chunk
        else:
            out += bytes(chunk)
    assert at == len(packed) and bin(int.from_bytes(bitmap, "little")).count("1") == kept
    return bytes(out)


KEPT_COPY = """async (name) => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const response = await cache.match(request);
    return { hex: Array.from(new Uint8Array(await response.arrayBuffer()), (b) => b.toString(16).padStart(2, "0")).join(""),
             bytes: Number(response.headers.get("x-xshk-bytes")), delta: response.headers.get("x-xshk-delta") };
}"""


def pyodide_header_at(packed):
    """Where Pyodide's own header starts in a packed snapshot (after the pack's words and bitmap)."""
    memory, chunk = struct.unpack_from("<2I", packed, 12)
    return 24 + (memory // chunk + 31) // 32 * 4


def build_snapshot_undone():
    """The build's snapshot unpacked, and its difference undone with the wasm's data segments read
    here: (Pyodide's own snapshot of the memory, the region as shipped, the region undone)."""
    raw = unpack(raw_build_snapshot())
    start, length = struct.unpack_from("<I", raw, 4)[0], manifest()["snapshot"]["delta"]["length"]
    region = raw[start:start + length]
    base = wasm_data_segments().ljust(length, b"\0")[:length]
    undone = (int.from_bytes(region, "little") ^ int.from_bytes(base, "little")).to_bytes(length, "little")
    return raw[:start] + undone + raw[start + length:], region, undone


def fnv1a_words(data):
    value = 0x811C9DC5
    for (word,) in struct.iter_unpack("<I", data):
        value = ((value ^ word) * 0x01000193) & 0xFFFFFFFF
    return value


@pytest.fixture
def notes(context):
    """The worker's own console notes (info/warn) about its snapshots."""
    said = []
    context.on("console", lambda message: NOTE in message.text and said.append((message.type, message.text)))
    return said


@pytest.fixture
def slow_reader(context):
    """A reader with Save-Data on: the worker skips the build's snapshot and makes its own."""
    patch_worker(context, SAVE_DATA)
    return context


def open_penalty(context, site_url, query="?product=huabei&amount=5000&days=30"):
    page = context.new_page()
    page.goto(urljoin(site_url, "calculators/penalty/" + query))
    return page


def answer_is(page, text):
    expect(page.locator("#result .calc-summary")).to_contain_text(text, timeout=READY)


def wait_saved(page):
    expect(page.locator("form#calculator")).to_have_attribute("data-snapshot", "saved", timeout=READY)


def test_only_calculator_pages_load_the_calculator_scripts(page, site_url):
    page.goto(urljoin(site_url, "calculators/penalty/"))
    name = lambda src: re.sub(r"^.*/|\.[0-9a-f]{10}\.js$", "", src)  # noqa: E731
    # the worker's starter in <head>, async (it runs as soon as it arrives, while the page loads) ...
    starters = page.locator("head script[type=module][async]").evaluate_all("scripts => scripts.map(s => s.src)")
    assert [name(src) for src in starters] == ["calculator-boot"]
    # ... then the page script
    sources = page.locator("body script[type=module]").evaluate_all("scripts => scripts.map(s => s.src)")
    assert [name(src) for src in sources] == ["calculator-page"]
    page.goto(urljoin(site_url, "calculators/letter/"))  # the letter needs no Python: no worker starter
    sources = page.locator("script[type=module]").evaluate_all("scripts => scripts.map(s => s.src)")
    assert [name(src) for src in sources] == ["calculator-page"]
    assert not [worker for worker in page.workers if "calculator-worker" in worker.url]
    page.goto(urljoin(site_url, "steps/01-what-you-owe/"))
    assert page.locator("script[src*='calculator-']").count() == 0


def test_on_a_slow_connection_the_worker_waits_until_the_page_is_parsed(context, site_url):
    # the form's CSS and JS first, then Pyodide's files (calculator-boot.js; `make bench` has the figures)
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, "
                            "get: () => ({ saveData: false, effectiveType: '3g' }) });")
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    created, parsed = page.evaluate("""[performance.getEntriesByName('xshk:worker-created')[0].startTime,
        performance.getEntriesByType('navigation')[0].domInteractive]""")
    assert created >= parsed, (created, parsed)


def test_second_visit_starts_from_the_snapshot_which_holds_no_input(slow_reader, site_url):
    context = slow_reader
    # the first visit: a value from a link, typed into Python's answer, but only after the snapshot
    page = open_penalty(context, site_url, f"?product=huabei&amount={MARKER_AMOUNT}&days=29")
    answer_is(page, "花呗逾期 29 天")
    wait_saved(page)
    name = SNAPSHOT_CACHE + site_url
    assert page.evaluate("caches.keys()") == [name]
    entry = page.evaluate(SNAPSHOT_ENTRY, name)
    assert entry["count"] == 1 and entry["size"] > 1_000_000 and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
    assert int(page.locator("form#calculator").get_attribute("data-snapshot-bytes")) == entry["size"]
    # packed: Python's memory without its all-zero chunks, half or less of what it stands for
    kept = page.evaluate(KEPT_COPY, name)
    memory = unpack(bytes.fromhex(kept["hex"]))
    assert len(memory) == kept["bytes"] and entry["size"] < len(memory) / 2 and kept["delta"] is None
    raw = raw_build_snapshot()
    assert memory[:4] == raw[pyodide_header_at(raw):][:4]  # Pyodide's magic
    assert entry["url"].startswith(urljoin(site_url, "pyodide-snapshot/"))
    assert not page.evaluate(CONTAINS, [name, MARKER_AMOUNT]), "the snapshot holds what was typed"
    assert page.evaluate(CONTAINS, [name, "calculators"])  # it is Python's memory after the import
    page.close()

    # the second visit: from the snapshot, right answers for this and another calculator
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    assert again.locator("form#calculator").get_attribute("data-snapshot") == "loaded"
    again.locator('[name="days"]').fill("31")
    answer_is(again, "77.50")
    plan = context.new_page()
    plan.goto(urljoin(site_url, "calculators/plan/?principal=12000&months=12&method=interest_free"))
    expect(plan.locator("#result .calc-summary")).to_contain_text("1,000.00", timeout=READY)
    assert plan.locator("form#calculator").get_attribute("data-snapshot") == "loaded"

    # the privacy page names the cache
    privacy = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert f"`{SNAPSHOT_CACHE}`" in privacy


def test_damaged_snapshot_is_noticed_by_its_checksum_and_replaced(slow_reader, site_url):
    context = slow_reader
    page = open_penalty(context, site_url)
    answer_is(page, "75.00")
    wait_saved(page)
    name = SNAPSHOT_CACHE + site_url
    page.evaluate(DAMAGE, [name, False])
    page.close()
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    wait_saved(again)  # started normally and saved a good one
    assert again.evaluate(SNAPSHOT_ENTRY, name)["count"] == 1
    third = open_penalty(context, site_url)
    answer_is(third, "75.00")
    assert third.locator("form#calculator").get_attribute("data-snapshot") == "loaded"


def test_a_copy_kept_unpacked_by_an_earlier_worker_still_starts_python(context, site_url):
    # Before snapshots were packed, the worker kept Pyodide's own format: the whole memory, the
    # difference undone (and, earlier still, no x-xshk-bytes). A reader who has one keeps using it.
    page = open_penalty(context, site_url)
    answer_is(page, "75.00")
    wait_saved(page)
    whole, _, _ = build_snapshot_undone()
    context.route("**/old-copy.bin", lambda route: route.fulfill(status=200, body=whole))
    page.evaluate("""async ([name, sha256, check]) => {
        const cache = await caches.open(name);
        const [request] = await cache.keys();
        const bytes = await (await fetch("old-copy.bin")).arrayBuffer();
        await cache.put(request, new Response(bytes, { headers: { "x-xshk-sha256": sha256, "x-xshk-check": check } }));
    }""", [SNAPSHOT_CACHE + site_url, hashlib.sha256(whole).hexdigest(), manifest()["snapshot"]["check"]])
    page.close()
    fetched = []
    context.on("request", lambda request: "/py/" in request.url and fetched.append(request.url))
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    assert snapshot_state(again) == "loaded" and fetched == []
    again.locator('[name="days"]').fill("31")
    answer_is(again, "77.50")


@pytest.mark.parametrize("damage", [[4096, 4096], [30, 1 << 30]], ids=["memory", "bitmap"])
def test_snapshot_that_cannot_start_python_falls_back_to_a_fresh_worker(slow_reader, site_url, damage):
    context = slow_reader
    page = open_penalty(context, site_url)
    answer_is(page, "75.00")
    wait_saved(page)
    name = SNAPSHOT_CACHE + site_url
    # right checksum, wrong memory (or a bitmap that does not count the chunks kept): only starting Python tells
    page.evaluate(DAMAGE, [name, True, *damage])
    page.close()
    again = open_penalty(context, site_url)
    answer_is(again, "罚息（违约金）共 75.00 元")
    form = again.locator("form#calculator")
    assert form.get_attribute("data-snapshot") == "failed"
    assert form.get_attribute("data-failed") is None
    assert again.evaluate(f"caches.open({name!r}).then((c) => c.keys()).then((k) => k.length)") == 0
    again.locator('[name="days"]').fill("31")
    answer_is(again, "77.50")


# ---------------------------------------------------------------- the build's snapshot

def snapshot_state(page):
    return page.locator("form#calculator").get_attribute("data-snapshot")


def test_the_build_ships_a_checked_compressed_snapshot():
    entry = manifest()["snapshot"]
    assert re.fullmatch(r"py/snapshot-[0-9a-f]{12}\.bin", entry["url"]) and entry["encoding"] == "packed delta"
    raw = raw_build_snapshot()
    assert len(raw) == entry["bytes"] and hashlib.sha256(raw).hexdigest() == entry["sha256"]
    # packed: the memory it stands for, within Pyodide's initial heap (#6254), is more than twice as large
    assert len(unpack(raw)) == entry["memory_bytes"] <= 31_457_280 + 4096 and len(raw) < entry["memory_bytes"] / 2
    # its copies decode to the very same bytes, and the brotli one is what a host sends
    br, gz = (SITE / entry["br"]).read_bytes(), (SITE / entry["gzip"]).read_bytes()
    assert entry["br"] == entry["url"] + ".br" and entry["gzip"] == entry["url"] + ".gz"
    assert brotli.decompress(br) == raw == gzip.decompress(gz)
    assert len(br) == entry["compressed_bytes"] < entry["memory_bytes"] / 8 and len(gz) == entry["gzip_bytes"] < entry["memory_bytes"] / 5
    assert b"calculators.penalty" in raw  # Python's memory after the import
    assert b"/work/" not in raw and str(ROOT).encode() not in raw  # nothing of the build machine's paths
    assert entry["needs_files"] is False  # a restored Python answers every example without the zip's files


def test_the_snapshots_difference_is_undone_by_the_wasm_files_own_memory():
    # Undo the difference the way the worker does, with the data segments read from the wasm here:
    # the hash the manifest promises comes out, and most of the region was zeros (that is the saving)
    entry = manifest()["snapshot"]
    _, region, undone = build_snapshot_undone()
    length = entry["delta"]["length"]
    assert len(region) == len(undone) == length and region.count(0) > 0.9 * length
    assert fnv1a_words(undone) == entry["delta"]["hash"]
    assert undone.count(0) < 0.7 * length  # Python's static data, not a difference
    assert fnv1a_words(region) != entry["delta"]["hash"]


def test_a_cold_visit_starts_from_the_builds_snapshot_and_keeps_it_for_the_next(context, site_url, notes):
    fetched = []
    context.on("request", lambda request: "/py/" in request.url and fetched.append(request.url.rsplit("/", 1)[1]))
    page = open_penalty(context, site_url, f"?product=huabei&amount={MARKER_AMOUNT}&days=29")
    answer_is(page, "花呗逾期 29 天")
    assert snapshot_state(page) in ("build", "saved")
    # sent brotli-encoded by the host (serve_site.py, like nginx and Caddy), and no calculators zip:
    # the restored Python needs none of its files
    assert fetched == [manifest()["snapshot"]["url"].rsplit("/", 1)[1]], fetched
    parts = json.loads(page.locator("form#calculator").get_attribute("data-start-parts"))
    assert {"compiled", "snapshot downloaded", "restored", "started", "checked", "ready", "first call"} <= set(parts), parts
    assert parts["snapshot downloaded"] <= parts["restored"] <= parts["started"] <= parts["ready"]
    assert parts["compiled"] <= parts["restored"]
    # kept in Cache Storage as it was restored (before any input): the next visit reads it from there
    wait_saved(page)
    name = SNAPSHOT_CACHE + site_url
    entry = page.evaluate(SNAPSHOT_ENTRY, name)
    assert entry["count"] == 1 and int(page.locator("form#calculator").get_attribute("data-snapshot-bytes")) == entry["size"]
    # the very file Python was restored from (packed, a difference: its region's length and hash kept
    # with it), nothing added since
    kept = page.evaluate(KEPT_COPY, name)
    build = manifest()["snapshot"]
    assert bytes.fromhex(kept["hex"]) == raw_build_snapshot()
    assert kept["bytes"] == build["memory_bytes"] and kept["delta"] == f"{build['delta']['length']} {build['delta']['hash']}"
    assert not page.evaluate(CONTAINS, [name, MARKER_AMOUNT]), "the kept snapshot holds what was typed"
    assert page.evaluate(CONTAINS, [name, "calculators"])  # it is Python's memory after the import
    fetched.clear()
    # another calculator, warmed at build time, from the kept copy
    plan = context.new_page()
    plan.goto(urljoin(site_url, "calculators/plan/?principal=12000&months=12&method=interest_free"))
    expect(plan.locator("#result .calc-summary")).to_contain_text("1,000.00", timeout=READY)
    assert snapshot_state(plan) == "loaded"
    # the lender directory, read at build time: 这家公司是谁？ answers from it too
    lookup = context.new_page()
    lookup.goto(urljoin(site_url, "calculators/lookup/?name=" + "重庆美团三快小额贷款有限公司"))
    expect(lookup.locator("#result")).to_contain_text("放贷机构", timeout=READY)
    assert snapshot_state(lookup) == "loaded"
    assert fetched == [], fetched  # neither the build's snapshot nor the calculators zip again
    assert notes == []


def test_a_host_that_does_not_compress_gets_asked_for_the_gz_copy(context, site_url, notes):
    # The .bin comes without Content-Encoding: the worker stops reading it and inflates the .gz itself
    # (a browser with DecompressionStream("brotli") takes the .br the same way)
    fetched = []
    context.on("request", lambda request: "/py/snapshot-" in request.url and fetched.append(request.url.rsplit("/", 1)[1].split(".", 1)[1]))
    uncompressed_host(context)
    patch_worker(context, NO_BROTLI_STREAM)
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert snapshot_state(page) in ("build", "saved")  # then kept for the next visit
    assert fetched == ["bin", "bin.gz"], fetched
    assert notes == []


@pytest.mark.parametrize("connection, reason", [(SAVE_DATA, "Save-Data"), (SLOW_3G, "3g")])
def test_a_slow_connection_skips_the_builds_snapshot(context, site_url, notes, connection, reason):
    fetched = []
    context.on("request", lambda request: "/py/snapshot-" in request.url and fetched.append(request.url))
    patch_worker(context, connection)
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    wait_saved(page)  # started the normal way, and made the browser's own snapshot for next time
    assert reason in page.locator("form#calculator").get_attribute("data-snapshot-reason")
    assert fetched == []
    assert [kind for kind, text in notes if reason in text] == ["info"]


def test_no_decompression_stream_is_needed_when_the_host_compresses(context, site_url, notes):
    patch_worker(context, "delete self.DecompressionStream;")
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert snapshot_state(page) in ("build", "saved")  # then kept for the next visit


def test_no_decompression_stream_and_a_host_that_does_not_compress_starts_the_normal_way(context, site_url, notes):
    patch_worker(context, "delete self.DecompressionStream;")
    uncompressed_host(context)
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert snapshot_state(page) in ("build-failed", "saved")
    assert any("DecompressionStream" in text for _, text in notes)


def damaged_gzip(route):
    body = bytearray((SITE / manifest()["snapshot"]["gzip"]).read_bytes())
    body[len(body) // 2] ^= 0xFF  # one byte changed: same size
    route.fulfill(status=200, content_type="application/gzip", body=bytes(body))


def truncated(route):
    route.fulfill(status=200, content_type="application/gzip", body=(SITE / manifest()["snapshot"]["gzip"]).read_bytes()[:1_000_000])


@pytest.mark.parametrize("handler, what", [(damaged_gzip, "damaged"), (truncated, "cut short")])
def test_a_damaged_build_snapshot_starts_the_normal_way(context, site_url, notes, handler, what):
    uncompressed_host(context)
    patch_worker(context, NO_BROTLI_STREAM)
    context.route(GZIP_COPY, handler)
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    form = page.locator("form#calculator")
    assert snapshot_state(page) in ("build-failed", "saved"), what
    assert form.get_attribute("data-snapshot-reason"), what
    assert form.get_attribute("data-failed") is None
    assert [kind for kind, _ in notes] == ["warning"], notes
    assert any(word in notes[0][1] for word in ("damaged", "sha256", "bytes, not")), notes
    page.locator('[name="days"]').fill("31")
    answer_is(page, "77.50")


def test_a_missing_build_snapshot_starts_the_normal_way(context, site_url, watcher, notes):
    watcher.expected_failures.add("/py/snapshot-")  # the host did not upload it: a 404 in the log
    context.route(BUILD_SNAPSHOT, lambda route: route.fulfill(status=404, body="not found"))
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert "HTTP 404" in page.locator("form#calculator").get_attribute("data-snapshot-reason")
    assert any("HTTP 404" in text for _, text in notes)


def test_another_pyodide_builds_snapshot_is_refused_and_a_fresh_worker_starts(context, site_url, notes):
    raw = bytearray(raw_build_snapshot())
    raw[pyodide_header_at(raw) + 16] ^= 0xFF  # the build id (bytes 16-47 of Pyodide's header)
    serve_build_snapshot(context, bytes(raw))
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert snapshot_state(page) == "failed"
    assert page.locator("form#calculator").get_attribute("data-failed") is None
    assert any("build id mismatch" in text and kind == "warning" for kind, text in notes), notes
    page.locator('[name="days"]').fill("31")
    answer_is(page, "77.50")


def test_a_build_snapshot_with_wrong_memory_is_refused_and_a_fresh_worker_starts(context, site_url, notes):
    raw = bytearray(raw_build_snapshot())
    for i in range(4096, len(raw), 4096):  # header kept, memory scrambled, checksum right
        raw[i] ^= 0x5A
    serve_build_snapshot(context, bytes(raw))
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert snapshot_state(page) == "failed"
    assert any(kind == "warning" for kind, _ in notes), notes
    page.locator('[name="days"]').fill("31")
    answer_is(page, "77.50")


def test_out_of_memory_from_the_snapshot_starts_a_fresh_worker(context, site_url, notes):
    # The first worker (the snapshot's) cannot reserve its memory; the fresh one (?fresh=1) can.
    # Only Python's own instance fails (pyodide.mjs also instantiates a tiny helper module on import).
    patch_worker(context, """if (!self.location.search.includes("fresh")) {
        const oom = () => Promise.reject(new RangeError("WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance"));
        const instantiate = WebAssembly.instantiate;
        WebAssembly.instantiateStreaming = oom;
        WebAssembly.instantiate = (source, imports) => (source && source.byteLength > 1000000 ? oom() : instantiate(source, imports));
    }""")
    page = open_penalty(context, site_url)
    answer_is(page, "罚息（违约金）共 75.00 元")
    assert snapshot_state(page) == "failed"
    assert any("Out of memory" in text for _, text in notes), notes


def test_the_stdlib_served_is_the_trimmed_one_named_in_the_manifest():
    data = (SITE / "pyodide" / "python_stdlib.zip").read_bytes()
    entry = manifest()["stdlib"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"] < 1_500_000
    import zipfile, io
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "decimal.py" in names and "json/decoder.py" in names and "_pyodide/_base.py" in names
    assert "email/__init__.py" not in names and "tomllib/__init__.py" not in names
