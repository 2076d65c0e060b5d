"""What a sentence holds, for the answerer: figures (money, shares, counts), dates, names,
addresses, acronyms, headings and list structure. Pure functions on text, with worked examples;
what a question asks for is read in `cues`."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.citations import MONTHS, format_date
from assistant.lexical import STOPWORDS, term_set, tokenize
from assistant.records import Chunk, DocumentInfo, Sentence

_QUALIFIER = (
    # "over" as "more than", not the particle of "handed over three vessels"
    r"(?:(?:more|less|fewer) than|(?<!handed )(?<!hands )(?<!hand )(?<!turned )(?<!took )(?<!passed )over|nearly|"
    r"almost|about|approximately|around|roughly|up to|at least|some)\s+"
)


# Money: a currency sign or code before the amount ("US$139million", "€18 million", "EUR 2.5 million"),
# or a currency named after it ("18 million euros").
_SCALE_WORD = r"(?:\s?(?:million|billion|trillion|thousand)\b)?"
_CURRENCY_NAME = r"(?:(?:U\.?S\.?|EC|Eastern Caribbean|Canadian|Jamaican)\s+)?(?:dollars|euros|pounds)\b"
_MONEY = re.compile(
    r"(?:" + _QUALIFIER + r")?(?:(?:(?:US|U\.S\.|EC|CA|C|A|NZ|J|TT|BDS)?[$€£¥]|\b(?:USD|EUR|GBP|XCD|JMD|TTD|BBD)\s?)"
    r"\s?\d[\d,.]*" + _SCALE_WORD + r"|\b\d[\d,.]*" + _SCALE_WORD + r"\s+" + _CURRENCY_NAME + r")",
    re.IGNORECASE,
)
_MONEY_MARK = re.compile(r"[$€£¥]|\b(?:USD|EUR|GBP|XCD|JMD|TTD|BBD|dollars|euros|pounds)\b", re.IGNORECASE)


_CURRENCIES = {
    "dollar": re.compile(r"\$|\b(?:USD|XCD|JMD|TTD|BBD|dollars)\b", re.IGNORECASE),
    "euro": re.compile(r"€|\b(?:EUR|euros)\b", re.IGNORECASE),
    "pound": re.compile(r"£|\b(?:GBP|pounds)\b", re.IGNORECASE),
}


def in_currency(figure: str, asked: frozenset[str]) -> bool:
    """Whether a money figure is in the currency a question names by its word ("in US dollars"),
    or the question names none.

    >>> in_currency("€18 million", frozenset({"dollar"})), in_currency("$5 million", frozenset({"cost"}))
    (False, True)
    """
    named = [pattern for word, pattern in _CURRENCIES.items() if word in asked]
    return not named or any(pattern.search(figure) for pattern in named)


def is_money(figure: str) -> bool:
    """Whether a figure is an amount of money.

    >>> is_money("more than US$139million"), is_money("€18 million"), is_money("18 million euros"), is_money("13 ships")
    (True, True, True, False)
    """
    return bool(_MONEY_MARK.search(figure))


# Counts written as words ("four coastal radar stations"); "one" is left out: "one piece of", "one of".
NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens|hundreds"
)
_COUNT_NUMBER = r"(?:\d[\d,.]*|\b(?:" + NUMBER_WORDS + r")\b)"
# Words after a count that do not say what it counts ("640 officers at the academy": "officers").
_NOT_A_UNIT = (
    "to|of|and|or|in|on|at|by|as|into|across|over|under|the|for|from|through|with|a|an|during|"
    "between|since|after|before|among|within|against|about|around|per|than|until|via|including|"
    "this|these|those|its|their|his|her|our|it|they|he|she|we|when|where|while|if|not|"
    "is|are|was|were|be|been|have|has|had|will|would|can|that|which|who|whose"
)
_QUANTITY = re.compile(
    r"(?:" + _QUALIFIER + r")?\b" + _COUNT_NUMBER + r"(?:\s+(?:out\s+)?of\s+(?:the\s+)?\d[\d,]*(?!\d))?"  # "12 of 30"
    r"(?:\s?(?:percent\b|%)|"
    r"(?:\s+(?!(?:"
    + _NOT_A_UNIT
    + r")\b(?!-))(?:\d[\d.]*-)?[A-Za-z][\w-]*){1,3})?",  # "at-risk youth", "45-foot boats"
    re.IGNORECASE,
)


YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # also inside "FY2025"


MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)


FISCAL = r"(?:fiscal\s+year\s+|FY\s?)"  # what may stand before a fiscal year's number
_YEAR_AT = r"(?:(?:" + MONTH + r")\s+|" + FISCAL + r")?(?:19|20)\d{2}\b"  # "June 2022", "fiscal year 2023"
# A span of time: "between January and June 2022", "from 2019 to 2021", "between FY2019 and FY2021".
_SPAN_OF_TIME = r"\b(?:between|from)\s+(?:" + MONTH + r"|" + _YEAR_AT + r")\s+(?:and|to|through|until)\s+" + _YEAR_AT

# A date in figures: "05/17/2023" (month first, as U.S. documents write it) or "2023-08-24".
_NUMERIC_DATE = (
    r"(?<![\d/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}\b|(?:19|20)\d{2}-[01]\d-[0-3]\d\b"
)

_DATE_EXPR = re.compile(
    _SPAN_OF_TIME + r"|" + _NUMERIC_DATE + r"|" + MONTH + r"\s+\d{1,2},?\s+(?:19|20)\d{2}"  # November 30, 2017
    r"|\d{1,2}(?:-\d{1,2})?\s+" + MONTH + r"\s+(?:19|20)\d{2}"  # 29-30 November 2017
    r"|" + MONTH + r"\s+(?:19|20)\d{2}"  # April 2009
    r"|(?:(?:since|in|as of|by|from|launched in|until|through)\s+)?(?:19|20)\d{2}\b",
    re.IGNORECASE,
)


AS_OF = re.compile(r"\bas of\s+(" + MONTH + r"\s+)?(?:19|20)\d{2}\b|\bsince\s+(?:19|20)\d{2}\b", re.IGNORECASE)
# The time a figure was counted over: a span of time, or a year that opens the sentence (after an
# item's number, if any) and so frames all of it ("In 2021, 71 percent of ...").
_ITEM_NUMBER = r"\d{1,2}[.)]\s"  # a numbered list item's number: "1. ", "2) "
_PERIOD = re.compile(
    r"(?P<span>"
    + _SPAN_OF_TIME
    + r")|^\W*(?:"
    + _ITEM_NUMBER
    + r"\s*)?(?P<opening>(?:in|during)\s+"
    + _YEAR_AT
    + r")(?=\s*,)",
    re.IGNORECASE,
)


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> set[str]:
    """Numbers written in `text`, thousands separators dropped.

    >>> sorted(numbers_in("US$139million and 155,479 youth in 2022 [1]"))
    ['139', '155479', '2022']
    """
    text = re.sub(r"\[\d+\]", " ", text)
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def date_key(span: str) -> tuple[int, int, int]:
    """A date span's place in time, for ordering: (year, month, day), 0 where not given.

    >>> date_key("since 2009"), date_key("November 30, 2017"), date_key("Dec. 2016")
    ((2009, 0, 0), (2017, 11, 30), (2016, 12, 0))
    >>> date_key("05/17/2023"), date_key("2023-08-24")
    ((2023, 5, 17), (2023, 8, 24))
    """
    figures = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})", span.strip())
    if figures:
        g = figures.groups()
        return (int(g[2]), int(g[0]), int(g[1])) if g[0] else (int(g[3]), int(g[4]), int(g[5]))
    year = YEAR.search(span)
    month = re.search(MONTH, span, re.IGNORECASE)
    day = re.search(r"(?<![\d-])([0-3]?\d)(?:-\d{1,2})?(?=,?\s)", span)
    m = next((i + 1 for i, name in enumerate(MONTHS) if month and month.group()[:3].lower() == name[:3].lower()), 0)
    return (int(year.group()) if year else 0, m, int(day.group(1)) if day and m else 0)


_PERSON = re.compile(
    r"\b(?:President|Secretary|Ambassador|Minister|Senator|Sen\.|Representative|Rep\.|Congressman|Congresswoman|"
    r"Governor|Admiral|General|Mr\.|Ms\.|Mrs\.|Dr\.|Director|Commissioner|Commodore|Colonel|Col\.|Lt\.|"
    r"Lieutenant|Captain|Capt\.|Commander|Cdr\.|Commandant|Superintendent|Professor|Prof\.)"
    # "Director Lt. Col. (Ret.) Sandra Callender": ranks and a retired mark may stand between
    r"\s+(?:(?:[A-Z][\w'-]*\.?|\([Rr]et(?:\.|ired)\))\s+){0,4}[A-Z][\w'-]+|\b[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z][a-z]+"
)


# Titles a sentence gives a person by; `cues` reads a question asking for a person with more.
ROLES = "coordinator|director|secretary|minister|ambassador|president|chief|spokesperson|envoy|chair"
_ROLE = re.compile(rf"\b({ROLES})\b", re.IGNORECASE)
# A name set beside its role, without a title before it: "the Fund's director, Maria Alvarez, said",
# "the Minister of Home Affairs, Robeson Benn,", "said Ana Ruiz, the program director".
_FULL_NAME = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+(?:-[A-Z][a-z'’]+)?"  # "Rebecca Tsang-Holloway"
_BESIDE_ROLE = re.compile(
    rf"\b(?i:{ROLES})(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*)+)?,\s+(?P<after>{_FULL_NAME}),|\b(?P<before>{_FULL_NAME}),\s+(?:the\s+)?(?:[\w.'’-]+\s+){{0,3}}"
    rf"(?i:{ROLES})\b"
)


# A contact line: "INL Director, U.S. Embassy Kingston: Rebecca Tsang-Holloway".
_ROLE_FIELD = re.compile(
    rf"\b(?i:{ROLES}|manager|head|lead|commander|officer)\b[^:]{{0,60}}:\s+(?P<name>{_FULL_NAME})\s*\.?$"
)


def person_names(sentence: str, question: str = "") -> list[str]:
    """People named in a sentence by a title or an initial, leaving out those the question names.
    When the question asks for a role ("the U.S. ambassador"), the sentence must name that role.

    >>> person_names("a commitment that President Barack Obama made"), person_names("the Government of Haiti")
    (['President Barack Obama'], [])
    >>> person_names("Antony J. Blinken, Secretary of State", "Who is the ambassador?")
    []
    >>> person_names("The director, Maria Alvarez, said so."), person_names("said Ana Ruiz, the program director")
    (['Maria Alvarez'], ['Ana Ruiz'])
    >>> person_names("Guyana's Minister of Home Affairs, Robeson Benn, said")
    ['Robeson Benn']
    >>> person_names("The academy is led by Director Lt. Col. (Ret.) Sandra Callender, a former officer")
    ['Director Lt. Col. (Ret.) Sandra Callender']
    >>> person_names("It is led by Chief Superintendent (ret.) Dorothea Villiers-Grant, Regional Vetting Adviser")
    ['Superintendent (ret.) Dorothea Villiers-Grant']
    >>> person_names("INL Director, U.S. Embassy Kingston: Rebecca Tsang-Holloway", "Who heads the INL section?")
    ['Rebecca Tsang-Holloway']
    """
    role = _ROLE.search(question)
    if role and role.group().lower() not in sentence.lower():
        return []
    asked = question.lower()
    found = [m.group() for m in _PERSON.finditer(sentence)]
    found += [m.group("after") or m.group("before") for m in _BESIDE_ROLE.finditer(sentence)]
    found += [m.group("name") for m in _ROLE_FIELD.finditer(sentence)]
    return [name for name in found if name.split()[-1].lower() not in asked]


_WHO_LEADS = re.compile(r"\bwho\s+(?:is\s+)?(chair|lead|led|head)", re.IGNORECASE)


_AT_PLACE = re.compile(
    r"\b(?:at|in|on|near|outside)\s+(?:the\s+)?(?P<name>[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})"
)
_NOT_A_PLACE = re.compile(
    r"(?:" + MONTH + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|FY|Fiscal|CBSI|Phase|Year)\b", re.I
)


def places(sentence: str) -> list[str]:
    """Places a sentence puts something at or in ("at a ceremony at HMBS Pelican", "in Kingstown"),
    leaving out times ("in May", "on Thursday", "in FY 2022").

    >>> places("On Thursday, May 12, 2022, he handed them over at a ceremony at HMBS Pelican, the base.")
    ['HMBS Pelican']
    >>> places("In FY 2022 it grew."), places("It will be delivered in Kingstown in June.")
    ([], ['Kingstown'])
    """
    return [m.group("name") for m in _AT_PLACE.finditer(sentence) if not _NOT_A_PLACE.match(m.group("name"))]


def led_by(sentence: str, question: str) -> str:
    """The body a sentence says leads what a question asks about ("Who chairs the committee?": "a
    committee chaired by the CARICOM Secretariat"); "" when the question asks no such thing or the
    sentence names none.

    >>> led_by("A committee chaired by the CARICOM Secretariat will meet.", "Who chairs the committee?")
    'CARICOM Secretariat'
    >>> led_by("The Dialogue brings together all members of CARICOM.", "Who chairs the Dialogue?")
    ''
    >>> led_by("Jamaica will lead the drafting group, supported by CARICOM.", "Who leads the drafting?")
    'Jamaica'

    """
    asked = _WHO_LEADS.search(question)
    if not asked:
        return ""
    stem = "le" if asked.group(1).lower() in ("lead", "led") else asked.group(1).lower()
    m = re.search(rf"\b(?i:{stem}\w*\s+by\s+(?:the\s+)?)((?:[A-Z][\w.'’-]*(?:\s+|$))+)", sentence)
    if m:
        return m.group(1).strip()
    # ... or leads it in so many words: "Jamaica will lead the drafting group"
    verb = {"le": "lead|leads|led"}.get(stem, rf"{stem}|{stem}s|{stem}ed")
    m = re.search(rf"((?:[A-Z][\w.'’-]*\s+)+)(?:will\s+|shall\s+|is\s+to\s+)?(?:{verb})\s", sentence)
    return re.sub(r"^(?:The|the)\s+", "", m.group(1).strip()) if m and m.group(1).strip() not in ("The", "It") else ""


def new_names(sentence: str, question: str) -> list[str]:
    """Capitalised words or acronyms of a sentence (not its first word) that the question lacks, and
    numbers that are part of a name ("Caribbean 2020", "H.R. 4939").

    >>> new_names("In 2010 it set up Caribbean 2020 for the United States", "What is the Caribbean plan called?")
    ['2020', 'United', 'States']
    >>> new_names("7. Partner units commit to connect to CaribFIN by 30 June 2026.", "Who hosts CaribFIN?")
    []
    """
    asked = {w.lower() for w in re.findall(r"[\w'-]+", question)}
    # The first word after an item's number ("7. Partner units commit") opens the sentence; a month names no one.
    opening = re.match(r"\s*(?:\(?\d{1,2}[.)]|[-*•])\s+", sentence)
    spots = [
        (m.start(), m.group())
        for m in re.finditer(r"(?<=\s)[A-Z][\w'-]+", sentence)
        if not (opening and m.start() == opening.end()) and not re.fullmatch(MONTH, m.group(), re.IGNORECASE)
    ]
    for m in re.finditer(r"\b([A-Z][\w.'-]*)\s+(\d+)\b(?!\s*(?:percent|%))", sentence):
        if m.group(1).lower() not in STOPWORDS and not re.fullmatch(MONTH, m.group(1), re.IGNORECASE):
            spots.append((m.start(2), m.group(2)))  # "Caribbean 2020", not "In 2010" or "December 2016"
    found = [w for _, w in sorted(spots)]
    stems = term_set(question)  # "Hemisphere" is no new name for a question saying "hemispheric"
    return [
        w for w in found if w.lower() not in asked and w.lower() not in STOPWORDS and not (term_set(w) or {""}) <= stems
    ]


def _told_with(text: str, figure: str, terms: frozenset[str]) -> int:
    """How many of `terms` are told with a figure in a list of several, counting twice those after it: from
    the last comma, semicolon or "and" before it to the next one after it ("and $31.0 million in ESF,"). An
    "and" inside a name ("International Narcotics Control and Law Enforcement (INCLE)") splits nothing.

    >>> s = "Of USD 67.6 million in all, USD 41.2 million came from the Control and Law Enforcement (INCLE) account."
    >>> _told_with(s, "USD 41.2 million", frozenset({"incl"})), _told_with(s, "USD 67.6 million", frozenset({"incl"}))
    (2, 0)
    """
    text = re.sub(r"\b([A-Z][a-z]+)\s+and\s+(?=[A-Z][a-z])", r"\1 & ", text)
    at = text.find(figure)
    before = re.split(r"[,;]|\band\b", text[:at])[-1]
    after = re.split(r"[,;]|\band\b", text[at + len(figure) :])[0]
    return 2 * len(set(tokenize(after)) & terms) + len(set(tokenize(before)) & terms)


def fitting_figures(
    text: str,
    kind: str,
    question_terms: set[str],
    own: frozenset[str] = frozenset(),
    counted: frozenset[str] = frozenset(),
) -> list[str]:
    """Figures of the asked kind in a sentence. A count must say what it counts in the question's
    words: in the figure itself or the few words around it ("22 metric tons of cocaine"); words of
    the question itself (`own`, not of earlier turns) count double. When the question names what it
    counts (`counted`, from "how many survivors"), one of those words must follow the figure:
    "155479 youth" does not answer "how many survivors". A number the question itself holds is no answer.

    >>> fitting_figures("the 911 center reaches 90 percent", "count", {"911", "center"}, frozenset({"911", "center"}))
    ['90 percent']
    >>> fitting_figures("Job placements, 2022: 522.", "count", {"job", "placement"}, counted=frozenset({"placement"}))
    ['522']
    >>> s = "It partners with 13 countries, including the Dominican Republic."
    >>> fitting_figures(s, "count", {"dominican", "judg"}, counted=frozenset({"dominican", "judg"}))
    []
    >>> fitting_figures("It has $52.0 million in INCLE and $31.0 million in ESF.", "money", {"esf"}, frozenset({"esf"}))
    ['$31.0 million', '$52.0 million']
    """
    figs = [f for f in figure_spans(text) if not _of_another_effort(text, f, own)]
    if kind == "money":
        money = [f for f in figs if is_money(f) and in_currency(f, own)]
        # "$52.0 million in INCLE and $31.0 million in ESF" asked of ESF: the amount told with it first
        return sorted(money, key=lambda f: -_told_with(text, f, own)) if len(money) > 1 and own else money
    if kind == "percent":
        return [f for f in figs if "percent" in f.lower() or "%" in f]
    if kind == "change":  # "by how much did revenue grow?": the figure told as the change, else any figure
        moved = [f for f in figs if told_as_change(text, f)]
        return moved or fitting_figures(text, "any", question_terms, own, counted)
    scored = []
    if kind == "any":  # no cue to the kind ("what figure does the sheet give?"): money, or a count as above
        scored = [(-1, order, f) for order, f in enumerate(figs) if is_money(f)]
    labelled = _LABELLED.fullmatch(text)
    for order, f in enumerate(x for x in figs if not is_money(x)):
        at = text.find(f)
        window = re.split(r"[,;:]\s", text[at + len(f) :], maxsplit=1)[0].split()[:4]  # "... of cocaine, 214 firearms"
        unit = set(tokenize(re.sub(r"[\d,.]+", " ", f)))
        after = set(tokenize(" ".join(window))) | unit
        # What a count counts: its own words ("1,140 Guyanese police"), or a common noun just after it; a name
        # further on ("13 countries, including the Dominican Republic") is not what it counts.
        counts = unit | set(tokenize(" ".join(w for w in window if not w[:1].isupper())))
        if labelled and at == labelled.start(2):  # "Job placements, 2022: 522": the label says what is counted
            after |= set(tokenize(labelled.group(1)))
            counts |= set(tokenize(labelled.group(1)))
        before = set(tokenize(" ".join(text[:at].split()[-3:])))
        if counted and not counts & counted:
            continue
        number = re.search(_COUNT_NUMBER, f, re.IGNORECASE)
        if number and number.group().replace(",", "").rstrip(".").lower() in own:
            continue  # the question's own number ("the 911 center") is not what it asks for
        measure = set(tokenize(f)) & _MEASURES
        if own and measure and not own & (_MEASURES | _MEASURE_ASKED):
            continue  # "11 kilometres" or "90 days" answers how far or how long, not how much or how many
        score = 2 * len(after & question_terms) + len(before & question_terms)
        score += 2 * len(after & own) + len(before & own) + (1 if counts & counted else 0)
        if score:
            scored.append((-score, order, f))
    return [f for _, _, f in sorted(scored)]


# A named operation, exercise or programme: "Operation Coral Shield", "Exercise Tradewinds".
_NAMED_EFFORT = re.compile(r"\b(?:Operation|Exercise|Project|Programme|Program)\s+((?:[A-Z][\w'-]*\s?){1,3})")


def _of_another_effort(text: str, figure: str, own: frozenset[str]) -> bool:
    """Whether a figure is told of another named operation than the one the question names: in "Coral
    Shield built on Operation Windward Gate, which seized 9.1 tons", 9.1 tons is Windward Gate's.

    >>> s = "Operation Coral Shield built on Operation Windward Gate, which seized 9.1 tons of cocaine."
    >>> _of_another_effort(s, "9.1 tons", frozenset({"coral", "shield"}))
    True
    >>> _of_another_effort(s, "9.1 tons", frozenset({"windward", "gate"}))
    False
    """
    at = text.find(figure)
    named = [(m.start(), frozenset(tokenize(m.group(1)))) for m in _NAMED_EFFORT.finditer(text)]
    if at < 0 or not any(n and n <= own for _, n in named):
        return False
    before = [n for start, n in named if start < at]
    return bool(before) and not before[-1] <= own


# Units of length and time, and the question words that ask for them.
_MEASURES = frozenset(
    tokenize("kilometres kilometers km miles mile feet foot metres meters nautical hours minutes days weeks")
)
_MEASURE_ASKED = frozenset(tokenize("far long distance wide length range deep height duration"))

_CHANGE_WORD = re.compile(
    r"\b(?:increas(?:e[ds]?|ing)|decreas(?:e[ds]?|ing)|rise|rises|rising|rose|risen|grew|grow|grown|growing|growth|"
    r"fell|fall|falls|falling|fallen|drop|dropping|declining|"
    r"dropp?ed|drops|declined?|declines|reductions?|reduced|cut|jump(?:ed)?|gain(?:ed)?|up(?!\s+to\b)|down)\b",
    re.IGNORECASE,
)


_PER_THING = re.compile(r"\bper\s+(?!(?:year|annum|month|week|day|quarter|cent)\b)[a-z]", re.IGNORECASE)


def told_as_rate(text: str, figure: str) -> bool:
    """Whether a sentence tells a money figure as a rate per thing ("The average cost per trainee was
    USD 4,850", "USD 310 per participant"), not per unit of time. A sentence whose subject is the rate
    tells all its amounts as such ("..., below the design estimate of USD 5,400").

    >>> s = "The average cost per trainee was USD 4,850, below the design estimate of USD 5,400."
    >>> told_as_rate(s, "USD 4,850"), told_as_rate(s, "USD 5,400")
    (True, True)
    >>> told_as_rate("It cost USD 4.1 million, or USD 310 per participant.", "USD 4.1 million")
    False
    >>> told_as_rate("Running costs are USD 1.2 million per year.", "USD 1.2 million")
    False
    """
    around = _around(text, figure, 4)
    if around is None:
        return False
    before, after = around
    first = next((f for f in figure_spans(text) if is_money(f)), figure)
    return bool(_PER_THING.search(before) or _PER_THING.match(after) or _PER_THING.search(text[: text.find(first)]))


def told_as_change(text: str, figure: str) -> bool:
    """Whether a sentence tells a figure as a change: "an increase of 6.7 percent", "a 7.4 percent reduction".

    >>> told_as_change("Revenue reached USD 9.5 million, an increase of 6.7 percent over 2021.", "6.7 percent")
    True
    >>> told_as_change("Revenue reached USD 9.5 million, an increase of 6.7 percent over 2021.", "USD 9.5 million")
    False
    """
    around = _around(text, figure, 3)
    if around is None:
        return False
    before, after = around
    return bool(_CHANGE_WORD.search(before) or _CHANGE_WORD.search(after))


_OF_ONE_YEAR = re.compile(r"(?:in|for|during)\s+(?:FY\s?|fiscal\s+year\s+)?(?:19|20)\d{2}\b(?![-–/]\d)", re.IGNORECASE)


def told_of_one_year(text: str, figure: str) -> bool:
    """Whether a sentence tells a figure as one year's ("USD 13.5 million in FY2019", a table's cell
    "Total, FY2019: US$13.5 million"), not a span's total.

    >>> s = "Obligations rose from USD 13.5 million in FY2019 to USD 27.4 million in FY2024."
    >>> told_of_one_year(s, "USD 13.5 million"), told_of_one_year("It reached USD 114.8 million.", "USD 114.8 million")
    (True, False)
    >>> told_of_one_year("Total, FY2023: US$12.5 million (Expenditure).", "US$12.5 million")
    True
    >>> told_of_one_year("Total, FY19-24 total: US$114.8 million (Expenditure).", "US$114.8 million")
    False
    """
    year = cell_year(text)
    if year:
        return not re.search(r"[-\u2013]", year)  # a table's cell of one year, not of a span ("2021-2023")
    around = _around(text, figure, 0)
    return around is not None and bool(_OF_ONE_YEAR.match(around[1]))


def _around(text: str, figure: str, before: int, after: int = 2) -> tuple[str, str] | None:
    """The `before` words ahead of a figure's first place in a text and the `after` words behind it;
    None when the text does not hold the figure."""
    at = text.find(figure)
    if at < 0:
        return None
    ahead = text[:at].split()[-before:] if before else []
    return " ".join(ahead), " ".join(text[at + len(figure) :].split()[:after])


# A label and its value, as a table's cell is read ("Job placements, 2022: 522.") or a fact sheet writes
# one ("Officers trained: 640").
_LABELLED = re.compile(r"\s*([^:]{2,120}):\s*([^:]{1,200}?)\s*\.?\s*")


_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?\s*$", re.IGNORECASE)


def figure_spans(text: str) -> list[str]:
    """Figures in a sentence, money first (cached: the same sentences recur from question to question).

    >>> figure_spans("On December 16, 2016 it gave $5 million to 13 countries")
    ['$5 million', '13 countries']
    >>> figure_spans("a budget of €18 million, or 20 million dollars")
    ['€18 million', '20 million dollars']
    >>> figure_spans("1. Customs recovered 1,430 illegal firearms; only 12 of 30 ports have scanners")
    ['1,430 illegal firearms', '12 of 30 ports']
    >>> figure_spans("Mercer handed over three new vessels."), figure_spans("It trained over 300 officers.")
    (['three new vessels'], ['over 300 officers'])
    >>> figure_spans("It seized 1,430 firearms between 2019 and 2021 and 52 boats since then")
    ['1,430 firearms', '52 boats']
    >>> figure_spans("Programs reached 4,800 at-risk youth in Guyana")
    ['4,800 at-risk youth']
    >>> figure_spans("It added four coastal radar stations and trained 640 officers at the academy")
    ['four coastal radar stations', '640 officers']
    >>> figure_spans("a four-year, US$12.5 million programme; two 45-foot boats; COVID-19 rules")
    ['US$12.5 million', 'two 45-foot boats']
    >>> figure_spans("U.S. Embassy, 142 Old Hope Road, Kingston 6, Jamaica"), figure_spans("Revenue, FY2020/21: 8,040")
    ([], ['8,040'])
    >>> figure_spans("Table 4: RSS Revenue by Source (USD thousands)"), figure_spans("2.1 The JRCC saw 7.4 million")
    ([], ['7.4 million'])
    """
    return list(_figure_spans(text))


@lru_cache(maxsize=1 << 14)
def _figure_spans(text: str) -> tuple[str, ...]:
    money_matches = list(_MONEY.finditer(text))
    money = [m.group().strip() for m in money_matches]
    quantities = []
    for m in _QUANTITY.finditer(text):
        span = m.group().strip()
        digits = re.search(_COUNT_NUMBER, span, re.IGNORECASE)
        in_money = any(x.start() <= m.start() + (digits.start() if digits else 0) < x.end() for x in money_matches)
        if not digits or YEAR.fullmatch(digits.group().rstrip(".,")) or in_money:
            continue
        at = m.start() + digits.start()
        if _MONTH_BEFORE.search(text, max(0, at - 16), at):
            continue  # the day of a date ("December 16, 2016"), not a count
        if not text[: m.start()].strip() and re.match(
            r"\(?" + _ITEM_NUMBER + r"|\d{1,2}(?:\.\d{1,2})+\s+[A-Z]", text[at:]
        ):
            continue  # an item's or a section's number ("1. Customs services ...", "2.1 The JRCC ..."), not a count
        end = at + len(digits.group())
        if _STREET.match(text, end) or (
            re.search(r"\b[A-Z][a-z]+ $", text[max(0, at - 20) : at]) and re.match(r"\d{1,2},\s*[A-Z]", text[at:])
        ):
            continue  # a street number ("142 Old Hope Road") or a postal district ("Kingston 6, Jamaica"), not a count
        if re.search(r"\b(?:Table|Figure|Annex|Appendix|Chapter|Section|Page|Paragraph|Box|No\.)\s*$", text[:at]):
            continue  # a reference's number ("Table 4"), not a count
        if re.search(r"(?:19|20)\d{2}/$", text[max(0, at - 5) : at]):
            continue  # the end of a fiscal year written "FY2020/21", not a count
        if re.match(r"-[A-Za-z]", text[end : end + 2]) or re.search(r"[A-Za-z]-$", text[max(0, at - 2) : at]):
            continue  # a measure in a compound ("a four-year programme", "45-foot boats") or a name's ("COVID-19")
        quantities.append(span.rstrip(".,"))
    return (*money, *quantities)


# A street address after its number: "142 Old Hope Road", "1 Main St."
_STREET = re.compile(
    r"\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Road|Rd\.?|Street|St\.|Avenue|Ave\.?|Boulevard|Blvd\.?|Drive|Lane|Highway|Way)\b"
)

_FREQUENCY = re.compile(
    r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|quarterly|biennial(?:ly)?|biannual(?:ly)?|semi-?annual(?:ly)?|"
    r"every (?:\w+ )?(?:years?|months?|weeks?|days?)|each (?:year|month|week)|once|twice|\w+ times (?:a|per|each) \w+|"
    r"regularly|routinely|periodic(?:ally)?)\b",
    re.IGNORECASE,
)


def frequencies(text: str) -> list[str]:
    """The words of a sentence that say how often ("yearly", "every two years", "routinely").

    >>> frequencies("The Dialogue, along with yearly technical working groups, meets."), frequencies("We met.")
    (['yearly'], [])
    """
    return [m.group() for m in _FREQUENCY.finditer(text)]


def date_spans(text: str) -> list[str]:
    return list(_date_spans(text))


def answer_dates(text: str, question: str) -> list[str]:
    """The dates of `text` that could answer `question`: not a bare year the question states itself,
    as in a name ("the Caribbean 2020 strategy") or a date it gives to say which event it means.

    >>> answer_dates("the security pillar of Caribbean 2020", "When was the Caribbean 2020 strategy published?")
    []
    >>> answer_dates("talks on 29-30 November 2017", "When were the 2017 talks held?")
    ['29-30 November 2017']
    >>> answer_dates("Hartwell Testimony -- HFAC -- 05/17/2023", "When did she testify?")  # a date in figures
    ['05/17/2023']
    >>> answer_dates("It was carried out between January and June 2022.", "When was it carried out?")
    ['between January and June 2022']
    >>> answer_dates("Digital Evidence, 2022: 36 officers (Graduates by course).", "When did it open?")
    []
    >>> pillar = "the security pillar of Caribbean 2020"
    >>> answer_dates(pillar, "When was it adopted?"), answer_dates(pillar, "What year is in its name?")
    ([], ['2020'])
    """
    if cell_year(text):  # a table's cell: its column's year says which cell, its value is what it tells
        text = _LABELLED.fullmatch(text).group(2)  # type: ignore[union-attr]
    stated = set(YEAR.findall(question))
    named = bool(re.search(r"\b(?:name[ds]?|called|titled)\b", question, re.IGNORECASE))  # the year in a name
    return [d for d in _date_spans(text) if d not in stated and (named or not _in_a_name(d, text))]


# Words that may stand before a year that is a date: "In 2018", "Since 2010", "December 2016".
_BEFORE_A_DATE = frozenset(
    """
in by since until from of for to on at during and through before after early late mid spring summer fall
autumn winter fy year january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split()  # noqa: SIM905 (one word list, easier to read and edit)
)


