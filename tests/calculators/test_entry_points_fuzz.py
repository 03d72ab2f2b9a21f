"""Hypothesis at each calculator's entry point, starting from inputs that give an answer.

test_run_contract.py throws whole junk dicts at run(); most of those stop at "please fill in the
required fields". Here each example starts from a correct form for the calculator and then breaks
it: one or more fields replaced by junk (arbitrary text, numbers, huge and tiny values, NaN and
infinities, nested lists of dicts of lists), fields dropped, unknown fields added, list rows
multiplied or filled with junk. So the code past the field checks (schedules, IRR, allocation) is
driven too. The only outcomes allowed: an answer, or {"errors": [...]} in Chinese, both
JSON-serialisable with allow_nan=False, exactly as the browser's worker sends them.
"""

import json
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calculators
import strategies as s

CJK = re.compile(r"[\u4e00-\u9fff]")

BASES = {
    "penalty": {"product": "huabei", "amount": "5000", "days": "30"},
    "card": {"bill_amount": "20000", "statement_date": "2026-01-05", "due_date": "2026-01-25",
             "posting_date": "2025-12-20", "as_of": "2026-04-25",
             "payments": [{"date": "2026-01-25", "amount": "2000"}, {"date": "2026-03-01", "amount": "500"}]},
    "loan": {"product": "jiebei", "daily_rate": "0.04%", "as_of": "2026-04-10",
             "installments": [{"due_date": "2026-02-10", "principal": "1600", "interest": "120"},
                              {"due_date": "2026-03-10", "principal": "1650", "interest": "100"}],
             "accelerated_on": "2026-03-20", "remaining_principal": "8000"},
    "plan": {"principal": "12000", "months": "12", "method": "equal_payment", "annual_rate": "18%"},
    "apr": {"mode": "payments", "principal": "10000", "fee": "500",
            "payments": [{"amount": "3500"}, {"amount": "3500"}, {"amount": "3500"}]},
    "budget": {"incomes": [{"label": "工资", "amount": "6000"}], "essentials": [{"label": "房租", "amount": "1500"}],
               "other_debts": [{"label": "车贷", "amount": "500"}], "debt_amount": "20000", "annual_rate": "18%"},
    "debts": {"debts": [{"label": "花呗", "product": "huabei", "amount": "5000", "days": "30"},
                        {"label": "借呗", "product": "jiebei", "amount": "2万", "daily_rate": "0.04%"}],
              "monthly_available": "2000"},
    "calendar": {"lender": "招商银行信用卡", "remind_days_before": "2", "principal": "12000", "months": "12",
                 "method": "interest_free", "first_due": "2027-01-31",
                 "payments": [{"date": "2027-01-31", "amount": "800"}, {"date": "2027-02-28", "amount": "1200"}]},
    "casefile": {"debts": [{"nickname": "招行卡", "product": "credit_card", "amount": "20000", "days": "45",
                            "minimum_payment": "2000", "statement_date": "2026-01-05"},
                           {"lender": "支付宝", "product": "huabei", "amount": "8000", "daily_rate": "0.05%"}],
                 "salary": "6000", "rent": "1500", "food": "1200", "other_debts": "300", "name": "张三"},
    "actionplan": {"debts": [{"nickname": "招行卡", "product": "credit_card", "amount": "20000", "days": "45",
                              "minimum_payment": "2000", "statement_date": "2026-01-05", "due_date": "2026-01-25"},
                             {"lender": "支付宝", "product": "huabei", "amount": "8000", "days": "30"},
                             {"lender": "借呗", "product": "jiebei", "amount": "5000", "days": "10", "daily_rate": "0.04%"}],
                   "salary": "6000", "rent": "1500", "food": "1200", "other_debts": "300", "as_of": "2026-03-11"},
    "tracker": {"agreements": [{"lender": "招行", "monthly": "800", "months": "12", "first_due": "2027-01-31",
                                "total": "9,700", "cannot_pay": "yes"},
                               {"lender": "花呗", "kind": "stop_interest", "monthly": "500", "months": "6",
                                "first_due": "2027-01-15"}],
                "payments": [{"lender": "招行", "date": "2027-01-31", "amount": "800"},
                             {"lender": "花呗", "date": "2027-02-15", "amount": "300", "note": "回单"}],
                "as_of": "2027-03-01"},
    "lookup": {"name": "重庆美团三快小额贷款有限公司"},
}

