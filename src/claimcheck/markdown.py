"""Markdown block structure read with markdown-it-py, mapped back to exact offsets in the source text.

markdown-it says what each run of lines is (heading, paragraph, list item, table row, code, HTML);
the offsets are computed here from the source lines, so every block indexes the text as read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from claimcheck.layout import Block, Line, front_matter_end, split_row, trimmed

_ATX = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*(?:[ \t]#+)?[ \t]*$")
# Container markers that open a line: blockquote '>' and list markers, with their indentation.
_CONTAINER = re.compile(r"^(?:[ \t]*>[ \t]?)*")
_ITEM_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def markdown_blocks(text: str, lines: list[Line], marker: re.Pattern[str],
                    fields: set[int] = frozenset()) -> Iterator[Block]:  # type: ignore[assignment]
    """The blocks of a Markdown text (already split into lines), in order.

    Lines inside a paragraph that open with a bullet CommonMark does not know ('•', '–', '(a)'), and lines
    of a fact box ('Launched: 24 March 1999', indexes in fields), are items of their own.
    """
    skip = front_matter_end(lines)
    if skip:
        yield Block("boilerplate", lines[0].start, lines[skip - 1].end, text[lines[0].start:lines[skip - 1].end])
    source = "\n".join("" if i < skip else ln.text for i, ln in enumerate(lines))
    tokens = _parser().parse(source)
    items: list[bool] = []  # for each open list item: whether its first paragraph is still to come
    rows: list[tuple[int, ...]] = []
    header: tuple[str, ...] = ()
    for tok in tokens:
        if tok.type == "list_item_open":
            items.append(True)
        elif tok.type == "list_item_close":
            items.pop()
        elif tok.type == "heading_open" and tok.map:
            yield from _heading(text, lines, tok)
        elif tok.type == "paragraph_open" and tok.map:
            first = bool(items) and items[-1]
            if items:
                items[-1] = False
            yield from _split_paragraph(text, lines, tok.map, "list_item" if first else "paragraph", marker, fields)
        elif tok.type in ("fence", "code_block", "html_block") and tok.map:
            a, b = tok.map
            last = min(b, len(lines)) - 1
            yield Block("code", lines[a].start, lines[last].end, text[lines[a].start:lines[last].end])
        elif tok.type == "thead_open":
            rows, header = [], ()
        elif tok.type == "tr_open" and tok.map:
            rows.append(tuple(tok.map))
        elif tok.type == "thead_close" and rows:
            header = tuple(c.text for c in split_row(text, lines[rows[0][0]]))
            yield _row(text, lines[rows[0][0]], "table", header)
            rows = []
        elif tok.type == "tr_close" and rows and header:
            yield _row(text, lines[rows[-1][0]], "table_row", header)
            rows = []


def _row(text: str, line: Line, kind: str, header: tuple[str, ...]) -> Block:
    cells = tuple(split_row(text, line))
    span = trimmed(line)
    start, end = (span[0], span[1]) if span else (line.start, line.end)
    return Block(kind, start, end, text[start:end], cells=cells, header=header)


def _heading(text: str, lines: list[Line], tok: Token) -> Iterator[Block]:
    a, b = tok.map  # type: ignore[misc]
    level = int(tok.tag[1])
    if tok.markup.startswith("#"):
        line = lines[a]
        body = _CONTAINER.sub("", line.text)
        offset = len(line.text) - len(body)
        m = _ATX.match(body)
        if m and m.group(2):
            span = trimmed(Line(line.start + offset + m.start(2), body[m.start(2):m.end(2)]))
            if span:
                yield Block("heading", span[0], span[1], text[span[0]:span[1]], level)
        return
    # A setext heading: its text lines, without the underline.
    yield from (Block("heading", b_.start, b_.end, b_.text, level) for b_ in _paragraph(text, lines, [a, b - 1],
                                                                                       "heading"))


def _split_paragraph(text: str, lines: list[Line], line_map: list[int], kind: str, marker: re.Pattern[str],
                     fields: set[int]) -> Iterator[Block]:
    a, b = line_map
    run_start = a
    for i in range(a, min(b, len(lines))):
        body = _CONTAINER.sub("", lines[i].text)
        item = marker.match(body) if i > a or kind == "paragraph" else None
        if (item or i in fields) and i > run_start:
            yield from _paragraph(text, lines, [run_start, i], kind if run_start == a else "paragraph")
            run_start = i
        if item:
            offset = len(lines[i].text) - len(body) + item.end()
            if span := trimmed(Line(lines[i].start + offset, body[item.end():])):
                yield Block("list_item", span[0], span[1], span[2])
            run_start = i + 1
        elif i in fields:
            yield from _paragraph(text, lines, [i, i + 1], "list_item")
            run_start = i + 1
    if run_start < min(b, len(lines)):
        yield from _paragraph(text, lines, [run_start, b], kind if run_start == a else "paragraph")


def _paragraph(text: str, lines: list[Line], line_map: list[int] | tuple[int, int], kind: str) -> Iterator[Block]:
    a, b = line_map
    spans = []
    for i in range(a, min(b, len(lines))):
        line = lines[i]
        body = _CONTAINER.sub("", line.text)
        if i == a and kind == "list_item":
            body = _ITEM_MARKER.sub("", body, count=1)
        offset = len(line.text) - len(body)
        if span := trimmed(Line(line.start + offset, body)):
            spans.append(span)
    if spans:
        start, end = spans[0][0], spans[-1][1]
        yield Block(kind, start, end, text[start:end])  # type: ignore[arg-type]

