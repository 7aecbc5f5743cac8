"""Read articles as text and split them into blocks: title, headings, paragraphs, list items, boilerplate."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from claimcheck.errors import InputError
from claimcheck.layout import SPACES, Block, BlockKind, Line, split_lines, table_length, table_rows, unbox
from claimcheck.layout import trimmed as _line_trimmed
from claimcheck.markdown import markdown_blocks
from claimcheck.tables import compile_any, table

CLAIM_BLOCKS = frozenset({"paragraph", "list_item", "table_row"})
# How many blocks at the start and at the end of an article may hold its AI-assistance disclaimer.
EDGE_BLOCKS = 6
SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

# Inline Markdown that is masked (replaced by spaces) before NLP so offsets stay those of the source.
_MD_INLINE = [
    re.compile(r"(?<!!)\[([^\]\n]*)\]\([^)\n]*\)"),
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"),
]
# Inline code and images carry no claims of the article: masked whole, text included.
_MD_HIDDEN = [re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), re.compile(r"(`+)(.+?)\1"), re.compile(r"<[^>\n]+>")]
_ENUMERATION = re.compile(r"\s*(?:\(?\d{1,3}[.):]|#\d{1,3}[.:]?)\s+")
# "4. Operation Sharp Guard (1993–1996)": a numbered line standing as a section heading.
_NUMBERED = re.compile(r"(?:^|\n)[ \t]*(?:#{1,6}[ \t]+)?\(?\d{1,3}[.):][ \t]*$")


@dataclass
class Document:
    """An article as read: its exact text, blocks in order, title and AI-assistance disclaimer."""

    path: str
    text: str
    sha256: str
    markdown: bool
    blocks: list[Block]
    title: Block | None = None
    disclaimer: Block | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def nlp_text(self, block: Block) -> str:
        """The block's text with inline Markdown masked by spaces, same length as the source; a heading's
        number ('4. Operation Sharp Guard') is masked too, so it neither splits the sentence nor counts."""
        text = mask_markdown(block.text) if self.markdown else block.text
        if block.kind in ("heading", "title") and (m := _ENUMERATION.match(text)):
            text = " " * m.end() + text[m.end():]
        return text


def mask_markdown(text: str) -> str:
    """Replace inline Markdown syntax with spaces, keeping every other character in place."""
    chars = list(text)
    for pattern in _MD_HIDDEN:
        for m in pattern.finditer(text):
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    for pattern in _MD_INLINE:
        for m in pattern.finditer(text):
            keep = m.span(2) if pattern.groups >= 2 else m.span(1)
            for i in range(m.start(), m.end()):
                if not keep[0] <= i < keep[1]:
                    chars[i] = " "
    return "".join(chars)


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a file strictly in the given encoding, with an error naming the file and byte offset."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'; use a Python codec name such as utf-8 or cp1252") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid {encoding} at byte {exc.start} ({exc.reason}); "
            f"convert the file to UTF-8 or pass --encoding with its real encoding (for example cp1252)"
        ) from None


def find_articles(paths: list[Path]) -> list[Path]:
    """Expand directories into their .txt and .md files, sorted; keep files in the order given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif not path.exists():
            raise InputError(f"{path}: no such file or directory")
        elif path.suffix.lower() not in SUFFIXES:
            raise InputError(f"{path}: not an article; claimcheck reads {', '.join(sorted(SUFFIXES))} files")
        else:
            found.append(path)
    return found


def read_document(path: Path, display: str | None = None, encoding: str = "utf-8") -> Document:
    """Read one article and find its structure and disclaimer."""
    text = read_text(path, encoding)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    return parse(text, display or str(path), markdown)