def _in_a_name(year: str, text: str) -> bool:
    """Whether a bare year is only ever printed as part of a name ("Caribbean 2020", "Vision 2030").

    >>> _in_a_name("2020", "the security pillar of Caribbean 2020"), _in_a_name("2018", "In 2018, it grew")
    (True, False)
    """
    if len(year) != 4:
        return False
    before = [m.group(1) for m in re.finditer(rf"(\S+)\s+{year}\b", text)]
    return (
        bool(before)
        and len(before) == text.count(year)
        and all(re.fullmatch(r"[A-Z][A-Za-z]+", w) and w.lower() not in _BEFORE_A_DATE for w in before)
    )


@lru_cache(maxsize=1 << 14)
def _date_spans(text: str) -> tuple[str, ...]:
    spans = [m.group().strip() for m in _DATE_EXPR.finditer(text)]
    # the most specific first: a full date, then month and year, then a bare year
    return tuple(sorted(spans, key=lambda s: -len(s)))


def enumerates(sentence: str) -> bool:
    """Whether a sentence is itself a list of three or more things ("A, B, and C").

    >>> enumerates("such as the IDB, World Bank, and the OAS."), enumerates("It trains police, and judges.")
    (True, False)
    """
    body = sentence.rstrip().rstrip(".;:")
    return body.count(",") >= 2 and bool(re.search(r",?\s(?:and|or)\s", body))


