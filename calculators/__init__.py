"""Calculators for people overdue on consumer credit in mainland China.

Pure standard library; runs natively (Python 3.11+) and unchanged under Pyodide.

    import calculators
    calculators.run("penalty", {"product": "huabei", "amount": "5000", "days": "30"})

`run(name, inputs)` returns the result dict, or {"errors": [{"field": ..., "message": ...}]} for
bad input (it never raises for bad input). `answer(name, inputs)` returns {"result": …, "view": …}:
the same result and the blocks the page draws (calculators/view.py). Each calculator module has
`TITLE` (Chinese, English), `FIELDS` (its inputs as data), `calculate(inputs)`, `view(result)` and
named example inputs `EXAMPLES` (`EXAMPLE` names the one the worker checks at start-up).
"""

from importlib import import_module

CALCULATORS = ("penalty", "card", "loan", "plan", "apr", "budget", "debts", "calendar", "casefile", "actionplan", "tracker",
               "lookup")


def module(name):
    """The calculator module `name` (imported on first use)."""
    if name not in CALCULATORS:
        raise KeyError(name)
    return import_module(f"{__name__}.{name}")


def title(name):
    """(Chinese, English) title of calculator `name`."""
    return module(name).TITLE


def run(name, inputs):
    """Run calculator `name` on `inputs` (a dict of what the person typed).

    Returns the JSON-able result dict, or {"errors": [{"field": ..., "message": ...}, ...]}.
    """
    from .parsing import FieldErrors

    if not isinstance(name, str) or name not in CALCULATORS:
        return {"errors": [{"field": "calculator",
                            "message": "没有这个计算器，请选择：" + "、".join(CALCULATORS)}]}
    if not isinstance(inputs, dict):
        return {"errors": [{"field": "inputs", "message": "输入的格式不对：应当是一组“名称: 值”"}]}
    try:
        return module(name).calculate(inputs)
    except FieldErrors as problem:
        return {"errors": problem.errors}
    except ArithmeticError:
        return {"errors": [{"field": "inputs", "message": "数字太大或太小，算不出来，请检查输入"}]}


def readings(name, inputs):
    """{field: how what was typed there was read} where that is not literal ("8千" → "按 8,000 元",
    "0.04" in a daily-rate field → "按 0.04%/天 计算"); the page shows each under its field.
    The same reader as the calculator's own (parsing.read_fields), so the echo cannot disagree."""
    from . import parsing

    if not isinstance(name, str) or name not in CALCULATORS or not isinstance(inputs, dict):
        return {}
    try:
        return parsing.readings(module(name).FIELDS, inputs)
    except (ArithmeticError, ValueError, TypeError):
        return {}


def answer(name, inputs):
    """{"result": run(name, inputs), "view": [blocks], "readings": {field: text}}: what the page
    shows, described by Python (`readings`: how each input was read, see readings())."""
    from . import money, view

    result = run(name, inputs)
    said = readings(name, inputs)
    if "errors" in result:
        return {"result": result, "view": view.error_view(result["errors"]), "readings": said}
    with money.context():
        return {"result": result, "view": module(name).view(result), "readings": said}


def answer_json(name, inputs_json):
    """answer() for the browser's worker: JSON text in (the form's inputs), JSON text out."""
    import json

    try:
        inputs = json.loads(inputs_json)
    except (TypeError, ValueError, RecursionError):
        inputs = None
    return json.dumps(answer(name, inputs), ensure_ascii=False, allow_nan=False)


def warm_up():
    """Import every calculator and read the rules and the lender directory (the worker calls this
    before its memory snapshot, so that any calculator page starts from the copy ready, and the build
    checks that a Python restored from the snapshot answers every example without the package's
    files); returns the names."""
    from . import lenders, rules

    for name in CALCULATORS:
        module(name)
    rules.all_rules()
    lenders.brands()
    return list(CALCULATORS)


def self_check():
    """The answer to the first calculator's example, as JSON text: the worker compares it before
    and after starting from a memory snapshot."""
    return answer_json(CALCULATORS[0], __import__("json").dumps(example(CALCULATORS[0])))


def example(name, which=None):
    """The named example inputs of calculator `name` (its `EXAMPLE` when `which` is None)."""
    calculator = module(name)
    return calculator.EXAMPLES[which or calculator.EXAMPLE]
