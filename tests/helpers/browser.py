"""Headless Chromium for the tests that drive a real browser (the site, `lawcmp serve`).

One place for the flags: without the background-networking ones Chromium tries to reach
Google's hosts at every start, which this machine's closed network refuses.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1400",
)

needs_chromium = [
    pytest.mark.skipif(shutil.which("chromium") is None and not Path(CHROMIUM).exists(),
                       reason="headless Chromium is not installed (Debian package `chromium`; .ci/run installs it)"),
    pytest.mark.skipif(shutil.which("chromedriver") is None and not Path(CHROMEDRIVER).exists(),
                       reason="chromedriver is not installed (Debian package `chromium-driver`; .ci/run installs it)"),
]


def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium driven by selenium, with a fresh profile; quit when done."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for arg in (*ARGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver") or CHROMEDRIVER),
                              options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
