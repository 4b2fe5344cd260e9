"""End to end in a real browser: `newsgraph app` on the fixture graph, driven by headless Chromium.

Runs a search, opens an entity profile, the graph and an article full of markup, saves a screenshot of
each under the test's temporary folder, and checks that script in article text never runs: the hostile
article would set ``window.__pwned`` and ``document.title`` (and open alerts) if any of it executed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException,
    NoSuchElementException,
    NoSuchFrameException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from core.records import Article, Entity, Extraction, Relation, Statement, content_hash
from graph.connection import resolve_target
from graph.corrections import record_correction
from graph.loader import GraphLoader
from tests.app_harness import fixture_graph
from tests.graph_fixtures import FIXTURE

pytestmark = [pytest.mark.browser, pytest.mark.neo4j, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPO = Path(__file__).resolve().parents[1]
PAYLOAD = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\">"
MARKDOWN = "__init__ *star* [link](https://evil.example) `code`"  # Markdown must show as written
WORD_JOINER = "\u2060"  # invisible; keeps Streamlit's Markdown from turning shown web addresses into links
SCRIPT_ARTICLE = "browser:script-article"
SCRIPT_PERSON = "person:script-kiddie"


def _script_article() -> tuple[Article, Extraction]:
    quote_text = f"the plan {PAYLOAD} was __not__ **safe**"
    meeting = f"Mallory Script met Belgrade officials {PAYLOAD}."
    text = f"{IMG_PAYLOAD} Mallory Script said {quote_text}. {meeting} {MARKDOWN}"
    start = text.index(quote_text)
    sentence = text[text.index("Mallory") : text.index(".", start) + 1]
    name_at = text.index("Mallory Script")
    article = Article(
        SCRIPT_ARTICLE,
        text,
        content_hash(text),
        title=f"{PAYLOAD} Breaking {MARKDOWN}",
        url="https://hostile.example/a",
        published="2021-12-01",
        source=f"{IMG_PAYLOAD} {MARKDOWN}",
        language="en",
    )
    person = Entity(SCRIPT_PERSON, f"Mallory Script {IMG_PAYLOAD} {MARKDOWN}", "Person", (), ((name_at, name_at + 14),))
    place = Entity(
        FIXTURE.belgrade, "Belgrade", "Location", (), ((text.index("Belgrade"), text.index("Belgrade") + 8),)
    )
    statement = Statement(
        start, start + len(quote_text), quote_text, "indirect", person.name, "Mallory Script", SCRIPT_PERSON,
        "said", None, "2021-12-01", sentence=sentence, sentence_start=name_at, sentence_end=name_at + len(sentence),
        about=(FIXTURE.belgrade,), confidence=0.9,
    )  # fmt: skip
    met = text.index(meeting)
    # a typed relation whose evidence sentence carries the script
    meets = Relation(SCRIPT_PERSON, "MEETS", FIXTURE.belgrade, met, met + 37, meeting, 0.9, "2021-11")
    return article, Extraction(article.id, "fixture-1", (statement,), (person, place), (), (meets,))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"`newsgraph app` exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("the explorer did not answer within two minutes")


@pytest.fixture(scope="module")
def app_url(driver, neo4j_settings, tmp_path_factory):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("needs Debian's chromium and chromium-driver")
    fixture_graph(driver, neo4j_settings)
    GraphLoader(driver, neo4j_settings.neo4j_database).load([_script_article()])
    target = resolve_target(neo4j_settings, start_local=False)
    port = _free_port()
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
        "NEO4J_DATABASE": target.database,
        "NEWSGRAPH_DATA_DIR": str(tmp_path_factory.mktemp("browser-data")),
        "HF_HUB_OFFLINE": "1",
        "NEWSGRAPH_EDITING": "1",  # the Audit page's undo; readers' pages show the same with it off
    }
    log = (tmp_path_factory.mktemp("browser-log") / "app.log").open("w")
    command = [str(Path(sys.executable).with_name("newsgraph")), "app", "--port", str(port), "--no-browser"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(app_url, tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    chrome.set_page_load_timeout(60)
    yield chrome
    chrome.quit()


def _open(browser, url: str) -> WebDriverWait:
    browser.get(url)
    wait = WebDriverWait(browser, 90)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='stApp']")))
    return wait


def _wait_text(browser, wait: WebDriverWait, text: str) -> None:
    wait.until(lambda b: text in b.find_element(By.TAG_NAME, "body").text)


def _assert_nothing_ran(browser) -> None:
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 — an alert from article text would be open here
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.title != "pwned"


def _submit_form(browser, fields: dict[str, str], button_label: str) -> None:
    """Type into a form's fields and press its button, again from the start if a rerun redraws the page meanwhile.

    A rerun (the embedding model's warm-up finishing) may replace the page's elements between finding one and
    using it; the form's values live in the elements, so both the typing and the click are done again.
    """

    def fill_and_press(b) -> bool:
        for label, value in fields.items():
            box = b.find_element(By.CSS_SELECTOR, f"input[aria-label='{label}']")
            box.clear()
            box.send_keys(value)
        buttons = [e for e in b.find_elements(By.TAG_NAME, "button") if e.text.strip() == button_label]
        if not buttons:
            return False
        buttons[0].click()
        return True

    _again_if_redrawn(browser, fill_and_press)


def _choose(browser, label: str, text: str) -> None:
    """Open the select box of that label and pick the first option holding ``text``."""

    def pick(b) -> bool:
        b.find_element(By.CSS_SELECTOR, f"input[aria-label^='{label}']").click()
        options = [e for e in b.find_elements(By.CSS_SELECTOR, "[role='option']") if text in e.text]
        if not options:
            return False
        options[0].click()
        return True

    _again_if_redrawn(browser, pick)


def _again_if_redrawn(browser, action):
    """Run ``action(browser)`` until it returns something true, from the start whenever an element it found went
    stale; what it returned."""
    redrawn = (StaleElementReferenceException, NoSuchElementException, NoSuchFrameException)
    return WebDriverWait(browser, 90, ignored_exceptions=redrawn).until(action)


def test_search_finds_an_entity(browser, app_url, tmp_path):
    wait = _open(browser, app_url + "/search")
    wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "input[aria-label^='Search people']")))

    def search(b) -> bool:
        box = b.find_element(By.CSS_SELECTOR, "input[aria-label^='Search people']")
        box.clear()
        box.send_keys("Stefanovic", Keys.ENTER)
        return True

    _again_if_redrawn(browser, search)
    _wait_text(browser, wait, "1 entities")
    browser.save_screenshot(str(tmp_path / "search.png"))
    assert "Entities" in browser.find_element(By.TAG_NAME, "body").text
    _assert_nothing_ran(browser)


def test_entity_profile_shows_roles_and_counts(browser, app_url, tmp_path):
    wait = _open(browser, f"{app_url}/entity?id={quote(FIXTURE.stefanovic, safe='')}")
    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Nebojša Stefanović"))
    _wait_text(browser, wait, "Statements made")
    _wait_text(browser, wait, "Relations (")  # the tabs come last
    # a rerun (the embedding model's warm-up finishing) may redraw the page: wait for its header as well
    _wait_text(browser, wait, "Also written: Stefanović")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Also written: Stefanović" in body and "2019-03-29" in body and "2021-10-01" in body
    assert "Roles (2)" in body and "Statements made (4)" in body
    browser.save_screenshot(str(tmp_path / "entity.png"))


def test_graph_page_draws_the_network_and_runs_no_article_script(browser, app_url, tmp_path):
    wait = _open(browser, f"{app_url}/graph?ids={quote(SCRIPT_PERSON, safe='')},{quote(FIXTURE.milic, safe='')}")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "iframe")))
    _wait_text(browser, wait, "entities,")

    def read_the_graph(b) -> dict | None:
        """Everything read inside the graph's frame, read again whole if a rerun replaces the frame meanwhile."""
        b.switch_to.default_content()
        b.switch_to.frame(b.find_element(By.CSS_SELECTOR, "iframe"))
        try:
            if not b.execute_script("return typeof network !== 'undefined'"):
                return None  # the frame's script has not drawn the network yet
            return {
                "labels": b.execute_script("return nodes.get().map(function (n) { return n.label; })"),
                # the relation's tooltip: the sentence and its date as text, no element made from the article's markup
                "tip": b.execute_script(
                    "var e = edges.get().filter(function (e) { return e.label === 'meets'; })[0];"
                    "return e && e.title ? [e.title.textContent, e.title.querySelectorAll('script, img').length]"
                    " : null;"
                ),
                "untouched": b.execute_script("return window.__pwned === undefined"),
                "canvases": b.execute_script("return document.querySelectorAll('#mynetwork canvas').length"),
            }
        finally:
            b.switch_to.default_content()

    graph = _again_if_redrawn(browser, read_the_graph)
    assert f"Mallory Script {IMG_PAYLOAD} {MARKDOWN}" in graph["labels"] and "Belgrade" in graph["labels"]
    tip = graph["tip"]
    assert tip is not None and PAYLOAD in tip[0] and "2021-11" in tip[0] and tip[1] == 0
    assert graph["untouched"] and graph["canvases"] == 1
    time.sleep(2)  # let the layout settle for the picture
    browser.save_screenshot(str(tmp_path / "graph.png"))
    _assert_nothing_ran(browser)


def test_article_markup_is_shown_as_text_and_never_runs(browser, app_url, tmp_path):
    wait = _open(browser, f"{app_url}/article?id={quote(SCRIPT_ARTICLE, safe='')}")
    _wait_text(browser, wait, "Mallory Script said")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert PAYLOAD in body  # the script tag is visible as text in the article …
    assert IMG_PAYLOAD in body
    headline = browser.find_element(By.TAG_NAME, "h1").text.replace(WORD_JOINER, "")
    assert f"{PAYLOAD} Breaking {MARKDOWN}" in headline  # … and in the headline
    assert MARKDOWN in body.replace(WORD_JOINER, "") and "__not__ **safe**" in body  # Markdown is shown as written

    def markup_made(b) -> list[str]:
        main = b.find_element(By.CSS_SELECTOR, "[data-testid='stMain']")
        found = main.find_elements(By.CSS_SELECTOR, "strong, em, code, a[href^='https://evil']")
        return [[e.get_attribute("outerHTML")[:300] for e in found]]  # a list in a list: true when empty too

    (made,) = _again_if_redrawn(browser, markup_made)
    assert not made, made
    browser.save_screenshot(str(tmp_path / "article.png"))
    _assert_nothing_ran(browser)
    hostile = _open(browser, f"{app_url}/article?id={quote(FIXTURE.hostile, safe='')}")
    _wait_text(browser, hostile, "onerror=alert(1)")
    _assert_nothing_ran(browser)


def test_readers_get_no_deploy_button_and_no_developer_menu(browser, app_url, tmp_path):
    wait = _open(browser, app_url + "/")
    _wait_text(browser, wait, "Overview")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='stToolbar']")))
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid='stAppDeployButton']")
    toolbar = _again_if_redrawn(browser, lambda b: [b.find_element(By.CSS_SELECTOR, "[data-testid='stToolbar']").text])
    assert "Deploy" not in toolbar[0]
    dialogs = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stDialog']")
    assert not dialogs, [d.text for d in dialogs]
    menu = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stMainMenu'] button")
    if menu:  # the reader's menu (print, theme) may stay; the developer's items must not be in it

        def menu_items(b) -> set[str]:
            if not b.find_elements(By.CSS_SELECTOR, "[data-testid='stMainMenuList']"):
                b.find_element(By.CSS_SELECTOR, "[data-testid='stMainMenu'] button").click()
            return set(b.find_element(By.CSS_SELECTOR, "[data-testid='stMainMenuList']").text.splitlines())

        shown = _again_if_redrawn(browser, menu_items)
        browser.save_screenshot(str(tmp_path / "menu.png"))
        assert shown and not {"Rerun", "Clear cache", "Deploy", "Developer options"} & shown, shown


