"""`lawcmp serve` in a real browser: the command started in a subprocess on a free port,
headless Chromium driven by Selenium as tests/site/test_browser.py drives it (the same
binaries and flags), a drafter's edit typed into the bill, and the page's projected
rating watched until it changes.

Skipped, with the reason, where Chromium or its driver is missing; CI installs both (.ci/run).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import ROOT
from tests.helpers.browser import chromium, needs_chromium

BILL = "UZ-cc-amendments-2008.law"

pytestmark = needs_chromium


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`lawcmp serve` on a free port, as a drafter starts it; stopped (by its own id) when the module is done."""
    pytest.importorskip("starlette", reason="starlette is not installed (pip install -e '.[serve]')")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "lawcmp", "serve", "--port", str(port)], cwd=ROOT,
                            env={**os.environ}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/editor", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"lawcmp serve did not start: {out}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory)


def projected(driver: Any, obligation: str) -> str:
    rating: str = driver.execute_script(
        "var td = document.querySelector('#ratings tr[data-obligation=\"' + arguments[0] + '\"] td.projected');"
        "return td ? td.dataset.rating : '';", obligation)
    return rating


def select_text(driver: Any, area: Any, word: str, within: str = "      acts ") -> None:
    """Select `word` in the textarea as a drafter's mouse would: its first occurrence after `within`
    (the offence's acts, not the file's comments). The keys typed next replace it."""
    driver.execute_script(
        "var a = arguments[0], i = a.value.indexOf(arguments[1], a.value.indexOf(arguments[2]));"
        "a.focus(); a.setSelectionRange(i, i + arguments[1].length);",
        area, word, within)


def test_an_edit_in_the_browser_changes_the_projected_rating(browser: Any, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/editor?bill={BILL}")
    wait = WebDriverWait(browser, 20)
    area = browser.find_element(By.ID, "bill-text")
    assert "bill UZ/bill-cc-2008" in area.get_attribute("value")
    # As shipped, the bill closes the gap in the acts: partly compliant now, compliant with the bill.
    assert projected(browser, "crim.acts") == "C"
    assert browser.find_element(By.CSS_SELECTOR, "tr[data-obligation='crim.acts'] td.current").text == "PC"

    # The drafter strikes "transportation " from the acts of the offence: the gap is only narrowed.
    select_text(browser, area, "transportation ")
    ActionChains(browser).send_keys(Keys.DELETE).perform()
    wait.until(lambda d: projected(d, "crim.acts") not in ("C", ""))
    assert projected(browser, "crim.acts") == "LC"
    assert "transportation transfer" not in area.get_attribute("value")
    status = browser.find_element(By.CSS_SELECTOR, "tr[data-obligation='crim.acts'] td.status").text
    assert status == "gap narrowed"

    # A misspelt term: the diagnostic appears with its code, position and did-you-mean, and the what-if goes.
    select_text(browser, area, "harbouring")
    ActionChains(browser).send_keys("harbourng").perform()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#problems li[data-code='VO01']"))
    problem = browser.find_element(By.CSS_SELECTOR, "#problems li[data-code='VO01']").text
    assert "line 56" in problem and "harbouring" in problem
    assert projected(browser, "crim.acts") == ""

    # Put back as it was: no problem, and the bill closes the gap again.
    select_text(browser, area, "harbourng")
    ActionChains(browser).send_keys("transportation transfer harbouring").perform()
    wait.until(lambda d: projected(d, "crim.acts") == "C")
    assert browser.find_element(By.CSS_SELECTOR, "#problems li.ok").is_displayed()

    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    assert all(str(u).startswith(server) for u in fetched), fetched  # no CDN, nothing but the server itself


def test_the_russian_editor_in_the_browser(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/editor?bill={BILL}")
    browser.find_element(By.ID, "lang-switch").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Редактор законопроекта"
    assert browser.execute_script("return document.documentElement.lang") == "ru"
    assert browser.find_element(By.ID, "bill").get_attribute("value") == BILL  # the bill stays open across the switch
