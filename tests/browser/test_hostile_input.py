"""Hostile input typed into every field of every calculator page and of the letter page.

For each text field and each entry of CORPUS the test types the entry, presses 计算 and checks (a
field read by the same reader with the same limits as one already tried on the page gets
SAME_AS_TRIED, one entry of each kind of trouble: the same parsing and page code):
- where the entry is not a valid value for that field (decided per field kind below, from the
  field's description in calculators/NAME.py FIELDS), a Chinese message next to that very field,
  the field marked aria-invalid; where it IS valid (０．５ for a rate, 0 where a field allows 0,
  anything short for a name), an answer and no error;
- the typed text kept exactly in the field;
- no script ran: no dialog, no `window.__pwned` canary, no element made from the typed text;
- no "NaN", "undefined", "Infinity" or "null" in the result or in any error box (apart from the
  typed text itself where the page shows it back, e.g. a debt's name);
- after the field's hostile entries, the field's correct value gives an answer again.

One page load per calculator (Pyodide starts once), all fields and entries in one test. The page
answers 300 ms after the last keystroke as well as on 计算; Playwright's clock skips that wait
(`clock.run_for`) so the typed-then-debounced answer is always sent BEFORE the submitted one and
the page ignores it (it draws only the latest answer).
"""

import json
import re
from urllib.parse import quote, urljoin

import pytest

import calculators
import forms
from conftest import audit_record

READY = 'form#calculator[data-ready="true"]'
CJK = re.compile(r"[\u4e00-\u9fff]")
LONG = "9" * 10_000
CORPUS = (
    "", "   ", "-1", "1e309", "NaN", "Infinity", "-Infinity", "０．５", "1,2,3", "💸😀🙏", LONG, "字" * 10_000,
    "<script>alert(1)</script>", '<img src=x onerror="window.__pwned=1">', "'; DROP TABLE debts; --",
    "\u202e0005\u202c", "\u200f12\u200f", "0", "null", "undefined", "{{7*7}}${7*7}",
)
BAD_WORDS = ("NaN", "undefined", "Infinity", "null", "[object")
# A field read by the same reader with the same limits as one already tried on the same page (the
# case file's twelve monthly amounts, a list's second date column) goes through the same parsing and
# the same page code: it gets these entries only, one of each kind of trouble, instead of the whole
# CORPUS (the suite has to stay under 20 minutes).
SAME_AS_TRIED = ("", "-1", "０．５", "1e309", LONG, "<script>alert(1)</script>", "\u202e0005\u202c", "0")
READER = ("kind", "allow_zero", "min", "max", "at_least", "refers_to")


def description(spec):
    """What decides how a field reads what is typed: its reader (kind) and its limits."""
    return json.dumps({key: spec.get(key) for key in READER}, sort_keys=True, ensure_ascii=False, default=str)


def corpus_for(name, field_names):
    """{field: the entries tried in it}: CORPUS for the first field of each reader and limits, else SAME_AS_TRIED."""
    seen, chosen = set(), {}
    for field_name in field_names:
        key = description(spec_of(name, field_name))
        chosen[field_name] = SAME_AS_TRIED if key in seen else CORPUS
        seen.add(key)
    return chosen



def setups(name):
    """[(flat inputs that give an answer, the text fields tried in that state)], from the
    calculator's named examples. A field is tried in the first example that shows it, except a field
    that goes with another (`required_with`, like remaining_principal with accelerated_on): that one
    in the first example that fills both in; each field once
    (test_every_field_is_covered checks that every field is tried)."""
    examples = forms.examples(name)
    owner = {}
    for index, (_, inputs) in enumerate(examples):
        for field in forms.text_fields(name, inputs):
            if field in forms.flatten(inputs) and forms.spec_of(name, field).get("required_with"):
                owner.setdefault(field, index)
    for index, (_, inputs) in enumerate(examples):
        for field in forms.text_fields(name, inputs):
            owner.setdefault(field, index)
    found = []
    for index, (_, inputs) in enumerate(examples):
        fields = [field for field in forms.text_fields(name, inputs) if owner[field] == index]
        if fields:
            found.append((forms.flatten(inputs), fields))
    return found