def parse(text: str, path: str = "<text>", markdown: bool = False) -> Document:
    """Split text into blocks and identify title, boilerplate and the AI-assistance disclaimer."""
    view = unbox(text)  # boxes drawn with characters: their borders are layout, not text
    lines = split_lines(view)
    blocks_read = (markdown_blocks(view, lines, _list_marker(), _field_runs(lines)) if markdown
                   else _plain_blocks(view, lines))
    raw = _numbered_headings(view, list(blocks_read))
    blocks = _boilerplate_sections(raw, [_classify(b) for b in raw])
    # Disclaimers stand at the top or the foot of an article; in its body, a sentence about AI is content.
    edges = [*range(min(EDGE_BLOCKS, len(blocks))), *range(max(EDGE_BLOCKS, len(blocks) - EDGE_BLOCKS), len(blocks))]
    disclaimer_index = next((i for i in edges if blocks[i].kind not in ("code", "table", "table_row")
                             and is_disclaimer(blocks[i].text)), None)
    if disclaimer_index is not None:
        b = blocks[disclaimer_index]
        blocks[disclaimer_index] = Block("disclaimer", b.start, b.end, b.text)
    title = _pick_title(blocks, markdown)
    if title is not None:
        index = blocks.index(title)
        blocks[index] = title = Block("title", title.start, title.end, title.text, 1)
    disclaimer = blocks[disclaimer_index] if disclaimer_index is not None else None
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(path, text, digest, markdown, blocks, title, disclaimer)


@cache
def _list_marker() -> re.Pattern[str]:
    return re.compile(table("structure")["lists"]["marker"])


@cache
def field_line() -> re.Pattern[str]:
    """The pattern of a fact-box line: 'Launched: 24 March 1999'."""
    return re.compile(table("structure")["fields"]["line"])


@cache
def _entry_line() -> re.Pattern[str]:
    return re.compile(table("structure")["fields"]["entry"])


def _plain_blocks(text: str, lines: list[Line]) -> Iterator[Block]:
    chunk: list[tuple[int, int, str]] = []
    fields = _field_runs(lines)
    skip_to = 0
    for i, line in enumerate([*lines, Line(len(text), "")]):
        if i < skip_to:
            continue
        if (rows := table_length(lines, i)) > 0:
            # A pipe table: a header, then one record per row.
            yield from _flush_plain(chunk, text)
            chunk, skip_to = [], i + rows
            yield from table_rows(text, lines, i)
            continue
        item = _list_marker().match(line.text)
        trimmed = _line_trimmed(line, item.end() if item else 0)
        if trimmed is None or item or i in fields:
            yield from _flush_plain(chunk, text)
            chunk = []
        if item and trimmed:
            yield Block("list_item", *trimmed)
        elif trimmed and (i in fields or _is_boilerplate_line(trimmed[2])):
            # "Launched: 24 March 1999" among other such lines, or "Share this article" run into a
            # paragraph: a block of its own.
            yield Block("list_item" if i in fields else "boilerplate", *trimmed)
        elif trimmed:
            chunk.append(trimmed)


def _field_runs(lines: list[Line]) -> set[int]:
    """Indexes of lines in runs of two or more 'Label: value' lines (a fact box or a sidebar) or dated entries
    (a timeline)."""
    hits = [bool(field_line().match(t) or _entry_line().match(t)) for t in (ln.text.strip(SPACES) for ln in lines)]
    out = set()
    for i, hit in enumerate(hits):
        if hit and ((i > 0 and hits[i - 1]) or (i + 1 < len(hits) and hits[i + 1])):
            out.add(i)
    return out


def _flush_plain(chunk: list[tuple[int, int, str]], text: str) -> Iterator[Block]:
    # A multi-line paragraph keeps its source text, line breaks included, so offsets stay exact.
    if not chunk:
        return
    start, end = chunk[0][0], chunk[-1][1]
    kind: BlockKind = "heading" if len(chunk) == 1 and _looks_like_heading(chunk[0][2]) else "paragraph"
    yield Block(kind, start, end, text[start:end], 2 if kind == "heading" else 0)


def _looks_like_heading(line: str) -> bool:
    cfg = table("structure")["plain_heading"]
    words = line.split()
    return (
        len(words) <= cfg["max_words"]
        and len(line) <= cfg["max_chars"]
        and line[-1] not in cfg["final_punctuation"]
        and any(c.isalpha() for c in line)
    )


