"""The calculators' own reference cases, run inside Pyodide under Node: the Python
the browser uses (3.14) rather than the host's 3.11, on the zip the site ships."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))
import pack_calculators  # noqa: E402

CASES = ROOT / "tests" / "reference_cases.json"


def lookup(result, dotted):
    value = result
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


@pytest.fixture(scope="module")
def pyodide_results(tmp_path_factory):
    node = shutil.which("node")
    assert node, "node is needed to run Pyodide outside the browser"
    archive = tmp_path_factory.mktemp("zip") / "calculators.zip"
    archive.write_bytes(pack_calculators.build_zip())
    stdlib = ROOT / "site" / "pyodide" / "python_stdlib.zip"  # trimmed by the build (trim_stdlib.py)
    assert stdlib.is_file(), "site/ is not built: run the tests with `make test`"
    completed = subprocess.run(
        [node, str(ROOT / "tests" / "run_in_pyodide.mjs"), str(archive), str(CASES), str(stdlib)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout)


def test_runs_on_the_browsers_python(pyodide_results):
    major, minor = pyodide_results["python"]
    assert (major, minor) >= (3, 14), "Pyodide's Python, not the host's"


def test_reference_cases_give_the_expected_figures_in_pyodide(pyodide_results):
    cases = json.loads(CASES.read_text())
    assert len(cases) == len(pyodide_results["results"]) >= 10
    for case, result in zip(cases, pyodide_results["results"]):
        assert "errors" not in result, (case, result)
        for path, expected in case["expect"].items():
            assert lookup(result, path) == expected, (case["calculator"], case.get("source"), path)


def test_the_browser_imports_the_calculators_and_no_toml_parser(pyodide_results):
    """The product rules and the lender directory come from the zip's JSON: a start does not import
    tomllib (the trimmed stdlib has none). The zip carries sources only, so a normal start compiles
    them (about 45 ms in Chromium here); a start from the build's snapshot compiles nothing."""
    assert "calculators.plan" in pyodide_results["modules"]
    assert "tomllib" not in pyodide_results["modules"]


def test_the_zip_holds_sources_and_data_stored_not_pyc():
    import io
    import zipfile

    from pack_calculators import build_zip

    archive = zipfile.ZipFile(io.BytesIO(build_zip()))
    names = archive.namelist()
    assert "calculators/penalty.py" in names and "calculators/product_rules.json" in names
    assert "calculators/lenders.json" in names
    assert not [name for name in names if name.endswith(".pyc")]
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}


def test_pyodide_and_native_python_give_identical_answers(pyodide_results):
    import calculators

    cases = json.loads(CASES.read_text())
    for case, in_browser in zip(cases, pyodide_results["results"]):
        assert calculators.run(case["calculator"], case["inputs"]) == in_browser, case