# 我的协商方案's form is the case file's (calculators/actionplan.py FIELDS = casefile's + as_of + strategy):
# those fields are tried on the casefile page, only as_of on the action plan's;
# test_the_action_plan_form_is_the_case_file_form keeps it that way.
SHARED = {"actionplan": "casefile"}


def own_fields(name, fields):
    shared = set(forms.all_text_fields(SHARED[name])) if name in SHARED else set()
    return [field for field in fields if field not in shared]


HOSTILE = list(calculators.CALCULATORS)
SETUPS = {name: [(setup, own_fields(name, fields)) for setup, fields in setups(name) if own_fields(name, fields)]
          for name in HOSTILE}


def spec_of(name, path):
    parts = path.split(".")
    spec = next(f for f in calculators.module(name).FIELDS if f["name"] == parts[0])
    if len(parts) == 3:
        items = spec["item_fields"]
        spec = dict(next(f for f in items if f["name"] == parts[2]), only_field_of_row=len(items) == 1)
    return spec


def is_valid(spec, text, state=None, path="", defaults=None):
    """Whether `text` is a correct value for the field: the outcome the page must show.

    Blank: fine where the field is optional (a row whose only field is blank is an empty row,
    which is skipped; a field whose `required_with` partner is filled in is required, and so is one whose
    `required_if` holds for the example's choices). Names: anything up to 50 characters. Numbers: of the corpus only ０．５
    (full-width 0.5: a Chinese keyboard's digits) and 0, where the kind allows them."""
    kind = spec["kind"]
    defaults = defaults or {}
    state = state or {}
    prefix = path.rsplit(".", 1)[0] + "." if path and "." in path else ""
    if spec.get("refers_to"):  # a name that must be one of another list's (a payment's lender: an agreement's)
        list_name, item = spec["refers_to"].split(".")
        names = [value for key, value in state.items() if re.fullmatch(rf"{list_name}\.\d+\.{item}", key)]
        return text.strip() in names or (not text.strip() and len(names) == 1)
    if not text.strip():
        if spec.get("required_with") and any(state.get(prefix + other) for other in spec["required_with"]):
            return False  # its partner is filled in: both or neither
        if spec.get("required_if") and all(state.get(prefix + k, defaults.get(k)) in allowed
                                           for k, allowed in spec["required_if"].items()):
            return False  # the choice made requires it (借呗 needs its daily rate)
        return not spec["required"] or spec.get("only_field_of_row", False)
    if kind == "text":
        return len(text) <= 50
    partner = state.get(prefix + spec["at_least"], state.get(spec["at_least"])) if spec.get("at_least") else None
    if partner and text in ("０．５", "0"):
        from calculators.parsing import parse_amount  # a value below its partner's (违约金最多 < 最少) is wrong

        if parse_amount(text, allow_zero=True) < parse_amount(partner, allow_zero=True):
            return False
    if text == "０．５":
        return kind in ("amount", "rate", "fee_rate", "daily_rate")
    if text == "0":
        return (kind in ("rate", "fee_rate", "daily_rate") or (kind == "amount" and spec.get("allow_zero", False))
                or (kind == "integer" and spec.get("min") == 0))
    return False


def choice_defaults(name):
    """The drop-downs' values when nothing is chosen (a list row's: by the item's own name)."""
    found = {}
    for spec in calculators.module(name).FIELDS:
        for item in [spec] + list(spec["item_fields"] or ()):
            if item["kind"] == "choice":
                found[item["name"]] = item["default"] if item["default"] is not None else item["choices"][0][0]
    return found


def without(text, typed):
    return text.replace(typed.strip(), "") if typed.strip() else text


