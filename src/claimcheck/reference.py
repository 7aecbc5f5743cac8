"""Curated reference data: TOML files of entities and sourced facts, validated and indexed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

from claimcheck.errors import ReferenceDataError

EntityType = Literal[
    "organisation", "body", "operation", "mission", "treaty", "treaty_article", "resolution", "document", "conflict"
]
Domain = Literal["air", "maritime", "ground", "cyber", "space", "special_forces", "training", "civilian"]
EventName = Literal[
    "founded", "signed", "entered_into_force", "adopted", "invoked", "joined", "announced", "lead_assumed"
]
OPERATIONAL_TYPES = frozenset({"operation", "mission"})
TERMS_FILE = "terms.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where a fact comes from: a URL someone actually read and what it says."""

    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    title: Annotated[str, Field(min_length=1)]
    says: Annotated[str, Field(min_length=1)]


class Entity(_Strict):
    """A thing claims can be about: an operation, a treaty, a resolution, an organisation."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Annotated[str, Field(min_length=1)]
    type: EntityType
    aliases: list[str] = []
    places: list[str] = []
    number: int | None = None
    part_of: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _resolution_number(self) -> Entity:
        if self.type == "resolution" and self.number is None:
            raise ValueError("a resolution needs its 'number'")
        return self


class _Fact(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")]
    entity: str
    sources: Annotated[list[Source], Field(min_length=1)]
    note: str | None = None


class PeriodFact(_Fact):
    """When an operation or mission ran; no end and ongoing = true while it still runs."""

    aspect: Literal["period"]
    start: dt.date
    end: dt.date | None = None
    ongoing: bool = False

    @model_validator(mode="after")
    def _ends(self) -> PeriodFact:
        if self.ongoing == (self.end is not None):
            raise ValueError("give exactly one of 'end' or 'ongoing = true'")
        if self.end is not None and self.end < self.start:
            raise ValueError("'end' is before 'start'")
        return self


class EventFact(_Fact):
    """A dated event in an entity's life: founded, signed, adopted, invoked."""

    aspect: Literal["event"]
    event: EventName
    date: dt.date


class AuthorisationFact(_Fact):
    """Whether the UN Security Council authorised it, and by which resolutions."""

    aspect: Literal["un_authorisation"]
    authorised: bool
    resolutions: list[str] = []

    @model_validator(mode="after")
    def _consistent(self) -> AuthorisationFact:
        if not self.authorised and self.resolutions:
            raise ValueError("an unauthorised action cannot list authorising 'resolutions'")
        return self


class LegalBasisFact(_Fact):
    """The instruments (resolutions, treaty articles) an action rests on; `complete` when the sources list the
    whole basis, so that any other instrument is not part of it."""

    aspect: Literal["legal_basis"]
    basis: Annotated[list[str], Field(min_length=1)]
    complete: bool = False


class DomainsFact(_Fact):
    """Which force domains took part, and which the facts exclude."""

    aspect: Literal["domains"]
    include: list[Domain] = []
    exclude: list[Domain] = []

    @model_validator(mode="after")
    def _disjoint(self) -> DomainsFact:
        if set(self.include) & set(self.exclude):
            raise ValueError("a domain is both included and excluded")
        return self


class TermsFact(_Fact):
    """Mandate tasks or distinctions, as terms from reference/terms.toml."""

    aspect: Literal["mandate", "distinction"]
    terms: list[str] = []
    exclude: list[str] = []


class LeadFact(_Fact):
    """Who led it (entity ids), from when."""

    aspect: Literal["led_by"]
    by: Annotated[list[str], Field(min_length=1)]
    since: dt.date | None = None


class SuccessionFact(_Fact):
    """The entity that took over when this one ended."""

    aspect: Literal["succeeded_by"]
    successor: str


class QuantityFact(_Fact):
    """A number about an entity: troops at peak, sorties flown, members, days."""

    aspect: Literal["quantity"]
    measure: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    value: Annotated[int, Field(ge=0)]
    approximate: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class OutcomeFact(_Fact):
    """What sources record about how it ended or what it achieved; shown to editors, never a verdict."""

    aspect: Literal["outcome"]
    summary: Annotated[str, Field(min_length=1)]


Fact = Annotated[
    PeriodFact | EventFact | AuthorisationFact | LegalBasisFact | DomainsFact | TermsFact | LeadFact
    | SuccessionFact | QuantityFact | OutcomeFact,
    Field(discriminator="aspect"),
]


class Term(_Strict):
    """A canonical mandate or distinction term and the phrases that express it."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    kind: Literal["mandate", "distinction"]
    phrases: Annotated[list[str], Field(min_length=1)]

    @field_validator("phrases")
    @classmethod
    def _lower(cls, phrases: list[str]) -> list[str]:
        return [p.lower() for p in phrases]


class ReferenceFile(_Strict):
    """One TOML file of reference/: entities, facts, and (in terms.toml) terms."""

    entities: list[Entity] = []
    facts: list[Fact] = []
    terms: list[Term] = []


_FACT_LIST = TypeAdapter(list[Fact])


@dataclass
class Problem:
    """One validation problem, located by file and field."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass
