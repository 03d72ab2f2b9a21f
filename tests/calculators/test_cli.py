"""The command line: one JSON object on stdout, exit 0 or 2, help in Chinese and English."""

import json
import subprocess
import sys

import pytest

import calculators
from conftest import ROOT


def cli(*args):
    done = subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, cwd=ROOT, timeout=60)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_answer_is_the_same_dict_as_run():
    inputs = {"principal": "10000", "months": "12", "method": "equal_payment", "annual_rate": "18%"}
    code, out, err = cli("plan", "--json", json.dumps(inputs))
    assert code == 0 and err == ""
    assert json.loads(out) == calculators.run("plan", inputs)
    assert json.loads(out)["monthly_payment"] == "916.80"
    assert "等额本息" in out  # ensure_ascii=False


@pytest.mark.parametrize("args, field", [
    (["plan", "--json", "{not json"], "json"),
    (["plan", "--json", "[1, 2]"], "json"),
    (["nope", "--json", "{}"], "calculator"),
    (["plan", "--json", '{"principal": "-5", "months": 0}'], "principal"),
    (["penalty", "--json", '{"amount": NaN, "days": 1e999}'], "amount"),
    (["plan", "--frobnicate"], "arguments"),
])
def test_bad_input_exits_2_with_errors_json(args, field):
    code, out, err = cli(*args)
    assert code == 2 and "Traceback" not in err
    answer = json.loads(out)
    assert list(answer) == ["errors"] and answer["errors"][0]["field"] == field


def test_deeply_nested_json_is_not_a_traceback():
    code, out, err = cli("plan", "--json", "[" * 100_000)
    assert code == 2 and "Traceback" not in err
    assert json.loads(out)["errors"][0]["field"] == "json"


def test_help_lists_calculators_in_chinese_and_english():
    code, out, _ = cli("--help")
    assert code == 0
    for name in calculators.CALCULATORS:
        assert name in out
    assert "还款计划" in out and "Repayment schedule" in out


@pytest.mark.parametrize("name", calculators.CALCULATORS)
def test_help_for_one_calculator_lists_its_fields(name):
    code, out, _ = cli(name, "--help")
    assert code == 0
    for spec in calculators.module(name).FIELDS:
        assert spec["name"] in out and spec["label"] in out and spec["label_en"] in out