def test_audit_page_shows_a_hostile_correction_as_text_and_undoes_it(browser, app_url, driver, neo4j_settings,
                                                                     tmp_path):  # fmt: skip
    database = neo4j_settings.neo4j_database
    made = record_correction(driver, database, "rename", SCRIPT_PERSON, {"name": f"{PAYLOAD} Mallory"},
                             editor=f"{IMG_PAYLOAD} ed", reason=f"{PAYLOAD} {MARKDOWN}")  # fmt: skip
    wait = _open(browser, app_url + "/audit")
    _wait_text(browser, wait, "Audit: corrections")
    _wait_text(browser, wait, "1 corrections, newest first")
    browser.save_screenshot(str(tmp_path / "audit.png"))
    _assert_nothing_ran(browser)
    _choose(browser, "Correction to undo", made.id)
    _submit_form(browser, {"Editor name": "bo"}, "Undo")
    _wait_text(browser, wait, f"renamed {PAYLOAD + ' Mallory'!r}")  # the change, in the message, as text
    records, _, _ = driver.execute_query(
        "MATCH (e:Entity {id: $id}) RETURN e.name AS name", id=SCRIPT_PERSON, database_=database
    )
    assert records[0]["name"] == f"Mallory Script {IMG_PAYLOAD} {MARKDOWN}"
    records, _, _ = driver.execute_query(
        "MATCH (c:Correction {id: $id}) RETURN c.status AS status, c.undone_by AS who", id=made.id, database_=database
    )
    assert (records[0]["status"], records[0]["who"]) == ("undone", "bo")
    browser.save_screenshot(str(tmp_path / "audit-undone.png"))
    _assert_nothing_ran(browser)