class Reference:
    """The loaded reference data with its indexes: id to entry, alias to entity ids."""

    path: Path
    sha256: str
    entities: dict[str, Entity]
    facts: dict[str, Fact]
    terms: dict[str, Term]
    files: dict[str, str] = field(default_factory=dict)
    alias_index: dict[str, set[str]] = field(default_factory=dict)
    facts_by_entity: dict[str, list[Fact]] = field(default_factory=dict)
    resolution_by_number: dict[int, str] = field(default_factory=dict)

    def facts_for(self, entity_id: str, aspect: str | None = None) -> list[Fact]:
        """Facts about an entity, optionally of one aspect, in file order."""
        facts = self.facts_by_entity.get(entity_id, [])
        return [f for f in facts if aspect is None or f.aspect == aspect]

    def entities_at(self, place: str) -> list[str]:
        """Operations and missions whose places include this place, sorted by id."""
        key = place.lower()
        return sorted(
            e.id for e in self.entities.values()
            if e.type in OPERATIONAL_TYPES and any(p.lower() == key for p in e.places)
        )


def alias_key(alias: str) -> str:
    """Normalise an alias for lookup: case-folded, 'the' dropped, spaces collapsed, curly quotes straightened."""
    text = alias.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def entity_aliases(entity: Entity) -> list[str]:
    """Every surface form of an entity: name, aliases, and standard resolution spellings."""
    forms = [entity.name, *entity.aliases]
    if entity.type == "resolution" and entity.number is not None:
        n = entity.number
        forms += [f"Resolution {n}", f"UNSCR {n}", f"UNSC Resolution {n}",
                  f"Security Council Resolution {n}", f"UN Security Council Resolution {n}",
                  f"United Nations Security Council Resolution {n}"]
    return forms


def _location(index: int, kind: str, loc: tuple) -> str:
    """'facts[3].sources[1].url' from pydantic's error location."""
    out = f"{kind}[{index}]"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@dataclass
class _Where:
    """Where each entry was read, and the ids of entries that failed validation (to avoid cascading errors)."""

    files: dict[str, str] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)

    def fact(self, fact_id: str, field_name: str) -> str:
        return f"facts[{self.index.get(fact_id, '?')}].{field_name} (id {fact_id})"

    def entity(self, entity_id: str, field_name: str) -> str:
        return f"entities[{self.index.get(entity_id, '?')}].{field_name} (id {entity_id})"


def _parse_file(path: Path, rel: str, problems: list[Problem], where: _Where) -> ReferenceFile | None:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, "file", f"not valid UTF-8 at byte {exc.start}; save the file as UTF-8"))
        return None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+), column (\d+)", str(exc))
        problems.append(Problem(rel, f"line {at[1]}, column {at[2]}" if at else "file", f"TOML syntax error: {exc}"))
        return None
    for key in sorted(set(raw) - {"entities", "facts", "terms"}):
        problems.append(Problem(rel, key, "unknown table; use [[entities]], [[facts]] or [[terms]]"))
    parsed: dict[str, list] = {}
    for key, model in (("entities", Entity), ("facts", None), ("terms", Term)):
        items = raw.get(key, [])
        if not isinstance(items, list):
            problems.append(Problem(rel, key, f"must be an array of tables: write [[{key}]]"))
            continue
        good = []
        for i, item in enumerate(items):
            ident = item.get("id", "?") if isinstance(item, dict) else "?"
            where.index.setdefault(str(ident), i)
            try:
                good.append(model.model_validate(item) if model else _FACT_LIST.validate_python([item])[0])
            except ValidationError as exc:
                where.invalid.add(str(ident))
                for err in exc.errors():
                    loc = err["loc"][1:] if model is None else err["loc"]
                    if model is None and loc and loc[0] in _FACT_TAGS:
                        loc = loc[1:]  # the discriminator pydantic puts first, not a field
                    problems.append(Problem(rel, f"{_location(i, key, loc)} (id {ident})", err["msg"]))
        parsed[key] = good
    return ReferenceFile(**parsed)


_FACT_TAGS = {"period", "event", "un_authorisation", "legal_basis", "domains", "mandate", "distinction",
              "led_by", "succeeded_by", "quantity", "outcome"}


