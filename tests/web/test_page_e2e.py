"""The page in a real headless Chromium (Playwright driving Debian's /usr/bin/chromium).

Skips only when the ``playwright`` package or a Chromium binary is missing.
Install: ``apt-get install chromium`` and ``pip install playwright`` (no ``playwright install``).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)

from tomtat.web import create_app  # noqa: E402

DEMO_DIR = Path(__file__).resolve().parents[2] / "examples" / "demo"
CHROMIUM = os.environ.get("TOMTAT_CHROMIUM") or next(
    filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
if CHROMIUM is None:
    pytest.skip("no Chromium binary (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """uvicorn on a free loopback port, in a thread, for the module's tests."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server_url):
    """The page in Chromium; no test may leave an error in the console (a 404 favicon, a
    script error), except the failed request its own test asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda m: m.type == "error" and page.console_errors.append(m.text),
    )
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))
    page.goto(server_url)
    yield page
    context.close()


ENGLISH_ARTICLE = (
    "The city council approved the new bridge on Monday after a long debate. Construction will "
    "start next spring and is expected to take two years. The mayor said the bridge would cut "
    "travel times across the river by half, while critics worried about the cost to taxpayers."
)


def paste_articles(page, texts: list[str]) -> None:
    while page.locator("#articles .article").count() < len(texts):
        page.click("#add-article")
    for i, text in enumerate(texts):
        page.locator("#articles .article textarea").nth(i).fill(text)


def test_summarize_demo_cluster_and_trace_a_sentence(page, tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO_DIR.glob("*.txt"))]
    assert len(texts) == 5
    paste_articles(page, texts)
    page.locator("#articles .article .title").first.fill("<b>Bài thứ nhất</b>")
    page.select_option("#max-words", "100")
    page.click("#submit")

    sentences = page.locator("#summary .sentence")
    sentences.first.wait_for(state="visible", timeout=120_000)
    assert page.locator("#error").is_hidden()
    assert sentences.count() >= 2
    assert "tiếng" in page.locator("#n-words").inner_text()  # the budget's one unit

    target = sentences.nth(1)
    target.click()
    sentence_text = target.locator(".sentence-text").inner_text()
    mark = page.locator("#source-text mark")
    mark.wait_for(state="visible")
    assert mark.inner_text() == sentence_text
    assert "active" in (target.get_attribute("class") or "")
    # the cited article is the one shown, and its text holds the highlighted sentence
    cite = target.locator(".cite").inner_text()  # "[Bài N, câu M]"
    n = int(cite.split(",")[0].removeprefix("[Bài "))
    source_title = page.locator("#source-title").inner_text()
    if n == 1:  # a user's title is shown as text, never parsed as markup
        assert source_title == "<b>Bài thứ nhất</b>"
    assert page.locator("#source-title b").count() == 0
    assert sentence_text in page.locator("#source-text").inner_text()

    # hovering another sentence moves the highlight
    sentences.first.hover()
    assert page.locator("#source-text mark").inner_text() == (
        sentences.first.locator(".sentence-text").inner_text()
    )

    # four events, one block each, its date as the heading, in date order
    headings = page.locator("#summary .event .event-date").all_inner_texts()
    assert headings == [
        "11/12/2023 (năm suy ra)", "17/12/2023 (năm suy ra)", "22/4/2024 (năm suy ra)",
        "11-13/7/2024 (năm suy ra)",
    ]  # fmt: skip
    assert page.locator("#summary .event").first.locator(".sentence").count() >= 1
    # a readable timeline: at most twelve dates and a line saying the JSON holds the rest,
    # dates written as the event headings write them (d/m/yyyy)
    assert page.locator("#timeline li").count() <= 13
    talks = page.locator("#timeline li", has_text="11/12").first.locator("time").inner_text()
    assert talks == "11/12/2023 (năm suy ra)" == headings[0]
    assert not [t for t in page.locator("#timeline time").all_inner_texts() if re.search(r"\d{4}-\d\d", t)]

    # the timeline shows a range with both ends: "ngày 15-18/12" is not just the 15th; and
    # it shows event days only ("trong quý I năm 2024" frames a figure: a period, JSON only)
    visit = page.locator("#timeline li", has_text="ngày 15-18/12").first
    assert visit.locator("time").inner_text() == "15-18/12/2023 (năm suy ra)"
    assert page.locator("#timeline li", has_text="quý I năm 2024").count() == 0

    # at a glance: no scroll box, and with the result at the top of the window every key date
    # (the events' own dates) is in view
    timeline = page.locator("#timeline")
    assert timeline.evaluate("t => t.scrollHeight <= t.clientHeight + 1")
    page.evaluate("window.scrollTo(0, document.querySelector('#result').offsetTop)")
    keys = page.locator("#timeline li.key time")
    assert keys.count() >= 4
    height = page.viewport_size["height"]
    for i in range(keys.count()):
        box = keys.nth(i).bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height, keys.nth(i).inner_text()
    for heading in headings:  # each event's date is among them, in the same words
        assert heading in page.locator("#timeline li.key time").all_inner_texts()

    shot = tmp_path / "tomtat-page.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert page.console_errors == []  # the favicon too: an inline data: URI, no request


def test_article_warnings_shown_before_the_summary(page):
    """An English article is flagged above the summary; what cleaning removed shows on request."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO_DIR.glob("*.txt"))][:2]
    paste_articles(page, [*texts, ENGLISH_ARTICLE])
    page.locator("#articles .article .title").nth(2).fill("Cây cầu mới")
    page.click("#submit")
    page.locator("#summary .sentence").first.wait_for(state="visible", timeout=120_000)
    flag = page.locator("#flags li.foreign")
    assert flag.count() == 1 and flag.is_visible()
    assert flag.inner_text().startswith("Bài 3 (Cây cầu mới): có vẻ không phải tiếng Việt")
    assert "does not look" not in page.locator("#notes").inner_text()
    # before the summary: above it on the page, and first among the notes
    assert page.evaluate(
        "() => document.querySelector('#flags li.foreign').getBoundingClientRect().bottom"
        " <= document.querySelector('#summary').getBoundingClientRect().top"
    )
    assert page.locator("#flags li").first.get_attribute("class") == "flag foreign"
    # what cleaning removed, and why, only when asked
    removed = page.locator("#notes-docs .removed li")
    assert removed.count() >= 1 and not removed.first.is_visible()
    page.locator("#notes-more summary").click()
    assert removed.first.is_visible()
    whys = page.locator("#notes-docs .why").all_inner_texts()
    assert whys and not any(re.fullmatch(r"[a-z-]+: ", w) for w in whys)  # Vietnamese, not codes
    assert page.console_errors == []


