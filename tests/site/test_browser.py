"""The site in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
driven by Selenium opens the built site from file://, as a reader would, with no server.

Skipped, with the reason, where Chromium or its driver is missing; CI installs both
(.ci/run). The screenshot it takes is kept in .ci/artifacts/site.png.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lawcmp.load.catalog import load_catalog
from lawcmp.model.statute import Corpus
from lawcmp.site.views import site_dates
from tests.helpers import ROOT
from tests.helpers.browser import chromium, needs_chromium

ARTIFACTS = ROOT / ".ci" / "artifacts"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory)


def visible_cells(driver: Any) -> list[str]:
    """The text of every cell of the matrix on show, in page order."""
    cells: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('section.as-of:not([hidden]) table.matrix td'))"
        ".map(function (td) { return td.innerText.trim(); });"
    )
    return cells


def shown_date(driver: Any) -> str:
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('section.as-of'))"
        ".filter(function (s) { return s.offsetParent !== null; }).map(function (s) { return s.dataset.asOf; });"
    )
    assert len(shown) == 1, shown
    return str(shown[0])


def a_cell_with_provision_evidence(corpus: Corpus, day: dt.date) -> tuple[str, str]:
    """A state and obligation whose finding on `day` rests on a provision (so its page links one)."""
    from lawcmp.engine.evaluate import assess_book

    catalog = load_catalog()
    for code, book in corpus.books.items():
        provisions = {p.id for p in book.provisions}
        for f in assess_book(book, day, catalog, corpus.digest).findings:
            if any(e.origin in provisions for e in f.evidence()):
                return code, f.obligation
    raise AssertionError(f"no finding rests on a provision on {day}")


def test_the_site_works_in_a_browser(browser: Any, site: Path, shipped: Corpus) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    days = [d.isoformat() for d in site_dates(shipped)]
    states, obligations = len(shipped.books), len(load_catalog().obligations)
    index = (site / "index.html").as_uri()
    browser.get(index)
    wait = WebDriverWait(browser, 20)

    # The selector is shown once the script runs, and the latest date is on show.
    select_element = browser.find_element(By.ID, "as-of")
    wait.until(lambda d: select_element.is_displayed())
    assert browser.find_element(By.CSS_SELECTOR, "label[for='as-of']").text.strip()
    assert shown_date(browser) == days[-1]
    latest = visible_cells(browser)
    assert len(latest) == states * obligations
    colour = browser.execute_script(
        "return getComputedStyle(document.querySelector('section.as-of:not([hidden]) td.r-NI')).backgroundColor;")
    assert colour not in ("", "rgba(0, 0, 0, 0)")  # the stylesheet loaded from file://

    # Switching the date shows another matrix, with at least one rating changed.
    Select(select_element).select_by_value(days[0])
    wait.until(lambda d: shown_date(d) == days[0])
    earliest = visible_cells(browser)
    assert len(earliest) == states * obligations
    assert sum(a != b for a, b in zip(earliest, latest, strict=True)) >= 1
    assert days[0] in browser.find_element(By.ID, "as-of-status").get_attribute("textContent")

    # The keyboard works the selector too.
    select_element.send_keys(Keys.END)
    wait.until(lambda d: shown_date(d) == days[-1])
    select_element.send_keys(Keys.ARROW_UP)
    wait.until(lambda d: shown_date(d) == days[-2])
    assert visible_cells(browser) != earliest

    # Back to the latest date; the screenshot shows the selector and the matrix.
    Select(select_element).select_by_value(days[-1])
    wait.until(lambda d: shown_date(d) == days[-1])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "site.png"))
    assert (ARTIFACTS / "site.png").stat().st_size > 10_000

    # A cell leads to its finding, the finding to a provision, the provision shows its source.
    day = dt.date.fromisoformat(days[-1])
    code, obligation = a_cell_with_provision_evidence(shipped, day)
    cell = browser.find_element(By.CSS_SELECTOR, f"section.as-of:not([hidden]) td a[href^='finding/{code}/{obligation}/']")
    href = cell.get_attribute("href")
    cell.click()
    wait.until(lambda d: d.current_url == href)
    assert browser.find_element(By.TAG_NAME, "h1").text.strip()
    held = [t.get_attribute("datetime") for t in browser.find_elements(By.CSS_SELECTOR, "p.subtitle time")]
    assert held[0] <= day.isoformat() <= held[-1]  # the page the cell leads to holds the cell's date
    assert "criterion" in browser.find_element(By.ID, "trace").get_attribute("innerHTML")
    provision = browser.find_element(By.CSS_SELECTOR, "#trace ul.evidence a[href*='/provision/']")
    target, origin = provision.get_attribute("href"), provision.text
    provision.click()
    wait.until(lambda d: d.current_url == target)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(origin)
    sources = browser.find_elements(By.CSS_SELECTOR, "ul.sources li")
    assert sources and all(s.is_displayed() for s in sources)
    assert sources[0].find_element(By.TAG_NAME, "cite").text.strip()

    # Nothing went wrong on the way, and nothing was fetched but local files.
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    assert all(str(u).startswith("file://") for u in fetched), fetched
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []


@pytest.fixture(scope="module")
def large_site(shipped: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus's site as a large corpus's is made: its index too large to hold every date."""
    import lawcmp.site.build
    import lawcmp.site.pages

    out = tmp_path_factory.mktemp("large") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lawcmp.site.pages, "INDEX_CELLS", 1)
        lawcmp.site.build.build_site(shipped, out)
    return out


def test_an_index_that_holds_one_date_opens_the_others_pages(browser: Any, large_site: Path, shipped: Corpus) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    days = [d.isoformat() for d in site_dates(shipped)]
    index = (large_site / "index.html").as_uri()
    browser.get(index)
    wait = WebDriverWait(browser, 20)
    select_element = browser.find_element(By.ID, "as-of")
    wait.until(lambda d: select_element.is_displayed())
    assert shown_date(browser) == days[-1]
    assert [o.get_attribute("value") for o in Select(select_element).options] == days

    # Another date is its own page; back again, the index and its selector say the latest.
    Select(select_element).select_by_value(days[0])
    wait.until(lambda d: d.current_url == (large_site / "matrix" / f"{days[0]}.html").as_uri())
    assert days[0] in browser.find_element(By.TAG_NAME, "h1").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.matrix td")) == len(shipped.books) * len(load_catalog().obligations)
    browser.back()
    wait.until(lambda d: d.current_url == index)
    wait.until(lambda d: d.find_element(By.ID, "as-of").get_attribute("value") == days[-1])
    assert shown_date(browser) == days[-1]

    # A link to a date the index does not hold lands on that date's page, and Back leaves it.
    browser.get("about:blank")
    browser.get(f"{index}#{days[1]}")
    wait.until(lambda d: d.current_url == (large_site / "matrix" / f"{days[1]}.html").as_uri())
    browser.back()
    wait.until(lambda d: d.current_url == "about:blank")