def _check_links(ref: Reference, where: _Where, problems: list[Problem]) -> None:
    entity_types = {e.id: e.type for e in ref.entities.values()}
    origin = where.files

    def need(fact_id: str, field_name: str, target: str, types: Iterable[str] | None = None) -> None:
        if target in where.invalid:
            return  # already reported where that entry is defined
        if target not in entity_types:
            problems.append(Problem(origin[fact_id], where.fact(fact_id, field_name),
                                    f"unknown entity '{target}'; add it under [[entities]] or fix the id"))
        elif types is not None and entity_types[target] not in types:
            problems.append(Problem(origin[fact_id], where.fact(fact_id, field_name),
                                    f"'{target}' is a {entity_types[target]}, expected {' or '.join(types)}"))

    for fact in ref.facts.values():
        need(fact.id, "entity", fact.entity)
        if isinstance(fact, AuthorisationFact):
            for r in fact.resolutions:
                need(fact.id, "resolutions", r, ["resolution"])
        elif isinstance(fact, LegalBasisFact):
            for b in fact.basis:
                need(fact.id, "basis", b, ["resolution", "treaty", "treaty_article"])
        elif isinstance(fact, LeadFact):
            for b in fact.by:
                need(fact.id, "by", b, ["organisation", "body"])
        elif isinstance(fact, SuccessionFact):
            need(fact.id, "successor", fact.successor)
        elif isinstance(fact, TermsFact):
            for t in (*fact.terms, *fact.exclude):
                term = ref.terms.get(t)
                if (term is None or term.kind != fact.aspect) and t not in where.invalid:
                    problems.append(Problem(origin[fact.id], where.fact(fact.id, "terms"),
                                            f"unknown {fact.aspect} term '{t}'; define it in {TERMS_FILE}"))
    for entity in ref.entities.values():
        if entity.part_of is not None and entity.part_of not in entity_types and entity.part_of not in where.invalid:
            problems.append(Problem(origin[entity.id], where.entity(entity.id, "part_of"),
                                    f"unknown entity '{entity.part_of}'"))


def _index(ref: Reference, origin: dict[str, str], problems: list[Problem]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in ref.entities.values():
        for alias in entity_aliases(entity):
            owners[alias_key(alias)].add(entity.id)
    for key, ids in sorted(owners.items()):
        if len(ids) > 1:
            listed = ", ".join(sorted(ids))
            files = sorted({origin[i] for i in ids})
            problems.append(Problem(", ".join(files), "aliases",
                                    f"alias '{key}' is claimed by {listed}; keep it on one entity only"))
    ref.alias_index = dict(owners)
    by_entity: dict[str, list[Fact]] = defaultdict(list)
    for fact in ref.facts.values():
        by_entity[fact.entity].append(fact)
    ref.facts_by_entity = dict(by_entity)
    for entity in ref.entities.values():
        if entity.number is not None:
            if entity.number in ref.resolution_by_number:
                problems.append(Problem(origin[entity.id], f"entities.{entity.id}.number",
                                        f"resolution number {entity.number} is used twice"))
            ref.resolution_by_number[entity.number] = entity.id


def _add_unique(kind: str, items: Iterable, rel: str, store: dict, origin: dict[str, str],
                problems: list[Problem]) -> None:
    for item in items:
        if item.id in store:
            problems.append(Problem(rel, f"{kind}.{item.id}",
                                    f"duplicate id (first defined in {origin[item.id]}); ids must be unique"))
            continue
        store[item.id] = item
        origin[item.id] = rel


def digest_dir(directory: Path, pattern: str = "*.toml") -> str:
    """SHA-256 over every matching file's relative path and bytes, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(directory.rglob(pattern)):
        h.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def collect(directory: Path) -> tuple[Reference, list[Problem]]:
    """Load every TOML file under a directory and return the reference with all problems found."""
    problems: list[Problem] = []
    if not directory.is_dir():
        raise ReferenceDataError(f"{directory}: reference directory not found; pass --reference DIR")
    files = sorted(directory.rglob("*.toml"))
    if not files:
        raise ReferenceDataError(f"{directory}: no .toml files; the reference directory is empty")
    ref = Reference(path=directory, sha256=digest_dir(directory), entities={}, facts={}, terms={})
    where = _Where()
    origin = where.files
    for path in files:
        rel = path.relative_to(directory).as_posix()
        parsed = _parse_file(path, rel, problems, where)
        if parsed is None:
            continue
        _add_unique("entities", parsed.entities, rel, ref.entities, origin, problems)
        _add_unique("facts", parsed.facts, rel, ref.facts, origin, problems)
        _add_unique("terms", parsed.terms, rel, ref.terms, origin, problems)
    ref.files = origin
    _check_links(ref, where, problems)
    _index(ref, origin, problems)
    return ref, problems


def load_cached(directory: Path) -> Reference:
    """Load reference data once per process for each version of the directory's files."""
    return _load_cached(str(directory.resolve()), digest_dir(directory) if directory.is_dir() else "")


@cache
def _load_cached(directory: str, digest: str) -> Reference:
    return load(Path(directory))


def load(directory: Path) -> Reference:
    """Load and validate reference data; raise ReferenceDataError listing every problem."""
    ref, problems = collect(directory)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise ReferenceDataError(
            f"{directory}: {len(problems)} problem(s) in the reference data; "
            f"run 'claimcheck reference validate' after fixing:\n{lines}"
        )
    return ref
