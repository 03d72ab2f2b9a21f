"""`make audit`: run the privacy, security and failure tests in Chromium and print what they checked.

The tests write their counters as JSON lines into the file named by $XSHK_AUDIT_FILE (see
`audit_record` in build_scripts/browser_harness.py): the pages each browser context loaded, requests to other
hosts, CSP violations reported in the console, hostile inputs typed per calculator, failures
simulated. This script adds what it can see from outside the tests: the serious/critical axe-core
findings (by wrapping test_accessibility.axe_findings) and which tests failed. Target: 0 of each
bad figure; the exit status is pytest's.
"""

import collections
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

from browser_harness import AUDIT_FILE, audit_record  # noqa: E402
TESTS = ["tests/browser/test_hostile_input.py", "tests/browser/test_failures.py",
         "tests/browser/test_accessibility.py", "tests/browser/test_site.py"]


class AuditPlugin:
    """Counts axe-core's serious/critical findings per page, and the tests that failed."""

    def __init__(self):
        self.broken = []
        self.passed = 0

    def pytest_collection_modifyitems(self, items):
        for item in items:
            module = getattr(item, "module", None)
            original = getattr(module, "axe_findings", None)
            if original is None or getattr(original, "audited", False):
                continue

            def counted(page, _original=original):
                found = _original(page)
                audit_record("axe_pages", 1)
                audit_record("axe_findings", len(found))
                return found

            counted.audited = True
            module.axe_findings = counted

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.broken.append(f"{report.nodeid} ({report.when})")
        elif report.when == "call" and report.passed:
            self.passed += 1


def read_counts(path):
    totals = collections.Counter()
    hostile = collections.Counter()
    fields = {}
    failures = []
    pages = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        totals[record["name"]] += record["count"]
        if record["name"] == "hostile_inputs":
            hostile[record["calculator"]] += record["count"]
            fields[record["calculator"]] = fields.get(record["calculator"], 0) + record["fields"]
        elif record["name"] == "failures_simulated":
            failures.append(record["case"])
        elif record["name"] == "pages":
            pages.update(record["urls"])
    return totals, hostile, fields, failures, pages


def main():
    with tempfile.TemporaryDirectory() as tmp:
        counts_file = Path(tmp) / "audit.jsonl"
        counts_file.touch()
        os.environ[AUDIT_FILE] = str(counts_file)
        os.chdir(ROOT)
        plugin = AuditPlugin()
        status = pytest.main(["-q", "-p", "no:cacheprovider", *TESTS], plugins=[plugin])
        totals, hostile, fields, failures, pages = read_counts(counts_file)

    rows = [
        ("pages checked (distinct pages loaded)", len(pages)),
        ("axe-core runs (every page, 3 again in dark mode)", totals["axe_pages"]),
        ("CSP violations", totals["csp_violations"]),
        ("requests to other hosts", totals["external_requests"]),
        ("hostile inputs tried (fields × inputs)", totals["hostile_inputs"]),
    ]
    rows += [(f"  {name}: {fields[name]} fields", count) for name, count in sorted(hostile.items())]
    rows += [("failures simulated", len(failures))]
    rows += [(f"  {case}", "") for case in failures]
    rows += [
        ("accessibility findings (serious/critical)", totals["axe_findings"]),
        ("tests passed", plugin.passed),
        ("what broke (failed tests)", len(plugin.broken)),
    ]
    rows += [(f"  {nodeid}", "") for nodeid in plugin.broken]
    width = max(len(label) for label, _ in rows) + 2
    print("\nAudit (target: 0 CSP violations, 0 requests to other hosts, 0 findings, 0 broken)")
    for label, value in rows:
        print(f"{label:<{width}}{value}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
