"""Browser journeys: Playwright driving Debian's Chromium (/usr/bin/chromium) against a live server.

Playwright's sync API runs an event loop in the test thread. Django's ORM calls made by the tests
themselves are synchronous and safe, so Django's async-safety guard is relaxed for this package only.
Under that loop Django hands the tests new connection objects, which lack the serialized copy of the
migrated data (roles) that transactional tests restore after each flush; ``_restore_serialized_data``
carries it over.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


_serialized_data: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def browser(django_db_setup):
    """Started before any browser test touches the database, so that every one uses the same connections."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is required for browser journeys: install Debian's chromium ({CHROMIUM}).")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            _serialized_data[alias] = contents
    with sync_playwright() as playwright:
        for alias, contents in _serialized_data.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _restore_serialized_data(request):
    """Give the connections in use under Playwright's loop the serialized data of the test database."""
    from django.db import connections

    yield
    for alias, contents in _serialized_data.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _no_minimum_fill_time(monkeypatch):
    """A browser fills the public forms faster than a person: the bots' minimum fill time does not apply."""
    monkeypatch.setattr("submissions.protection.MIN_SECONDS_TO_FILL", 0)


@pytest.fixture
def phone(browser, request):
    """A page in a 390×844 phone viewport; saves a full-page screenshot when the test fails."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    yield page
    _screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def desktop(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    _screenshot_on_failure(request, page)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _screenshot_on_failure(request, page):
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
