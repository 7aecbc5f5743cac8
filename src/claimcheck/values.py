"""Normalised values found in claim text: dates, decades, durations, resolution numbers, quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from claimcheck.tables import phrase_alternation, table


def month_number(name: str) -> int:
    """The number of a month written in full or abbreviated: 'March', 'Mar', 'Sept.'."""
    return MONTHS[name.lower().rstrip(".")[:3]]


MONTHS = {m[:3]: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=[\s,–—-]))")
_YEAR = r"(1[89]\d\d|20\d\d)"
# "24 March 1999", "March 24, 1999", "March 1999"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+{_YEAR}\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*{_YEAR}\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")
_YEAR_ALONE = re.compile(rf"(?<![\w/$£€.-])(?<!\d,){_YEAR}(?![\w-]|[.,]\d)")
# "mid-1999", "early 2008", "late-2001": a year with the part of it the text names.
_PART_YEAR = re.compile(rf"\b(?P<part>early|mid|late)(?:[\s-]+|-)(?P<year>{_YEAR})\b", re.IGNORECASE)
# "1999-06-12" (ISO 8601), "24.03.1999" (day first), "12/06/1999" (order unknown unless a part exceeds 12).
_ISO_DATE = re.compile(rf"(?<![\w/.-]){_YEAR}-(\d\d)-(\d\d)(?![\w/-])")
_DOTTED_DATE = re.compile(rf"(?<![\w/.])(\d{{1,2}})\.(\d{{1,2}})\.{_YEAR}(?![\w.]\d)")
_SLASHED_DATE = re.compile(rf"(?<![\w/.])(\d{{1,2}})/(\d{{1,2}})/{_YEAR}(?![\w/])")
# A day and month, or a month after a preposition, with no year: "on 25 March", "in June".
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?!\s*,?\s*(?:of\s+)?{_YEAR}\b)")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*{_YEAR}\b)")
_MONTH_ONLY = re.compile(rf"\b(?:in|on|by|from|until|till|since|during|of|early|late|mid|mid-)\s*{_MONTH}\b"
                         rf"(?!\s*,?\s*(?:of\s+)?{_YEAR}\b)")
_MONTH_RANGE = re.compile(rf"\b{_MONTH}\s*[–—-]\s*{_MONTH}\s+{_YEAR}\b")
# Which months "early", "mid" and "late" in a year may mean, generously.
PARTS = {"early": (1, 5), "mid": (4, 9), "late": (8, 12)}
_DECADE = re.compile(r"\b(?:the\s+)?(1[89]\d0|20\d0)s\b|\b(?:the\s+)?'(\d0)s\b")
# "1993–1996", "1995-96", "from 1995 to 2004"; not "16 Dec 2002 – 31 Mar 2003", where 31 is a day, nor an ISO
# date "2001-12-20".
_RANGE = re.compile(rf"\b(?:from|between)\s+(?:\w+\s+){{0,2}}?{_YEAR}\s+(?:to|and|until|till|through)\s+"
                    rf"(?:\w+\s+){{0,2}}?{_YEAR}\b|\b{_YEAR}\s*[–—-]\s*(\d{{4}}|\d{{2}}(?!\s*{_MONTH})(?![-/.]\d))\b")
_RESOLUTIONS = re.compile(
    r"\b(?:resolutions?|UNSCRs?|S/RES/)\s*(\d{3,4})((?:\s*(?:\(\d{4}\))?\s*(?:,|and|&|as well as|or)\s*"
    r"(?:resolution\s+)?\d{3,4})*)", re.IGNORECASE)
# Thousands separated by a comma, a space, a thin or no-break space, or (in translated text) a full stop.
_NUMBER = (r"(\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d{1,3}(?:\.\d{3})+(?![\d.,]\d)"
           r"|\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class DateValue:
    """A date as written: year, optionally month and day; offset is the character offset in the clause."""

    year: int
    month: int | None = None
    day: int | None = None
    offset: int = 0
    part: str | None = None  # "early", "mid" or "late" in the year, when the text says so
    end: int = field(default=0, compare=False)  # where the date's text ends in the clause
    inferred_year: bool = field(default=False, compare=False)  # "on 25 March" in a 2011 paragraph: year from context

    def iso(self) -> str:
        """ISO 8601 at the precision written: 1999, 1999-03 or 1999-03-24 ('mid-1999' for a part of a year)."""
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return f"{self.part}-{parts[0]}" if self.part and self.month is None else "-".join(parts)

    def month_range(self) -> tuple[int, int]:
        """The months the date may fall in: one month, a part of the year, or the whole year."""
        if self.month is not None:
            return self.month, self.month
        return PARTS.get(self.part or "", (1, 12))


@dataclass(frozen=True)
class Duration:
    """A stated length of time: amount in unit, and the same in days."""

    amount: float
    unit: str
    text: str
    bound: str | None = None  # "lower" for "over two decades", "upper" for "nearly eight years"
    offset: int = field(default=0, compare=False)

    @property
    def days(self) -> float:
        """The duration in days."""
        return self.amount * durations_table()["units"][self.unit]


@dataclass(frozen=True)
class Quantity:
    """A stated count of something: value, the measure it counts, and whether it is approximate or vague."""

    value: int | None
    measure: str
    approximate: bool
    text: str
    offset: int = field(default=0, compare=False)


@cache
def durations_table() -> dict:
    """The duration units, number words and tolerances table."""
    return table("claims")["durations"]


def find_dates(text: str, default_year: int | None = None) -> list[DateValue]:
    """Every full date, month and year, part of a year and bare year in text, most precise first where they
    overlap; with default_year, also days and months written without a year ('on 25 March')."""
    return list(_dates(text, default_year))


@lru_cache(maxsize=4096)
def _dates(text: str, default_year: int | None) -> tuple[DateValue, ...]:
    # Clauses are read for dates several times (roles, owners, years of context): once is enough.
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: DateValue) -> None:
        if not any(s < m.end() and m.start() < e for s, e in taken):
            taken.append(m.span())
            found.append(replace(value, end=m.end()))

    for m in _MONTH_RANGE.finditer(text):
        # "Mar – Jun 1999": the first month takes the year written after the second.
        if not any(s < m.end(1) and m.start() < e for s, e in taken):
            taken.append((m.start(), m.end(1)))
            found.append(DateValue(int(m[3]), month_number(m[1]), None, m.start(), end=m.end(1)))

    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m, DateValue(int(m[3]), month_number(m[2]), int(m[1]), m.start()))
    for m in _MONTH_DAY_YEAR.finditer(text):
        add(m, DateValue(int(m[3]), month_number(m[1]), int(m[2]), m.start()))
    for m in _MONTH_YEAR.finditer(text):
        add(m, DateValue(int(m[2]), month_number(m[1]), None, m.start()))
    for m in _ISO_DATE.finditer(text):
        if 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
            add(m, DateValue(int(m[1]), int(m[2]), int(m[3]), m.start()))
    for m in _DOTTED_DATE.finditer(text):
        if 1 <= int(m[2]) <= 12 and 1 <= int(m[1]) <= 31:
            add(m, DateValue(int(m[3]), int(m[2]), int(m[1]), m.start()))
    for m in _SLASHED_DATE.finditer(text):
        add(m, _slashed(int(m[1]), int(m[2]), int(m[3]), m.start()))
    for m in _PART_YEAR.finditer(text):
        add(m, DateValue(int(m["year"]), offset=m.start(), part=m["part"].lower()))
    resolution_spans = [m.span() for m in _RESOLUTIONS.finditer(text)]
    for m in _YEAR_ALONE.finditer(text):
        inside = any(s <= m.start() < e for s, e in resolution_spans)
        bracketed = text[max(0, m.start() - 1):m.start()] == "(" and inside
        if bracketed or (not inside and not _numbered_resolution(text, m.start())):
            add(m, DateValue(int(m[1]), offset=m.start()))
    if default_year is not None:
        for m in _DAY_MONTH.finditer(text):
            add(m, DateValue(default_year, month_number(m[2]), int(m[1]), m.start(), inferred_year=True))
        for m in _MONTH_DAY.finditer(text):
            add(m, DateValue(default_year, month_number(m[1]), int(m[2]), m.start(), inferred_year=True))
        for m in _MONTH_ONLY.finditer(text):
            at = m.start(1)
            add(m, DateValue(default_year, month_number(m[1]), None, at, inferred_year=True))
    return tuple(sorted(found, key=lambda d: d.offset))


# "UNSCRs on Somali piracy (1816 and follow-ons)": a number that resolutions were just named for, with no date
# word before it, is a resolution's number, not a year.
_RESOLUTION_WORD = re.compile(r"\b(?:resolutions?|UNSCRs?)\b[^.;]{0,40}$", re.IGNORECASE)
_DATE_WORD = re.compile(r"\b(?:in|since|from|until|till|by|of|to|and|or|early|late|mid|year|years|summer|spring|"
                        r"autumn|winter|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?\s*[(,]?\s*$",
                        re.IGNORECASE)


def _numbered_resolution(text: str, at: int) -> bool:
    before = text[:at]
    if re.search(r"\d{3,4}\s*\($", before):
        return False  # "Resolution 1244 (1999)": the year the resolution was adopted
    return bool(_RESOLUTION_WORD.search(before)) and not _DATE_WORD.search(before)


def _slashed(first: int, second: int, year: int, offset: int) -> DateValue:
    """'12/06/1999': day first or month first is known only when one part exceeds 12; else only the year is."""
    if first > 12 and 1 <= second <= 12:
        return DateValue(year, second, first, offset)
    if second > 12 and 1 <= first <= 12 and second <= 31:
        return DateValue(year, first, second, offset)
    if first == second and 1 <= first <= 12:
        return DateValue(year, first, first, offset)
    return DateValue(year, offset=offset)


def find_decades(text: str) -> list[int]:
    """Decades such as 'the 1990s' as their first year."""
    out = []
    for m in _DECADE.finditer(text):
        out.append(int(m[1]) if m[1] else 1900 + int(m[2]))
    return out


def find_ranges(text: str) -> list[tuple[int, int]]:
    """Year ranges: 'from 1995 to 2004', 'between 2001 and 2014', '1995–2004' or '1995-96'."""
    return [r for _, r in range_spans(text)]


def range_spans(text: str) -> list[tuple[int, tuple[int, int]]]:
    """Year ranges with the offset of their first year."""
    out = []
    for m in _RANGE.finditer(text):
        if m[1]:
            out.append((m.start(1), (int(m[1]), int(m[2]))))
        else:
            start, end = int(m[3]), m[4]
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if end_year >= start:
                out.append((m.start(3), (start, end_year)))
    return out


def resolution_spans(text: str) -> list[re.Match[str]]:
    """Where resolution numbers are written."""
    return list(_RESOLUTIONS.finditer(text))


def find_resolutions(text: str) -> list[int]:
    """Resolution numbers: 'Resolution 1244', 'UNSCR 1973', 'resolutions 1970 and 1973'."""
    return list(dict.fromkeys(n for n, _, _ in resolution_mentions(text)))


def resolution_mentions(text: str) -> list[tuple[int, int, int]]:
    """Each resolution number with the start and end of the words that name it ('Resolutions 1970 and 1973')."""
    out: list[tuple[int, int, int]] = []
    for m in _RESOLUTIONS.finditer(text):
        out.append((int(m[1]), m.start(), m.end()))
        out += [(int(n), m.start(), m.end()) for n in re.findall(r"(?<!\()\b\d{3,4}\b(?!\))", m[2] or "")]
    return out


SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}


def _word_numbers(least: float = 0) -> str:
    """A word-bounded regex of number words of at least a value, with compounds such as 'thirty-two' and
    'three thousand five hundred'."""
    words = durations_table()["numbers"]
    tens = "|".join(w for w, v in words.items() if v >= 20 and v % 10 == 0)
    units = "|".join(w for w, v in words.items() if 1 <= v <= 19 and w not in ("a", "an"))
    plain = "|".join(sorted((w for w, v in words.items() if v >= least), key=len, reverse=True))
    scales = "|".join(SCALES)
    # One spelled-out number: "thirty-two", or words joined by scales: "three thousand five hundred".
    part = rf"(?:(?:{tens})[\s-](?:{units})|{units}|{tens})"
    compound = rf"{part}[\s-]+(?:{scales})(?:[\s-]+(?:and[\s-]+)?(?:{part})(?:[\s-]+(?:{scales}))?)*"
    return rf"\b(?:{compound}|(?:{tens})[\s-](?:{units})|{plain})\b(?![\s-]+(?:{scales})\b)"


def word_number(text: str) -> float:
    """The value of spelled-out numbers: 'seven' 7, 'thirty-two' 32, 'three thousand five hundred' 3500."""
    words = durations_table()["numbers"]
    total, current = 0.0, 0.0
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "and" or not w:
            continue
        if w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0.0
        else:
            current += words[w]
    return total + current


@cache
def _duration_pattern() -> re.Pattern[str]:
    cfg = durations_table()
    units = "|".join(cfg["units"])
    bounds = "|".join(map(re.escape, cfg["lower_bound"] + cfg["upper_bound"]))
    return re.compile(
        rf"(?<!\bevery\s)(?<!\beach\s)(?:\b(?P<bound>{bounds})\s+)?(?<![\w-])(?:(?P<num>\d+(?:\.\d+)?|{_word_numbers()})(?P<half>[\s-]+and[\s-]+a[\s-]+half)?[\s-]+)?"
        rf"(?P<unit>{units})s?(?:[\s-]+(?P<suffix>long|old))?(?![\w])"
        rf"(?!\s+(?:ago|later|after|before|earlier|of\s+(?:the|its)\b))",
        re.IGNORECASE)


def find_durations(text: str) -> list[Duration]:
    """Stated durations: '78-day', 'decade-long', 'seven months', 'over two decades', 'an 11-week campaign'."""
    cfg = durations_table()
    out = []
    for m in _duration_pattern().finditer(text):
        number, unit, suffix = m["num"], m["unit"].lower(), m["suffix"]
        if number is None and suffix is None:
            continue
        amount = 1.0 if number is None else float(number) if number[0].isdigit() else word_number(number)
        amount += 0.5 if m["half"] else 0.0
        if amount <= 0 or (number is not None and number.lower() in ("a", "an") and suffix is None):
            continue
        bound = m["bound"] and ("lower" if m["bound"].lower() in cfg["lower_bound"] else "upper")
        at = m.start("num") if m["num"] else m.start("unit")
        out.append(Duration(amount, unit, m.group().strip(), bound or None, at))
    return out


@cache
def _quantity_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    cfg = table("claims")["quantities"]
    measures = {phrase.lower(): measure for measure, phrases in cfg.items()
                if measure not in ("vague", "subset", "own_measures") for phrase in phrases}
    units = phrase_alternation(list(measures))
    words = _word_numbers(least=2)
    counted = re.compile(
        rf"(?P<approx>about|around|approximately|nearly|almost|some|over|more than|roughly|up to|fewer than|"
        rf"less than|at least|at its peak,?|a peak of|peak of)?\s*(?P<num>{_NUMBER}|{words})"
        rf"(?:\s*(?P<scale>thousand|million))?(?:[\s-]+(?P<filler>(?:[\w-]+\s+){{0,2}}?))(?P<unit>{units})(?![\w-])",
        re.IGNORECASE)
    vague = re.compile(rf"\b(?P<vague>{'|'.join(cfg['vague'])})\s+of\s+(?:[\w-]+\s+){{0,2}}?(?P<unit>{units})(?![\w-])",
                       re.IGNORECASE)
    return counted, vague, measures


def _to_number(text: str, scale: str | None) -> int:
    if text[0].isdigit():
        # "3.500" with three digits after each full stop is a thousands separator (translated text).
        digits = re.sub(r"[,\s\u00a0\u202f]", "", text)
        value = float(digits.replace(".", "")) if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits) else float(digits)
    else:
        value = word_number(text)
    value *= {"thousand": 1_000, "million": 1_000_000}.get((scale or "").lower(), 1)
    return round(value)


_APPROXIMATE = re.compile(r"^(?:about|around|approximately|nearly|almost|some|over|more than|roughly|up to|"
                          r"fewer than|less than|at least|an estimated|estimated)\s+", re.IGNORECASE)


def parse_count(text: str) -> tuple[int | None, bool]:
    """A written count ('about 3 500', 'more than 38,000', 'thirteen') as (value, approximate); None if no number."""
    approx = _APPROXIMATE.match(text)
    body = text[approx.end():] if approx else text
    body = body.strip().rstrip("+")
    if re.fullmatch(_NUMBER, body):
        return _to_number(body, None), bool(approx) or text.rstrip().endswith("+")
    if re.fullmatch(_word_numbers(least=2), body, re.IGNORECASE):
        return round(word_number(body)), bool(approx)
    return None, bool(approx)


# Endings of nationality adjectives ("British", "German", "Dutch", "Canadian", "Turkish", "Chinese").
_NATIONALITY_ENDINGS = ("ish", "ian", "an", "ese", "ch", "i", "ic")


@cache
def _own_measures() -> frozenset[str]:
    return frozenset(table("claims")["quantities"]["own_measures"])


@cache
def _subset_words() -> frozenset[str]:
    return frozenset(table("claims")["quantities"]["subset"])


def find_quantities(text: str) -> list[Quantity]:
    """Counts of troops, sorties, members, nations or ships, with approximation and vagueness marked."""
    counted, vague, measures = _quantity_patterns()
    out = []
    for m in counted.finditer(text):
        number = m["num"]
        if re.fullmatch(r"1[89]\d\d|20\d\d", number) and not m["scale"]:
            continue
        measure = measures[re.sub(r"[\s-]+", " ", m["unit"].lower())]
        filler = (m["filler"] or "").split()
        if any(w.lower() in _subset_words() or (w[:1].isupper() and w.lower().endswith(_NATIONALITY_ENDINGS))
               or w.lower() in _own_measures() for w in filler):
            # "14 partner nations", "5,000 British troops": a part of the whole, counted apart; "830 crew
            # members": crew, not member states.
            measure = " ".join([*filler, m["unit"]]).lower()
        out.append(Quantity(_to_number(number, m["scale"]), measure, bool(m["approx"]), m.group().strip(),
                            m.start() + len(m.group()) - len(m.group().lstrip())))
    for m in vague.finditer(text):
        measure = measures[re.sub(r"[\s-]+", " ", m["unit"].lower())]
        out.append(Quantity(None, measure, True, m.group().strip(), m.start()))
    return out
