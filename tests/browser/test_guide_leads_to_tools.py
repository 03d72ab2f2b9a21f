"""Issue 23, on a 390 px phone: a reader who never opens ☰ finds the tools from the guide's own text.
From the home page, links inside the article (not the menu) lead to 我的情况 and 我的协商方案; each
step that asks the person to do something with their numbers links to the tool that does it."""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect


def article_link(page, name):
    """A link with this text inside the page's article (the ☰ menu is not the article)."""
    link = page.locator("article.md-content__inner a", has_text=name).first
    expect(link).to_be_visible()
    return link


def test_home_page_text_leads_to_the_case_file_and_the_action_plan(phone, site_url):
    phone.goto(site_url)
    today = phone.locator(".admonition.today")
    today.get_by_role("link", name="我的情况").tap()
    expect(phone).to_have_url(urljoin(site_url, "calculators/casefile/"))
    expect(phone.locator("h1")).to_contain_text("我的情况")

    phone.go_back()
    article_link(phone, "我的协商方案").tap()
    expect(phone).to_have_url(urljoin(site_url, "calculators/actionplan/"))
    expect(phone.locator("h1")).to_contain_text("我的协商方案")


@pytest.mark.parametrize("step, tools", [
    ("steps/01-what-you-owe/", ["calculators/casefile/", "calculators/penalty/", "calculators/card/",
                                "calculators/loan/"]),
    ("steps/02-protect-living-costs/", ["calculators/actionplan/"]),
    ("steps/03-contact-the-lender/", ["tools/contact-log/"]),
    ("steps/06-propose-a-plan/", ["calculators/actionplan/"]),
    ("steps/07-follow-up/", ["tools/contact-log/"]),
    ("steps/08-sign-and-repay/", ["calculators/calendar/"]),
])
def test_each_step_links_to_its_tools_in_the_text(phone, site_url, step, tools):
    phone.goto(urljoin(site_url, step))
    hrefs = phone.locator("article.md-content__inner a[href]").evaluate_all("as => as.map(a => a.href)")
    for tool in tools:
        assert any(href.split("?")[0].split("#")[0] == urljoin(site_url, tool) for href in hrefs), (step, tool)