def inline_count(sentence: str) -> int:
    """How many things a sentence lists after its colon ("in four sites: Arima (Trinidad and Tobago),
    Gros Islet, Linden and Spanish Town"), asides in parentheses left out; 0 for a sentence with no such list.

    >>> inline_count("It opened in four sites: Arima (Trinidad and Tobago), Gros Islet, Linden and Spanish Town.")
    4
    >>> inline_count("It trains police, judges and prosecutors."), inline_count("It trains police.")
    (0, 0)
    """
    body = re.sub(r"\s*\([^()]*\)", "", sentence).rstrip().rstrip(".;")
    if ":" not in body or body.endswith(":"):
        return 0
    listed = body.split(":", 1)[1]
    if not re.search(r"\s(?:and|or)\s", listed):
        return 0
    return len([x for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", listed) if x.strip()])


def opens_list(text: str) -> bool:
    """Whether a sentence introduces a list: it ends with a colon.

    >>> opens_list("Commit to the following goals in 2018: "), opens_list("We commit.")
    (True, False)
    """
    return text.rstrip().endswith(":")


def list_intro(chunk: Chunk, i: int, reach: int = 8) -> int | None:
    """The sentence introducing the list (ending with ":") that sentence `i` belongs to, or None."""
    for j in range(i, max(i - reach, -1), -1):
        if opens_list(chunk.sentences[j].text):
            return j if j == i or any(block_starts(chunk)[j + 1 : i + 1]) else None
    return None


_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,9}(?:s\b|\b)")
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "to", "&", "against", "de", "del", "la"}

