"""The layout rules one at a time, with exact expected text."""

from __future__ import annotations

import pytest
from fmt_support import assert_formatting_keeps

import govrules.fmt as fmt
from govrules.fmt import FormatError, encode_like, format_text, newline_of


def test_indentation_is_two_spaces_per_level() -> None:
    """Statements are indented two spaces per block level, whatever the input used."""
    text = "contract c {\n\t\trisk r {\n bearer x\n\t}\n}\n"
    assert format_text(text) == "contract c {\n  risk r {\n    bearer x\n  }\n}\n"


def test_one_space_between_head_and_values_and_comma_space_in_lists() -> None:
    """One space after the head, ', ' between items, one space between the atoms of an item."""
    text = "financing f {\n  for   a ,b,c\n  amount EUR    5   per    year\n}\n"
    expected = "financing f {\n  for a, b, c\n  amount EUR 5 per year\n}\n"
    assert format_text(text) == expected


def test_atoms_written_together_are_separated() -> None:
    """Atoms written without a space (<=5, 95%) get one, which reads the same to the parser."""
    text = "agreement a {\n  result r {\n    target >=95%\n  }\n}\n"
    assert "    target >= 95 %\n" in format_text(text)


def test_values_are_never_rerendered() -> None:
    """Numbers, dates, texts and identifiers keep their exact spelling."""
    text = 'organization o "Label \\"x\\" \\\\" {\n  staff 0_180\n}\n'
    assert format_text(text) == text


def test_long_list_wraps_one_item_per_line() -> None:
    """A list wider than 88 columns puts each item after the first on its own line."""
    items = [f"gemeente_{c * 12}" for c in "abcdef"]
    text = "agreement a {\n  between " + ", ".join(items) + "\n}\n"
    expected = "agreement a {\n  between " + ",\n    ".join(items) + "\n}\n"
    assert format_text(text) == expected


def test_list_of_exactly_88_columns_stays_on_one_line() -> None:
    """The limit is inclusive: a line of exactly 88 columns is not wrapped."""
    line = "  between " + ", ".join(["g" * 18] * 4)
    line += "x" * (88 - len(line))
    text = "agreement a {\n" + line + "\n}\n"
    assert len(line) == 88
    assert format_text(text) == text
    longer = text.replace(line, line + "y")
    assert format_text(longer) != longer


def test_short_wrapped_list_is_joined() -> None:
    """A list continued over lines that fits in 88 columns is put on one line."""
    text = "product p {\n  owner a,\n        b,\n  c\n}\n"
    assert format_text(text) == "product p {\n  owner a, b, c\n}\n"


def test_wrapped_header_keeps_its_brace() -> None:
    """When a declaration's own line wraps, its '{' follows the last item."""
    label = '"' + "L" * 90 + '"'
    text = f"product p {label}, extra {{\n  owner a\n}}\n"
    expected = f"product p {label},\n  extra {{\n  owner a\n}}\n"
    assert format_text(text) == expected


def test_single_line_block_is_expanded() -> None:
    """``product p { owner a }`` becomes a block over three lines."""
    assert format_text("product p { owner a }\n") == "product p {\n  owner a\n}\n"


def test_nested_single_line_blocks_are_expanded() -> None:
    """Single-line blocks inside single-line blocks are expanded at every level."""
    text = "contract c { risk r { bearer x } }\n"
    assert format_text(text) == "contract c {\n  risk r {\n    bearer x\n  }\n}\n"


def test_closing_brace_goes_on_its_own_line() -> None:
    """A '}' written after the last statement moves to a line of its own."""
    text = "product p {\n  owner a }\n"
    assert format_text(text) == "product p {\n  owner a\n}\n"


def test_empty_block_is_kept_as_braces() -> None:
    """An empty block stays, as ``{}`` on the header line (dropping it could change meaning)."""
    assert format_text("product p {\n\n}\n") == "product p {}\n"
    assert format_text("product p {}\n") == "product p {}\n"


