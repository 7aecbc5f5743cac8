"""The HTML report, checked in a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.html import safe_link
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a root user on a machine without network (see the workplace notes on Chromium).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
XSS_ARTICLE = """# Operation Unified Protector <script>window.__pwned = 1</script>

This post was written with the help of AI <img src=x onerror="window.__pwned = 2">.

## Operation Unified Protector

Operation Unified Protector began in 2011 <script>window.__pwned = 3</script> and enforced an arms embargo.
It was [a success](javascript:window.__pwned=4) according to <a href="javascript:window.__pwned=5">NATO</a>.
"""


def run_report(args: list[str]) -> str:
    """The CLI's output for a report command run from the repository root."""
    result = CliRunner().invoke(cli, ["report", "--as-of", "2026-11-21", "--no-cache", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The HTML and JSON reports of articles/."""
    out = tmp_path_factory.mktemp("html")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        run_report(["articles/", "--format", "html", "--output", str(out / "report.html")])
        data = json.loads(run_report(["articles/", "--format", "json"]))
    return out / "report.html", data


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Headless Chromium from the system, launched once for this module."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium package)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, reports: tuple[Path, dict]):
    """The report of articles/ open in a fresh page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(reports[0].as_uri())
    yield page
    context.close()


def test_every_claim_has_exactly_one_highlight(page, reports: tuple[Path, dict], tmp_path: Path) -> None:
    """Each claim of the JSON report is highlighted once, with its verdict; the screenshot is kept."""
    _, data = reports
    marks = page.eval_on_selector_all("mark.claim", "els => els.map(e => [e.dataset.claimId, e.dataset.verdict])")
    expected = [[c["id"], c["verdict"]] for d in data["documents"] for c in d["claims"]]
    assert sorted(marks) == sorted(expected)
    assert len({m[0] for m in marks}) == len(marks)
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_highlights_are_reachable_and_explain_themselves(page) -> None:
    """Tab reaches a claim; focusing it shows its verdict, explanation and source links."""
    first = page.locator("mark.claim").first
    first.focus()
    tip = first.locator(".tip")
    assert tip.is_visible()
    assert "Verdict" in tip.inner_text() and "Why" in tip.inner_text()
    assert page.eval_on_selector_all("mark.claim", "els => els.every(e => e.tabIndex === 0)")


def test_filter_hides_supported_claims(page) -> None:
    """The filter takes the highlight off supported claims and leaves the others."""
    supported = page.locator('mark.claim[data-verdict="supported"]').first
    contradicted = page.locator('mark.claim[data-verdict="contradicted"]').first
    assert supported.locator(".tag").is_visible()
    page.check("#only-review")
    assert not supported.locator(".tag").is_visible()
    assert supported.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert contradicted.locator(".tag").is_visible()


def test_libya_disagreement_shows_both_sides(page) -> None:
    """The outcome disagreement about the Libya intervention sets the two articles side by side."""
    block = page.locator('.disagreement[data-subject="operation-unified-protector"][data-aspect="outcome"]')
    assert block.count() == 1
    sides = block.locator(".side")
    assert sides.count() == 2
    text = block.inner_text()
    assert "articles/nato-intervention-missions.txt" in text
    assert "articles/nato-sovereignty-and-intervention.txt" in text
    assert "Critics argue" in text


def test_script_in_an_article_never_runs(browser, tmp_path: Path) -> None:
    """Markup in an article is shown as text: no script runs and no javascript: link appears."""
    article = tmp_path / "xss.md"
    article.write_text(XSS_ARTICLE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        run_report([str(article), "--format", "html", "--output", str(tmp_path / "xss.html")])
    context = browser.new_context()
    page = context.new_page()
    page.goto((tmp_path / "xss.html").as_uri())
    try:
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("script").count() == 1  # the report's own
        assert page.eval_on_selector_all("a", "els => els.filter(a => !/^(https?:|#)/.test(a.getAttribute('href')))"
                                               ".length") == 0
        assert "<script>window.__pwned = 3</script>" in page.locator(".article").inner_text()
        page.locator("mark.claim").first.focus()
        assert page.evaluate("() => window.__pwned") is None
    finally:
        context.close()


@pytest.mark.parametrize(("url", "linked"), [
    ("https://www.nato.int/cps/en/natohq/topics_48818.htm", True),
    ("http://press.un.org/en/2011/sc10200.doc.htm", True),
    ("javascript:alert(1)", False),
    ('https://x.org/"onmouseover="alert(1)', False),
    ("data:text/html,<script>", False),
])
def test_only_http_links(url: str, linked: bool) -> None:
    """Only http(s) URLs become links; anything else is escaped text."""
    html = safe_link(url)
    assert html.startswith("<a ") is linked
    assert "<script>" not in html


def test_html_is_deterministic(tmp_path: Path) -> None:
    """Without --timestamp two renderings are byte-identical."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        first = run_report(["articles/", "--format", "html"])
        second = run_report(["articles/", "--format", "html"])
    assert first == second
    assert "<script src" not in first and "<link" not in first and "http-equiv=\"Content-Security-Policy\"" in first