# How each kind of address a question may ask for (cues.asks_address) is written.
_ADDRESS = {
    "hashtag": re.compile(r"(?<![\w&])#[A-Za-z]\w+"),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "url": re.compile(
        r"(?:https?://|www\.)[^\s<>\"]+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|org|com|net|int|edu)(?:/[^\s<>\"]*)?"
    ),
}


def addresses(text: str, kind: str) -> list[str]:
    """Addresses of a kind in a text, without trailing punctuation.

    >>> addresses("More is at: www.state.gov/p/wha/rt/cbsi.", "url"), addresses("#USCaribbeanSecurity now", "hashtag")
    (['www.state.gov/p/wha/rt/cbsi'], ['#USCaribbeanSecurity'])
    >>> addresses("The U.S. Navy, i.e. the fleet", "url")
    []
    """
    return [m.group().rstrip(".,;:)") for m in _ADDRESS[kind].finditer(text)]


def acronyms(text: str) -> list[str]:
    """Acronyms in a text, in order ("TCOs" as "TCO"; "U.S." is not one).

    >>> acronyms("Call upon CARICOM IMPACS to host TCOs and the U.S. team")
    ['CARICOM', 'IMPACS', 'TCO']
    """
    return list(dict.fromkeys(a.rstrip("s") for a in _ACRONYM.findall(text)))


