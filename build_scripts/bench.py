"""`make bench`: speed and size figures, measured in one run on the same built site.

Prints tables; asserts nothing (figures vary between machines: compare ratios).
  - native time of each calculator (a 120-month plan, a 10-debt list, …)
  - build time of the site, size of each guide page as transferred (raw, gzip, and the bytes the
    server actually sent with its precompressed brotli copies)
  - in Chromium: bare Pyodide (`1+1` in a worker) vs a calculator page, cold and warm, in turns,
    time to a usable form, one calculation in the page, longest main-thread task, bytes on the wire
    before the first answer, and the same with the CPU throttled 4x and the network at a "Fast 3G"
    and a "Slow 3G" profile

Both sides are served by the same server, build_scripts/serve_site.py (the one `make serve` and the
offline copy use), which sends the build's precompressed .br/.gz files as a real host does; the
bare page's pyodide/ is the site's own folder, compressed copies included.
  - the offline zip's size, when `make offline` has built one

`--quick` skips the build timing and the throttled (4x CPU + 3G) runs: about 4 minutes
instead of 14, for trying an idea; the full run is the one to report.
"""

import gzip
import json
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "build_scripts"))

import calculators  # noqa: E402
from browser_harness import launch_chromium, serve_directory  # noqa: E402

# What is timed: every calculator's named examples (calculators/NAME.py's EXAMPLES), natively; in
# the page, the penalty example (bare Pyodide's opponent) and the two long cases below.
PAGE_CASES = (("card", "card_24_months"), ("loan", "loan_12_instalments"))


def native_cases():
    return {f"{name} {example}": (name, inputs) for name in calculators.CALCULATORS
            for example, inputs in calculators.module(name).EXAMPLES.items()}


def link_to(name, inputs):
    """A calculator page's URL with `inputs` in its query string (list rows as installments.0.principal)."""
    from urllib.parse import urlencode

    flat = []
    for key, value in inputs.items():
        if isinstance(value, list):
            flat += [(f"{key}.{i}.{field}", cell) for i, row in enumerate(value) for field, cell in row.items()]
        else:
            flat.append((key, value))
    return f"calculators/{name}/?{urlencode(flat)}"


SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8}
# Chrome DevTools' "Fast 3G" preset: 1.44 Mbit/s down, 675 kbit/s up, 562.5 ms latency
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.44 * 1e6 / 8, "uploadThroughput": 675 * 1e3 / 8}
PROFILES = {"slow 3G": SLOW_3G, "Fast 3G": FAST_3G}
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module" src="bare.js"></script>"""
BARE_SCRIPT = """const worker = new Worker(new URL("bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = (event) => { document.title = "done"; window.answerAt = performance.now(); window.answer = event.data; };"""
BARE_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
self.postMessage(pyodide.runPython("1+1"));"""
LONG_TASKS = """window.__longest = 0; window.__tasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) {
  window.__longest = Math.max(window.__longest, e.duration); window.__tasks.push([e.startTime, e.duration]); } })
  .observe({ type: "longtask", buffered: true });"""
# Main-thread tasks while Pyodide starts: from the moment the page has loaded (DOMContentLoaded has
# run, the worker was created just before it) until the first answer is drawn; and before that, the
# page loading itself (the theme's bundle, its DOMContentLoaded handler, the first layout), which
# every guide page has too. Returns [worker created, longest while starting, longest before].
LONGEST_WHILE_PYODIDE_STARTS = """() => {
  const mark = performance.getEntriesByName('xshk:worker-created')[0];
  const loaded = performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
  const end = Number(document.querySelector('#calculator').dataset.firstAnswerMs);
  if (!mark) return null;
  const from = Math.max(mark.startTime, loaded);
  const longest = (tasks) => Math.max(0, ...tasks.map(([start, duration]) => duration));
  return [mark.startTime, longest(window.__tasks.filter(([start]) => start >= from && start < end)),
          longest(window.__tasks.filter(([start]) => start < from))];
}"""


def table(title, header, rows):
    print(f"\n## {title}\n")
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))


def native():
    rows = []
    for label, (name, inputs) in native_cases().items():
        result = calculators.run(name, inputs)
        assert "errors" not in result, (label, result)
        runs = timeit.repeat(lambda: calculators.run(name, inputs), number=20, repeat=5)
        rows.append([label, f"{min(runs) / 20 * 1000:.2f} ms"])
    table("Calculators natively (Python %d.%d, best of 5×20)" % sys.version_info[:2], ["case", "time"], rows)


def build_time():
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", out],
                       cwd=ROOT, check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        seconds = time.perf_counter() - started
    table("Build", ["what", "figure"], [["mkdocs build --strict (all hooks)", f"{seconds:.1f} s"]])


def file_sizes(url_paths):
    raw = zipped = 0
    for path in url_paths:
        local = SITE / path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            data = local.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, 6))
    return raw, zipped


def guide_pages():
    return sorted(
        p.relative_to(SITE).as_posix().removesuffix("index.html")
        for p in SITE.rglob("index.html") if not p.relative_to(SITE).as_posix().startswith(("calculators/",))
    )


def page_transfer(browser, server, site_url):
    rows = []
    for relative in guide_pages():
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        server.bytes_sent[0] = 0
        page.goto(urljoin(site_url, relative), wait_until="networkidle")
        wire = server.bytes_sent[0]
        raw, zipped = file_sizes(requested)
        pyodide = any("/pyodide/" in path for path in requested)
        rows.append(["/" + relative, len(requested), f"{raw / 1024:.0f} KB", f"{zipped / 1024:.0f} KB",
                     f"{wire / 1024:.0f} KB", "yes" if pyodide else "no"])
        context.close()
    table("Guide pages: everything a first visit transfers (uncompressed / gzip -6 of each file / what the "
          "server sent, headers included, with the build's precompressed brotli copies)",
          ["page", "requests", "raw", "gzip", "on the wire", "Pyodide?"], rows)


def bare_dir():
    folder = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    (folder / "index.html").write_text(BARE_PAGE)
    (folder / "bare.js").write_text(BARE_SCRIPT)
    (folder / "bare-worker.js").write_text(BARE_WORKER)
    (folder / "pyodide").symlink_to(SITE / "pyodide")
    return folder


def measure(context, url, ready_js, throttle=None, timeout=300_000):
    """throttle: None, or a network profile (SLOW_3G, FAST_3G), applied with the CPU 4x slower."""
    """Navigate and wait until ready_js is true; returns (ms since navigation, longest task ms, page)."""
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    if throttle:
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", throttle)
    page.goto(url, wait_until="commit")
    # poll from outside (DevTools evaluate): the page's CSP forbids the eval behind wait_for_function
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(f"() => Boolean({ready_js})"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url}: not ready after {timeout / 1000:.0f} s")
        time.sleep(0.05)
    elapsed = page.evaluate("performance.now()")
    return elapsed, page.evaluate("window.__longest"), page


QUICK = "--quick" in sys.argv[1:]
RUNS = 9  # rounds of cold and warm visits, bare Pyodide and calculator taking turns: on a 2-core machine one
# visit varies by ±10 %, so 5 rounds left the cold ratio moving across its 1.1× target from run to run

CALCULATOR_URL = link_to("penalty", calculators.example("penalty"))  # 花呗 5000 元 30 天: 75.00
FIRST_ANSWER = "document.querySelector('#calculator')?.dataset.firstAnswerMs !== undefined"


def bare_visit(context, url, throttle=None, timeout=300_000, server=None):
    """Navigation to the answer of `1+1` from Pyodide in a worker (ms); with `server`, also the bytes
    it sent until then: returns (ms, bytes or None)."""
    if server:
        server.bytes_sent[0] = 0
    _, _, page = measure(context, url, "window.answer === 2", throttle, timeout)
    sent = server.bytes_sent[0] if server else None
    answer_at = page.evaluate("window.answerAt")
    page.close()
    return answer_at, sent


def calculator_page(context, site_url, throttle=None, timeout=300_000, server=None):
    """One navigation to the penalty calculator with its inputs in the link: a dict of figures (ms;
    "bytes": what `server` sent until the first answer, when given)."""
    if server:
        server.bytes_sent[0] = 0
    _, _, page = measure(context, urljoin(site_url, CALCULATOR_URL), FIRST_ANSWER, throttle, timeout)
    sent = server.bytes_sent[0] if server else None
    first, ready, usable, parts, received = page.evaluate("""() => {
        const form = document.querySelector('#calculator');
        const nav = performance.getEntriesByType('navigation')[0];
        return [Number(form.dataset.firstAnswerMs), Number(form.dataset.readyMs), nav.domContentLoadedEventEnd,
                form.dataset.startParts || "{}",
                performance.getEntriesByName('xshk:first-answer-received')[0]?.startTime ?? null];
    }""")
    worker_created, while_starting, before = page.evaluate(LONGEST_WHILE_PYODIDE_STARTS) or (None, None, None)
    assert calculators.answer("penalty", calculators.example("penalty"))["view"][0]["text"] in \
        page.locator("#result").inner_text()
    return {"first": first, "ready": ready, "usable": usable, "worker": worker_created,
            "longest while starting": while_starting, "longest before": before, "bytes": sent,
            "parts": json.loads(parts), "received": received}, page


def one_calculation(page):
    """Median time of one answer in the page (send → Python in the worker → drawn), 7 edits."""
    times = []
    days = page.locator('input[name="days"]')
    for value in range(31, 38):
        days.fill(str(value))
        expected = f"{5000 * 0.0005 * value:.2f}"
        page.locator("#result").get_by_text(expected).first.wait_for()
        times.append(float(page.locator("#calculator").get_attribute("data-last-answer-ms")))
    return statistics.median(times)


GUIDE_PAGE = "steps/01-what-you-owe/"


def guide_longest_task(browser, site_url):
    """Longest main-thread task of a guide page (Material's bundle, no Pyodide): the theme's baseline.
    Max over 3 cold loads, like the calculator figure (a max over its runs)."""
    longest = []
    for _ in range(3):
        context = browser.new_context(service_workers="block")
        _, task, page = measure(context, urljoin(site_url, GUIDE_PAGE), "document.readyState === 'complete'")
        page.wait_for_timeout(1000)  # let the theme's deferred work run
        longest.append(page.evaluate("window.__longest"))
        context.close()
    return max(longest)


SNAPSHOT_SAVED = "document.querySelector('#calculator')?.dataset.snapshot === 'saved'"


def wait_for_snapshot(page, timeout=30):
    """After a first visit's first answer, the worker saves Python's memory snapshot in the
    background; the second visit uses it. Returns (ms from first answer to saved, bytes) or None
    (not saved: the warm visit then starts normally, and the figure shows it)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => {SNAPSHOT_SAVED}"):
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)
    now, first, size = page.evaluate("""() => [performance.now(),
        Number(document.querySelector('#calculator').dataset.firstAnswerMs),
        Number(document.querySelector('#calculator').dataset.snapshotBytes)]""")
    return now - first, size


