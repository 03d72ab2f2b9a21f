"""A calculator's named examples (calculators/NAME.py's EXAMPLES) as a person would type them
into its page: the field names the page uses, list rows added as needed, drop-downs chosen."""

import calculators


def flatten(inputs):
    """{"debts": [{"amount": "5000"}]} -> {"debts.0.amount": "5000"} (the page's field names)."""
    flat = {}
    for key, value in inputs.items():
        if isinstance(value, list):
            for index, row in enumerate(value):
                for field, cell in (row.items() if isinstance(row, dict) else ()):
                    flat[f"{key}.{index}.{field}"] = cell
        else:
            flat[key] = value
    return flat


def text_fields(name, inputs):
    """The page's text fields that show for these inputs (list fields: their first row), in form order."""
    shown = []
    values = {}
    for spec in calculators.module(name).FIELDS:
        raw = inputs.get(spec["name"])
        values[spec["name"]] = raw if raw not in (None, "") else spec["default"]
        if spec["show_if"] and not all(values.get(k) in allowed for k, allowed in spec["show_if"].items()):
            continue
        if spec["kind"] == "list":
            rows = raw if isinstance(raw, list) and raw and isinstance(raw[0], dict) else [{}]
            row = {}
            for item in spec["item_fields"]:
                cell = rows[0].get(item["name"])
                row[item["name"]] = cell if cell not in (None, "") else item["default"]
                if item["show_if"] and not all(row.get(k) in allowed for k, allowed in item["show_if"].items()):
                    continue
                if item["kind"] != "choice":
                    shown.append(f"{spec['name']}.0.{item['name']}")
        elif spec["kind"] != "choice":
            shown.append(spec["name"])
    return shown


def spec_of(name, path):
    """The field description of a page field name ("debts.0.daily_rate" → the item's spec)."""
    parts = path.split(".")
    spec = next(f for f in calculators.module(name).FIELDS if f["name"] == parts[0])
    if len(parts) == 3:
        spec = next(f for f in spec["item_fields"] if f["name"] == parts[2])
    return spec


def all_text_fields(name):
    """Every text field of the calculator (list fields: their first row)."""
    fields = []
    for spec in calculators.module(name).FIELDS:
        if spec["kind"] == "list":
            fields += [f"{spec['name']}.0.{item['name']}" for item in spec["item_fields"] if item["kind"] != "choice"]
        elif spec["kind"] != "choice":
            fields.append(spec["name"])
    return fields


def fill(page, values, type_text=False):
    """Put flat `values` into the form, adding list rows as needed; `type_text` types like a person."""
    for field_name, value in values.items():
        parts = field_name.split(".")
        if len(parts) == 3:
            rows = page.locator(f'[data-list="{parts[0]}"] .calc-rows > .calc-row')
            while rows.count() <= int(parts[1]):
                page.locator(f'[data-add-row="{parts[0]}"]').click()
        box = page.locator(f'[name="{field_name}"]')
        if box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        elif type_text:
            box.fill("")
            box.press_sequentially(value)
        else:
            box.fill(value)


def examples(name):
    """[(example name, inputs)] of calculator `name`, its default example first."""
    calculator = calculators.module(name)
    first = calculator.EXAMPLE
    return [(first, calculator.EXAMPLES[first])] + [(k, v) for k, v in calculator.EXAMPLES.items() if k != first]