def expansion(acronym: str, text: str) -> str | None:
    """What `text` spells `acronym` out as, from "Full Name (ACRONYM)"; None when it does not.

    >>> expansion("IMPACS", "the CARICOM Implementation Agency for Crime and Security (IMPACS), the RSS")
    'Implementation Agency for Crime and Security'
    >>> expansion("TCO", "dismantle transnational criminal organizations (TCOs) and")
    'transnational criminal organizations'
    >>> expansion("CICAD", "such as the Inter-American Drug Abuse Control Commission (CICAD)")
    'Inter-American Drug Abuse Control Commission'
    """
    m = re.search(r"((?:[\w'’&-]+\s+){1,14})\(" + re.escape(acronym) + r"s?\)", text)
    if not m:
        return None
    words_before = m.group(1).split()
    letters = acronym.lower()
    j = len(letters) - 1
    start = None
    for i in range(len(words_before) - 1, -1, -1):  # initials, last letter first
        w = words_before[i].lower()
        if w in _CONNECTORS:
            continue
        if w[0] == letters[j]:
            j -= 1
        elif _subsequence(letters[: j + 1], w):  # "IMPlementation" carries several letters
            j = -1
        else:
            break
        if j < 0:
            start = i
            break
    if start is None:  # initials of another language (CICAD): the capitalised name before it
        start = len(words_before)
        while start > 0 and (words_before[start - 1][0].isupper() or words_before[start - 1].lower() in _CONNECTORS):
            start -= 1
        while start < len(words_before) and words_before[start].lower() in _CONNECTORS:
            start += 1
    found = " ".join(words_before[start:])
    return found or None