def test_api_error_is_shown(page):
    paste_articles(page, ["…"])
    page.click("#submit")
    error = page.locator("#error")
    error.wait_for(state="visible", timeout=60_000)
    assert error.inner_text() == "Lỗi: bài 1: trống: không có chữ cái hay chữ số nào"  # as the boxes count
    assert page.locator("#result").is_hidden()


def test_empty_form_asks_for_an_article(page):
    page.click("#submit")
    assert page.locator("#error").inner_text() == "Hãy dán ít nhất một bài báo."


def test_article_boxes_can_be_added_and_removed(page):
    boxes = page.locator("#articles .article")
    assert boxes.count() == 2
    page.click("#add-article")
    assert boxes.count() == 3
    assert boxes.nth(2).locator("legend").inner_text() == "Bài 3"
    boxes.nth(0).locator(".remove").click()
    assert boxes.count() == 2
    assert boxes.nth(1).locator("legend").inner_text() == "Bài 2"


def test_chosen_files_fill_article_boxes(page, tmp_path):
    txt = tmp_path / "bai-1.txt"
    txt.write_text("Hà Nội mưa lớn chiều 5/9, nhiều tuyến phố ngập sâu.", encoding="utf-8")
    html = tmp_path / "bai-2.html"
    html.write_text("<html><body><p>Mưa lớn ở Hà Nội.</p></body></html>", encoding="utf-8")
    page.set_input_files("#files", [str(txt), str(html)])
    boxes = page.locator("#articles .article")
    page.wait_for_function("document.querySelectorAll('#articles textarea')[1].value !== ''")
    assert boxes.nth(0).locator("textarea").input_value().startswith("Hà Nội mưa lớn")
    assert boxes.nth(1).get_attribute("data-kind") == "html"
    assert "bai-2.html" in boxes.nth(1).locator(".kind").inner_text()


def test_facts_box_shows_the_short_list_and_the_rest_on_demand(page):
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO_DIR.glob("*.txt"))]
    paste_articles(page, texts)
    page.click("#submit")
    page.locator("#summary .sentence").first.wait_for(state="visible", timeout=120_000)
    shown = page.locator("#facts > li")
    assert 8 <= shown.count() <= 16  # about 8 figures and 8 names
    for i in range(shown.count()):  # every item of the short list is in view, none cut off
        assert shown.nth(i).is_visible()
    labels = page.locator("#facts .meta").all_inner_texts()
    assert any("người" in t for t in labels) and any("địa điểm" in t for t in labels)
    assert not any("person" in t or "location" in t for t in labels)
    rest = page.locator("#facts-rest")
    assert rest.is_visible() and "Xem thêm" in rest.locator("summary").inner_text()
    rest.locator("summary").click()
    assert page.locator("#facts-more > li").first.is_visible()
