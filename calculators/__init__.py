"""Calculators for people overdue on consumer credit in mainland China.

Pure standard library; runs natively (Python 3.11+) and unchanged under Pyodide.

    import calculators
    calculators.run("penalty", {"product": "huabei", "amount": "5000", "days": "30"})

`run(name, inputs)` returns the result dict, or {"errors": [{"field": ..., "message": ...}]} for
bad input (it never raises for bad input). Each calculator module (penalty, plan, apr, budget,
debts) has `FIELDS` (its inputs as data) and `calculate(inputs)`.
"""

from importlib import import_module

CALCULATORS = ("penalty", "plan", "apr", "budget", "debts")
TITLES = {
    "penalty": ("逾期罚息计算", "Cost of waiting (penalty interest)"),
    "plan": ("还款计划", "Repayment schedule"),
    "apr": ("真实年化利率", "True annual rate (APR by IRR)"),
    "budget": ("每月能还多少", "Monthly budget"),
    "debts": ("多笔欠款怎么还", "Several debts: order and split"),
}


def module(name):
    """The calculator module `name` (imported on first use)."""
    if name not in CALCULATORS:
        raise KeyError(name)
    return import_module(f"{__name__}.{name}")


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