def task(ms):
    """A longest-task figure: the browser reports only tasks over 50 ms, so 0 means none was over 50 ms."""
    return f"{ms:.0f} ms" if ms else "none over 50 ms"


def spread(values, unit="ms", scale=1):
    values = sorted(v / scale for v in values)
    return f"{statistics.median(values):.0f} {unit} ({values[0]:.0f}–{values[-1]:.0f})"


def calculator_vs_bare(browser, site_server, site_url):
    """RUNS rounds; in each, bare Pyodide cold then warm, then the calculator page cold then warm,
    each pair in a fresh browser profile, so both see the same machine at the same moment."""
    folder = bare_dir()
    server, bare_url = serve_directory(folder, count_bytes=True)
    bare_cold, bare_warm, cold, warm, saved, per_calc = [], [], [], [], [], []
    bare_bytes, bare_warm_bytes = [], []
    try:
        for _ in range(RUNS):
            context = browser.new_context(service_workers="block")
            ms, sent = bare_visit(context, bare_url, server=server)
            bare_cold.append(ms)
            bare_bytes.append(sent)
            ms, sent = bare_visit(context, bare_url, server=server)
            bare_warm.append(ms)
            bare_warm_bytes.append(sent)
            context.close()
            context = browser.new_context(service_workers="block")
            figures, page = calculator_page(context, site_url, server=site_server)
            cold.append(figures)
            # a person reads the answer for a moment; the snapshot is saved meanwhile (bounded wait)
            saved.append(wait_for_snapshot(page))
            page.close()
            figures, page = calculator_page(context, site_url, server=site_server)
            warm.append(figures)
            per_calc.append(one_calculation(page))
            context.close()
        throttled = {}
        if not QUICK:
            for profile, network in PROFILES.items():
                context = browser.new_context(service_workers="block")
                bare_slow, _ = bare_visit(context, bare_url, throttle=network, timeout=900_000)
                context.close()
                context = browser.new_context(service_workers="block")
                figures, page = calculator_page(context, site_url, throttle=network, timeout=900_000)
                context.close()
                throttled[profile] = (bare_slow, figures)
    finally:
        server.shutdown()

    table("Bare Pyodide (a page whose worker only runs 1+1), navigation to answer, "
          f"median (min–max) of {RUNS}", ["profile", "cold", "warm"],
          [["normal", spread(bare_cold), spread(bare_warm)]]
          + [[f"4× CPU + {profile}", spread([bare_slow], "s", 1000), "–"]
             for profile, (bare_slow, _) in throttled.items()])

    median = lambda runs, key: statistics.median(run[key] for run in runs)  # noqa: E731
    paired = lambda runs, bare: statistics.median(r["first"] / b for r, b in zip(runs, bare))  # noqa: E731
    rows = [
        ["first answer, cold", spread(r["first"] for r in cold), spread(bare_cold),
         f"{median(cold, 'first') / statistics.median(bare_cold):.2f}× (paired {paired(cold, bare_cold):.2f}×)",
         "≤ 0.4× bare cold"],
        ["first answer, warm (2nd visit)", spread(r["first"] for r in warm), spread(bare_warm),
         f"{median(warm, 'first') / statistics.median(bare_warm):.2f}× (paired {paired(warm, bare_warm):.2f}×)",
         "≤ 0.3× bare warm"],
        ["calculator ready (cold)", spread(r["ready"] for r in cold), "", "", ""],
        ["worker created (Pyodide starts), cold", spread(r["worker"] for r in cold), "", "", ""],
    ]
    stored = [x for x in saved if x]
    rows.append(["memory snapshot saved after the first answer (cold)",
                 f"{statistics.median(x[0] for x in stored):.0f} ms, {stored[0][1] / 1048576:.1f} MB"
                 if stored else "not saved", "", "", f"{len(stored)} of {len(saved)} visits"])
    rows.append(["form usable (DOMContentLoaded, cold)", spread(r["usable"] for r in cold), "", "", "≤ 500 ms"])
    rows.append(["longest main-thread task while Pyodide starts (page loaded → first answer)",
                 task(max(r['longest while starting'] for r in cold + warm)), "", "", "≤ a guide page's (below)"])
    rows.append(["longest main-thread task before that (the page loading: theme bundle and its DOMContentLoaded, first layout)",
                 task(max(r['longest before'] for r in cold + warm)), "", "", ""])
    rows.append(["longest main-thread task, a guide page (theme only, no calculator)",
                 task(guide_longest_task(browser, site_url)), "", "", ""])
    native_ms = min(timeit.repeat(lambda: calculators.run(
        "penalty", {"product": "huabei", "amount": "5000", "days": "31"}), number=50, repeat=5)) / 50 * 1000
    rows.append(["one calculation in the page (median of 7 edits, median of runs)",
                 f"{statistics.median(per_calc):.1f} ms", "", "", "≤ 50 ms"])
    rows.append(["the same calculation natively", f"{native_ms:.2f} ms", "", "", ""])
    kb = lambda values: f"{statistics.median(values) / 1024:.0f} KB"  # noqa: E731
    rows.append(["bytes on the wire, cold (compressed)", kb([r["bytes"] for r in cold]), kb(bare_bytes),
                 f"{statistics.median(r['bytes'] for r in cold) / statistics.median(bare_bytes):.2f}×",
                 "≤ 2.0× bare cold"])
    rows.append(["bytes on the wire, warm (2nd visit: revalidations)", kb([r["bytes"] for r in warm]),
                 kb(bare_warm_bytes), "", ""])
    for profile, (bare_slow, figures) in throttled.items():
        rows.append([f"first answer, 4× CPU + {profile}, cold", f"{figures['first'] / 1000:.0f} s",
                     f"{bare_slow / 1000:.0f} s", f"{figures['first'] / bare_slow:.2f}×",
                     "≤ 1.05× bare"])
        rows.append([f"form usable, 4× CPU + {profile}", f"{figures['usable']:.0f} ms", "", "", ""])
        rows.append([f"longest main-thread task while Pyodide starts, 4× CPU + {profile}",
                     task(figures['longest while starting']), "", "", ""])
        rows.append([f"longest main-thread task before that, 4× CPU + {profile}",
                     task(figures['longest before']), "", "", ""])
    start_parts(cold, warm)
    table(f"Calculator page (penalty) next to bare Pyodide in the same browser, median (min–max) of {RUNS}"
          + (" (--quick: no throttled run)" if QUICK else ""),
          ["figure", "calculator", "bare Pyodide", "ratio of medians (median of paired ratios)", "target"], rows)


