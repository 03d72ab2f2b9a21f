"""Issue 23, on a 390 px phone: every calculator's result tables fit the screen (short ones as cards,
"label: value") or, when wider, say that they scroll; no page scrolls sideways; a short cell (a
name like 招行卡, a figure) never wraps one character a line; the theme's floating "回到页面顶部"
never covers a form."""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

import calculators
import forms

READY = 'form#calculator[data-ready="true"]'
WIDTH = 390

CASES = [("card", "published_example"), ("loan", "jiebei_two_missed"), ("loan", "loan_12_instalments"),
         ("plan", "equal_payment_12"), ("plan", "interest_free_24"), ("budget", "salary_and_debt"),
         ("debts", "two_debts"), ("debts", "card_at_risk"), ("calendar", "interest_free_31st"),
         ("casefile", "debts_and_a_budget"), ("actionplan", "debts_and_a_budget"), ("penalty", "huabei_30_days")]

CHECK = """(width) => {
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push(`page ${document.documentElement.scrollWidth}px wide`);
  for (const wrap of document.querySelectorAll("#result .calc-table-wrap")) {
    const caption = wrap.querySelector("caption")?.textContent || "";
    if (!wrap.getClientRects().length) continue;  // in a closed <details>
    const hint = wrap.querySelector(".calc-scroll-hint");
    const hintShown = hint && hint.getClientRects().length > 0 && getComputedStyle(hint).visibility !== "hidden";
    if (wrap.scrollWidth > wrap.clientWidth + 1 && !hintShown) problems.push(`${caption}: overflows without a hint`);
    if (wrap.getBoundingClientRect().right > width + 1) problems.push(`${caption}: box beyond the screen`);
    for (const cell of wrap.querySelectorAll("td")) {
      const textNode = [...cell.childNodes].find((node) => node.nodeType === 3 && node.textContent.trim());
      if (!textNode || textNode.textContent.trim().length > 5) continue;
      const range = document.createRange();
      range.selectNodeContents(textNode);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (lines.size > 1) problems.push(`${caption}: "${textNode.textContent}" wraps over ${lines.size} lines`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("name, example", CASES)
def test_result_tables_fit_a_phone_or_say_they_scroll(phone, site_url, name, example):
    phone.goto(urljoin(site_url, f"calculators/{name}/"))
    phone.wait_for_selector(READY, timeout=60_000)
    forms.fill(phone, forms.flatten(calculators.example(name, example)))
    phone.get_by_role("button", name="计算", exact=True).click()
    expect(phone.locator("#result")).to_have_attribute("data-state", "answer")
    expect(phone.locator('#result [data-block="table"]').first).to_be_attached()
    for summary in phone.locator("#result details > summary").all():
        summary.click()
    phone.evaluate("() => window.dispatchEvent(new Event('resize'))")
    phone.wait_for_function("() => document.querySelectorAll('#result .calc-table-wrap').length > 0")
    problems = phone.evaluate(CHECK, WIDTH)
    assert problems == [], problems


def test_a_long_schedule_keeps_its_first_column_and_says_it_scrolls(phone, site_url):
    phone.goto(urljoin(site_url, "calculators/plan/"))
    phone.wait_for_selector(READY, timeout=60_000)
    forms.fill(phone, forms.flatten(calculators.example("plan", "long_120")))
    phone.get_by_role("button", name="计算", exact=True).click()
    wrap = phone.locator("#result .calc-table-wrap").first
    expect(wrap).to_have_class("calc-table-wrap calc-table-wrap--scroll is-scrolling")
    expect(wrap.locator(".calc-scroll-hint")).to_be_visible()
    first = wrap.locator("tbody tr:first-child td:first-child")
    assert first.evaluate("td => getComputedStyle(td).position") == "sticky"


def test_back_to_top_never_covers_a_form(phone, site_url):
    phone.goto(urljoin(site_url, "calculators/casefile/"))
    phone.wait_for_selector(READY, timeout=60_000)
    phone.mouse.wheel(0, 3000)
    phone.mouse.wheel(0, -600)  # scrolling up is when the theme shows it
    expect(phone.locator(".md-top")).to_be_hidden()
