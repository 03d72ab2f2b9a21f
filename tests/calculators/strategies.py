"""Hypothesis strategies shared by the calculators' property tests (NaN/inf off on purpose:
those are tested as junk input, where they must give a field error)."""

from decimal import Decimal

from hypothesis import strategies as st

# money typed by a person: 0.01 .. 1,000,000 yuan with two decimals
amounts = st.decimals(min_value=Decimal("1.00"), max_value=Decimal("1000000"), places=2,
                      allow_nan=False, allow_infinity=False)
small_amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2,
                            allow_nan=False, allow_infinity=False)
annual_rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("0.36"), places=4,
                           allow_nan=False, allow_infinity=False)
fee_rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("0.30"), places=4,
                        allow_nan=False, allow_infinity=False)
daily_rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("0.002"), places=5,
                          allow_nan=False, allow_infinity=False)
months = st.integers(min_value=1, max_value=120)
days = st.integers(min_value=1, max_value=3650)
methods = st.sampled_from(["equal_payment", "equal_principal", "fee", "interest_free"])
products = st.sampled_from(["huabei", "jiebei", "wangshangdai", "credit_card", "baitiao", "jintiao", "custom"])


def plan_inputs(principal, n, method, rate):
    inputs = {"principal": str(principal), "months": str(n), "method": method}
    if method in ("equal_payment", "equal_principal"):
        inputs["annual_rate"] = f"{rate * 100}%"
    elif method == "fee":
        inputs["fee_rate"] = f"{rate * 100}%"
    return inputs


# junk: anything a page, a script or a person might send
junk_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", " ", "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "-1", "0", "1e-400",
                     "１０，０００", "1.2万", "万分之五", "18", "0.18", "18%", "9" * 400, "x" * 10_000,
                     "2026-02-30", "equal_payment", "fee", "huabei", "credit_card", "custom",
                     "payments", "0.0000001", "999999999999", "1,2,3", "¥", "万", "%"]),
)
junk_values = st.recursive(
    junk_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12,
)
FIELD_NAMES = ["product", "amount", "days", "daily_rate", "penalty_multiplier", "late_fee_rate",
               "minimum_payment", "principal", "months", "method", "annual_rate", "fee_rate",
               "first_due", "mode", "periods", "payments", "fee", "incomes", "essentials",
               "other_debts", "debt_amount", "debts", "monthly_available", "bill_amount", "statement_date",
               "due_date", "posting_date", "as_of", "minimum_ratio", "late_fee_min", "late_fee_max",
               "installments", "accelerated_on", "remaining_principal", "buffer"]
junk_inputs = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10)),
                              junk_values, max_size=8)
list_item = st.dictionaries(st.sampled_from(["label", "amount", "product", "days", "daily_rate"]),
                            junk_scalars, max_size=5)