def test_quote_trail_marks_changed_words_and_runs_no_quoted_script(browser, app_url, driver, neo4j_settings,
                                                                   tmp_path):  # fmt: skip
    from tests.test_quote_trail_graph import _quote_article, _sid

    original = f"we will not let {PAYLOAD} this city flood again {IMG_PAYLOAD}"
    edited = f"we will never let {PAYLOAD} this city flood again {IMG_PAYLOAD}"
    GraphLoader(driver, neo4j_settings.neo4j_database).load(
        [
            _quote_article("browser:trail-1", original, "2022-01-01"),
            _quote_article("browser:trail-2", edited, "2022-01-02"),
        ]
    )
    wait = _open(browser, f"{app_url}/quote-trail?statement={quote(_sid('browser:trail-1', original), safe='')}")
    _wait_text(browser, wait, "Variants")
    _wait_text(browser, wait, "2 appearances in 2 outlets")
    browser.save_screenshot(str(tmp_path / "quote-trail.png"))

    def marked(b) -> tuple[list[str], list[str]]:
        added = [e.text for e in b.find_elements(By.CSS_SELECTOR, "ins.trail-added")]
        removed = [e.text for e in b.find_elements(By.CSS_SELECTOR, "del.trail-removed")]
        return added, removed  # a pair: true even when both are empty

    assert _again_if_redrawn(browser, marked) == (["never"], ["not"])
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1;" in body  # the quoted markup is shown as text
    _assert_nothing_ran(browser)
