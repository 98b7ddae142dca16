"""The HTML report as a document: every finding, escaped, self-contained, both languages."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from html_support import Page
from hypothesis import given, settings
from hypothesis import strategies as st

from govrules.graph import svg as svg_module
from govrules.report.html import csp_hash
from govrules.report.html_page import MAX_MARKED_LINES, excerpt
from govrules.report.make import make_report
from govrules.report.structure import VIEWS
from govrules.workspace import lint_paths

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
BEFORE = sorted(EXAMPLES.glob("*/before"))
JUNE = datetime.date(2026, 6, 1)
TEMPLATES = ROOT / "src" / "govrules" / "report" / "templates"


def _page(path: Path | str, **options: object) -> tuple[Page, str]:
    made = make_report([str(path)], **options)  # type: ignore[arg-type]
    return Page(made.html), made.html


@pytest.mark.parametrize("before", BEFORE, ids=[p.parent.name for p in BEFORE])
def test_every_finding_lint_gives_is_in_the_report_with_its_place(before: Path) -> None:
    report = lint_paths([str(before)])
    page, _text = _page(before)
    articles = page.all("article", class_="finding")
    expected = [
        (f.code, f.severity.label, str(f.location), f.ruleset or "model") for f in report.active()
    ]
    shown = [
        (
            page_code(a),
            a.attrs["data-severity"],
            a.content.split("Where ")[1].split(" ")[0],
            a.attrs["data-ruleset"],
        )
        for a in articles
    ]
    assert shown == expected
    assert [a.attrs["id"] for a in articles] == [
        f"finding-{i}" for i in range(1, len(expected) + 1)
    ]


def page_code(article: object) -> str:
    text = article.content  # type: ignore[attr-defined]
    return re.findall(r"\b[A-Z]{2,3}[0-9]{3}\b", text)[0]


def test_the_first_case_in_detail() -> None:
    page, _text = _page(EXAMPLES / "01-work-organization" / "before")
    first = page.all("article", class_="finding")[0]
    assert first.attrs["data-severity"] == "error"
    assert first.attrs["data-ruleset"] == "responsibility"
    # Not owned, financed from the municipality to the work organization: both concerned.
    assert first.attrs["data-organizations"] == "gemeente werkorganisatie"
    text = first.content
    assert "OWN001 Every financed product has exactly one owner" in text
    assert "product burgerzaken is financed by bijdrage_2026 but has 0 owners" in text
    assert "How to fix it: name exactly one owner in product burgerzaken" in text
    assert "Source: docs/cases.md, case 1" in text
    marked = [e for e in page.all("span", class_="marked") if e in _inside(page, first)]
    assert [m.content for m in marked] == ['5 product burgerzaken "Burgerzaken"']
    totals = page.one("p", class_="totals").content
    assert totals == "Errors: 3 · warnings: 4 · infos: 0"
    rows = [r.content for r in page.all("tr")]
    assert "Gemeente Oostdal gemeente 2 2 0" in rows
    assert "Werkorganisatie Oostdal werkorganisatie 3 4 0" in rows
    assert "responsibility 2 2 0" in rows


def _inside(page: Page, parent: object) -> list[object]:
    start = page.elements.index(parent)  # type: ignore[arg-type]
    following = page.elements[start + 1 :]
    end = next((i for i, e in enumerate(following) if e.tag == "article"), len(following))
    return following[:end]  # type: ignore[return-value]


def test_user_text_is_escaped_and_the_page_fetches_nothing(small: Path) -> None:
    page, text = _page(small, as_of=JUNE)
    # Only the report's own script: the label's <script> is text, in the page and in the SVG.
    assert text.count("<script") == 1
    assert "Gemeente &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert text.count("<svg") == text.count("</svg>") == len(page.all("svg"))
    assert "<script>alert" not in text
    # Nothing outside the file: no src, no external href, no url() in the style sheet.
    assert not page.all("img") and not page.all("link")
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:|//)""", text)
    assert "url(" not in text
    csp = page.one("meta", http_equiv="Content-Security-Policy").attrs["content"]
    style = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    assert csp == (
        f"default-src 'none'; style-src '{csp_hash(style)}'; "
        f"script-src '{csp_hash(script)}'; img-src data:"
    )
    assert f"<style>{style}</style>" in text and f"<script>{script}</script>" in text


def test_a_suppressed_finding_is_an_accepted_exception_with_reason_and_end(small: Path) -> None:
    page, _text = _page(small, as_of=JUNE)
    codes = [page_code(a) for a in page.all("article", class_="finding")]
    assert codes == ["OWN001", "POL004"]
    row = page.one("tr", class_="acceptance")
    assert row.attrs["data-code"] == "COL006"
    assert "de ondernemingsraad wordt opgericht m.gov:5:1" in row.content
    assert "2026-06-30 ends within 90 days" in row.content
    assert "(1 accepted as exceptions, listed apart)" in page.one("p", class_="totals").content


