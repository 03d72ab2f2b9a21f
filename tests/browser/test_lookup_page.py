"""这家公司是谁？ in the browser: a person types a company name from a text message (with a typo), reads
who it is, follows the link to the brand's page; the penalty form offers every directory product."""

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect
from test_site import search

from calculators import lenders, rules

READY = 'form#calculator[data-ready="true"]'


def test_typing_a_guarantor_name_with_a_typo_leads_to_the_brand_page(page, site_url):
    page.goto(urljoin(site_url, "calculators/lookup/"))
    page.wait_for_selector(READY, timeout=60_000)
    box = page.locator('[name="name"]')
    box.fill("")
    box.press_sequentially("福州齐富融资担保有限公司", delay=20)  # 奇 typed as 齐, as in a hurried SMS copy
    page.get_by_role("button", name="计算").click()
    summary = page.locator("#result .calc-summary")
    expect(summary).to_contain_text("福州奇富融资担保有限公司", timeout=30_000)
    expect(summary).to_contain_text("最接近")
    result = page.locator("#result")
    expect(result).to_contain_text("融资担保公司")
    expect(result).to_contain_text("追偿")
    expect(result).to_contain_text("冒充")
    expect(result.locator("[data-block=warning]")).to_contain_text("App 里的客服")

    box.fill("")
    box.press_sequentially("重庆美团三快小额贷款有限公司", delay=20)
    page.get_by_role("button", name="计算").click()
    expect(summary).to_have_text("重庆美团三快小额贷款有限公司：美团的放贷机构（小额贷款公司）", timeout=30_000)
    expect(result).to_contain_text("地方金融管理局")
    result.get_by_role("link", name="看美团这一页").click()
    page.wait_for_url("**/products/meituan/")
    expect(page.locator(".admonition.today")).to_contain_text("重庆美团三快小额贷款有限公司")


def test_a_name_the_directory_does_not_hold_is_explained_by_its_kind(page, site_url):
    page.goto(urljoin(site_url, "calculators/lookup/?name=" + "深圳某某资产管理有限公司"))
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('[name="name"]')).to_have_value("深圳某某资产管理有限公司")
    page.get_by_role("button", name="计算").click()
    expect(page.locator("#result .calc-summary")).to_contain_text("名录里没有这家公司", timeout=30_000)
    expect(page.locator("#result")).to_contain_text("债权转让通知")


def test_the_penalty_form_offers_every_product_of_the_directory(page, site_url):
    page.goto(urljoin(site_url, "calculators/penalty/"))
    options = page.locator('[name="product"] option')
    labels = dict(zip(options.evaluate_all("os => os.map(o => o.value)"), options.all_text_contents()))
    for brand in lenders.brands():
        for pid in brand["product_ids"]:
            assert labels.get(pid, "").strip() == rules.product(pid)["label"], pid


@pytest.mark.parametrize("query, expected", [
    ("三快", "/products/meituan/"),
    ("奇富", "/products/qifu/"),
    ("微众银行", "/products/weilidai/"),
    ("安逸花", "/products/mashang/"),
])
def test_the_site_search_finds_a_company_or_product_on_its_brand_page(page, site_url, query, expected):
    search(page, site_url, query)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    assert expected in {urlsplit(href).path for href in hrefs}, (query, hrefs)