STATE_JS = """([fieldName, fieldId]) => {
    const form = document.getElementById("calculator");
    const box = form.querySelector(`[name="${CSS.escape(fieldName)}"]`);
    const error = document.getElementById(fieldId + "-error");
    return {
        state: document.getElementById("result").dataset.state || "",
        value: box.value,
        invalid: box.getAttribute("aria-invalid"),
        error: error ? error.textContent : null,
        errorShown: error ? error.checkVisibility() : false,
        invalidFields: [...form.querySelectorAll('[aria-invalid="true"]')].map((e) => e.name),
        errorsText: [...document.querySelectorAll(".calc-error")].map((e) => e.textContent).join(" | "),
        result: document.getElementById("result").innerText,
        pwned: window.__pwned !== undefined,
        injected: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("alert(1)")).length +
                  document.querySelectorAll('img[src="x"], img[src$="/x"], [onerror]').length,
    };
}"""

SUBMIT_JS = """() => {
    const form = document.getElementById("calculator");
    delete form.dataset.lastAnswerMs;
    form.querySelector('button[type="submit"]').click();
}"""


def field_id(name):
    return re.sub(r"[^A-Za-z0-9_-]", "-", name)


def enter(page, field_name, text):
    """Type the text as a person would (fill for the 10,000-character ones: typing them takes minutes)."""
    box = page.locator(f'[name="{field_name}"]')
    box.fill("")
    if len(text) > 100:
        box.fill(text)
    elif text:
        box.press_sequentially(text)


def set_inputs(page, values):
    """Start from an empty form (the page's own 清除 button), then put in the example's values."""
    page.get_by_role("button", name="清除本机保存的数据").click()
    page.get_by_role("button", name="确定清除").click()  # the page asks first (issue 23)
    forms.fill(page, values)


def answer_to(page, field_name):
    """Let the typing's own (debounced) request go, press 计算, wait for that answer; the page's state."""
    page.clock.run_for(1000)
    page.evaluate(SUBMIT_JS)
    page.wait_for_selector("form#calculator[data-last-answer-ms]", state="attached", timeout=30_000)
    return page.evaluate(STATE_JS, [field_name, field_id(field_name)])


@pytest.fixture
def watched(page):
    """The page, with every dialog recorded (and dismissed)."""
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.clock.install()
    return page


def test_the_action_plan_form_is_the_case_file_form():
    from calculators import actionplan, casefile

    names = [spec["name"] for spec in actionplan.FIELDS]
    assert names == [spec["name"] for spec in casefile.FIELDS] + ["as_of", "strategy"]
    assert actionplan.FIELDS[1:-2] == casefile.FIELDS[1:]