def test_attribute_with_empty_block_keeps_its_error() -> None:
    """``owner a {}`` is a GR208 error; the braces are kept so the error stays."""
    out = assert_formatting_keeps("product p {\n  owner a { }\n}\n")
    assert out == "product p {\n  owner a {}\n}\n"


def test_one_blank_line_between_top_level_declarations() -> None:
    """Top-level declarations are separated by exactly one blank line."""
    text = "product a\nproduct b\n\n\n\nproduct c\n"
    assert format_text(text) == "product a\n\nproduct b\n\nproduct c\n"


def test_blank_lines_inside_blocks_collapse_to_one() -> None:
    """Inside a block, blank lines are kept where written, at most one, none at the edges."""
    text = 'product p {\n\n\n  owner a\n\n\n\n  description "d"\n  \n}\n'
    assert format_text(text) == 'product p {\n  owner a\n\n  description "d"\n}\n'


def test_no_blank_lines_at_start_and_one_newline_at_end() -> None:
    """Leading blank lines go, and the file ends with exactly one newline."""
    assert format_text("\n\n\nproduct a\n\n\n") == "product a\n"
    assert format_text("product a") == "product a\n"


def test_empty_text_stays_empty() -> None:
    """A file with nothing but whitespace formats to the empty text."""
    assert format_text("") == ""
    assert format_text(" \n\t\n") == ""


def test_trailing_whitespace_is_removed() -> None:
    """Blanks at the end of lines go, in statements, comments and long texts alike."""
    text = 'organization o {  \n  mission """  \n    text   \n  """  \n}  # c  \n'
    assert format_text(text) == 'organization o {\n  mission """\n    text\n  """\n}  # c\n'


def test_full_line_comment_is_reindented_to_its_statement() -> None:
    """A comment line above a statement takes that statement's indentation."""
    text = "product p {\n# about the owner\n      owner a\n}\n"
    assert format_text(text) == "product p {\n  # about the owner\n  owner a\n}\n"


def test_end_of_line_comment_gets_two_spaces() -> None:
    """An end-of-line comment follows its statement after exactly two spaces."""
    assert format_text("product p     # why\n") == "product p  # why\n"
    assert format_text("product p# why\n") == "product p  # why\n"


def test_comment_after_a_single_line_block_stays_on_the_header() -> None:
    """The comment at the end of ``product p { owner a }`` stays on the declaration's line."""
    text = "product p { owner a }  # note\n"
    assert format_text(text) == "product p {  # note\n  owner a\n}\n"


def test_comment_before_closing_brace_stays_inside() -> None:
    """A comment between the last statement and '}' stays in the block, at its indentation."""
    text = "product p {\n  owner a\n# trailing note\n}\n"
    assert format_text(text) == "product p {\n  owner a\n  # trailing note\n}\n"


def test_comment_only_block_is_not_collapsed() -> None:
    """A block that holds only a comment keeps its lines (the comment has nowhere else to go)."""
    text = "product p { # todo\n}\n"
    assert format_text(text) == "product p {  # todo\n}\n"


def test_comments_inside_a_list_keep_it_wrapped() -> None:
    """A comment between list items keeps the list one item per line, with the comment."""
    text = "body b {\n  members a, # chair\n  b\n}\n"
    assert format_text(text) == "body b {\n  members a,  # chair\n    b\n}\n"


def test_comment_directly_above_is_not_separated() -> None:
    """A comment right above a declaration stays right above it; the blank line goes before it."""
    text = "product a\n# about b\nproduct b\n"
    assert format_text(text) == "product a\n\n# about b\nproduct b\n"


def test_detached_comment_keeps_its_blank_line() -> None:
    """A comment followed by a blank line stays detached from the next declaration."""
    text = "# file header\n\n\nproduct a\n"
    assert format_text(text) == "# file header\n\nproduct a\n"


def test_suppression_above_declaration_stays_directly_above() -> None:
    """A suppression comment on the line above a declaration stays on the line above it."""
    text = "product a {\n  owner x\n}\n# govrules: ignore[OWN001] -- reason\nproduct b\n"
    out = format_text(text)
    assert "}\n\n# govrules: ignore[OWN001] -- reason\nproduct b\n" in out


