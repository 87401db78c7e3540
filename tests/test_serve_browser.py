"""The web UI in headless Chromium: run a saved query from the gallery, see its rows, search,
open an agency page; a screenshot goes to tests/artifacts/ui.png."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from cancu.serve.testing import running_server
from tests.browser import chromium
from tests.conftest import ROOT
from tests.fixtures_store import bundled_store_path

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server(bundled_store_path()) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    profile = tempfile.mkdtemp(prefix="cancu-chrome-")
    driver = chromium(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_run_saved_query_and_open_agency(server, browser):
    browser.get(server + "/")
    wait = WebDriverWait(browser, 30)
    card = wait.until(lambda d: d.find_element(By.ID, "query-who-leads"))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".yasqe, .CodeMirror"))  # editor loaded
    card.find_element(By.NAME, "run").click()
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results tbody tr"))
    assert len(rows) > 100
    status = browser.find_element(By.ID, "run-status")
    assert status.get_attribute("data-rows") == str(len(rows))
    assert browser.find_element(By.ID, "csv-link").get_attribute("href").endswith("format=csv")
    header = browser.find_elements(By.CSS_SELECTOR, "#results thead th")[0]
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not [e for e in errors if "Content Security Policy" in e["message"]], errors
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.execute_script("document.getElementById('run-status').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "ui.png"))
    box = browser.find_element(By.ID, "search")
    box.send_keys("so tai chinh tay ninh")
    link = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#search-results a"))
    link.click()
    wait.until(lambda d: "Sở Tài chính" in d.find_element(By.TAG_NAME, "h1").text)
    assert browser.find_elements(By.CSS_SELECTOR, "table.sortable tbody tr")
    browser.save_screenshot(str(ARTIFACTS / "ui-agency.png"))