# The worker's start, in order: each mark is ms since the worker started (calculator-worker.js mark()).
PARTS = [("manifest", "manifest read"), ("runtime imported", "pyodide.mjs imported"),
         ("cache read", "saved snapshot read from Cache Storage (browser's own, checked)"),
         ("snapshot downloaded", "build's snapshot read (network or HTTP cache; the host's brotli inflated by the browser)"),
         ("snapshot inflated", "inflated by the worker (a host that does not compress)"),
         ("snapshot verified", "its sha256 checked"),
         ("compiled", "pyodide.asm.wasm fetched, compiled and instantiated"),
         ("restored", "difference undone and memory restored"),
         ("started", "loadPyodide done (Pyodide's bootstrap)"),
         ("calculators zip", "calculators zip fetched (only when needed)"),
         ("calculators", "calculators set up"), ("checked", "known answer checked"), ("ready", "ready")]


def start_parts(cold, warm):
    """The worker's start broken into its parts, cold and warm (medians over the runs), then what the
    page adds: from navigation to the worker, and from ready to the first answer drawn."""
    rows = []
    for key, label in PARTS:
        figures = [[run["parts"][key] for run in runs if key in run.get("parts", {})] for runs in (cold, warm)]
        if any(figures):
            rows.append([label] + [f"{statistics.median(f):.0f} ms" if f else "–" for f in figures])
    calls = [[run["parts"]["first call"] for run in runs if "first call" in run.get("parts", {})] for runs in (cold, warm)]
    rows.append(["first call (Python's answer, in the worker)"] + [f"{statistics.median(c):.0f} ms" if c else "–" for c in calls])
    for label, key in (("page: navigation → worker created", "worker"),):
        rows.append([label] + [spread(run[key] for run in runs if run[key] is not None) for runs in (cold, warm)])
    page_side = [("page: worker says ready → page hears it", lambda r: r["ready"] - r["worker"] - r["parts"]["ready"]),
                 ("page: ready → first answer received", lambda r: r["received"] - r["ready"]),
                 ("page: answer received → drawn", lambda r: r["first"] - r["received"])]
    for label, figure in page_side:
        values = [[figure(r) for r in runs if r["worker"] is not None and r["received"] is not None and "ready" in r["parts"]]
                  for runs in (cold, warm)]
        rows.append([label] + [spread(v) if v else "–" for v in values])
    table("The worker's start, cold and warm: each part's end, ms since the worker started (median of "
          f"{len(cold)} runs; the worker's clock starts when its script runs, a little after it is created); "
          "the warm visit reads the copy kept in Cache Storage",
          ["part", "cold", "warm"], rows)


