"""Table rows as records: each value cell read as the sentence its header implies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from claimcheck.ingest import CLAIM_BLOCKS, Block, Document, mask_markdown
from claimcheck.tables import phrase_pattern
from claimcheck.vocab import base_tables


def iter_nlp_inputs(document: Document) -> Iterator[tuple[Block, str]]:
    """The blocks that go through the pipeline (headings for context, paragraphs and list items for claims,
    and each value cell of a table row, read as the sentence its header implies)."""
    for block in document.blocks:
        if block.kind == "table_row":
            for cell in record_cells(block, document.markdown):
                yield cell, cell.prefix + document.nlp_text(cell) + cell.suffix
        elif block.kind in CLAIM_BLOCKS or block.kind in ("heading", "title"):
            yield block, document.nlp_text(block)


@cache
def _record_headers() -> dict[str, re.Pattern[str]]:
    t = base_tables()["records"]
    return {k: phrase_pattern(v) for k, v in t.items()}


def record_cells(row: Block, markdown: bool) -> Iterator[Block]:
    """The value cells of a table row as blocks of their own, each with the words its header implies: 'Sharp
    Guard, legal basis: UNSCR 820', 'IFOR: 60,000 troops', 'EUFOR Althea was led by the EU'. A row whose first
    cell is a date ('1999 | NATO bombs Yugoslavia') is one sentence, read as it stands."""
    cells = row.cells
    if len(cells) < 2 or not row.header:
        return
    first = _plain_cell(cells[0].text, markdown)
    kind = _plain_cell(row.header[0], markdown) if row.header else ""
    if _is_date_cell(first):
        yield Block("table_row", row.start, row.end, row.text, anchor=row.start)
        return
    headers = _record_headers()
    if len(cells) == 2 and (headers["field"].fullmatch(kind.strip()) or not re.search(r"[A-Z]", first[1:])):
        # A two-column table of facts ("| Crew members | about 830 |"): the label says what the value counts or
        # is, and the row is about the section's subject, like a fact-box line.
        value = _plain_cell(cells[1].text, markdown)
        counted = re.match(r"(?:about|around|nearly|some|over|more than|roughly|up to|approximately)?\s*[\d,.]+\+?\s*$",
                           value, re.IGNORECASE)
        prefix, suffix = ("", f" {first.lower()}") if counted else (f"{first}: ", "")
        yield Block("table_row", cells[1].start, cells[1].end, cells[1].text, prefix=prefix, suffix=suffix,
                    anchor=row.start)
        return
    first = _record_subject(first, kind)
    for index, cell in enumerate(cells[1:], start=1):
        label = _plain_cell(row.header[index], markdown) if index < len(row.header) else ""
        if not cell.text.strip() or not re.search(r"\w", cell.text):
            continue
        if headers["measure"].fullmatch(label.strip()):
            prefix, suffix = f"{first}: ", f" {label.lower()}"
        elif headers["actor"].search(label):
            prefix, suffix = f"{first} was {label.lower()} ", ""
        else:
            prefix, suffix = f"{first}, {label.lower()}: " if label else f"{first}: ", ""
        yield Block("table_row", cell.start, cell.end, cell.text, header=(first, label), prefix=prefix, suffix=suffix,
                    anchor=row.start)


def _record_subject(cell: str, header: str) -> str:
    """The row's subject as a name: without a bracketed note ('Sharp Guard (NATO/WEU)'), and with the kind its
    column header gives when the cell leaves it out (header 'Operation', cell 'Concordia': 'Operation
    Concordia')."""
    name = re.sub(r"\s*\([^)]*\)?", "", cell).strip() or cell
    word = header.strip().rstrip("s")
    if word.lower() in ("operation", "mission") and not name.lower().startswith(word.lower()):
        name = f"{word.capitalize()} {name}"
    return name


_MONTH_WORDS = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|early|mid|late|since|until|to|from)\b", re.IGNORECASE)


def _is_date_cell(text: str) -> bool:
    """Whether a cell holds only a date or a span of dates ('1999', '24 March 1999', '2001–2014')."""
    return not re.search(r"[^\W\d_]", _MONTH_WORDS.sub("", text))


def _plain_cell(text: str, markdown: bool) -> str:
    return " ".join((mask_markdown(text) if markdown else text).split())
