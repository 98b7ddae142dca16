"""The HTML report opened in headless Chromium (Playwright on Debian's chromium package).

Each example's report must open without a console error or a failed
request, show every finding ``lint --format json`` gives, filter, draw its
SVG and print on A4 with a page per section. Skipped, with the reason, only
where Playwright or Chromium is not installed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govrules.cli import cli
from govrules.graph.svg import shutil as svg_shutil

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
BEFORE = sorted((ROOT / "examples").glob("*/before"))


def _lint_json(path: Path) -> list[dict[str, Any]]:
    done = CliRunner().invoke(cli, ["lint", "--format", "json", "--no-cache", str(path)])
    return [f for f in json.loads(done.stdout)["findings"] if f["suppressed"] is None]


def _write_report(path: Path, out: Path, *args: str) -> Path:
    done = CliRunner().invoke(
        cli, ["report", str(path), "-o", str(out), "--no-cache", *args], catch_exceptions=False
    )
    assert done.exit_code == 0, done.output
    return out


class Opened:
    """A page with everything the browser complained about collected."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def visible_codes(self) -> list[str]:
        return [
            a.get_attribute("id") or ""
            for a in self.page.locator("article.finding").all()
            if a.is_visible()
        ]


@pytest.fixture
def opened(browser: Any) -> Iterator[Any]:
    pages: list[Opened] = []

    def open_page(path: Path) -> Opened:
        pages.append(Opened(browser, path))
        return pages[-1]

    yield open_page
    for p in pages:
        p.context.close()


@pytest.mark.parametrize("before", BEFORE, ids=[p.parent.name for p in BEFORE])
def test_each_example_opens_cleanly_shows_every_finding_and_filters_by_severity(
    before: Path, tmp_path: Path, opened: Any
) -> None:
    expected = _lint_json(before)
    shown = opened(_write_report(before, tmp_path / "r.html"))
    page = shown.page
    assert shown.problems == []
    assert shown.requests == [(tmp_path / "r.html").as_uri()]
    articles = page.locator("article.finding")
    assert articles.count() == len(expected)
    for index, finding in enumerate(expected):
        article = articles.nth(index)
        assert article.get_attribute("data-severity") == finding["severity"]
        where = f"{finding['file']}:{finding['line']}:{finding['column']}"
        text = article.inner_text()
        assert finding["code"] in text and where in text and finding["message"] in text
    counter = page.locator("#shown")
    assert counter.inner_text() == f"{len(expected)} of {len(expected)} findings shown"

    page.locator("input[name=severity][value=error]").uncheck()
    kept = [f for f in expected if f["severity"] != "error"]
    visible = shown.visible_codes()
    assert len(visible) == len(kept)
    assert all(page.locator(f"#{v}").get_attribute("data-severity") != "error" for v in visible)
    assert counter.inner_text() == f"{len(kept)} of {len(expected)} findings shown"
    page.locator("input[name=severity][value=warning]").uncheck()
    page.locator("input[name=severity][value=info]").uncheck()
    assert shown.visible_codes() == []
    assert page.locator("#none-shown").is_visible()
    page.locator("input[name=severity][value=error]").check()
    errors = sum(1 for f in expected if f["severity"] == "error")
    assert len(shown.visible_codes()) == errors
    assert not page.locator("#none-shown").is_visible()
    assert shown.problems == []


def test_ruleset_and_organization_filters(tmp_path: Path, opened: Any) -> None:
    before = ROOT / "examples" / "01-work-organization" / "before"
    page = opened(_write_report(before, tmp_path / "r.html"))
    page.page.select_option("select[name=ruleset]", "responsibility")
    assert page.visible_codes() == ["finding-1", "finding-2", "finding-3", "finding-6"]
    page.page.select_option("select[name=ruleset]", "")
    page.page.select_option("select[name=organization]", "gemeente")
    # Both OWN001, the OWN002 (its owner) and the POL004 (its financing): four of seven.
    assert page.visible_codes() == ["finding-1", "finding-2", "finding-3", "finding-4"]
    page.page.select_option("select[name=ruleset]", "policy")
    assert page.visible_codes() == ["finding-4"]
    assert page.page.locator("#shown").inner_text() == "1 of 7 findings shown"


def test_the_svg_renders_and_a_marked_box_leads_to_its_finding(tmp_path: Path, opened: Any) -> None:
    if svg_shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)")
    before = ROOT / "examples" / "01-work-organization" / "before"
    shown = opened(_write_report(before, tmp_path / "r.html"))
    page = shown.page
    pictures = page.locator("figure.picture svg")
    assert pictures.count() == 3  # everything, money, supervision; no mandates in case 1
    for index in range(pictures.count()):
        box = pictures.nth(index).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
    nodes = page.locator("#view-all svg g.node")
    titles = [n.inner_html() for n in nodes.all()]
    assert any("<title>burgerzaken</title>" in t for t in titles)
    page.locator("#view-all svg a[*|href='#finding-1']").first.click()
    assert page.evaluate("location.hash") == "#finding-1"
    assert shown.problems == []


def test_the_print_stylesheet_applies(tmp_path: Path, opened: Any) -> None:
    before = ROOT / "examples" / "01-work-organization" / "before"
    shown = opened(_write_report(before, tmp_path / "r.html"))
    page = shown.page
    page.emulate_media(media="print")

    def style(selector: str, prop: str) -> str:
        value: str = page.eval_on_selector(
            selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')"
        )
        return value

    assert style("#filters", "display") == "none"
    assert style("nav.toc", "display") == "none"
    assert style("#summary", "break-before") == "auto"
    for section in ("#findings", "#accepted", "#structure"):
        assert style(section, "break-before") == "page"
    assert style("article.finding", "break-inside") == "avoid"
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    assert len(boxes) >= 4  # a page at least per section
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}  # A4 pt
    page.emulate_media(media="screen")
    assert style("#filters", "display") == "flex"


def test_a_dutch_report_in_the_browser(tmp_path: Path, opened: Any) -> None:
    before = ROOT / "examples" / "06-mandates" / "before"
    shown = opened(_write_report(before, tmp_path / "r.html", "--lang", "nl"))
    page = shown.page
    assert page.locator("h1").inner_text() == "Governancerapport"
    total = page.locator("article.finding").count()
    page.locator("input[name=severity][value=error]").uncheck()
    assert page.locator("#shown").inner_text().endswith(f"van {total} bevindingen getoond")
    assert shown.problems == []


AFTER = sorted((ROOT / "examples").glob("*/after"))


@pytest.mark.parametrize("after", AFTER, ids=[p.parent.name for p in AFTER])
def test_a_clean_model_opens_cleanly_and_says_so(after: Path, tmp_path: Path, opened: Any) -> None:
    assert _lint_json(after) == []
    shown = opened(_write_report(after, tmp_path / "r.html"))
    page = shown.page
    assert page.locator("article.finding").count() == 0
    assert page.locator("#findings").inner_text().endswith("There are no findings.")
    assert page.locator("p.totals").inner_text() == (
        "No findings: the model meets every rule checked."
    )
    if svg_shutil.which("dot") is not None:
        assert page.locator("#view-all svg g.node").count() > 0
    assert shown.problems == []