def page_cases(browser, site_url):
    """Long cases in the page, once Python is ready: median of 5 presses of 计算 (send → drawn)."""
    rows = []
    context = browser.new_context()
    for name, example in PAGE_CASES:
        inputs = calculators.example(name, example)
        page = context.new_page()
        page.goto(urljoin(site_url, link_to(name, inputs)))
        page.wait_for_selector('form#calculator[data-ready="true"]', timeout=120_000)
        headline = calculators.answer(name, inputs)["view"][0]["text"]
        page.locator("#result .calc-summary").get_by_text(headline).wait_for(timeout=60_000)
        times = []
        for _ in range(5):
            page.evaluate("() => { delete document.querySelector('#calculator').dataset.lastAnswerMs; }")
            page.get_by_role("button", name="计算", exact=True).click()
            page.wait_for_selector("form#calculator[data-last-answer-ms]", state="attached")
            times.append(float(page.locator("#calculator").get_attribute("data-last-answer-ms")))
        native_ms = min(timeit.repeat(lambda: calculators.run(name, inputs), number=20, repeat=5)) / 20 * 1000
        rows.append([f"{name} {example}", f"{statistics.median(times):.1f} ms", f"{native_ms:.2f} ms"])
        page.close()
    context.close()
    table("Long cases: one answer in the page (median of 5) and natively (best of 5×20)",
          ["case", "in the page", "natively"], rows)


