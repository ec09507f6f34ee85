"""`make review`: the page a clinician signs off, complete, self-contained, and rendering in a browser."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def page(article):
    import review
    return review.build_page(article=article)


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_every_answer_in_every_locale_and_every_quote_is_on_the_page(page, content):
    import review
    text = text_of(page)
    # GIVEN each answer as it will be spoken, in each locale THEN it is on the page
    for local in content.locales.values():
        for topic in local.topics.values():
            for stage in topic.stages:
                assert " ".join(review.spoken(getattr(topic, stage), local).split()) in text, (local.locale, topic.id)
        for variants in local.closes.values():
            for close in variants:
                assert " ".join(review.spoken(close, local).split()) in text
        # and the numbers with their sources
        for value in (local.emergency_number, local.crisis_number, *local.number_sources.values()):
            assert value in text
    # AND every source quote the content rests on
    for grounds in content.grounds.values():
        for quote in grounds.source:
            assert " ".join(quote.split()) in text, quote


def test_the_page_marks_urgent_answers_and_names_its_revision(page, content):
    urgent = [t for t in content.default.topics.values() if t.urgent]
    assert page.count('class="tag">urgent: ') == len(urgent) * len(content.locales)
    assert re.search(r"revision [0-9a-f]{7}", page) or "not committed" in page
    assert "Sign-off" in page


def test_the_page_is_self_contained(page):
    # no scripts, no stylesheets or images from elsewhere: it opens offline and archives as one file
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium); "
                                              ".ci/run installs it")
def test_the_page_renders_in_a_real_browser(page, tmp_path):
    from playwright.sync_api import sync_playwright

    # GIVEN the page written to a file, opened in headless Chromium from Debian's packages
    path = tmp_path / "content-review.html"
    path.write_text(page, encoding="utf-8")
    errors: list[str] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            tab = browser.new_page(viewport={"width": 1200, "height": 900})
            tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.goto(path.as_uri())
            height = tab.evaluate("document.documentElement.scrollHeight")
            heading = tab.inner_text("h1")
            shot = tmp_path / "review.png"
            tab.screenshot(path=str(shot))
        finally:
            browser.close()
    # THEN it laid out the whole review (all five locales are long), with no console errors
    assert heading.startswith("Content review")
    assert height > 20000
    assert errors == []
    assert shot.stat().st_size > 10000
