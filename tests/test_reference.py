"""Reference data: every validation problem located by file and field, and the indexes built on load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck import reference as refdata
from claimcheck.errors import ReferenceDataError
from claimcheck.reference import alias_key

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reference"
SOURCE = '[{ url = "https://www.nato.int/docu/update/1999/0324e.htm", title = "NATO Update", says = "It began." }]'
NATO_SOURCES = """sources = [
  { url = "https://www.nato.int/cps/en/natohq/news_118651.htm", title = "NATO marks 66th anniversary of the Washington Treaty", says = "On 4 April, 1949, 12 nations signed the Washington Treaty, creating NATO." },
]"""  # noqa: E501


def copy(tmp_path: Path) -> Path:
    """A copy of the fixture reference data."""
    directory = tmp_path / "reference"
    shutil.copytree(FIXTURE, directory)
    return directory


def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the fixture reference with one edit: old replaced by new in file, or new appended if old is ''."""
    directory = copy(tmp_path)
    path = directory / file
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if old:
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    else:
        path.write_text(text + "\n" + new, encoding="utf-8")
    return directory


# (file, old text, new text) -> (problem file, field, message fragment)
PROBLEMS = [
    pytest.param(
        "terms.toml", "", '[[entities]]\nid = "kfor"\nname = "Another Force"\ntype = "mission"\n',
        "terms.toml", "entities.kfor", "duplicate id (first defined in kosovo.toml)",
        id="duplicate-entity-across-files",
    ),
    pytest.param(
        "organisations.toml", "",
        f'[[facts]]\nid = "kfor.period"\nentity = "kfor"\naspect = "period"\nstart = 2000-01-01\nongoing = true\n'
        f"sources = {SOURCE}\n",
        "organisations.toml", "facts.kfor.period", "duplicate id (first defined in kosovo.toml)",
        id="duplicate-fact",
    ),
    pytest.param(
        "organisations.toml", "",
        f'[[facts]]\nid = "ghost.period"\nentity = "ghost"\naspect = "period"\nstart = 2000-01-01\nongoing = true\n'
        f"sources = {SOURCE}\n",
        "organisations.toml", "facts[1].entity (id ghost.period)", "unknown entity 'ghost'",
        id="fact-about-unknown-entity",
    ),
    pytest.param(
        "kosovo.toml", 'successor = "kfor"', 'successor = "sfor"',
        "kosovo.toml", "facts[5].successor (id allied-force.succeeded-by)", "unknown entity 'sfor'",
        id="unknown-successor",
    ),
    pytest.param(
        "kosovo.toml", 'basis = ["unscr-1244"]', 'basis = ["nato"]',
        "kosovo.toml", "facts[9].basis (id kfor.legal-basis)", "'nato' is a organisation, expected resolution",
        id="basis-of-wrong-type",
    ),
    pytest.param(
        "organisations.toml", "", '[[entities]]\nid = "other-force"\nname = "Other Force"\ntype = "mission"\n'
                                  'aliases = ["The  kfor"]\n',
        "kosovo.toml, organisations.toml", "aliases", "alias 'kfor' is claimed by kfor, other-force",
        id="alias-of-two-entities",
    ),
    pytest.param(
        "organisations.toml", NATO_SOURCES, "",
        "organisations.toml", "facts[0].sources (id nato.founded)", "Field required",
        id="missing-sources",
    ),
    pytest.param(
        "organisations.toml", NATO_SOURCES, "sources = []",
        "organisations.toml", "facts[0].sources (id nato.founded)", "at least 1 item",
        id="empty-sources",
    ),
    pytest.param(
        "organisations.toml", "https://www.nato.int/cps/en/natohq/news_118651.htm", "www.nato.int/news",
        "organisations.toml", "facts[0].sources[0].url (id nato.founded)", "should match pattern",
        id="url-without-scheme",
    ),
    pytest.param(
        "organisations.toml", "https://www.nato.int/cps/en/natohq/news_118651.htm", "https://nato.int/a page",
        "organisations.toml", "facts[0].sources[0].url (id nato.founded)", "should match pattern",
        id="url-with-space",
    ),
    pytest.param(
        "kosovo.toml", "start = 1999-03-24", 'start = "2011-02-30"',
        "kosovo.toml", "facts[1].start (id allied-force.period)", "day value is outside expected range",
        id="bad-date-string",
    ),
    pytest.param(
        "kosovo.toml", "start = 1999-03-24", "start = 2011-02-30",
        "kosovo.toml", "line 49, column 9", "TOML syntax error: Invalid date",
        id="bad-date-literal",
    ),
    pytest.param(
        "kosovo.toml", "end = 1999-06-10", "end = 1999-01-10",
        "kosovo.toml", "facts[1] (id allied-force.period)", "'end' is before 'start'",
        id="end-before-start",
    ),
    pytest.param(
        "kosovo.toml", "end = 1999-06-10", "end = 1999-06-10\nongoing = true",
        "kosovo.toml", "facts[1] (id allied-force.period)", "give exactly one of 'end' or 'ongoing = true'",
        id="end-and-ongoing",
    ),
    pytest.param(
        "kosovo.toml", "end = 1999-06-10", "",
        "kosovo.toml", "facts[1] (id allied-force.period)", "give exactly one of 'end' or 'ongoing = true'",
        id="neither-end-nor-ongoing",
    ),
    pytest.param(
        "kosovo.toml", 'measure = "troops_peak"', 'measure = "troops_peak"\ncolour = "blue"',
        "kosovo.toml", "facts[13].colour (id kfor.troops-peak)", "Extra inputs are not permitted",
        id="unknown-fact-field",
    ),
    pytest.param(
        "organisations.toml", 'type = "body"', 'type = "body"\nmotto = "peace"',
        "organisations.toml", "entities[1].motto (id un-security-council)", "Extra inputs are not permitted",
        id="unknown-entity-field",
    ),
    pytest.param(
        "terms.toml", 'phrases = ["freedom of movement"]', 'phrases = ["freedom of movement"]\nweight = 2',
        "terms.toml", "terms[1].weight (id freedom-of-movement)", "Extra inputs are not permitted",
        id="unknown-term-field",
    ),
    pytest.param(
        "kosovo.toml", "", '[[operations]]\nid = "x"\n',
        "kosovo.toml", "operations", "unknown table; use [[entities]], [[facts]] or [[terms]]",
        id="unknown-top-level-table",
    ),
    pytest.param(
        "extra.toml", "", 'entities = "nato"\n',
        "extra.toml", "entities", "must be an array of tables: write [[entities]]",
        id="entities-not-array-of-tables",
    ),
    pytest.param(
        "kosovo.toml", 'exclude = ["combat-operations"]', 'exclude = ["combat-operations", "peace-keeping"]',
        "kosovo.toml", "facts[12].terms (id kfor.mandate)",
        "unknown mandate term 'peace-keeping'; define it in terms.toml",
        id="unknown-term",
    ),
    pytest.param(
        "terms.toml", 'id = "combat-operations"\nkind = "mandate"', 'id = "combat-operations"\nkind = "distinction"',
        "kosovo.toml", "facts[12].terms (id kfor.mandate)", "unknown mandate term 'combat-operations'",
        id="term-of-other-kind",
    ),
    pytest.param(
        "kosovo.toml", 'aspect = "outcome"', 'aspect = "verdict"',
        "kosovo.toml", "facts[6] (id allied-force.outcome)", "Input tag 'verdict' found using 'aspect'",
        id="unknown-aspect",
    ),
    pytest.param(
        "kosovo.toml", 'include = ["air"]', 'include = ["air", "underwater"]',
        "kosovo.toml", "facts[4].include[1] (id allied-force.domains)", "Input should be 'air'",
        id="unknown-domain",
    ),
    pytest.param(
        "kosovo.toml", "", "[[facts]\nid = 1\n",
        "kosovo.toml", "line 174, column 8", "TOML syntax error: Expected ']]'",
        id="toml-syntax-error",
    ),
    pytest.param(
        "kosovo.toml", "number = 1244\n", "",
        "kosovo.toml", "entities[0] (id unscr-1244)", "a resolution needs its 'number'",
        id="resolution-without-number",
    ),
    pytest.param(
        "organisations.toml", "", '[[entities]]\nid = "unscr-1244-copy"\nname = "Copy"\ntype = "resolution"\n'
                                  "number = 1244\n",
        "organisations.toml", "entities.unscr-1244-copy.number", "resolution number 1244 is used twice",
        id="resolution-number-twice",
    ),
    pytest.param(
        "organisations.toml", 'id = "nato"', 'id = "NATO"',
        "organisations.toml", "entities[0].id (id NATO)", "should match pattern",
        id="upper-case-id",
    ),
    pytest.param(
        "organisations.toml", 'event = "founded"', 'event = "exploded"',
        "organisations.toml", "facts[0].event (id nato.founded)", "Input should be 'founded'",
        id="unknown-event",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "field", "message"), PROBLEMS)
