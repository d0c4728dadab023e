"""Every page in Debian's headless Chromium: loads without console errors, a filter works,
an article shows its highlights and coded events. Screenshots go to build/screenshots/.

Chromium and its driver come from apt (installed here when absent and we are root with
apt-get, as on CI); the test is skipped, loudly, only where apt cannot be used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytestmark = pytest.mark.slow

from .webutil import build_store, running_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def ensure_chromium() -> None:
    """Install chromium + chromium-driver through apt when absent; skip loudly if we can't."""
    if Path(CHROMIUM).exists() and Path(DRIVER).exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("BROWSER TESTS SKIPPED: Chromium is not installed and apt-get is not "
                    "usable here (needs root and apt); install `chromium chromium-driver`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"],
                ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    assert Path(CHROMIUM).exists() and Path(DRIVER).exists(), "apt installed no chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ensure_chromium()
    db = build_store(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    log = tmp_path_factory.getbasetemp() / "serve-browser.log"
    with running_server(db, log=log) as base:
        yield base


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def visit(driver, url: str, shot: str) -> None:
    """Load a page, save its screenshot, and fail on any console error it logged."""
    driver.get(url)
    driver.save_screenshot(str(SHOTS / f"{shot}.png"))
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"{url}: console errors {errors}"


def api(server: str, path: str) -> dict:
    import json
    import urllib.request

    with urllib.request.urlopen(server + path, timeout=10) as r:
        return json.loads(r.read())


def test_every_page_loads_without_console_errors(server, browser):
    from selenium.webdriver.common.by import By

    first = api(server, "/api/events?limit=1")["events"][0]
    actor = api(server, "/api/actors?limit=1")["actors"][0]
    pages = {"overview": "/", "events": "/events", "event": f"/events/{first['event_id']}",
             "actors": "/actors", "actor": f"/actors/{actor['id']}",
             "article": f"/articles/{first['article_id']}", "docs": "/docs",
             "dyads": "/dyads", "network": "/network",
             "error-404": "/events/ev-does-not-exist"}
    for name, path in pages.items():
        if name == "error-404":  # the browser logs the 404 itself; the page must still work
            browser.get(server + path)
            logged = browser.get_log("browser")  # read (and so clear) what it logged
            assert all("404" in e["message"] for e in logged if e["level"] == "SEVERE")
        else:
            visit(browser, server + path, name)
        assert browser.find_element(By.TAG_NAME, "h1").text.strip(), path
        # The stylesheet applied (not blocked by the CSP): the header is dark.
        colour = browser.find_element(By.CSS_SELECTOR, "header.top").value_of_css_property(
            "background-color")
        assert colour in ("rgba(34, 51, 68, 1)", "rgb(34, 51, 68)"), (path, colour)
    SHOTS.joinpath("error-404.png").write_bytes(browser.get_screenshot_as_png())
    assert "not_found" in browser.find_element(By.TAG_NAME, "h1").text


def test_overview_shows_the_store_and_its_chart(server, browser):
    from selenium.webdriver.common.by import By

    visit(browser, server + "/", "overview")
    health = api(server, "/api/health")
    assert browser.find_element(By.ID, "n-events").text == str(health["events"])
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    assert bars, "the quad-class chart drew no bars"


def test_event_filter_narrows_the_list(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    kinds = api(server, "/api/overview")["summary"]["events_by_type"]
    kind = next(iter(kinds))
    visit(browser, server + "/events", "events-all")
    Select(browser.find_element(By.NAME, "type")).select_by_value(kind)
    browser.find_element(By.CSS_SELECTOR, "#event-filters button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: f"type={kind}" in d.current_url)
    visit(browser, browser.current_url, "events-filtered")
    assert browser.find_element(By.ID, "event-count").text.startswith(f"{kinds[kind]} events")
    shown = [row.find_elements(By.TAG_NAME, "td")[1].text
             for row in browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")]
    assert shown and set(shown) == {kind}


def test_article_page_highlights_and_lists_coded_events(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    visit(browser, server + "/events", "events-for-article")
    link = browser.find_element(By.CSS_SELECTOR, "table.events tbody tr td:last-child a")
    article_id = link.text
    link.click()
    WebDriverWait(browser, 15).until(lambda d: "/articles/" in d.current_url)
    visit(browser, browser.current_url, "article")
    data = api(server, f"/api/articles/{article_id}")
    assert browser.find_element(By.ID, "article-title").text == data["article"]["title"]
    text = browser.find_element(By.ID, "article-text").text
    assert " ".join(text.split()) == " ".join(data["article"]["text"].split())
    cards = browser.find_elements(By.CSS_SELECTOR, "#coded-events .coded-event")
    assert len(cards) == len(data["events"]) > 0
    for kind in ("actor", "event", "date"):
        assert browser.find_elements(By.CSS_SELECTOR, f"#article-text mark.hl-{kind}"), kind
    # Pointing at a coded event lights up its words in the text (app.js ran under the CSP).
    marked = [c for c in cards if browser.find_elements(
        By.CSS_SELECTOR, f"mark[data-events~='{c.get_attribute('data-event')}']")]
    assert marked
    ActionChains(browser).move_to_element(marked[0]).perform()
    event_id = marked[0].get_attribute("data-event")
    lit = browser.find_elements(By.CSS_SELECTOR, f"mark.active[data-events~='{event_id}']")
    assert lit, "hovering a coded event did not highlight its words"
    browser.save_screenshot(str(SHOTS / "article-hover.png"))
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_dyad_form_leads_to_a_chart_of_the_pair(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    pair = api(server, "/api/top?what=dyads&n=1")["rows"][0]
    visit(browser, server + "/dyads", "dyads")
    browser.find_element(By.NAME, "a").send_keys(pair["actor"])
    browser.find_element(By.NAME, "b").send_keys(pair["recipient"])
    browser.find_element(By.CSS_SELECTOR, "#dyad-form button[type=submit]").click()
    WebDriverWait(browser, 15).until(
        lambda d: d.current_url.endswith(f"/dyads/{pair['actor']}/{pair['recipient']}"))
    visit(browser, browser.current_url, "dyad")
    data = api(server, f"/api/dyads/{pair['actor']}/{pair['recipient']}")
    totals = browser.find_element(By.ID, "dyad-totals").text
    assert totals.startswith(f"{data['totals']['events']} events")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.s-coop, svg.chart rect.s-conflict")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart polyline.goldstein, "
                                                  "svg.chart circle.goldstein-dot")


def test_network_graph_links_nodes(server, browser):
    from selenium.webdriver.common.by import By

    visit(browser, server + "/network", "network")
    graph = api(server, "/api/network")
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg.chart circle.node")
    assert len(nodes) == min(len(graph["nodes"]), 40) > 0
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart path.edge")
