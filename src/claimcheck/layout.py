"""Layout primitives shared by the plain-text and Markdown readers: lines, blocks, table rows and boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, NamedTuple

BlockKind = Literal["title", "heading", "paragraph", "list_item", "boilerplate", "disclaimer", "code", "table",
                    "table_row"]
SPACES = " \t\ufeff\u00a0"

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# A table's delimiter row: cells of dashes with optional alignment colons, at least one pipe.
_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$"
                            r"|^[ \t]*\|[ \t]*:?-{2,}:?[ \t]*\|[ \t]*$")
# Lines that draw a box: corners and rules only ("+-----+", "┌──────┐", "╚══════╝").
_BOX_RULE = re.compile(r"^[ \t]*[+┌┐└┘╔╗╚╝╭╮╰╯├┤┬┴┼╠╣═─━\-=]*[+┌┐└┘╔╗╚╝╭╮╰╯├┤┬┴┼╠╣═─━][+┌┐└┘╔╗╚╝╭╮╰╯├┤┬┴┼╠╣═─━\-=]*"
                       r"[ \t]*$")
_BOX_SIDES = "│║┃"
_FRONT_MATTER_END = frozenset({"---", "..."})


class Line(NamedTuple):
    """One source line: the offset of its first character and its text without the line break."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Cell(NamedTuple):
    """One table cell: its trimmed extent in the document and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """A run of the article's text with its role; start and end index the document text.

    A table row carries its cells and the header that says what each cell asserts. A cell read as a claim is
    a block of its own, read with words the table implies around it (prefix, suffix: "IFOR, dates: …"); its
    claims start at anchor, the start of its row.
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    level: int = 0
    cells: tuple[Cell, ...] = ()
    header: tuple[str, ...] = ()
    prefix: str = ""
    suffix: str = ""
    anchor: int = -1


def split_lines(text: str) -> list[Line]:
    """The text's lines with their offsets; \\r\\n, \\r and \\n all end a line."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.start() > 0:
            break
        out.append(Line(m.start(), m.group().rstrip("\r\n")))
    return out


def trimmed(line: Line, skip: int = 0) -> tuple[int, int, str] | None:
    """The line (after skip characters) without surrounding white space: (start, end, text), or None if blank."""
    body = line.text[skip:]
    stripped = body.strip(SPACES)
    if not stripped:
        return None
    s = line.start + skip + (len(body) - len(body.lstrip(SPACES)))
    return s, s + len(stripped), stripped


def is_delimiter_row(line: str) -> bool:
    """Whether a line is a table's delimiter row ('|---|:--:|', '--- | ---')."""
    return bool(_DELIMITER_ROW.match(line))


def split_row(text: str, line: Line) -> list[Cell]:
    """The cells of a table row, split at unescaped pipes, each trimmed; outer pipes are optional."""
    cells, start = [], 0
    body = line.text
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", body)]
    edges = [-1, *bounds, len(body)]
    for a, b in pairwise(edges):
        start = a + 1
        piece = body[start:b]
        if (a == -1 and not piece.strip(SPACES)) or (b == len(body) and not piece.strip(SPACES)):
            continue  # the empty outside of a leading or trailing pipe
        stripped = piece.strip(SPACES)
        s = line.start + start + (len(piece) - len(piece.lstrip(SPACES)))
        cells.append(Cell(s, s + len(stripped), text[s:s + len(stripped)]))
    return cells


def front_matter_end(lines: list[Line]) -> int:
    """How many lines a YAML front matter block at the very top takes ('---' ... '---'), or 0."""
    if not lines or lines[0].text.strip() != "---":
        return 0
    for i, line in enumerate(lines[1:], start=1):
        if line.text.strip() in _FRONT_MATTER_END:
            return i + 1
    return 0


def unbox(text: str) -> str:
    """The text with the borders of boxes drawn with characters replaced by spaces, same length: rule lines
    ('+-----+', '┌────┐') and the side bars of the lines between them ('│ text │', '| text |')."""
    chars = list(text)
    inside = False
    for line in split_lines(text):
        body = line.text
        if body.strip(SPACES) and _BOX_RULE.match(body) and _draws_box(body):
            chars[line.start:line.end] = " " * len(body)
            first = body.strip()[0]
            if first not in "├╠":  # a rule across the middle of a box keeps us inside it
                inside = (not inside) if first == "+" else first in "┌╔╭"
            continue
        stripped = body.lstrip(SPACES)
        side = stripped[:1]
        if side and (side in _BOX_SIDES or (inside and side == "|")):
            lead = line.start + len(body) - len(stripped)
            chars[lead] = " "
            tail = body.rstrip(SPACES)
            if len(tail) > len(body) - len(stripped) + 1 and tail[-1] in (_BOX_SIDES + ("|" if inside else "")):
                chars[line.start + len(tail) - 1] = " "
    return "".join(chars)


def _draws_box(line: str) -> bool:
    """A rule line of a box has a corner or a box-drawing rule character, not only dashes ('---' is Markdown)."""
    return any(c in "+┌┐└┘╔╗╚╝╭╮╰╯├┤┬┴┼╠╣═─━" for c in line)


def table_rows(text: str, lines: list[Line], start: int) -> Iterator[Block]:
    """A pipe table starting at line index start (a header row followed by a delimiter row): its header block
    and one block per record, until a blank line or a line without a pipe."""
    header_line = lines[start]
    header = tuple(c.text for c in split_row(text, header_line))
    span = trimmed(header_line)
    if span:
        yield Block("table", span[0], span[1], span[2], cells=tuple(split_row(text, header_line)), header=header)
    for line in lines[start + 2:]:
        if "|" not in line.text or not line.text.strip(SPACES):
            return
        row = trimmed(line)
        if row:
            yield Block("table_row", row[0], row[1], row[2], cells=tuple(split_row(text, line)), header=header)


def table_length(lines: list[Line], start: int) -> int:
    """How many lines the pipe table starting at line index start takes (0 if none starts there)."""
    if start + 1 >= len(lines) or "|" not in lines[start].text or not is_delimiter_row(lines[start + 1].text):
        return 0
    n = 2
    while start + n < len(lines) and "|" in lines[start + n].text and lines[start + n].text.strip(SPACES):
        n += 1
    return n