def test_every_field_is_covered():
    for name in HOSTILE:
        tried = [field for _, fields in SETUPS[name] for field in fields]
        assert sorted(tried) == sorted(own_fields(name, forms.all_text_fields(name))), \
            f"{name}: add an example that shows the rest"


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_in_every_field(watched, site_url, name):
    page = watched
    page.goto(urljoin(site_url, f"calculators/{name}/"))
    page.wait_for_selector(READY, timeout=60_000)
    problems = []
    tried = 0
    entries = corpus_for(name, [field for _, fields in SETUPS[name] for field in fields])
    for setup, fields in SETUPS[name]:
        set_inputs(page, setup)
        state = answer_to(page, fields[0])
        assert state["state"] == "answer", (name, setup, state["errorsText"])
        for field_name in fields:
            spec = spec_of(name, field_name)
            correct = page.locator(f'[name="{field_name}"]').input_value()
            for text in entries[field_name]:
                enter(page, field_name, text)
                state = answer_to(page, field_name)
                tried += 1
                where = f"{name} {field_name} {text[:30]!r}"
                if state["value"] != text:
                    problems.append(f"{where}: the field holds {state['value'][:30]!r}")
                if is_valid(spec, text, setup, field_name, choice_defaults(name)):
                    if state["state"] != "answer" or state["invalidFields"]:
                        problems.append(f"{where}: valid, but no answer ({state['errorsText'][:120]})")
                else:
                    if state["state"] != "errors" or state["invalid"] != "true" or not state["errorShown"]:
                        problems.append(f"{where}: no error next to the field ({state['state']}, {state['errorsText'][:120]})")
                    elif not (state["error"].startswith("错误：") and CJK.search(state["error"][3:])):
                        problems.append(f"{where}: the message is not Chinese: {state['error'][:120]!r}")
                    if state["invalidFields"] != [field_name]:
                        problems.append(f"{where}: other fields marked invalid: {state['invalidFields']}")
                for bad in BAD_WORDS:
                    for box, shown in (("result", state["result"]), ("error boxes", state["errorsText"])):
                        if bad in without(shown, text):
                            problems.append(f"{where}: {bad!r} in the {box}")
                if state["pwned"] or state["injected"] or page.dialogs:
                    problems.append(f"{where}: the typed text ran as code ({page.dialogs})")
            # the next correct input is answered
            enter(page, field_name, correct)
            state = answer_to(page, field_name)
            if state["state"] != "answer" or state["invalidFields"]:
                problems.append(f"{name} {field_name}: no answer to the correct value {correct!r} afterwards")
        audit_record("hostile_inputs", sum(len(entries[field]) for field in fields), calculator=name, fields=len(fields))
    assert tried == sum(len(chosen) for chosen in entries.values())
    assert sum(chosen is CORPUS for chosen in entries.values()) >= 1
    assert not problems, "\n".join(problems[:40])


# ---------------------------------------------------------------- the letter (no Python)

LETTER_BASE = {"lender": "招商银行信用卡中心", "amount": "12000", "monthly": "800"}
LETTER_FIELDS = ("name", "id_tail", "lender", "account", "amount", "principal", "penalty", "overdue_days",
                 "reason_detail", "monthly", "months", "start_date", "schedule", "phone")
# the other letters (calculators/letter.py KINDS): their own fields, tried with that kind chosen
LETTER_CASES = (
    ("negotiate", LETTER_BASE, LETTER_FIELDS),
    ("complaint_regulator", {"lender": "某某消费金融公司", "incident": "3 月 5 日打给我的同事"}, ("collector", "incident")),
    ("dispute", {"record": "报告第 3 页"}, ("record", "correction")),
    ("declaration", {"explanation": "住院治疗"}, ("explanation",)),
    ("payment_order_objection", {"lender": "某某银行", "court": "某某区人民法院", "grounds": "金额不对"},
     ("court", "case_no", "received_date", "claimed", "grounds", "paid")),
    ("settlement_proof", {"lender": "某某银行", "settled_date": "2026-11-30"}, ("settled_date",)),
    ("pause_collection", {"lender": "某某银行", "plan_date": "2027-01-15"}, ("plan_date",)),
)

LETTER_JS = """([fieldName]) => {
    const form = document.getElementById("calculator");
    const box = form.querySelector(`[name="${CSS.escape(fieldName)}"]`);
    const error = document.getElementById(fieldName + "-error");
    const print = document.getElementById("letter-print");
    return {
        value: box.value,
        maxLength: box.maxLength,
        invalid: box.getAttribute("aria-invalid"),
        error: error.textContent,
        invalidFields: [...form.querySelectorAll('[aria-invalid="true"]')].map((e) => e.name),
        letter: document.getElementById("letter-text").value,
        printText: print.textContent,
        printElements: print.childElementCount,
        pwned: window.__pwned !== undefined,
        injected: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("alert(1)")).length +
                  document.querySelectorAll('img[src="x"], img[src$="/x"], [onerror]').length,
    };
}"""


def test_every_letter_field_is_tried():
    from calculators import letter

    text_fields = {spec["name"] for spec in letter.FIELDS if spec["kind"] in ("text", "textarea")}
    assert text_fields == {field for _, _, fields in LETTER_CASES for field in fields}