def test_as_of_past_the_end_date_makes_the_finding_count_again(small: Path) -> None:
    page, _text = _page(small, as_of=datetime.date(2026, 7, 1))
    codes = [page_code(a) for a in page.all("article", class_="finding")]
    assert codes == ["COL006", "OWN001", "POL004"]
    assert not page.all("tr", class_="acceptance")
    assert "that acceptance has expired" in page.all("article", class_="finding")[0].content
    meta = page.one("p", class_="meta").content
    assert "rules applied as of 2026-07-01" in meta


def test_a_baseline_entry_is_listed_as_accepted_by_the_baseline(small: Path) -> None:
    from govrules.baseline import write_baseline

    report = lint_paths(["."], as_of=JUNE)
    baseline = small / "baseline.json"
    baseline.write_text(write_baseline(report.findings), encoding="utf-8")
    page, _text = _page(small, as_of=JUNE, baseline=str(baseline))
    assert not page.all("article", class_="finding")
    rows = page.all("tr", class_="acceptance")
    assert [r.attrs["data-code"] for r in rows] == ["COL006", "OWN001", "POL004"]
    assert "accepted by the baseline file" in rows[1].content
    assert "recorded in the baseline as an existing finding" in rows[1].content
    assert "no end date" in rows[1].content


def test_dutch(small: Path) -> None:
    page, _text = _page(small, as_of=JUNE, lang="nl")
    assert page.one("html").attrs["lang"] == "nl"
    assert page.one("h1").content == "Governancerapport"
    assert [h.content for h in page.all("h2")] == [
        "Samenvatting",
        "Bevindingen",
        "Aanvaarde uitzonderingen",
        "Structuur",
    ]
    assert page.one("p", class_="totals").content.startswith(
        "Fouten: 1 · waarschuwingen: 1 · meldingen: 0"
    )
    assert page.one("output", id="shown").content == "2 van 2 bevindingen getoond"
    assert page.one("output", id="shown").attrs["data-template"] == (
        "{shown} van 2 bevindingen getoond"
    )
    if svg_module.shutil.which("dot") is not None:
        assert "Legenda (weergave: alle relaties)" in _text
        assert "fout OWN001" in _text


def test_the_structure_is_drawn_per_question_with_links_to_findings(small: Path) -> None:
    if svg_module.shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)")
    page, text = _page(small, as_of=JUNE)
    figures = page.all("figure", class_="picture")
    assert [f.attrs["data-view"] for f in figures] == [v.name for v in VIEWS]
    assert [f.content.split(" ")[0] for f in figures] == ["The", "Who", "Who", "Who"]
    # The whole picture and the money picture are drawn; nobody supervises, no mandates.
    drawn = [f.attrs["data-view"] for f in figures if "<svg" in _figure(text, f)]
    assert drawn == ["all", "financing"]
    assert "The model has nothing of this kind to draw." in figures[2].content
    # The product with OWN001 links to that finding; the financing to POL004's.
    all_view = _figure(text, figures[0])
    assert 'xlink:href="#finding-1"' in all_view
    assert 'xlink:href="#finding-2"' in all_view


def _figure(text: str, figure: object) -> str:
    view = figure.attrs["data-view"]  # type: ignore[attr-defined]
    start = text.index(f'data-view="{view}"')
    return text[start : text.index("</figure>", start)]


def test_without_graphviz_the_report_is_written_with_a_note(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svg_module.shutil, "which", lambda name: None)
    page, text = _page(small, as_of=JUNE)
    assert "<svg" not in text
    notes = [f.content for f in page.all("figure", class_="picture")]
    assert sum("Graphviz's dot is not installed" in n for n in notes) == 2
    assert len(page.all("article", class_="finding")) == 2


def test_a_picture_too_large_to_read_is_replaced_by_how_to_draw_a_part(small: Path) -> None:
    from govrules.loader import load
    from govrules.report.structure import draw_pictures

    model = load([str(small / "m.gov")])
    pictures = draw_pictures(model, (), "en", max_nodes=2)
    assert pictures[0].svg is None
    assert pictures[0].note == (
        "Not drawn: the picture would have at least 3 boxes (more than 2), too many to read. "
        "Draw a part with: govrules graph --focus ID --format svg"
    )
    assert pictures[1].note.endswith(
        "Draw a part with: govrules graph --view financing --focus ID --format svg"
    )