numbers = st.one_of(
    st.integers(),
    st.floats(),  # NaN and ±inf included
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([10**400, -10**400, 1e-320, 5e-324, 1.7976931348623157e308, 0, -0.0]),
)
number_text = st.one_of(
    numbers.map(str),
    st.sampled_from(["1e309", "-1e309", "1e-400", "9" * 400, "0." + "0" * 300 + "1", "1" + "0" * 30,
                     "１e３", "１００００００００００", "0.00000001", "999999999.99", "1000000000.01", "3650", "3651",
                     "120", "121", "360", "100%", "1000%", "万分之一万", "0.0000001%", "1.5倍", "99倍"]),
)
junk = st.one_of(number_text, numbers, s.junk_values, st.text(max_size=60))


@st.composite
def broken_inputs(draw, name):
    inputs = json.loads(json.dumps(BASES[name]))
    field_names = sorted({spec["name"] for spec in calculators.module(name).FIELDS} | set(inputs))
    for key in draw(st.lists(st.sampled_from(field_names), max_size=4, unique=True)):
        action = draw(st.sampled_from(["junk", "drop", "row junk", "many rows"]))
        value = inputs.get(key)
        if action == "drop":
            inputs.pop(key, None)
        elif action == "row junk" and isinstance(value, list) and value:
            row = dict(draw(st.sampled_from(value)))
            row[draw(st.sampled_from(sorted(row) + ["extra"]))] = draw(junk)
            value.append(row)
        elif action == "many rows" and isinstance(value, list) and value:
            inputs[key] = value * draw(st.integers(min_value=2, max_value=400))
        else:
            inputs[key] = draw(junk)
    for _ in range(draw(st.integers(min_value=0, max_value=2))):  # fields the calculator does not know
        inputs[draw(st.text(max_size=12))] = draw(junk)
    return inputs


# typed names, shown back as text; and the calendar's .ics text, whose figures are its `events`' (checked)
ECHOED_KEYS = {"label", "name", "lender", "nickname", "account", "contact_phone", "ics"}


def labels_typed(value):
    """Every row label the person typed: they may legitimately read "NaN" or "Infinity"."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ECHOED_KEYS and isinstance(item, (str, int, float, Decimal)) and not isinstance(item, bool):
                yield str(item)
            else:
                yield from labels_typed(item)
    elif isinstance(value, list):
        for item in value:
            yield from labels_typed(item)


def computed_text(value, labels):
    """Every string the calculator computed: echoed labels left out, and cut out of Chinese sentences
    (a figure such as "5075.00" has no Chinese in it, so a label is never cut out of a figure)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ECHOED_KEYS:
                yield from computed_text(item, labels)
    elif isinstance(value, list):
        for item in value:
            yield from computed_text(item, labels)
    elif isinstance(value, str) and CJK.search(value):
        for label in labels:
            value = value.replace(label, "")
        yield value
    elif isinstance(value, str):
        yield value


def check(name, result, inputs):
    json.dumps(result, ensure_ascii=False, allow_nan=False)  # what the worker sends to the page
    assert isinstance(result, dict)
    if "errors" in result:
        assert set(result) == {"errors"} and result["errors"], result
        for error in result["errors"]:
            assert isinstance(error["field"], str) and error["field"]
            assert CJK.search(error["message"]), error
    else:
        assert result["calculator"] == name
        labels = sorted((label for label in labels_typed(inputs) if label), key=len, reverse=True)
        for text in computed_text(result, labels):
            assert "NaN" not in text and "Infinity" not in text, text


def test_a_row_named_infinity_is_not_a_computed_infinity():
    """Regression (CI, stop 9): a debt the person labelled "Infinity" is their text, not a broken number."""
    inputs = json.loads(json.dumps(BASES["debts"]))
    inputs["debts"].append({"label": "Infinity", "product": "huabei", "amount": "5000", "days": "30"})
    check("debts", calculators.run("debts", inputs), inputs)
    broken = {"calculator": "debts", "debts": [{"label": "Infinity", "owed_now": "Infinity"}]}
    try:
        check("debts", broken, inputs)
    except AssertionError:
        pass
    else:
        raise AssertionError("a computed Infinity slipped through the check")


def test_the_bases_give_answers():
    for name, inputs in BASES.items():
        assert "errors" not in calculators.run(name, inputs), name


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_each_entry_point_with_a_broken_correct_form(data):
    for name in calculators.CALCULATORS:
        inputs = data.draw(broken_inputs(name), label=name)
        check(name, calculators.run(name, inputs), inputs)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(calculators.CALCULATORS), key=st.text(max_size=20), value=junk)
def test_worker_entry_point_round_trip(name, key, value):
    """The worker's path: the page's inputs as JSON text in, run(), JSON text out."""
    inputs = dict(BASES[name], **{key: value}) if not isinstance(value, (float, Decimal)) else dict(BASES[name])
    check(name, calculators.run(name, json.loads(json.dumps(inputs, ensure_ascii=False))), inputs)
