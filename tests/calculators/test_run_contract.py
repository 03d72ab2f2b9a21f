"""run(): any input dict gives an answer or Chinese field errors, never an exception, never NaN."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calculators
import strategies as s

CJK = re.compile(r"[\u4e00-\u9fff]")
FIELD_KINDS = {"amount", "rate", "daily_rate", "fee_rate", "multiplier", "integer", "choice", "date", "list", "text"}


def check_contract(result):
    text = json.dumps(result, ensure_ascii=False, allow_nan=False)
    assert "NaN" not in text and "Infinity" not in text
    assert isinstance(result, dict)
    if "errors" in result:
        assert set(result) == {"errors"} and result["errors"]
        for error in result["errors"]:
            assert set(error) in ({"field", "message"}, {"field", "message", "missing", "label"})
            if "missing" in error:  # a blank required field, named for the list of what is missing
                assert error["missing"] is True and CJK.search(error["label"])
            assert isinstance(error["field"], str) and error["field"]
            assert CJK.search(error["message"]), error
            assert len(error["message"]) < 200
    else:
        assert result["calculator"] in calculators.CALCULATORS
        assert all(CJK.search(note) for note in result.get("notes", []))


@pytest.mark.parametrize("name", calculators.CALCULATORS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=s.junk_inputs)
def test_junk_dicts(name, inputs):
    check_contract(calculators.run(name, inputs))
    check_view(calculators.answer(name, inputs))


def check_view(shown):
    """answer(): the same result and a view of known blocks whose every text is Chinese."""
    text = json.dumps(shown, ensure_ascii=False, allow_nan=False)
    assert "NaN" not in text and "None" not in text
    check_contract(shown["result"])
    assert shown["view"], shown
    from calculators import view

    for block in shown["view"]:
        assert block["kind"] in view.KINDS
        for key in ("text", "caption", "title"):
            if key in block:
                assert CJK.search(block[key]), block
    if "errors" not in shown["result"]:
        assert shown["view"][0]["kind"] == "headline"


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(["apr", "budget", "debts", "card", "loan"]),
       rows=st.one_of(st.lists(s.list_item, max_size=6), s.junk_values),
       extra=s.junk_inputs)
def test_junk_list_rows(name, rows, extra):
    inputs = dict(extra, payments=rows, incomes=rows, essentials=rows, debts=rows, installments=rows,
                  monthly_available="1000", bill_amount="1000", statement_date="2026-01-05", due_date="2026-01-25",
                  as_of="2026-03-01", daily_rate="0.05%",
                  principal="1000")
    check_contract(calculators.run(name, inputs))


@pytest.mark.parametrize("name", [None, "", "PENALTY", "nope", 3, ["plan"]])
def test_unknown_calculator(name):
    result = calculators.run(name, {})
    assert result["errors"][0]["field"] == "calculator"
    check_contract(result)


@pytest.mark.parametrize("inputs", [None, [], "x", 5, ["amount"]])
def test_inputs_not_a_dict(inputs):
    result = calculators.run("plan", inputs)
    assert result["errors"][0]["field"] == "inputs"


@pytest.mark.parametrize("name", calculators.CALCULATORS)
def test_empty_input_lists_the_required_fields(name):
    result = calculators.run(name, {})
    check_contract(result)
    required = [spec["name"] for spec in calculators.module(name).FIELDS
                if spec["required"] and not spec["show_if"] and spec["default"] is None]
    reported = [error["field"] for error in result.get("errors", [])]
    assert set(required) <= set(reported)
    assert set(reported) <= {spec["name"] for spec in calculators.module(name).FIELDS}


def walk(fields):
    for spec in fields:
        yield spec
        if spec["item_fields"]:
            yield from walk(spec["item_fields"])


@pytest.mark.parametrize("name", calculators.CALCULATORS)
def test_fields_are_complete_data(name):
    fields = calculators.module(name).FIELDS
    names = [spec["name"] for spec in fields]
    assert len(names) == len(set(names))
    for spec in walk(fields):
        assert {"name", "label", "label_en", "kind", "required", "hint", "choices", "default", "show_if",
                "item_fields"} <= set(spec)
        assert spec["kind"] in FIELD_KINDS
        assert CJK.search(spec["label"]) and spec["label_en"].isascii()
        assert spec["hint"] and CJK.search(spec["hint"])
        assert (spec["kind"] == "choice") == (spec["choices"] is not None)
        assert (spec["kind"] == "list") == (spec["item_fields"] is not None)
        for condition in (spec["show_if"], spec.get("required_if")):
            for other, values in (condition or {}).items():
                controller = next(f for f in walk(fields) if f["name"] == other)
                assert set(values) <= {value for value, _ in controller["choices"]}
    json.dumps(fields, ensure_ascii=False)  # plain data the site can embed


def test_the_same_inputs_give_the_same_dict_every_time():
    inputs = {"principal": "10000", "months": "12", "method": "fee", "fee_rate": "8.8%"}
    assert calculators.run("plan", inputs) == calculators.run("plan", dict(inputs))


def test_decimal_context_is_left_alone():
    import decimal

    before = decimal.getcontext().copy()
    calculators.run("plan", {"principal": "10000", "months": "120", "annual_rate": "18%"})
    after = decimal.getcontext()
    assert (before.prec, before.rounding, before.traps) == (after.prec, after.rounding, after.traps)


def test_importing_the_package_is_cheap():
    import subprocess
    import sys

    code = ("import sys, calculators; "
            "print(','.join(m for m in ('argparse', 'json', 'calculators.plan', 'tomllib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("conftest").ROOT)).stdout.strip()
    assert out == ""