def test_validation_problem(tmp_path: Path, file: str, old: str, new: str, where: str, field: str,
                            message: str) -> None:
    """Each kind of broken reference data is reported with the file, the field and what is wrong."""
    _, problems = refdata.collect(broken(tmp_path, file, old, new))
    found = [(p.file, p.field) for p in problems if message in p.message]
    assert (where, field) in found, [str(p) for p in problems]


def test_non_utf8_file(tmp_path: Path) -> None:
    """A file that is not UTF-8 is reported with its name and the byte offset, and the others still load."""
    directory = copy(tmp_path)
    path = directory / "kosovo.toml"
    data = path.read_bytes()
    offset = data.index(b"Kosovo Force")
    path.write_bytes(data.replace(b"Kosovo Force", b"Kosovo \xe9Force", 1))
    ref, problems = refdata.collect(directory)
    assert str(problems[0]) == f"kosovo.toml: file: not valid UTF-8 at byte {offset + 7}; save the file as UTF-8"
    assert "nato" in ref.entities


def test_problem_str() -> None:
    """A problem prints as 'file: field: message'."""
    assert str(refdata.Problem("a.toml", "facts.x", "broken")) == "a.toml: facts.x: broken"


def test_every_problem_listed_on_load(tmp_path: Path) -> None:
    """load raises one error that lists every problem and says how to re-check."""
    directory = broken(tmp_path, "kosovo.toml", "end = 1999-06-10", "end = 1999-01-10")
    (directory / "extra.toml").write_text('[[operations]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(ReferenceDataError) as excinfo:
        refdata.load(directory)
    message = str(excinfo.value)
    assert "2 problem(s)" in message
    assert "claimcheck reference validate" in message
    assert "  kosovo.toml: facts[1] (id allied-force.period): Value error, 'end' is before 'start'" in message
    assert "  extra.toml: operations: unknown table" in message


@pytest.mark.parametrize(("name", "message"), [
    pytest.param("missing", "reference directory not found", id="missing-dir"),
    pytest.param("", "no .toml files", id="empty-dir"),
])
def test_unusable_directory(tmp_path: Path, name: str, message: str) -> None:
    """A missing or empty reference directory is an error naming it."""
    directory = tmp_path / name
    with pytest.raises(ReferenceDataError, match=message) as excinfo:
        refdata.collect(directory)
    assert str(directory) in str(excinfo.value)


@pytest.mark.parametrize("directory", [ROOT / "reference", FIXTURE], ids=["project", "fixture"])
def test_reference_valid(directory: Path) -> None:
    """The project's curated reference data and the test fixture have no problems."""
    _, problems = refdata.collect(directory)
    assert [str(p) for p in problems] == []


def test_fixture_counts(fixture_reference: refdata.Reference) -> None:
    """The fixture holds the entities, facts and terms the tests rely on."""
    assert sorted(fixture_reference.entities) == ["kfor", "nato", "operation-allied-force", "un-security-council",
                                                  "unscr-1199", "unscr-1244"]
    assert len(fixture_reference.facts) == 15
    assert sorted(fixture_reference.terms) == ["combat-operations", "freedom-of-movement", "secure-environment",
                                               "training"]
    assert fixture_reference.files["kfor.period"] == "kosovo.toml"
    assert fixture_reference.files["nato"] == "organisations.toml"


# --- indexes --------------------------------------------------------------------------------------------

ALIAS_KEYS = [
    pytest.param("KFOR", "kfor", id="case"),
    pytest.param("The  North  Atlantic Alliance ", "north atlantic alliance", id="the-and-spaces"),
    pytest.param("the\tKosovo Force", "kosovo force", id="the-and-tab"),
    pytest.param("NATO\u2019s Libya mission", "nato's libya mission", id="curly-apostrophe"),
    pytest.param("\u2018Allied Force\u2019", "'allied force'", id="curly-quotes"),
    pytest.param("Theatre Command", "theatre command", id="the-inside-word-kept"),
    pytest.param("Other Force", "other force", id="no-article"),
]


@pytest.mark.parametrize(("alias", "expected"), ALIAS_KEYS)
def test_alias_key(alias: str, expected: str) -> None:
    """Aliases are normalised: case-folded, leading 'the' dropped, spaces collapsed, quotes straightened."""
    assert alias_key(alias) == expected


ALIASES = [
    pytest.param("KFOR", {"kfor"}, id="acronym"),
    pytest.param("the NATO-led Kosovo Force", {"kfor"}, id="alias-with-the"),
    pytest.param("Kosovo Force", {"kfor"}, id="name"),
    pytest.param("UNSCR 1244", {"unscr-1244"}, id="unscr-spelling"),
    pytest.param("United Nations Security Council Resolution 1199", {"unscr-1199"}, id="long-spelling"),
    pytest.param("Security Council", {"un-security-council"}, id="body"),
    pytest.param("Allied Force", {"operation-allied-force"}, id="short-name"),
]


@pytest.mark.parametrize(("alias", "expected"), ALIASES)
def test_alias_index(fixture_reference: refdata.Reference, alias: str, expected: set[str]) -> None:
    """Names, aliases and standard resolution spellings lead to their entity."""
    assert fixture_reference.alias_index[alias_key(alias)] == expected


def test_unknown_alias(fixture_reference: refdata.Reference) -> None:
    """A name no entity has is not in the index."""
    assert alias_key("SFOR") not in fixture_reference.alias_index


def test_resolution_by_number(fixture_reference: refdata.Reference) -> None:
    """Resolutions are indexed by number."""
    assert fixture_reference.resolution_by_number == {1244: "unscr-1244", 1199: "unscr-1199"}


@pytest.mark.parametrize(("place", "expected"), [
    pytest.param("Kosovo", ["kfor", "operation-allied-force"], id="two-operations"),
    pytest.param("kosovo", ["kfor", "operation-allied-force"], id="case-insensitive"),
    pytest.param("Serbia", ["operation-allied-force"], id="one-operation"),
    pytest.param("Libya", [], id="none"),
])
def test_entities_at(fixture_reference: refdata.Reference, place: str, expected: list[str]) -> None:
    """Operations and missions at a place, sorted; a resolution with the same place is not one."""
    assert fixture_reference.entities_at(place) == expected


@pytest.mark.parametrize(("entity", "aspect", "expected"), [
    pytest.param("kfor", "period", ["kfor.period"], id="one-aspect"),
    pytest.param("kfor", None, ["kfor.period", "kfor.led-by", "kfor.legal-basis", "kfor.un-authorisation",
                                "kfor.domains", "kfor.mandate", "kfor.troops-peak"], id="all-in-file-order"),
    pytest.param("operation-allied-force", "quantity", [], id="no-such-aspect"),
    pytest.param("unscr-1199", None, [], id="entity-without-facts"),
    pytest.param("sfor", None, [], id="unknown-entity"),
])
def test_facts_for(fixture_reference: refdata.Reference, entity: str, aspect: str | None,
                   expected: list[str]) -> None:
    """facts_for lists an entity's facts in file order, optionally of one aspect."""
    assert [f.id for f in fixture_reference.facts_for(entity, aspect)] == expected


def test_digest_changes_with_content(tmp_path: Path) -> None:
    """The reference digest depends on the files' contents, not where the directory is."""
    directory = copy(tmp_path)
    assert refdata.digest_dir(directory) == refdata.digest_dir(FIXTURE)
    with (directory / "terms.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert refdata.digest_dir(directory) != refdata.digest_dir(FIXTURE)


def test_load_cached_reloads_after_edit(tmp_path: Path) -> None:
    """load_cached returns the same object until a file changes."""
    directory = copy(tmp_path)
    first = refdata.load_cached(directory)
    assert refdata.load_cached(directory) is first
    (directory / "terms.toml").write_text(
        (directory / "terms.toml").read_text(encoding="utf-8").replace('"capacity building"', '"capacity-building"'),
        encoding="utf-8")
    second = refdata.load_cached(directory)
    assert second is not first
    assert second.terms["training"].phrases == ["training", "capacity-building"]


def test_an_invalid_entity_does_not_cascade(tmp_path) -> None:
    """An entity rejected for one bad field is reported once, not again by every fact about it."""
    import shutil

    from claimcheck.reference import collect
    from tests.conftest import FIXTURES

    shutil.copytree(FIXTURES / "reference", tmp_path / "ref")
    path = tmp_path / "ref" / "kosovo.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "kfor"\n', 'id = "kfor"\ncolour = "blue"\n', 1), encoding="utf-8")
    _, problems = collect(tmp_path / "ref")
    assert len(problems) == 1, problems
    assert problems[0].field.endswith(".colour (id kfor)")