def test_hostile_input_in_the_letter(watched, site_url):
    from calculators import letter

    page = watched
    page.goto(urljoin(site_url, "calculators/letter/"))
    problems = []
    tried_kinds = set()
    typed = 0
    for kind, base, fields in LETTER_CASES:
        required = set(letter.templates()[kind]["required"])
        set_inputs(page, {"kind": kind, **base})
        found, count = hostile_letter_fields(page, base, fields, required, tried_kinds)
        problems += found
        typed += count
    set_inputs(page, {"kind": "negotiate", **LETTER_BASE})
    # still works: a correct form gives the letter with the correct figures
    page.get_by_role("button", name="生成申请书").click()
    letter_text = page.locator("#letter-text").input_value()
    assert "每月还款 800 元" in letter_text and "目前欠款 12000 元" in letter_text, letter_text
    tried = sum(len(fields) for _, _, fields in LETTER_CASES)
    audit_record("hostile_inputs", typed, calculator="letter", fields=tried)
    assert tried_kinds == {"text", "textarea"}  # each kind had the whole corpus once
    assert not problems, "\n".join(problems[:40])


def full_number(field_name, text):
    """A full card number typed into the letter's last-digits field (left out of the letter)."""
    from calculators import letter, parsing

    spec = next((f for f in letter.FIELDS if f["name"] == field_name), None)
    return bool(spec and parsing.is_last_digits(spec) and parsing.LONG_DIGITS.search(re.sub(r"[\s-]", "", text)))


def hostile_letter_fields(page, base, fields, required, tried_kinds):
    """`tried_kinds`: the field kinds (text, textarea) that have had the whole CORPUS already."""
    from calculators import letter

    kinds = {spec["name"]: spec["kind"] for spec in letter.FIELDS}
    problems = []
    count = 0
    for field_name in fields:
        kind = kinds.get(field_name, "text")
        entries = SAME_AS_TRIED if kind in tried_kinds else CORPUS
        tried_kinds.add(kind)
        for text in entries:
            count += 1
            enter(page, field_name, text)
            page.evaluate(SUBMIT_JS)  # 生成申请书
            state = page.evaluate(LETTER_JS, [field_name])
            where = f"letter {field_name} {text[:30]!r}"
            # a textarea's maxlength (the 具体情况 box: 500) is what the field shows it accepts
            kept = text[:state["maxLength"]] if state["maxLength"] > 0 else text
            if state["value"] != kept:
                problems.append(f"{where}: the field holds {state['value'][:30]!r}")
            if field_name in required and not text.strip():
                if state["invalid"] != "true" or not (state["error"].startswith("错误：") and CJK.search(state["error"])):
                    problems.append(f"{where}: no Chinese message next to the empty required field")
            elif full_number(field_name, kept):  # a full card number where the last digits go (issue 23)
                if state["invalidFields"] != [field_name] or not CJK.search(state["error"] or ""):
                    problems.append(f"{where}: a full number in a last-digits field is not refused")
                if kept.strip() in state["letter"]:
                    problems.append(f"{where}: a full number in a last-digits field went into the letter")
            else:
                if state["invalidFields"]:
                    problems.append(f"{where}: marked invalid: {state['invalidFields']}")
                if kept.strip() not in state["letter"]:
                    problems.append(f"{where}: the typed text is not in the letter as typed")
            if state["printText"] != state["letter"] or state["printElements"]:
                problems.append(f"{where}: the printed copy is not the letter as plain text")
            if state["pwned"] or state["injected"] or page.dialogs:
                problems.append(f"{where}: the typed text ran as code ({page.dialogs})")
        enter(page, field_name, base.get(field_name, ""))
    return problems, count


# ---------------------------------------------------------------- drop-downs: links and saved data