def _subsequence(letters: str, word: str) -> bool:
    if not word.startswith(letters[:1]):
        return False
    rest = iter(word)
    return all(ch in rest for ch in letters)


_HEADING = re.compile(r"(?:#+\s*|\d{1,2}[.)]\s+|[IVX]{1,4}[.)]\s+)?[A-Z][^.;:!?]{2,80}")


def heading_text(sentence: Sentence) -> str:
    """A line's words without the bold marks and white space around them.

    >>> heading_text(Sentence(" **Key Objectives** ", 0, 1)), heading_text(Sentence("## FY23 results", 0, 1))
    ('Key Objectives', 'FY23 results')
    """
    return re.sub(r"^#{1,6}\s+", "", sentence.text.strip()).strip("*").strip()


def is_heading(sentence: Sentence) -> bool:
    """A short line without end punctuation, or a label in title case, that names a part of a document.

    >>> [is_heading(Sentence(t, 0, 1)) for t in ("2. To Advance Public Safety", "**Key Objectives**", "We commit.")]
    [True, True, False]
    >>> is_heading(Sentence("Law Enforcement Capacity Building.", 0, 1)), is_heading(Sentence("## FY23: data", 0, 1))
    (True, True)
    """
    text = heading_text(sentence)
    if re.match(r"#{1,6}\s", sentence.text.strip()):  # marked as a heading: "## FY23 by the numbers: training"
        return len(text.split()) <= 20
    if len(text.split()) > 12:
        return False
    if _HEADING.fullmatch(text):
        return True
    # a label in title case that opens an item: "Law Enforcement Capacity Building."
    label = text.rstrip(".:").split()
    return text[-1:] in ".:" and 1 < len(label) <= 8 and all(w[0].isupper() or w in STOPWORDS for w in label)


