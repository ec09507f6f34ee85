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


def section(page: str, anchor: str) -> str:
    """The part of the page from the heading with id `anchor` to the next section heading."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end != -1 else len(page)]


def marked_entries(html_part: str) -> dict[str, str]:
    """data-entry -> class, for every block and row that carries an entry key."""
    return {key: classes for classes, key in re.findall(r'<(?:tr|div) class="([^"]*)" data-entry="([^"]+)"', html_part)}


def test_every_answer_in_every_locale_and_every_quote_is_on_the_page(page, content):
    import review
    text = text_of(page)
    # GIVEN each text as it will be spoken (answers, closes, directions, prompts), in each locale
    # THEN it is on the page: in full for en-US, and for the others either as the en-US text
    # (when word for word the same) or in the locale's list of differences
    for local in content.locales.values():
        for key, entry in review.entries(local, content).items():
            assert " ".join(entry["spoken"].split()) in text, (local.locale, key)
        # and the numbers with their sources
        for value in (local.emergency_number, local.crisis_number, *local.number_sources.values()):
            assert value in text
    # AND every source quote the content rests on
    for grounds in content.grounds.values():
        for quote in grounds.source:
            assert " ".join(quote.split()) in text, quote


def test_the_page_marks_urgent_answers_and_names_its_revision(page, content):
    urgent = [t for t in content.default.topics.values() if t.urgent]
    assert page.count('class="tag">urgent: ') == len(urgent)  # in the en-US answers, read once
    assert re.search(r"revision [0-9a-f]{7}", page) or "not committed" in page
    assert "Sign-off" in page


# --- what differs between locales: each text read once -------------------------------------

def test_other_locales_show_exactly_the_texts_that_differ_from_en_us(page, content):
    import review
    base = review.entries(content.default, content)
    for code, local in content.locales.items():
        if local is content.default:
            continue
        # GIVEN the texts of this locale whose spoken words differ from en-US's
        differ = {key for key, entry in review.entries(local, content).items()
                  if entry["spoken"] != base[key]["spoken"]}
        # THEN its section lists those and no other (the rest are the en-US text, read once)
        assert set(marked_entries(section(page, code))) == differ, code
        assert differ, f"{code} says every text exactly as en-US does: is its spelling or number applied?"


def test_the_differing_words_are_marked_with_what_en_us_says(page):
    gb = section(page, "en-GB")
    # spelling: the en-GB word marked, the en-US word beside it; the emergency number likewise
    assert '<mark data-was="tumor">tumour</mark>' in gb
    assert re.search(r'<mark data-was="[^"]*one one[^"]*">[^<]*nine nine[^<]*</mark>', gb)
    # and the style shows the en-US words (no script: CSS generated content)
    assert "attr(data-was)" in page


def test_an_answer_the_same_in_every_locale_is_on_the_page_once(page, content):
    import review
    # (answers only: the closes are shown under each urgent answer by design)
    texts = [review.entries(local, content) for local in content.locales.values()]
    same = [key for key in texts[0] if key.startswith(("topics.", "cancers."))
            and len({t[key]["spoken"] for t in texts}) == 1 and len(texts[0][key]["spoken"].split()) >= 12]
    assert same, "no long text is the same in every locale"
    text = text_of(page)
    for key in same:
        spoken = texts[0][key]["spoken"]
        uses = sum(1 for k, e in texts[0].items() if k.startswith(("topics.", "cancers.")) and e["spoken"] == spoken)
        assert text.count(" ".join(spoken.split())) == uses, key  # once per answer that says it, not per locale


@pytest.mark.parametrize("text, base, shown, was", [
    ("call nine nine nine now", "call nine one one now", "call nine nine nine now", ['data-was="one one"']),
    ("a tumour grows", "a tumor grows", "a tumour grows", ['data-was="tumor"']),
    ("call now", "call your doctor now", "call now", ['class="gone" data-was="your doctor"']),
    ("call your GP now", "call now", "call your GP now", ['<mark class="added">your GP</mark>']),
    ("say <this> & that", "say <this> & this", "say <this> & that", ['data-was="this"']),
])
def test_marked_keeps_the_locales_words_and_carries_en_us_words(text, base, shown, was):
    import review
    html_text = str(review.marked(text, base))
    # THEN the page's text is exactly the locale's words, escaped, and the en-US words ride along
    assert text_of(html_text) == shown
    assert "<this>" not in html_text
    for fragment in was:
        assert fragment in html_text


# --- texts that are ours rather than the article's: labelled, to be signed too ------------------

def test_every_text_that_is_ours_is_labelled_in_en_us(page, content):
    import review
    full = section(page, content.default.locale)
    marks = marked_entries(full)
    # GIVEN the entries that rest on a basis (ours) rather than on article quotes alone
    expected = {f"prompts.{key}" for key in content.default.prompts if content.grounds[f"prompts.{key}"].basis}
    expected |= {f"safety.{key}" for key in content.default.safety
                 if content.grounds[f"safety.{key.split('.')[0]}"].basis}
    expected |= {f"topics.{t.id}" for t in content.default.topics.values()
                 if content.grounds[f"{t.kind}.{t.id}"].basis and t.kind == "topics"}
    expected |= {"closes"} if content.grounds["closes"].basis else set()
    assert expected, "the content has no text of ours?"
    # THEN exactly those carry the mark, each with the visible label and its basis
    assert {key for key, classes in marks.items() if "ours" in classes.split()} == expected
    rows = re.findall(r'<(?:tr|div) class="[^"]*\bours\b[^"]*" data-entry="([^"]+)"(.*?)</(?:tr|div)>', full, re.S)
    for key, row in rows:
        assert "our text</span>" in row and "(basis: " in row, key
    # and the count the page announces is the number of our texts
    assert f"marks the {sum(1 for e in review.entries(content.default, content).values() if e['ours'])} texts" \
        in " ".join(page.split())


def test_ours_says_how_much_is_ours(content):
    import review
    assert review.ours(content.grounds["prompts.welcome"]) == "ours, not the article's"
    assert review.ours(content.grounds["prompts.fallback"]) == "ours, around the article's words"
    assert review.ours(content.grounds["topics.osteoblastic"]) is None


def test_our_texts_among_a_locales_differences_are_labelled_too(page, content):
    import review
    gb = section(page, "en-GB")
    rows = marked_entries(gb)
    entries = review.entries(content.locales["en-GB"], content)
    # the emergency direction differs in en-GB (its number) and is ours: it is labelled there too
    ours_rows = {key for key in rows if entries[key]["ours"]}
    assert ours_rows, "no text of ours differs in en-GB"
    assert all("ours" in rows[key].split() for key in ours_rows)
    assert all("ours" not in rows[key].split() for key in set(rows) - ours_rows)


def test_the_sign_off_covers_our_texts_and_the_differences(page):
    sign = section(page, "sign-off")
    assert "our text" in sign and "what differs in each other locale" in sign


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
    # THEN it laid out the whole review (en-US in full is long), with no console errors
    assert heading.startswith("Content review")
    assert height > 20000
    assert errors == []
    assert shot.stat().st_size > 10000
