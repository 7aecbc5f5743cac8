"""Reading articles: blocks, titles, headings, lists, boilerplate, disclaimers, offsets and read errors."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from claimcheck.errors import InputError
from claimcheck.ingest import Document, is_disclaimer, mask_markdown, parse, read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").iterdir())


def blocks(doc: Document) -> list[tuple[str, str]]:
    """The document's blocks as (kind, text) pairs."""
    return [(b.kind, b.text) for b in doc.blocks]


# --- plain text structure -----------------------------------------------------------------------------

PLAIN = [
    pytest.param(
        "NATO in Kosovo\n\nThe alliance intervened in 1999.\n\nHow It Ended\n\nThe bombing stopped in June.",
        [("title", "NATO in Kosovo"), ("paragraph", "The alliance intervened in 1999."),
         ("heading", "How It Ended"), ("paragraph", "The bombing stopped in June.")],
        id="title-heading-paragraphs",
    ),
    pytest.param(
        "The campaign began in March.\n\nKey Facts\n\nIt lasted 78 days.",
        [("paragraph", "The campaign began in March."), ("heading", "Key Facts"), ("paragraph", "It lasted 78 days.")],
        id="short-line-between-blank-lines-is-heading",
    ),
    pytest.param(
        "Intro.\n\nWhy did NATO intervene?\n\nBecause of Kosovo.",
        [("paragraph", "Intro."), ("paragraph", "Why did NATO intervene?"), ("paragraph", "Because of Kosovo.")],
        id="final-question-mark-is-paragraph",
    ),
    pytest.param(
        "Intro.\n\nThe facts at a glance:\n\nNone.",
        [("paragraph", "Intro."), ("paragraph", "The facts at a glance:"), ("paragraph", "None.")],
        id="final-colon-is-paragraph",
    ),
    pytest.param(
        "Intro.\n\nOne two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen\n\nEnd.",
        [("paragraph", "Intro."),
         ("paragraph", "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                       "sixteen seventeen"),
         ("paragraph", "End.")],
        id="seventeen-words-is-paragraph",
    ),
    pytest.param(
        "Intro.\n\n1999\n\nEnd.",
        [("paragraph", "Intro."), ("paragraph", "1999"), ("paragraph", "End.")],
        id="no-letters-is-paragraph",
    ),
    pytest.param(
        "Operation Allied Force began on 24 March\n1999 and lasted 78 days.\n\nNext paragraph.",
        [("paragraph", "Operation Allied Force began on 24 March\n1999 and lasted 78 days."),
         ("paragraph", "Next paragraph.")],
        id="wrapped-lines-stay-one-paragraph",
    ),
    pytest.param(
        "   Indented Title   \n\n  Body text.  ",
        [("title", "Indented Title"), ("paragraph", "Body text.")],
        id="surrounding-space-trimmed",
    ),
    pytest.param("", [], id="empty"),
    pytest.param(" \n\n\t\n", [], id="only-white-space"),
]


@pytest.mark.parametrize(("text", "expected"), PLAIN)
def test_plain_text_blocks(text: str, expected: list[tuple[str, str]]) -> None:
    """Plain text splits into title, headings and paragraphs at blank lines."""
    assert blocks(parse(text)) == expected


TITLES = [
    pytest.param("NATO and Kosovo\n\nBody.", False, "NATO and Kosovo", id="plain-heading-first"),
    pytest.param("NATO went to war in 1999.\n\nA Heading\n\nBody.", False, None, id="plain-paragraph-first"),
    pytest.param("Similar Posts\n\nNATO and Kosovo\n\nBody.", False, "NATO and Kosovo", id="plain-skips-boilerplate"),
    pytest.param("# NATO and Kosovo\n\nBody.", True, "NATO and Kosovo", id="markdown-hash"),
    pytest.param("Intro text.\n\n# The Real Title\n\nBody.", True, "The Real Title", id="markdown-first-h1-anywhere"),
    pytest.param("## Only a Subheading\n\nBody.", True, None, id="markdown-no-h1"),
    pytest.param("NATO and Kosovo\n===============\n\nBody.", True, "NATO and Kosovo", id="markdown-setext-h1"),
    pytest.param("# First\n\n# Second\n\nBody.", True, "First", id="markdown-first-of-two"),
]


@pytest.mark.parametrize(("text", "markdown", "expected"), TITLES)
def test_title(text: str, markdown: bool, expected: str | None) -> None:
    """Plain text takes a heading-like first block as title; Markdown its first level-1 heading."""
    doc = parse(text, markdown=markdown)
    assert (doc.title.text if doc.title else None) == expected
    assert [b.text for b in doc.blocks if b.kind == "title"] == ([expected] if expected else [])


MARKDOWN = [
    pytest.param(
        "# Title\n\nPara one.\n\n## Section\n\nPara two.",
        [("title", "Title", 1), ("paragraph", "Para one.", 0), ("heading", "Section", 2),
         ("paragraph", "Para two.", 0)],
        id="atx-headings",
    ),
    pytest.param("### Deep heading\n\nText.", [("heading", "Deep heading", 3), ("paragraph", "Text.", 0)],
                 id="level-three"),
    pytest.param(
        "### Deep heading ###\n\nText.", [("heading", "Deep heading", 3), ("paragraph", "Text.", 0)],
        id="closing-hashes",
    ),
    pytest.param(
        "Setext One\n==========\n\nSetext Two\n----------\n\nText.",
        [("title", "Setext One", 1), ("heading", "Setext Two", 2), ("paragraph", "Text.", 0)],
        id="setext-headings",
    ),
    pytest.param("Para line\n# Heading\nmore text", [("paragraph", "Para line", 0), ("title", "Heading", 1),
                                                      ("paragraph", "more text", 0)], id="heading-splits-paragraph"),
    pytest.param("First.\n\n---\n\nSecond.", [("paragraph", "First.", 0), ("paragraph", "Second.", 0)],
                 id="rule-dropped"),
    pytest.param("* * *\n\nText.", [("paragraph", "Text.", 0)], id="starred-rule-not-a-list-item"),
    pytest.param("```\nNATO began in 1949.\n```\nAfter.", [("code", "```\nNATO began in 1949.\n```", 0),
                                                          ("paragraph", "After.", 0)], id="fenced-code"),
    pytest.param("> Quoted claim.\n\nText.", [("paragraph", "Quoted claim.", 0), ("paragraph", "Text.", 0)],
                 id="quote-marker-excluded"),
    pytest.param("#hashtag is not a heading", [("paragraph", "#hashtag is not a heading", 0)], id="hash-without-space"),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN)
def test_markdown_blocks(text: str, expected: list[tuple[str, str, int]]) -> None:
    """Markdown ATX and setext headings get their level; rules are dropped; code is kept apart."""
    assert [(b.kind, b.text, b.level) for b in parse(text, markdown=True).blocks] == expected


LISTS = [
    pytest.param("• Bullet item", "Bullet item", id="bullet"),
    pytest.param("- Dash item", "Dash item", id="dash"),
    pytest.param("* Star item", "Star item", id="star"),
    pytest.param("+ Plus item", "Plus item", id="plus"),
    pytest.param("1. Numbered item", "Numbered item", id="number-dot"),
    pytest.param("2) Numbered item", "Numbered item", id="number-paren"),
    pytest.param("12. Two digits", "Two digits", id="two-digit-number"),
    pytest.param("  - Indented item", "Indented item", id="indented"),
    pytest.param("–\tTab after en dash", "Tab after en dash", id="en-dash-tab"),
    pytest.param("(a) Lettered item", "Lettered item", id="lettered"),
]


@pytest.mark.parametrize("markdown", [False, True], ids=["plain", "markdown"])
@pytest.mark.parametrize(("line", "expected"), LISTS)
def test_list_item(line: str, expected: str, markdown: bool) -> None:
    """A list item's block starts after its marker."""
    doc = parse(f"Intro.\n\n{line}\n\nOutro.", markdown=markdown)
    item = next(b for b in doc.blocks if b.kind == "list_item")
    assert item.text == expected
    assert doc.text[item.start:item.end] == expected


@pytest.mark.parametrize("markdown", [False, True], ids=["plain", "markdown"])
def test_consecutive_list_items(markdown: bool) -> None:
    """Each list line is its own block; in plain text a line after the list starts a new paragraph, in Markdown
    it continues the last item (CommonMark's lazy continuation)."""
    text = "Key facts:\n• NATO had 19 members.\n- It flew 38,000 sorties.\n1. It lasted 78 days.\nAfter the list."
    last = [("list_item", "It lasted 78 days.\nAfter the list.")] if markdown else [
        ("list_item", "It lasted 78 days."), ("paragraph", "After the list.")]
    assert blocks(parse(text, markdown=markdown)) == [
        ("paragraph", "Key facts:"), ("list_item", "NATO had 19 members."), ("list_item", "It flew 38,000 sorties."),
        *last,
    ]


@pytest.mark.parametrize("text", ["- \n\nText.", "1.  \n\nText."], ids=["dash", "number"])
def test_empty_list_item_dropped(text: str) -> None:
    """A marker with nothing after it makes no block."""
    assert blocks(parse(text)) == [("paragraph", "Text.")]


BOILERPLATE = [
    pytest.param("See also NATO's operations in Libya", "boilerplate", id="see-also"),
    pytest.param("See also: Operation Unified Protector", "boilerplate", id="see-also-colon"),
    pytest.param("Related: How NATO decides on the use of force", "boilerplate", id="related"),
    pytest.param("Related articles", "boilerplate", id="related-articles"),
    pytest.param("Similar Posts", "boilerplate", id="similar-posts"),
    pytest.param("Share this article", "boilerplate", id="share-this-article"),
    pytest.param("Share on Twitter", "boilerplate", id="share-on"),
    pytest.param("Subscribe to our newsletter", "boilerplate", id="subscribe"),
    pytest.param("Sign up for our weekly briefing on defence", "boilerplate", id="sign-up"),
    pytest.param("Tags: NATO, Kosovo, 1999", "boilerplate", id="tags"),
    pytest.param("Filed under: Security", "boilerplate", id="filed-under"),
    pytest.param("Read more: NATO's history", "boilerplate", id="read-more"),
    pytest.param("Leave a reply", "boilerplate", id="leave-a-reply"),
    pytest.param("Table of Contents", "boilerplate", id="table-of-contents"),
    pytest.param("[Share this article](https://example.org/share)", "boilerplate", id="markdown-link"),
    pytest.param("NATO shared intelligence with its partners.", "paragraph", id="share-inside-word"),
    pytest.param("Tagged vehicles were tracked by NATO in 2001.", "paragraph", id="tagged-not-tags"),
    pytest.param("Subscribers to the treaty included twelve nations.", "paragraph", id="subscribers"),
    pytest.param("See the annex for the full list of sorties.", "paragraph", id="see-without-also"),
    pytest.param(
        "Related sanctions were imposed by the European Union in 1998.", "paragraph", id="related-sentence",
    ),
    pytest.param(
        "Sponsored by Russia, the draft resolution was rejected on 26 March 1999.", "paragraph",
        id="sponsored-sentence",
    ),
]


@pytest.mark.parametrize(("line", "expected"), BOILERPLATE)
def test_boilerplate(line: str, expected: str) -> None:
    """Cross-links, share and subscribe prompts and tag lines are boilerplate; ordinary sentences are not."""
    doc = parse(f"Intro.\n\n{line}\n\nOutro.", markdown=line.startswith("["))
    assert [b.kind for b in doc.blocks] == ["paragraph", expected, "paragraph"]


def test_boilerplate_list_item() -> None:
    """A list item that is a cross-link is boilerplate too."""
    assert blocks(parse("- Related: NATO in Libya\n- NATO flew 38,000 sorties.")) == [
        ("boilerplate", "Related: NATO in Libya"), ("list_item", "NATO flew 38,000 sorties."),
    ]


# --- blocks never join ----------------------------------------------------------------------------------

SEPARATE = [
    pytest.param(
        "Allied aircraft struck targets across the Federal Republic of Yugoslavia for many weeks without any pause"
        "\n\nbecause Belgrade refused the terms.",
        2, id="blank-line-without-full-stop",
    ),
    pytest.param("NATO acted without a resolution\n- Russia objected", 2, id="list-after-unfinished-line"),
    pytest.param("NATO acted without a resolution\r\n\r\nRussia objected", 2, id="crlf-blank-line"),
    pytest.param("NATO acted without a resolution\n   \nRussia objected", 2, id="white-space-line"),
]


@pytest.mark.parametrize("markdown", [False, True], ids=["plain", "markdown"])
@pytest.mark.parametrize(("text", "count"), SEPARATE)
def test_sentence_never_spans_blocks(text: str, count: int, markdown: bool) -> None:
    """Text on either side of a blank line or a list marker is in separate blocks, so no sentence joins them."""
    doc = parse(text, markdown=markdown)
    assert len(doc.blocks) == count
    assert all("\n\n" not in b.text and "\r\n\r\n" not in b.text for b in doc.blocks)


def all_texts() -> list[Any]:
    """Every example text above and every fixture article, each also with CRLF line ends."""
    texts = [(f"plain-{p.id}", p.values[0], False) for p in PLAIN]
    texts += [(f"title-{p.id}", p.values[0], p.values[1]) for p in TITLES]
    texts += [(f"markdown-{p.id}", p.values[0], True) for p in MARKDOWN]
    texts += [(f"separate-{p.id}", p.values[0], False) for p in SEPARATE]
    texts += [(path.name, path.read_text(encoding="utf-8"), path.suffix == ".md") for path in ARTICLES]
    return [pytest.param(text.replace("\n", "\r\n") if crlf else text, markdown, id=f"{name}-{ending}")
            for name, text, markdown in texts for crlf, ending in ((False, "lf"), (True, "crlf"))]


@pytest.mark.parametrize(("text", "markdown"), all_texts())
def test_block_offsets(text: str, markdown: bool) -> None:
    """Every block's text is exactly the document text between its offsets, and blocks are in order."""
    doc = parse(text, markdown=markdown)
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text
        assert block.text == block.text.strip()
    spans = [(b.start, b.end) for b in doc.blocks]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_crlf_same_structure(path: Path) -> None:
    """An article with CRLF line ends has the same blocks as with LF, less the carriage returns."""
    text = path.read_text(encoding="utf-8")
    markdown = path.suffix == ".md"
    lf, crlf = parse(text, markdown=markdown), parse(text.replace("\n", "\r\n"), markdown=markdown)
    assert [(k, t.replace("\r\n", "\n")) for k, t in blocks(crlf)] == blocks(lf)
    assert (crlf.title and crlf.title.text) == (lf.title and lf.title.text)
    assert (crlf.disclaimer and crlf.disclaimer.text) == (lf.disclaimer and lf.disclaimer.text)


# --- inline Markdown masking ----------------------------------------------------------------------------

MASK = [
    pytest.param("plain text", "plain text", id="plain"),
    pytest.param("*emphasis* here", " emphasis  here", id="star-emphasis"),
    pytest.param("_emphasis_ here", " emphasis  here", id="underscore-emphasis"),
    pytest.param("**bold** here", "  bold   here", id="bold"),
    pytest.param("[NATO](https://nato.int) said", " NATO                    said", id="link"),
    pytest.param("![map](map.png) shown", "                shown", id="image"),
    pytest.param("`code` here", "       here", id="code"),
    pytest.param("<div>KFOR</div> x", "     KFOR       x", id="inline-html"),
    pytest.param("snake_case_name stays", "snake_case_name stays", id="underscores-inside-word"),
    pytest.param("2 * 3 * 4", "2 * 3 * 4", id="spaced-stars"),
]


@pytest.mark.parametrize(("text", "expected"), MASK)
def test_mask_markdown(text: str, expected: str) -> None:
    """Inline Markdown syntax becomes spaces; the text keeps its length so offsets stay valid."""
    masked = mask_markdown(text)
    assert masked == expected
    assert len(masked) == len(text)


def test_nlp_text_masks_only_markdown() -> None:
    """Markdown documents mask inline syntax for NLP; plain text documents do not."""
    text = "NATO **began** Operation *Allied Force* in 1999."
    md, plain = parse(text, markdown=True), parse(text)
    assert md.nlp_text(md.blocks[0]) == "NATO   began   Operation  Allied Force  in 1999."
    assert plain.nlp_text(plain.blocks[0]) == text


# --- AI-assistance disclaimers --------------------------------------------------------------------------

DISCLAIMERS = [
    pytest.param("We used AI to help build this content.", True, id="used-ai-build-content"),
    pytest.param("This article was generated with the support of AI.", True, id="generated-support"),
    pytest.param("AI was used to build this content", True, id="no-final-stop"),
    pytest.param("ðŸ¤– Parts of this post were drafted by an AI assistant", True, id="mis-decoded-emoji"),
    pytest.param("🤖 Parts of this post were drafted by an AI assistant.", True, id="emoji"),
    pytest.param("Disclosure: artificial intelligence tools assisted in the writing of this piece", True,
                 id="disclosure-artificial-intelligence"),
    pytest.param("🧠 AI-Generated Insight: NATO's role in the Balkans reshaped European security.", True,
                 id="ai-generated-insight"),
    pytest.param("*Heads up: we used AI to help build this content. Please double-check important details.*", True,
                 id="emphasised-heads-up"),
    pytest.param("This content was created with the assistance of generative AI and reviewed by our editors.", True,
                 id="generative-ai"),
    pytest.param("Note: this post was written using Claude.", True, id="named-model"),
    pytest.param("Parts of this report were produced by a large language model.", True, id="large-language-model"),
    pytest.param("We used ChatGPT to draft this article.", True, id="chatgpt-draft"),
    pytest.param("AI-assisted content. Please verify facts with official sources.", True, id="ai-assisted-content"),
    pytest.param("This summary was machine-generated.", True, id="machine-generated"),
    pytest.param("This article was written with help from A.I.", True, id="dotted-acronym-at-end"),
    pytest.param("Our team used A.I. tools to draft this article.", True, id="dotted-acronym-inside"),
    pytest.param(
        "Editor's note: an A.I. tool helped us prepare this text.", True, id="dotted-acronym-splits-sentence",
    ),
    pytest.param(
        "Written with the help of ChatGPT", True, id="written-with-chatgpt",
    ),
    pytest.param(
        "Drafted using generative AI tools.", True, id="drafted-using-generative-ai",
    ),
    pytest.param(
        "NATO is integrating artificial intelligence into its surveillance systems to help analysts spot threats "
        "faster. The alliance adopted its first AI strategy in 2021.", False, id="nato-ai-surveillance",
    ),
    pytest.param(
        "Allies are integrating AI into maritime surveillance, using machine learning to flag suspicious ships.",
        False, id="ai-in-maritime-surveillance",
    ),
    pytest.param("The AI Act was adopted by the EU", False, id="ai-act"),
    pytest.param("She said the plan was sound", False, id="said"),
    pytest.param("Gemini satellites were launched in the 1960s.", False, id="gemini-programme"),
    pytest.param("The Maidan protests were covered in this article's first part.", False, id="maidan-no-ai"),
    pytest.param(
        "NATO has been integrating artificial intelligence into its surveillance systems, and this has helped "
        "analysts process data faster.", False, id="nato-ai-surveillance-this-helped",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DISCLAIMERS)
def test_is_disclaimer(text: str, expected: bool) -> None:
    """A disclaimer names AI, says it helped make something, and speaks of the text; look-alikes do not."""
    assert is_disclaimer(text) is expected


def test_disclaimer_too_long() -> None:
    """A long paragraph that mentions AI-written content in passing is not a disclaimer notice."""
    text = "We used AI to help build this content. " + "NATO flew many sorties over Kosovo in 1999. " * 10
    assert is_disclaimer(text) is False


@pytest.mark.parametrize("markdown", [False, True], ids=["plain", "markdown"])
def test_disclaimer_block(markdown: bool) -> None:
    """The first disclaimer block of a document is marked and kept out of the claim blocks."""
    text = ("NATO in Kosovo\n\nWe used AI to help build this content.\n\nNATO acted in 1999.\n\n"
            "This article was generated with the support of AI.")
    if markdown:
        text = "# " + text
    doc = parse(text, markdown=markdown)
    assert doc.disclaimer is not None
    assert doc.disclaimer.text == "We used AI to help build this content."
    assert doc.text[doc.disclaimer.start:doc.disclaimer.end] == doc.disclaimer.text
    assert [b.kind for b in doc.blocks] == ["title", "disclaimer", "paragraph", "paragraph"]


def test_disclaimer_in_code_ignored() -> None:
    """A disclaimer inside a fenced code block is code, not the document's disclaimer."""
    doc = parse("```\nWe used AI to help build this content.\n```\n\nText.", markdown=True)
    assert doc.disclaimer is None


@pytest.mark.parametrize(("text", "markdown"), [
    ("AI was used to build this content\n\nNATO acted in 1999.", False),
    ("# This article was generated with AI\n\nNATO acted in 1999.", True),
], ids=["plain", "markdown"])
def test_disclaimer_as_first_heading(text: str, markdown: bool) -> None:
    """A disclaimer in the title position is read as the disclaimer, not a crash."""
    doc = parse(text, markdown=markdown)
    assert doc.disclaimer is not None
    assert doc.disclaimer.text == text.split("\n")[0].lstrip("# ")


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_fixture_article_disclaimers(path: Path) -> None:
    """The fixture articles' disclaimers (all but the Iraq one have one) are found near the top."""
    doc = read_document(path)
    if path.name.startswith("nato-iraq"):
        assert doc.disclaimer is None
    else:
        assert doc.disclaimer is not None
        assert doc.position(doc.disclaimer.start)[0] == 3


# --- reading files --------------------------------------------------------------------------------------

def test_read_invalid_utf8(tmp_path: Path) -> None:
    """Invalid UTF-8 is an error naming the file and the byte offset, and saying how to fix it."""
    path = tmp_path / "bad.txt"
    path.write_bytes(b"NATO caf\xe9 in 1999.")
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    message = str(excinfo.value)
    assert str(path) in message
    assert "byte 8" in message
    assert "--encoding" in message


def test_read_missing_file(tmp_path: Path) -> None:
    """A missing file is an error naming it."""
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match="no such file") as excinfo:
        read_document(path)
    assert str(path) in str(excinfo.value)


def test_read_unknown_encoding(tmp_path: Path) -> None:
    """An unknown encoding name is an error that suggests a real one."""
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_document(path, encoding="klingon")


def test_read_cp1252(tmp_path: Path) -> None:
    """A cp1252 file decodes with encoding='cp1252', curly quotes and all."""
    path = tmp_path / "legacy.txt"
    path.write_bytes("NATO’s “Allied Force” began in 1999 – café.".encode("cp1252"))
    doc = read_document(path, encoding="cp1252")
    assert doc.text == "NATO’s “Allied Force” began in 1999 – café."
    assert blocks(doc) == [("paragraph", doc.text)]


@pytest.mark.parametrize(("name", "markdown"), [("a.md", True), ("a.MARKDOWN", True), ("a.txt", False),
                                                 ("a.text", False)])
def test_read_markdown_by_suffix(tmp_path: Path, name: str, markdown: bool) -> None:
    """Files ending .md or .markdown are read as Markdown, others as plain text."""
    path = tmp_path / name
    path.write_text("# Title\n\nBody.", encoding="utf-8")
    doc = read_document(path, display="shown/" + name)
    assert doc.markdown is markdown
    assert doc.path == "shown/" + name


def test_sha256_of_text() -> None:
    """The document digest is the SHA-256 of its UTF-8 text."""
    assert parse("abc").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


POSITIONS = [
    pytest.param("abc", 0, (1, 1), id="start"),
    pytest.param("abc", 2, (1, 3), id="same-line"),
    pytest.param("ab\ncd", 3, (2, 1), id="after-lf"),
    pytest.param("ab\ncd", 4, (2, 2), id="second-line"),
    pytest.param("ab\r\ncd", 4, (2, 1), id="after-crlf"),
    pytest.param("ab\rcd", 3, (2, 1), id="after-cr"),
    pytest.param("a\n\n\nb", 4, (4, 1), id="blank-lines"),
    pytest.param("ab\ncd", 5, (2, 3), id="end-of-text"),
]


@pytest.mark.parametrize(("text", "offset", "expected"), POSITIONS)
def test_position(text: str, offset: int, expected: tuple[int, int]) -> None:
    """Document.position gives the 1-based line and column of an offset for LF, CRLF and CR line ends."""
    assert parse(text).position(offset) == expected


def test_disclaimer_only_at_the_edges() -> None:
    """A sentence about AI-assisted content deep in the body is content, not the article's disclaimer."""
    body = "\n\n".join(f"Paragraph {i} says KFOR was established in 1999." for i in range(8))
    text = f"Title\n\n{body}\n\nThis piece includes AI-assisted content, critics of such articles say.\n\n{body}\n"
    assert parse(text).disclaimer is None
    assert parse("Title\n\nThis piece includes AI-assisted content.\n\n" + body).disclaimer is not None


@pytest.mark.parametrize("text", [
    "AI-assisted articles copy one another, so two articles agreeing proves nothing.",
    "The AI model copy was sold to a contractor.",
])
def test_statements_about_ai_are_not_disclaimers(text: str) -> None:
    """Talking about AI-assisted writing in general is not saying this text was AI-assisted."""
    assert not is_disclaimer(text)


def test_markdown_table_rows_are_records() -> None:
    """A table is a header block and one record per row, never merged into a paragraph; the delimiter row is
    layout."""
    doc = parse("# T\n\nIntro.\n\n| Mission | Start |\n|---|---|\n| NMI | 2016 |\n\nAfter.\n", "x.md", markdown=True)
    assert [b.kind for b in doc.blocks] == ["title", "paragraph", "table", "table_row", "paragraph"]
    row = doc.blocks[3]
    assert row.header == ("Mission", "Start") and [c.text for c in row.cells] == ["NMI", "2016"]
    assert all(doc.text[c.start:c.end] == c.text for c in row.cells)


MARKDOWN_STRUCTURE = [
    pytest.param("---\ntitle: NATO\ndate: 2024-05-01\n---\n# NATO\n\nText here.", "boilerplate",
                 "---\ntitle: NATO\ndate: 2024-05-01\n---", id="front-matter"),
    pytest.param("# T\n\n<!--\nKFOR began in 1999.\n-->\n\nText here.", "code", "<!--\nKFOR began in 1999.\n-->",
                 id="html-comment"),
    pytest.param("# T\n\n    indented code in 1999\n\nText here.", "code", "    indented code in 1999",
                 id="indented-code"),
    pytest.param("# T\n\nMission | Start\n--- | ---\nNMI | 2016\n\nText here.", "table_row", "NMI | 2016",
                 id="table-without-pipes"),
    pytest.param("# T\n\n````\n```\nKFOR began in 1999.\n```\n````\n\nText here.", "code",
                 "````\n```\nKFOR began in 1999.\n```\n````", id="nested-fence"),
]


@pytest.mark.parametrize(("text", "kind", "block_text"), MARKDOWN_STRUCTURE)
def test_markdown_structure(text: str, kind: str, block_text: str) -> None:
    """Front matter, HTML comments, indented code, tables without outer pipes and nested fences are read the way
    CommonMark reads them, with exact offsets."""
    doc = parse(text, "x.md", markdown=True)
    block = next(b for b in doc.blocks if b.kind == kind)
    assert block.text == block_text and doc.text[block.start:block.end] == block_text


def test_link_definitions_carry_no_claims() -> None:
    """Link reference definitions are not text."""
    doc = parse("# T\n\nText here [1].\n\n[1]: https://example.org/kfor-1999\n", "x.md", markdown=True)
    assert all("example.org" not in b.text for b in doc.blocks)


@pytest.mark.parametrize("markdown", [False, True], ids=["plain", "markdown"])
def test_numbered_headings_open_sections(markdown: bool) -> None:
    """A listicle's numbered lines followed by paragraphs are section headings, in plain text and Markdown."""
    text = ("Five operations\n\n1. Operation Sharp Guard (1993–1996)\n\nIt enforced the embargo.\n\n"
            "2) Operation Deny Flight, 1993-1995\n\nIt enforced the no-fly zone.\n")
    headings = [b.text for b in parse(text, "x.md" if markdown else "x.txt", markdown).blocks if b.kind == "heading"]
    assert headings == ["Operation Sharp Guard (1993–1996)", "Operation Deny Flight, 1993-1995"]


BOXES = [
    pytest.param("┌──────────────┐\n│ Key facts    │\n│ • It began in 1999. │\n└──────────────┘", id="box-drawing"),
    pytest.param("+--------------+\n| Key facts    |\n| • It began in 1999. |\n+--------------+", id="ascii"),
]


@pytest.mark.parametrize("markdown", [False, True], ids=["plain", "markdown"])
@pytest.mark.parametrize("box", BOXES)
def test_lines_inside_boxes_are_read(box: str, markdown: bool) -> None:
    """The lines of a box drawn with characters are read as text, without their borders."""
    doc = parse(f"Title\n\nIntro.\n\n{box}\n\nOutro.\n", "x.md" if markdown else "x.txt", markdown)
    item = next(b for b in doc.blocks if "1999" in b.text)
    assert item.kind == "list_item" and item.text == "It began in 1999."
    assert doc.text[item.start:item.end] == "It began in 1999."


def test_fact_box_lines_are_items() -> None:
    """Runs of 'Label: value' lines are separate items, so each field is read on its own."""
    doc = parse("Title\n\nQuick facts:\nLaunched: 24 March 1999\nEnded: 10 June 1999\nLed by: NATO\n")
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "Launched: 24 March 1999", "Ended: 10 June 1999", "Led by: NATO"]