def block_starts(chunk: Chunk) -> list[bool]:
    """For each sentence of a chunk, whether it begins a paragraph or list item."""
    out, pos = [], 0
    for i, s in enumerate(chunk.sentences):
        at = chunk.text.find(s.text, pos)
        out.append(i == 0 or (at > 0 and chunk.text[at - 1] == "\n"))
        pos = at + len(s.text) if at >= 0 else pos
    return out


_TITLE_WORDS: list[tuple[dict[str, DocumentInfo], int, dict[str, set[str]]]] = []


def title_words(documents: dict[str, DocumentInfo]) -> dict[str, set[str]]:
    """Each title word and the documents whose title has it (kept for the last few document sets,
    so a question costs a few lookups, not a pass over every title)."""
    for docs, size, cached in _TITLE_WORDS:
        if docs is documents and size == len(documents):
            return cached
    words: dict[str, set[str]] = {}
    for d, info in documents.items():
        for w in set(tokenize(info.title)):
            words.setdefault(w, set()).add(d)
    _TITLE_WORDS.insert(0, (documents, len(documents), words))
    del _TITLE_WORDS[4:]
    return words


def same_kind(a: str, b: str) -> bool:
    money = (is_money(a), is_money(b))
    if any(money):
        return all(money)
    unit = lambda s: [w.lower() for w in re.findall(r"[A-Za-z]+", s) if w.lower() not in _QUALS]  # noqa: E731
    return unit(a)[-1:] == unit(b)[-1:]