def test_end_of_line_suppression_keeps_covering_the_next_line() -> None:
    """An end-of-line suppression also covers the line below, so no blank line is put between."""
    text = "product a  # govrules: ignore[OWN001] -- r\nproduct b\nproduct c\n"
    expected = "product a  # govrules: ignore[OWN001] -- r\nproduct b\n\nproduct c\n"
    assert format_text(text) == expected


def test_end_of_line_suppression_on_a_brace_keeps_its_blank_line() -> None:
    """The blank line after ``{  # govrules: ...`` is kept, so the suppression covers no more."""
    text = "body b {  # govrules: ignore[SUP001] -- r\n\n  kind board\n}\n"
    assert format_text(text) == text


def test_crlf_and_cr_input_give_lf_output() -> None:
    """format_text accepts CRLF and CR line endings and returns LF text."""
    assert format_text("product a\r\nproduct b\r\n") == "product a\n\nproduct b\n"
    assert format_text("product a\rproduct b\r") == "product a\n\nproduct b\n"


def test_byte_order_mark_is_dropped_by_format_text() -> None:
    """format_text returns text without a BOM; encode_like puts it back."""
    assert format_text("\ufeffproduct a\n") == "product a\n"
    assert encode_like("product a\n", "\r\n", True) == b"\xef\xbb\xbfproduct a\r\n"


@pytest.mark.parametrize(
    ("text", "newline"),
    [
        ("a\nb\r\n", "\n"),
        ("a\r\nb\n", "\r\n"),
        ("a\rb\n", "\r"),
        ("no line break", "\n"),
        ("", "\n"),
    ],
)
def test_newline_of_takes_the_first_line_break(text: str, newline: str) -> None:
    """The file's convention is that of its first line break, LF when there is none."""
    assert newline_of(text) == newline


def test_syntax_errors_raise_format_error_with_findings() -> None:
    """A text with syntax errors raises FormatError listing every problem as a GR1xx finding."""
    text = "product a {\n  owner x\n\nproduct b {{\n"
    with pytest.raises(FormatError) as info:
        format_text(text, "bad.gov")
    findings = info.value.findings
    assert findings
    assert all(f.code.startswith("GR1") and f.location.file == "bad.gov" for f in findings)
    assert str(info.value).startswith("bad.gov: not formatted, ")


def test_unclosed_text_raises_gr102() -> None:
    """An unclosed string is reported as GR102 at its line and column."""
    with pytest.raises(FormatError) as info:
        format_text('product a "oops\n', "x.gov")
    finding = info.value.findings[0]
    assert (finding.code, finding.location.line, finding.location.column) == ("GR102", 1, 11)


def test_vocabulary_errors_do_not_stop_formatting() -> None:
    """Unknown kinds and wrong values are model errors, not syntax errors: the file is formatted."""
    text = "produkt p {owner 12}\n"
    assert assert_formatting_keeps(text) == "produkt p {\n  owner 12\n}\n"


def test_deep_nesting_does_not_overflow_the_stack() -> None:
    """Thousands of nested blocks format without a RecursionError."""
    depth = 3000
    text = "product p {\n" + "risk r {\n" * depth + "}\n" * (depth + 1)
    out = format_text(text)
    lines = out.split("\n")
    assert len(lines) == 2 * depth + 2  # the innermost block is empty: "risk r {}"
    assert lines[depth] == "  " * depth + "risk r {}"
    assert lines[-2] == "}"


def test_self_check_refuses_output_that_loses_a_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the layout ever dropped a comment, format_text raises instead of returning it."""
    monkeypatch.setattr(fmt._Printer, "render", lambda self: "product a\n")
    with pytest.raises(AssertionError, match="lost or moved a comment"):
        format_text("product a  # keep me\n")


def test_self_check_refuses_output_that_changes_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If the layout ever merged two statements, format_text raises instead of returning it."""
    monkeypatch.setattr(fmt._Printer, "render", lambda self: "product a b\n")
    with pytest.raises(AssertionError, match="changed the statements"):
        format_text("product a\nproduct b\n")