# A person cannot type into a drop-down, but a value can reach one from a link (?product=…) or from
# what this browser saved earlier (a shared phone, an edited localStorage). Neither may put the
# drop-down outside its options, run anything, or stop the page answering.
# Each entry is a page load per calculator (two: a link and a saved value); one entry per kind of
# trouble (an unknown word stands for every unknown word; __proto__ for the object-key names).
CHOICE_CORPUS = ("", "huabei ", "HUABEI", "<script>alert(1)</script>", '"><img src=x onerror="window.__pwned=1">',
                 "\u202ehuabei", "💸", "9" * 10_000, "__proto__")

CHOICE_JS = """() => [...document.querySelectorAll("#calculator select")].map((s) => ({
    name: s.name, value: s.value, options: [...s.options].map((o) => o.value) }))"""


def choice_fields(name):
    """(field path, one of its real values) for every drop-down of calculator `name`."""
    for spec in calculators.module(name).FIELDS:
        if spec["kind"] == "choice":
            yield spec["name"], spec["choices"][0][0]
        elif spec["kind"] == "list":
            for item in spec["item_fields"]:
                if item["kind"] == "choice":
                    yield f"{spec['name']}.0.{item['name']}", item["choices"][0][0]


def page_is_sound(page, where, problems):
    page.wait_for_selector(READY, timeout=60_000)
    page.evaluate(SUBMIT_JS)
    page.wait_for_selector("form#calculator[data-last-answer-ms]", state="attached", timeout=30_000)
    selects = page.evaluate(CHOICE_JS)
    for select in selects:
        if select["value"] not in select["options"]:
            problems.append(f"{where}: {select['name']} holds {select['value'][:30]!r}, not one of its options")
    state = page.evaluate(STATE_JS, [selects[0]["name"], "result"])
    if state["state"] not in ("answer", "errors"):
        problems.append(f"{where}: the page shows neither an answer nor errors ({state['state']!r})")
    for bad in BAD_WORDS:
        if bad in state["result"] or bad in state["errorsText"]:
            problems.append(f"{where}: {bad!r} on the page")
    if state["pwned"] or state["injected"] or page.dialogs:
        problems.append(f"{where}: a value ran as code ({page.dialogs})")


WITH_DROP_DOWNS = [name for name in HOSTILE if list(choice_fields(name)) and name not in SHARED]


def test_the_calculators_with_drop_downs():
    # amounts and dates only; lookup: one name box
    assert set(HOSTILE) - set(WITH_DROP_DOWNS) - set(SHARED) == {"budget", "card", "lookup"}


@pytest.mark.parametrize("name", WITH_DROP_DOWNS)
def test_hostile_values_reaching_drop_downs(watched, site_url, name):
    page = watched
    base = urljoin(site_url, f"calculators/{name}/")
    fields = list(choice_fields(name))
    problems = []
    for text in CHOICE_CORPUS:
        # from a link (a list row's drop-down too: debts.0.product)
        query = "&".join(f"{field}={quote(text)}" for field, _ in fields)
        page.goto(f"{base}?{query}")
        page_is_sound(page, f"{name} link {text[:20]!r}", problems)
        # from what the browser saved (the page's own format: {v: 1, values: {field: value}})
        saved = {"v": 1, "values": {field: text for field, _ in fields}}
        # 我的情况 and 我的还款协议 have their own keys
        key = {"casefile": "xshk:case", "tracker": "xshk:agreements"}.get(name, f"xshk:calculator:{name}")
        page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                      [key, json.dumps(saved, ensure_ascii=False)])
        page.goto(base)
        page_is_sound(page, f"{name} saved {text[:20]!r}", problems)
    # and a real value through the same two doors still lands in the drop-down
    field, value = fields[0]
    page.goto(f"{base}?{field}={quote(value)}")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.locator(f'[name="{field}"]').input_value() == value
    audit_record("hostile_inputs", 2 * len(CHOICE_CORPUS) * len(fields), calculator=name, fields=len(fields))
    assert not problems, "\n".join(problems[:40])