_QUALS = {
    "more",
    "less",
    "fewer",
    "than",
    "over",
    "nearly",
    "almost",
    "about",
    "approximately",
    "around",
    "roughly",
    "up",
    "to",
    "at",
    "least",
    "some",
}


def cell_year(sentence: str) -> str | None:
    """The year a labelled value is of, as a table's cell under a year column is read (`tables`).

    >>> cell_year("Total, FY2022: US$34.5 million (CBSI assistance)."), cell_year("Funding: $5 million in 2022.")
    ('FY2022', None)
    >>> cell_year("All courses, Total, 2021-2023: 678 officers (CRITA graduates by course).")
    '2021-2023'
    >>> cell_year("Total, FY2021/22: US$8,900 thousand (RSS Revenue by Source, FY2020/21 - FY2022/23).")
    'FY2021/22'
    >>> cell_year("FY2025, Graduated: 432 persons (Participants and graduates, FY2021-FY2025).")
    'FY2025'
    """
    labelled = _LABELLED.fullmatch(sentence)
    column = _COLUMN_YEAR.search(labelled.group(1)) if labelled else None
    row = _ROW_YEAR.match(labelled.group(1)) if labelled and not column else None  # "FY2025, Graduated: 432"
    return column.group(1) if column else row.group(1) if row else None


# A label's first part, a year: the row of a table of years ("FY2025, Graduated: 432 persons").
_ROW_YEAR = re.compile(r"(" + _YEAR_AT + r"(?:/\d{2})?),\s")
# A label's last part, a year or a span of years: "Total, FY2022", "Total, 2021-2023".
_COLUMN_YEAR = re.compile(r"(?:^|,\s*)(" + _YEAR_AT + r"(?:/\d{2}|[-\u2013](?:19|20)\d{2}\b)?)$")


def as_of(sentence: str, info: DocumentInfo | None) -> str:
    """The date a figure holds at: the sentence's own "as of ...", else the document's date.

    A figure counted over a stated period is told with the period, which needs no "as of".

    >>> as_of("has provided $400 million since 2010.", None)
    ', since 2010 (undated source)'
    >>> as_of("It seized 1,430 firearms between 2019 and 2021.", None), as_of("3. In 2021, 71 percent ...", None)
    (', between 2019 and 2021', ', in 2021')
    >>> as_of("In fiscal year 2023, INL obligated $48.5 million.", None)
    ', in fiscal year 2023'
    >>> as_of("Total, FY2022: US$34.5 million.", None)
    ', in FY2022'
    """
    m = AS_OF.search(sentence)
    own = m.group() if m else ""
    if own.lower().startswith("as of"):
        return f", {own[0].lower()}{own[1:]}"
    period = None if own else _PERIOD.search(sentence)
    if period:
        told = period.group("span") or period.group("opening")
        return f", {told[0].lower()}{told[1:]}"
    column = cell_year(sentence)
    if column:  # a table's cell under a year ("Total, FY2022: US$34.5 million.")
        return f", in {column}"
    when = format_date(info.published) if info else None
    since = f", {own.lower()}" if own else ""
    return f"{since}, as of {when}" if when else f"{since} (undated source)"


# A sentence's own time: "in FY 2021", "during 2022", "from FY 2020 through FY 2023" (not "since 2010", which
# runs to the document's date).
_OWN_YEAR = re.compile(
    r"\b(?:in|during|from|between)\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+years?\s+|FYs?\s?)?(?:19|20)\d{2}\b|"
    r"\bfor\s+(?:fiscal\s+years?\s+|FYs?\s?)(?:19|20)\d{2}\b",  # "requested $36.8 million for FY2019"
    re.I,
)


# A span of years a figure is counted over: "from FY 2019 through FY 2022", "between 2019 and 2021", "2019-22".
_YEAR_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:(?:fiscal|calendar)\s+years?\s+|FYs?\s?)?((?:19|20)\d{2})\s+(?:through|to|and|until)\s+"
    r"(?:(?:fiscal|calendar)\s+year\s+|FY\s?)?((?:19|20)\d{2})\b|"
    r"\b(?:FY\s?)?((?:19|20)\d{2})\s?[-\u2013]\s?(?:FY\s?)?((?:19|20)?\d{2})\b(?!\s*percent)",
    re.IGNORECASE,
)


def over_a_span(sentence: str, years: list[str]) -> str | None:
    """The span of years a sentence counts over when the one year a question asks is only a part of
    it, never told alone ("27.4 tons from FY 2019 through FY 2022" for "in FY2022?"); None otherwise.

    >>> over_a_span("It seized 27.4 tons from FY 2019 through FY 2022.", ["2022"])
    'from FY 2019 through FY 2022'
    >>> over_a_span("In FY 2022 it seized 9 tons, and 27.4 tons from FY 2019 through FY 2022.", ["2022"]) is None
    True
    """
    asked = {y[-4:] for y in years}
    if len(asked) != 1:
        return None
    year = int(next(iter(asked)))
    for m in _YEAR_SPAN.finditer(sentence):
        first, last = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        end = int(last) if len(last) == 4 else int(first[:2] + last)
        rest = sentence[: m.start()] + sentence[m.end() :]
        if int(first) <= year <= end and int(first) < end and str(year) not in rest:
            return m.group()
    return None


def own_year(sentence: str) -> bool:
    """Whether a sentence tells the year its figure is of, leaving out a year it compares with.

    >>> own_year("It seized 12.3 tons in FY 2021."), own_year("It seized 9.6 tons, up from 6.1 tons in FY 2022.")
    (True, False)
    >>> own_year("It requested $36.8 million for FY2019."), own_year("It set goals for 2025.")
    (True, False)
    """
    return any(not _COMPARED.search(sentence[max(m.start() - 60, 0) : m.start()]) for m in _OWN_YEAR.finditer(sentence))


_COMPARED = re.compile(
    r"\b(?:(?:up|down|rising|falling|rose|fell)\s+from|compared\s+(?:with|to)|than|versus|vs\.?)\s", re.I
)


def upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, max(limit - 1, 1))
    return text[: cut if cut > 0 else limit - 1].rstrip(",;: ") + "…"