# ---------------------------------------------------------------- build-time snapshot (issue 16)
# New functions only (the server and the main table are left as they are): the snapshot's and the
# stdlib's sizes, and the measurements behind the slow-connection rule in calculator-worker.js.
FORCE_SNAPSHOT = ("Object.defineProperty(WorkerNavigator.prototype, 'connection', { configurable: true, "
                  "get: () => ({ saveData: false, effectiveType: '4g' }) });")
SKIP_SNAPSHOT = ("Object.defineProperty(WorkerNavigator.prototype, 'connection', { configurable: true, "
                 "get: () => ({ saveData: true }) });")


def snapshot_sizes():
    """The build's snapshot (the difference) unpacked and as packed, its .br (what a host sends) and .gz,
    the calculators zip, what making the snapshot adds to a build, and the stdlib
    zip: Pyodide's, trimmed (shipped), and trimmed with stored entries compressed as a whole."""
    import brotli
    import zipfile

    sys.path.insert(0, str(ROOT / "build_scripts"))
    import make_snapshot
    import trim_stdlib

    manifest = json.loads(next((SITE / "assets").glob("calculators.*.json")).read_text())
    entry = manifest.get("snapshot")
    rows = []
    if entry:
        packed = (SITE / entry["url"]).read_bytes()
        raw = make_snapshot.unpack(packed)
        meta = next(make_snapshot.CACHE.glob("*.json"), None)
        made = json.loads(meta.read_text())["build_seconds"] if meta else {}
        start = struct.unpack_from("<I", raw, 4)[0]
        region = raw[start:start + entry["delta"]["length"]]
        rows += [["snapshot (the difference), unpacked", f"{len(raw) / 1048576:.1f} MB",
                  f"{raw.count(0) / len(raw):.0%} zero bytes; the first {len(region) / 1048576:.1f} MB (the wasm's "
                  f"data, XORed): {region.count(0) / max(1, len(region)):.0%} zero"],
                 ["snapshot .bin (packed: without its all-zero 4 KB chunks; also the next visit's copy)",
                  f"{len(packed) / 1048576:.1f} MB", f"{len(packed) / len(raw):.0%} of the memory it stands for"],
                 ["snapshot .bin.br (brotli 11, what a compressing host sends)", f"{(SITE / entry['br']).stat().st_size / 1048576:.2f} MB",
                  f"{made.get('br', 0):.1f} s to compress"],
                 ["snapshot .bin.gz (gzip 9, for a host that does not compress)", f"{(SITE / entry['gzip']).stat().st_size / 1048576:.2f} MB",
                  f"{made.get('gz', 0):.1f} s"],
                 ["calculators zip (stored; .br sent)", f"{manifest['zip_bytes'] / 1024:.0f} KB",
                  f"br {(SITE / (manifest['zip'] + '.br')).stat().st_size / 1024:.0f} KB; not fetched after a snapshot restore"
                  if (SITE / (manifest['zip'] + '.br')).is_file() else ""],
                 ["build time the snapshot adds (first build; cached after)",
                  f"{sum(made.values()):.1f} s", f"Node {made.get('node', 0):.1f} s + compression"]]
    full = trim_stdlib.FULL.read_bytes()
    names = json.loads(next(trim_stdlib.CACHE.glob("*.json")).read_text()) + trim_stdlib.EXTRA
    for label, data in [("stdlib, Pyodide's (deflated entries)", full),
                        ("stdlib, trimmed, deflated entries (shipped)", trim_stdlib.trimmed_zip(names)),
                        ("stdlib, trimmed, stored entries", trim_stdlib.trimmed_zip(names, zipfile.ZIP_STORED))]:
        rows.append([label, f"{len(data) / 1024:.0f} KB",
                     f"gzip -9 {len(gzip.compress(data, 9)) / 1024:.0f} KB, brotli -11 {len(brotli.compress(data, quality=11)) / 1024:.0f} KB"])
    table("Build-time memory snapshot, calculators zip and standard library (sizes on disk; compressed as a host would send them)",
          ["what", "size", "note"], rows)


