"""Fixtures for the browser tests only (the site, the browser and the watcher are in tests/conftest.py)."""

import pytest


@pytest.fixture
def phone(browser, watcher):
    """A page on a 390 × 844 touch phone, zh-CN; fails the test on anything the watcher saw."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="zh-CN", service_workers="block")
    watcher.watch(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
    assert not watcher.problems(), watcher.problems()