def test_excerpt_marks_the_lines_of_the_finding_with_context() -> None:
    lines = [f"line {n}" for n in range(1, 31)]
    shown = excerpt(lines, 5, 6)
    assert [(s.number, s.marked) for s in shown] == [
        (3, False),
        (4, False),
        (5, True),
        (6, True),
        (7, False),
        (8, False),
    ]
    assert [s.number for s in excerpt(lines, 1, 1)] == [1, 2, 3]
    long = excerpt(lines, 10, 29)
    assert [s.number for s in long if s.marked] == list(range(10, 10 + MAX_MARKED_LINES))
    assert excerpt(lines, 31, 31) == () and excerpt(lines, 0, 0) == ()
    assert excerpt(["a\tb\x1b"], 1, 1)[0].text == "a   b\ufffd"


def test_no_finding_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.gov").write_text('organization a "A"\n', encoding="utf-8")
    page, _text = _page(tmp_path)
    assert page.one("p", class_="totals").content == (
        "No findings: the model meets every rule checked."
    )
    assert not page.all("form")
    assert "There are no findings." in page.one("section", id="findings").content


def test_every_text_id_the_template_uses_is_in_the_catalogue() -> None:
    from govrules.messages.english import CATALOG

    template = (TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    used = set(re.findall(r"""\bt\(\s*["']([a-z.-]*[a-z])["']""", template))
    used |= {f"report.severity.{s}" for s in ("error", "warning", "info")}
    assert len(used) > 30
    assert sorted(used - set(CATALOG)) == []


def test_the_json_of_lint_and_the_report_agree_on_the_count(small: Path) -> None:
    from click.testing import CliRunner

    from govrules.cli import cli

    done = CliRunner().invoke(cli, ["lint", "--format", "json", "--no-cache", "."])
    active = [f for f in json.loads(done.output)["findings"] if f["suppressed"] is None]
    page, _text = _page(small)
    assert len(page.all("article", class_="finding")) == len(active)


def test_a_model_that_does_not_load_is_reported_with_its_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.gov").write_text(
        'organization a "A" {\n  kind municipality\n  ownr x\n}\nproduct p {\n', encoding="utf-8"
    )
    page, _text = _page(tmp_path)
    articles = page.all("article", class_="finding")
    assert [(page_code(a), a.attrs["data-ruleset"]) for a in articles] == [
        ("GR202", "model"),
        ("GR101", "model"),
    ]
    assert "Where m.gov:3:3" in articles[0].content
    assert "Where m.gov:5:11" in articles[1].content
    assert articles[0].attrs["data-organizations"] == "a"
    assert [r.content for r in page.all("tr")][1] == "model 2 0 0"


def test_the_organizations_a_finding_concerns(small: Path) -> None:
    from govrules.diagnostics import Finding, Related, Severity
    from govrules.loader import load
    from govrules.report.concerns import Concerns
    from govrules.source import Span

    concerns = Concerns(load(["m.gov"]))

    def of(subject: str | None, line: int = 1, related: tuple[int, ...] = ()) -> tuple[str, ...]:
        where = Span("m.gov", line, 1, line, 2)
        facts = tuple(Related(Span("m.gov", r, 1, r, 2), "x") for r in related)
        return concerns.organizations(
            Finding("X001", Severity.ERROR, "m", where, subject, related=facts)
        )

    assert of("organization werk") == ("werk",)
    assert of("body raad") == ("gemeente",)  # a body: its organization
    assert of("financing bijdrage") == ("gemeente", "werk")  # payer and receiver
    assert of("product paspoort") == ()  # no owner, nothing it refers to ...
    assert of("product paspoort", related=(18,)) == ("gemeente", "werk")  # ... but its financing
    assert of(None, line=7) == ("werk",)  # inside werk's block
    assert of(None, line=4) == ()  # between declarations


@settings(max_examples=60, deadline=None)
@given(
    message=st.text(min_size=1, max_size=60),
    subject=st.text(max_size=30),
    reason=st.text(min_size=1, max_size=30).filter(lambda r: r != "baseline"),
)
def test_any_text_comes_out_as_written_and_never_as_markup(
    message: str, subject: str, reason: str
) -> None:
    from govrules.diagnostics import Finding, Report, Severity
    from govrules.report._common import scrub
    from govrules.report.html import render_html
    from govrules.report.html_page import build_page
    from govrules.source import Span

    where = Span("a<b>.gov", 1, 1, 1, 2)
    findings = (
        Finding("OWN001", Severity.ERROR, message, where, subject or None, fix=message),
        Finding("SUP001", Severity.WARNING, message, where, suppressed=reason),
    )
    report = Report(findings, ("a<b>.gov",), sources={"a<b>.gov": message})
    text = render_html(build_page(report, today=JUNE))
    page = Page(text)
    assert text.count("<script") == 1 and text.count("</script>") == 1
    shown = " ".join(scrub(message).split())
    [article] = page.all("article", class_="finding")
    assert page.one("p", class_="message").content == shown
    assert page.one("p", class_="fix").content == f"How to fix it: {shown}".strip()
    assert "a<b>.gov:1:1" in article.content
    row = page.one("tr", class_="acceptance")
    assert " ".join(scrub(reason).split()) in row.content