def patched_worker(context, prefix):
    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=prefix + "\n" + response.text())
    context.route("**/assets/javascripts/calculator-worker.*.js", handle)


def cold_visit(browser, url, ready_js, throttle=None, prefix=None, timeout=900_000, server=None):
    """One cold visit in a fresh profile: (ms to answer, snapshot state, paths requested, bytes `server`
    sent until the answer)."""
    if server:
        server.bytes_sent[0] = 0
    context = browser.new_context(service_workers="block")
    if prefix:
        patched_worker(context, prefix)
    requested = []
    context.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page = context.new_page()
    if throttle:
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", throttle)
    page.goto(url, wait_until="commit")
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(f"() => Boolean({ready_js})"):
        if time.monotonic() > deadline:
            raise TimeoutError(url)
        time.sleep(0.1)
    sent = server.bytes_sent[0] if server else None
    ms = page.evaluate("window.answerAt || Number(document.querySelector('#calculator').dataset.firstAnswerMs)")
    state = page.evaluate("document.querySelector('#calculator')?.dataset.snapshot || ''")
    context.close()
    return ms, state, requested, sent


def snapshot_on_slow_connections(browser, site_server, site_url):
    """Cold first answer and bytes, bare Pyodide vs the calculator with the build's snapshot vs without,
    unthrottled and at 4× CPU + Fast 3G / Slow 3G: the figures behind the worker's slow-connection rule."""
    folder = bare_dir()
    server, bare_url = serve_directory(folder, count_bytes=True)
    rows = []
    profiles = [("no throttling", None)] + ([] if QUICK else [("4× CPU + Fast 3G", FAST_3G), ("4× CPU + Slow 3G", SLOW_3G)])
    try:
        for label, throttle in profiles:
            bare_ms, _, _, bare_sent = cold_visit(browser, bare_url, "window.answer === 2", throttle, server=server)
            for variant, prefix in (("with the build's snapshot", FORCE_SNAPSHOT), ("without (normal start)", SKIP_SNAPSHOT)):
                ms, state, _, sent = cold_visit(browser, urljoin(site_url, CALCULATOR_URL), FIRST_ANSWER, throttle, prefix,
                                                server=site_server)
                rows.append([label, variant, state, f"{ms / 1000:.1f} s", f"{bare_ms / 1000:.1f} s", f"{ms / bare_ms:.2f}×",
                             f"{sent / 1048576:.2f} MB", f"{bare_sent / 1048576:.2f} MB", f"{sent / bare_sent:.2f}×"])
    finally:
        server.shutdown()
    table("First answer, cold, and bytes on the wire, cold (what the server sent, with its precompressed copies): "
          "calculator vs bare Pyodide, one visit each, in one run (ratios only are comparable)",
          ["profile", "calculator", "snapshot state", "first answer", "bare Pyodide", "ratio",
           "bytes on the wire", "bare Pyodide", "ratio"], rows)


def main():
    if "--snapshot" in sys.argv[1:]:  # only the build-time snapshot's tables
        snapshot_sizes()
        from playwright.sync_api import sync_playwright
        server, site_url = serve_directory(SITE, count_bytes=True)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            snapshot_on_slow_connections(browser, server, site_url)
            browser.close()
        server.shutdown()
        return
    native()
    if not QUICK:
        build_time()
    snapshot_sizes()
    from playwright.sync_api import sync_playwright

    server, site_url = serve_directory(SITE, count_bytes=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page_transfer(browser, server, site_url)
        calculator_vs_bare(browser, server, site_url)
        page_cases(browser, site_url)
        snapshot_on_slow_connections(browser, server, site_url)
        browser.close()
    server.shutdown()
    zips = sorted((ROOT / "dist").glob("*.zip"))
    if zips:
        table("Offline copy", ["zip", "size"], [[z.name, f"{z.stat().st_size / 1024 / 1024:.1f} MB"] for z in zips])


if __name__ == "__main__":
    main()
