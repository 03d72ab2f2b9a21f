"""Command line: python -m calculators NAME --json '<object>' [--view]

Prints one JSON object on stdout: the same dict as calculators.run(NAME, inputs); with --view,
{"result": that dict, "view": the blocks the page draws} (calculators.answer).
Exit 0 with an answer; exit 2 with {"errors": [...]} for bad input, malformed JSON or an unknown
calculator. `python -m calculators --help` lists the calculators, `python -m calculators NAME
--help` lists the fields of one (Chinese and English).
"""

import argparse
import json
import sys

from . import CALCULATORS, answer, module, run, title

USAGE = "python -m calculators NAME --json '<JSON object>'"


def _write(text, stream=None):
    stream = stream or sys.stdout
    stream.flush()
    stream.buffer.write((text + "\n").encode("utf-8"))
    stream.buffer.flush()


def _fail(errors):
    _write(json.dumps({"errors": errors}, ensure_ascii=False, indent=2))
    return 2


def overview():
    lines = [
        "计算器 / Calculators",
        "",
        f"用法 / Usage: {USAGE}",
        "       python -m calculators NAME --help   # 列出输入项 / list the fields",
        "       python -m calculators NAME --json '<JSON>' --view   # 结果和页面显示的内容 / the result and what the page shows",
        "",
    ]
    width = max(len(name) for name in CALCULATORS)
    for name in CALCULATORS:
        chinese, english = title(name)
        lines.append(f"  {name:<{width}} {chinese} / {english}")
    lines += [
        "",
        "输出 / Output: 一个 JSON 对象 / one JSON object. 金额 / money: \"916.80\"; "
        "利率 / rates: 小数 / decimal fraction \"0.158642\" (= 15.8642%).",
        "错误 / Errors: exit 2, {\"errors\": [{\"field\": ..., \"message\": ...}]}",
    ]
    return "\n".join(lines)


def _describe(spec, indent="  "):
    required = "必填 / required" if spec["required"] else "选填 / optional"
    if spec.get("required_if"):
        condition = "; ".join(f"{k} = {'/'.join(v)}" for k, v in spec["required_if"].items())
        required = f"必填，当 / required when {condition}"
    lines = [f"{indent}{spec['name']}  ({spec['kind']}, {required})",
             f"{indent}    {spec['label']} / {spec['label_en']}"]
    if spec["hint"]:
        lines.append(f"{indent}    {spec['hint']}")
    if spec["choices"]:
        lines.append(f"{indent}    可选 / choices: " + ", ".join(f"{v} ({label})" for v, label in spec["choices"]))
    if spec["default"] is not None:
        lines.append(f"{indent}    默认 / default: {spec['default']}")
    if spec["show_if"]:
        condition = "; ".join(f"{k} = {'/'.join(v)}" for k, v in spec["show_if"].items())
        lines.append(f"{indent}    只在 / only when: {condition}")
    if spec["item_fields"]:
        lines.append(f"{indent}    每一项 / each item:")
        for item in spec["item_fields"]:
            lines.extend(_describe(item, indent + "      "))
    return lines


def fields_help(name):
    chinese, english = title(name)
    lines = [f"{name}: {chinese} / {english}", "", f"用法 / Usage: python -m calculators {name} --json '{{...}}'",
             "", "输入项 / Fields:"]
    for spec in module(name).FIELDS:
        lines.extend(_describe(spec))
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ValueError(message)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _Parser(prog="python -m calculators", add_help=False)
    parser.add_argument("name", nargs="?")
    parser.add_argument("--json", dest="json_text")
    parser.add_argument("--view", action="store_true")
    parser.add_argument("-h", "--help", action="store_true")
    try:
        args = parser.parse_args(argv)
    except ValueError as problem:
        return _fail([{"field": "arguments", "message": f"命令行参数不对（{problem}）。用法：{USAGE}"}])
    if args.name is not None and args.name not in CALCULATORS:
        return _fail([{"field": "calculator", "message": "没有这个计算器，请选择：" + "、".join(CALCULATORS)}])
    if args.help or args.name is None:
        _write(fields_help(args.name) if args.name else overview())
        return 0 if args.help else 2
    try:
        inputs = json.loads(args.json_text) if args.json_text is not None else {}
    except ValueError as problem:
        return _fail([{"field": "json", "message": f"输入不是有效的 JSON（{problem.__class__.__name__}）。"
                                                   "请写成 {\"amount\": \"5000\"} 这样的格式"}])
    except RecursionError:
        return _fail([{"field": "json", "message": "输入的 JSON 嵌套太深"}])
    if not isinstance(inputs, dict):
        return _fail([{"field": "json", "message": "输入应当是一个 JSON 对象，例如 {\"amount\": \"5000\"}"}])
    try:
        if args.view:
            shown = answer(args.name, inputs)
            result = shown["result"]
        else:
            shown = result = run(args.name, inputs)
        text = json.dumps(shown, ensure_ascii=False, indent=2, allow_nan=False)
    except Exception as problem:  # a bug, not bad input: still no traceback on the person's screen
        _write(json.dumps({"errors": [{"field": "calculator",
                                       "message": f"计算器内部出错（{problem.__class__.__name__}），请报告这个问题"}]},
                          ensure_ascii=False), sys.stdout)
        return 1
    _write(text)
    return 2 if "errors" in result else 0


if __name__ == "__main__":
    sys.exit(main())