def _numbered_headings(text: str, blocks: list[Block]) -> list[Block]:
    """A numbered one-line item that reads like a heading and is followed by a paragraph of its own
    ('4. Operation Sharp Guard (1993–1996)' in a listicle) opens a section: it is a heading."""
    def numbered(i: int, b: Block) -> bool:
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        line_start = text.rfind("\n", 0, b.start) + 1
        return (b.kind in ("list_item", "heading", "paragraph") and "\n" not in b.text and nxt is not None
                and nxt.kind == "paragraph" and bool(_NUMBERED.search(text[max(0, line_start - 1):b.start]))
                and _looks_like_heading(b.text))

    found = {i for i, b in enumerate(blocks) if numbered(i, b)}
    if len(found) < 2:
        return blocks  # one numbered line is a list item; a series of them is a listicle's sections
    return [Block("heading", b.start, b.end, b.text, max(b.level, 3)) if i in found else b
            for i, b in enumerate(blocks)]


@cache
def _boilerplate() -> re.Pattern[str]:
    return compile_any(table("structure")["boilerplate"]["patterns"])


def _boilerplate_sections(raw: list[Block], blocks: list[Block]) -> list[Block]:
    """List items under a boilerplate heading ('Similar Posts', 'Related articles') are boilerplate too."""
    out, inside = [], False
    for original, b in zip(raw, blocks, strict=True):
        if b.kind in ("heading", "paragraph", "title"):
            inside = False
        elif b.kind == "boilerplate" and original.kind != "list_item" and len(b.text.split()) <= 4:
            inside = True
        elif b.kind == "list_item" and inside:
            b = Block("boilerplate", b.start, b.end, b.text)
        out.append(b)
    return out


def _is_boilerplate_line(line: str) -> bool:
    return bool(_boilerplate().search(_plain(line)))


def _classify(block: Block) -> Block:
    if block.kind in ("paragraph", "heading", "list_item") and _is_boilerplate_line(block.text):
        return Block("boilerplate", block.start, block.end, block.text)
    return block


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", mask_markdown(text).replace("\u00a0", " ")).strip(" #*_>")


def _pick_title(blocks: list[Block], markdown: bool) -> Block | None:
    for block in blocks:
        if block.kind in ("code", "boilerplate", "disclaimer"):
            continue
        if markdown:
            return next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        return block if block.kind == "heading" else None
    return None


@dataclass(frozen=True)
class _DisclaimerTables:
    ai: re.Pattern[str]
    making: re.Pattern[str]
    content: re.Pattern[str]
    notice: re.Pattern[str]
    made_with: re.Pattern[str]
    not_disclaimer: re.Pattern[str]
    max_words: int
    short_notice_words: int


@cache
def _disclaimer_tables() -> _DisclaimerTables:
    cfg = table("disclaimers")
    return _DisclaimerTables(
        ai=compile_any(cfg["ai_terms"], 0),
        making=compile_any(cfg["making_terms"]),
        content=compile_any(cfg["content_terms"]),
        notice=compile_any(cfg["notice_terms"]),
        made_with=compile_any(cfg["made_with"]),
        not_disclaimer=compile_any(cfg["not_disclaimer"]),
        max_words=cfg["max_words"],
        short_notice_words=cfg["short_notice_words"],
    )


# A sentence ends at ., ! or ? followed by space, but not inside the abbreviation "A.I.".
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bA\.I\.)(?<!\bU\.S\.)\s+")


def is_disclaimer(text: str) -> bool:
    """Whether a block says that AI helped create the content it belongs to."""
    t = _disclaimer_tables()
    plain = _plain(text)
    words = len(plain.split())
    if words > t.max_words:
        return False
    for index, sentence in enumerate(_SENTENCE_END.split(plain)):
        if not (t.ai.search(sentence) and t.making.search(sentence)) or t.not_disclaimer.search(sentence):
            continue
        if t.content.search(sentence) or t.notice.search(sentence):
            return True
        # A short notice opening the block with how it was made: "Written with the help of ChatGPT." (what follows
        # it, "Our team edited the text", is part of the same notice).
        made = t.made_with.search(sentence)
        if (index == 0 and len(sentence.split()) <= t.short_notice_words and made
                and len(sentence[:made.start()].split()) <= 2 and "," not in sentence):
            return True
    return False
