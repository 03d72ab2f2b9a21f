"""tests/reference_cases.json, run natively (another test runs the same file inside Pyodide).

Each case: {"calculator", "inputs", "expect": {"dotted.path": value}, "source"}; expected values
come from hand arithmetic, published examples or numpy-financial (named in "source"), and are
compared exactly (money "0.00" strings, rates as six-decimal fraction strings)."""

import json

import pytest

import calculators
from conftest import ROOT

CASES = json.loads((ROOT / "tests" / "reference_cases.json").read_text(encoding="utf-8"))


def lookup(result, dotted):
    value = result
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def test_cases_are_well_formed():
    assert len(CASES) >= 12
    for case in CASES:
        assert set(case) == {"calculator", "inputs", "expect", "source"}
        assert case["calculator"] in calculators.CALCULATORS and case["expect"] and case["source"]


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['calculator']}" for i, c in enumerate(CASES)])
def test_reference_case(case):
    result = calculators.run(case["calculator"], case["inputs"])
    assert "errors" not in result, result
    for path, expected in case["expect"].items():
        assert lookup(result, path) == expected, (path, case["source"])
