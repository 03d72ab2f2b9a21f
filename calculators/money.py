"""Decimal helpers shared by the calculators: local context, rounding to the fen, output strings, IRR.

Output format (the same in `run`, the CLI and the browser):
- money: a string with exactly two decimals, rounded half-up to the fen: "916.80";
- rates: a decimal fraction string with six decimals, rounded half-up: "0.158552" (= 15.8552%).
"""

from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

ZERO = Decimal(0)
ONE = Decimal(1)
FEN = Decimal("0.01")
RATE_PLACES = Decimal("0.000001")
_CONTEXT = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


def context():
    """A fresh local decimal context for one calculation (never touches the global one)."""
    return localcontext(_CONTEXT)


def fen(amount):
    """Round to the fen, half-up (the only rounding of shown figures)."""
    result = amount.quantize(FEN, rounding=ROUND_HALF_UP)
    return result if result != 0 else ZERO.quantize(FEN)


def fen_down(amount):
    """Round down to the fen (used for equal shares so the last row takes the remainder)."""
    return amount.quantize(FEN, rounding=ROUND_DOWN)


def money(amount):
    """'1234.50' – two decimals, never '-0.00', never an exponent."""
    return format(fen(amount), "f")


def rate(fraction):
    """'0.158552' – a decimal fraction with six places, rounded half-up."""
    result = fraction.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    if result == 0:
        result = ZERO.quantize(RATE_PLACES)
    return format(result, "f")


def percent_text(fraction, places=2):
    """Chinese display of a rate: 0.158552 -> '15.86%' (trailing zeros trimmed)."""
    value = (fraction * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def money_text(amount):
    """Chinese display of money in a sentence: '1,234.50 元'."""
    return f"{fen(amount):,.2f} 元"


# ---------------------------------------------------------------- display (views)
# Every figure a page shows is formatted here, once, at one precision per kind of figure:
# money with thousands separators and two decimals; an annual or daily rate as a percentage
# (`percent_text`, two places for annual rates, four for daily and monthly ones).

ANNUAL_PLACES = 2
SMALL_RATE_PLACES = 4


def _decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def grouped(amount):
    """'12000.5' or Decimal -> '12,000.50' (no unit; for tables and figures)."""
    return f"{fen(_decimal(amount)):,.2f}"


def yuan(amount):
    """'12000.5' -> '12,000.50 元' (the same as money_text, from a result's string too)."""
    return money_text(_decimal(amount))


def annual_percent(fraction):
    """An annual rate (a result's six-place fraction string or a Decimal) -> '24%' / '15.86%'."""
    return percent_text(_decimal(fraction), ANNUAL_PLACES)


def small_percent(fraction):
    """A daily or monthly rate -> '0.05%' / '1.322%' (four places, trailing zeros trimmed)."""
    return percent_text(_decimal(fraction), SMALL_RATE_PLACES)


def split_evenly(total, parts):
    """`parts` shares rounded down to the fen; the last share takes the remainder."""
    share = fen_down(total / parts)
    shares = [share] * (parts - 1)
    shares.append(total - share * (parts - 1))
    return shares


IRR_MAX_MONTHLY = Decimal(10)  # 1000% a month: anything dearer is treated as a typing mistake


def irr(received, payments):
    """Monthly internal rate of return i with  received = sum(p_k / (1 + i)**k, k = 1..n).

    `received` is what the borrower actually got at month 0 (> 0); `payments` are the amounts
    paid at the end of months 1..n (>= 0). Returns a Decimal, or None when the payments do not
    even repay what was received (the rate would be negative) or the rate is beyond 1000%/month.
    Solved by Newton's method kept inside a bisection bracket; |error| < 1e-15 a month.
    """
    total = sum(payments, ZERO)
    if total < received or received <= 0:
        return None
    if total == received:
        return ZERO

    def excess(i):  # present value of payments minus received, and its derivative; decreasing in i
        v = ONE / (ONE + i)
        vk = ONE
        present = ZERO
        slope = ZERO
        for k, p in enumerate(payments, 1):
            vk *= v
            present += p * vk
            slope -= k * p * vk
        return present - received, slope * v

    lo, hi = ZERO, Decimal("0.05")
    while excess(hi)[0] > 0:
        lo, hi = hi, hi * 4
        if hi > IRR_MAX_MONTHLY:
            return None
    n = len(payments)
    guess = 2 * (total - received) / (received * (n + 1))  # the flat-fee rule of thumb
    i = guess if lo < guess < hi else (lo + hi) / 2
    tolerance = Decimal("1e-16")
    for _ in range(200):
        value, slope = excess(i)
        if value == 0:
            return i
        if value > 0:
            lo = i
        else:
            hi = i
        step = value / slope if slope != 0 else None
        candidate = i - step if step is not None else None
        if candidate is None or not lo < candidate < hi:
            candidate = (lo + hi) / 2
        if abs(candidate - i) < tolerance or hi - lo < tolerance:
            return candidate
        i = candidate
    return i


def effective_annual(monthly):
    """(1 + monthly)^12 - 1."""
    return (ONE + monthly) ** 12 - ONE
