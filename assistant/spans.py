"""What a sentence holds, for the answerer: figures (money, shares, counts), dates, names, and
list structure; and what a question asks for. Pure functions on text, with worked examples."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.citations import MONTHS, format_date
from assistant.lexical import STOPWORDS, tokenize, words
from assistant.records import Chunk, DocumentInfo, Sentence

_QUALIFIER = (
    r"(?:(?:more|less|fewer) than|over|nearly|almost|about|approximately|around|roughly|"
    r"up to|at least|some)\s+"
)


_MONEY = re.compile(
    r"(?:" + _QUALIFIER + r")?(?:US|U\.S\.)?\$\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|"
    r"thousand)\b)?",
    re.IGNORECASE,
)


_QUANTITY = re.compile(
    r"(?:" + _QUALIFIER + r")?\b\d[\d,.]*(?:\s?(?:percent\b|%)|(?:\s+[A-Za-z][\w-]*){1,2})?", re.IGNORECASE
)


YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # also inside "FY2025"


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)


_DATE_EXPR = re.compile(
    _MONTH + r"\s+\d{1,2},?\s+(?:19|20)\d{2}"  # November 30, 2017
    r"|\d{1,2}(?:-\d{1,2})?\s+" + _MONTH + r"\s+(?:19|20)\d{2}"  # 29-30 November 2017
    r"|" + _MONTH + r"\s+(?:19|20)\d{2}"  # April 2009
    r"|(?:(?:since|in|as of|by|from|launched in|until|through)\s+)?(?:19|20)\d{2}\b",
    re.IGNORECASE,
)


AS_OF = re.compile(r"\bas of\s+(" + _MONTH + r"\s+)?(?:19|20)\d{2}\b|\bsince\s+(?:19|20)\d{2}\b", re.IGNORECASE)


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> set[str]:
    """Numbers written in `text`, thousands separators dropped.

    >>> sorted(numbers_in("US$139million and 155,479 youth in 2022 [1]"))
    ['139', '155479', '2022']
    """
    text = re.sub(r"\[\d+\]", " ", text)
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


_PERCENT_Q = re.compile(
    r"\b(share|percent|percentage|proportion|fraction|what part|how much of (the|its|their))\b", re.IGNORECASE
)


_MONEY_Q = re.compile(
    r"\b(dollars?|money|fund(s|ing|ed)?|spen[dt]|spending|costs?|budget\w*|invest\w*|financ\w*|"
    r"assistance|aid|committ?\w*|provided|contribut\w*|allocat\w*|pledg\w*|appropriat\w*|"
    r"grants?|paid|pay|put into|given)\b|\$",
    re.IGNORECASE,
)


def figure_kind(question: str) -> str:
    """What kind of figure a question asks for: money, percent, count, or any of money and count.

    >>> figure_kind("How much has the U.S. committed?"), figure_kind("How much cocaine was seized?")
    ('money', 'count')
    >>> figure_kind("U.S. aid contributed to a seizure of how much cocaine?"), figure_kind("How much CBSI money?")
    ('count', 'money')
    >>> figure_kind("What cumulative figure does the sheet give?")  # no cue: money, or a count of what it names
    'any'
    """
    if _PERCENT_Q.search(question):
        return "percent"
    if re.search(r"\bhow many\b", question, re.IGNORECASE) and not re.search(r"\bdollars\b", question, re.I):
        return "count"
    much = re.search(r"\bhow much\s+((?:[\w.$-]+\s*){1,2})", question, re.IGNORECASE)
    if much and not _MONEY_Q.search(much.group(1)) and much.group(1).split()[0].lower() not in _NOT_A_NOUN:
        return "count"  # "how much cocaine": an amount of a thing, whatever the rest says about aid
    if _MONEY_Q.search(question):
        return "money"
    return "any"


# Words that can follow "how much" without naming what is measured ("how much has the U.S. ...",
# "provided how much to the Caribbean"): function words, and these.
_NOT_A_NOUN = STOPWORDS | {"u.s.", "cbsi", "total", "overall", "altogether", "combined"}


# Words for the earliest and latest of dates; `conversation` and `collection` read questions with them too.
EARLIEST, LATEST = "earliest|oldest", "latest|most recent|newest"
_EARLIEST = re.compile(rf"\b({EARLIEST})\b", re.IGNORECASE)
_LATEST = re.compile(rf"\b({LATEST})\b", re.IGNORECASE)
_DATED_THING = re.compile(r"\b(years?|dates?|dated|months?|events?|mentions?|refers?|cites?)\b", re.IGNORECASE)


def date_extreme(question: str) -> str:
    """ "min" or "max" when a question asks for the earliest or latest date a document mentions.

    >>> date_extreme("What is the latest year the St. Lucia sheet refers to?"), date_extreme("When did it start?")
    ('max', '')
    >>> date_extreme("What's the earliest month and year it mentions?"), date_extreme("Who is the newest member?")
    ('min', '')
    """
    if not _DATED_THING.search(question):
        return ""
    return "min" if _EARLIEST.search(question) else "max" if _LATEST.search(question) else ""


_EVERYWHERE = re.compile(
    r"\b(?:anywhere|in any of (?:our|the|these|your) (?:\w+ )?(?:documents|sources)|across (?:all |our |the |your )?"
    r"(?:\w+ )?(?:documents|sources)|in (?:all|our|your) (?:\w+ )?(?:documents|sources))\b",
    re.IGNORECASE,
)


def asks_everywhere(question: str) -> bool:
    """Whether a question asks across every document ("the latest date anywhere in our documents").

    >>> asks_everywhere("What is the most recent event anywhere in our CBSI documents?"), asks_everywhere("When?")
    (True, False)
    """
    return bool(_EVERYWHERE.search(question))


def date_key(span: str) -> tuple[int, int, int]:
    """A date span's place in time, for ordering: (year, month, day), 0 where not given.

    >>> date_key("since 2009"), date_key("November 30, 2017"), date_key("Dec. 2016")
    ((2009, 0, 0), (2017, 11, 30), (2016, 12, 0))
    """
    year = YEAR.search(span)
    month = re.search(_MONTH, span, re.IGNORECASE)
    day = re.search(r"(?<![\d-])([0-3]?\d)(?:-\d{1,2})?(?=,?\s)", span)
    m = next((i + 1 for i, name in enumerate(MONTHS) if month and month.group()[:3].lower() == name[:3].lower()), 0)
    return (int(year.group()) if year else 0, m, int(day.group(1)) if day and m else 0)


ASKS_DOCUMENT_DATE = re.compile(
    # "dates from (or in) the article" are dates it mentions, not its own
    r"\bdate[ds]?\b(?!\s+(?:from|in|mentioned|cited|given)\b).{0,30}\b(article|document|statement|sheet|release|"
    r"report|piece|story|page|it|that|this)\b|"
    r"\b(article|document|statement|sheet|release|report|piece|story)\b.{0,40}\b(published|released|issued|posted|"
    r"dated|put out)\b",
    re.IGNORECASE,
)


_NAME_Q = re.compile(
    r"^\s*(who|whom|whose|where)\b|^\s*(which|what)\s+(?:[\w.-]+\s+){0,2}(city|country|nation|island|organi[sz]ation|"
    r"agency|program|programme|initiative|institution|hospital|bank|body|office|bureau|department|unit|entity|"
    r"president|official|leader|company|port|law|act|bill|portal|government|host)\b",
    re.IGNORECASE,
)


def name_head(question: str) -> str:
    """The stem of the kind of thing a "which X" question asks the name of, or "".

    >>> name_head("Which U.S. Navy program trains divers?"), name_head("Who led it?")
    ('program', '')
    """
    m = _NAME_Q.search(question)
    return next(iter(tokenize(m.group(3))), "") if m and m.group(3) else ""


_UNDER_SECTION = re.compile(
    r"\bunder (?:the |their |its |this |that |our )?(?:[\w.'’-]+ ){0,3}?(?P<what>[\w'’-]+(?: [\w'’-]+){0,3}?) "
    r"(?:goal|section|pillar|heading|objective|strand|part|area|chapter|priority)\b",
    re.IGNORECASE,
)


def section_asked(question: str) -> str:
    """The words naming a section a question asks about ("under their public safety goal"), or "".

    >>> section_asked("What actions did the signatories line up under their public safety goal?")
    'public safety'
    >>> section_asked("What did they agree?")
    ''
    """
    m = _UNDER_SECTION.search(question)
    return m.group("what") if m else ""


def wants_name(question: str) -> bool:
    """Whether a question asks for a name (a person, place or organisation).

    >>> wants_name("Who led the delegation?"), wants_name("Which city hosted it?"), wants_name("What is CBSI?")
    (True, True, False)
    >>> wants_name("What is the alert system called?"), wants_name("What was called for in 2017?")
    (True, False)
    """
    return bool(_NAME_Q.search(question) or asks_what_called(question))


_CALLED_Q = re.compile(
    r"\bwhat(?:'s|\u2019s| is| was| are| were) the (?:official |formal |full )?names? of\b|"
    r"\bwhat\b.{0,100}\bcalled\b(?!\s+(?:for|on|upon|out|off|up|back)\b)",
    re.IGNORECASE,
)


_ORGANISATION_Q = re.compile(
    r"(?:^|[:;]\s*)\s*(?:(?:at|in|from|by|under|through|with)\s+)?(?:which|what)\s+(?:[\w.-]+\s+){0,3}"
    r"(?:organi[sz]ation|agency|institution|bureau|department|bank|company|ministry|speech|"
    r"executive order|summit|conference|treaty|agreement|declaration)\b",
    re.IGNORECASE,
)


def asks_organisation(question: str) -> bool:
    """Whether a question asks which organisation, speech, summit or agreement: its answer is a
    distinctive name, as for "what is it called?" ("the United States" or "the Dominican Republic"
    of every page is none).

    >>> asks_organisation("Which Dominican government agency runs the system?"), asks_organisation("Which country?")
    (True, False)
    >>> asks_organisation("Where is the quote from: which speech?"), asks_organisation("In which speech was it said?")
    (True, True)
    """
    return bool(_ORGANISATION_Q.search(question))


def asks_what_called(question: str) -> bool:
    """Whether a question asks what something is called: the answer is a distinctive name, not just
    any capitalised word ("United States" names nothing new)."""
    return bool(_CALLED_Q.search(question))


_DOC_NOUN = r"\b(?:sheets?|articles?|statements?|documents?|pieces?|releases?|reports?|write-?ups?|stor(?:y|ies))\b"
_DOC_REFERENCE = re.compile(r"(?:\b[A-Z0-9][\w.'’-]*\s+){1,5}(?i:fact\s+)?(?i:" + _DOC_NOUN + ")")


def mentions_document(question: str) -> bool:
    """Whether a question refers to a document ("per the embassy's 2016 release ...").

    >>> mentions_document("Per the 2016 release, how much?"), mentions_document("How much went to St. Lucia?")
    (True, False)
    """
    return bool(re.search(_DOC_NOUN, question, re.IGNORECASE))


_BACK_REFERENCE = re.compile(r"\b(?:the|that|this|the same|same)\s+(?:fact\s+)?" + _DOC_NOUN, re.IGNORECASE)


def names_a_document(question: str) -> bool:
    """Whether a question points at a document by more than "the sheet" or "that article" (which,
    in a follow-up, are the document already spoken of).

    >>> names_a_document("And the St. Lucia sheet?"), names_a_document("What else does the sheet say?")
    (True, False)
    """
    return mentions_document(_BACK_REFERENCE.sub(" ", question))


def drop_document_reference(question: str) -> str:
    """A question without the words that point at a document, for a follow-up that points at another.

    >>> drop_document_reference("What does the key objectives fact sheet say was provided?")
    'What does say was provided?'
    """
    pattern = r"\b(?:the|this|that)\s+(?:[\w.'’-]+\s+){0,4}?(?:fact\s+)?" + _DOC_NOUN + r"\s*"
    return re.sub(pattern, "", question, flags=re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]'’]{2}[.!])\s+(?=[A-Z\"“‘'])")


def asked_part(question: str) -> str:
    """The question a text asks, without the statements staff put before it to give context
    ("A talking point says X. How many ...?"): those name what someone claimed, not what is asked.

    >>> asked_part("A note says CBSI covers all 15 CARICOM members. How many countries does it give?")
    'How many countries does it give?'
    >>> asked_part("How much went to St. Lucia? And to the U.S. Navy divers?")
    'How much went to St. Lucia? And to the U.S. Navy divers?'
    """
    parts = _SENTENCE_END.split(question.strip())
    if len(parts) < 2 or not parts[-1].rstrip().endswith("?"):
        return question
    return parts[-1]


def subject_names(question: str) -> list[str]:
    """Capitalised words of a question (not its first word) that name what it is about, leaving out
    the words that only name a document ("the St. Lucia fact sheet").

    >>> subject_names("How much went to St. Lucia?"), subject_names("What does the St. Lucia sheet say?")
    (['St. Lucia'], [])
    """
    text = _DOC_REFERENCE.sub(" ", question)
    out = []
    for run in re.findall(r"(?<=[\s-])[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)*", text):  # "CBSI-funded": "CBSI"
        kept = [w for w in run.split() if w.lower().rstrip(".") not in STOPWORDS and not re.fullmatch(_MONTH, w)]
        if kept:
            out.append(" ".join(kept))
    return out


# Roles a person holds: "Who is St. Lucia's prime minister?", "Which Dominican minister ...?"
_ROLES = (
    r"coordinator|director|secretary|minister|premier|ambassador|president|head|chief|leader|official|spokes(?:person|man|"
    r"woman)|envoy|chair|chairman|chairwoman|mayor|governor|commissioner|commander|attorney general|administrator"
)
_PERSON_Q = re.compile(
    r"(?:^|[:;?]\s+)who\s+(?:led|leads|headed|heads|chaired|chairs|signed|spoke|said|announced|sponsored|introduced|"
    r"authored|wrote)\b|"
    r"(?:^|[:;?]\s+)who(?:'s|\u2019s|\s+(?:is|was|were|are))\s+.{0,40}\b(?:" + _ROLES + r")\b|"
    r"(?:^|[:;?]\s+)which\s+(?:[\w.'\u2019-]+\s+){0,2}(?:" + _ROLES + r"|person|senator|lawmaker|legislator|"
    r"congressman|congresswoman|representative|member of (?:congress|parliament))\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(?:President|Secretary|Ambassador|Minister|Senator|Sen\.|Representative|Rep\.|Congressman|Congresswoman|"
    r"Governor|Admiral|General|Mr\.|Ms\.|Mrs\.|Dr\.)"
    r"\s+(?:[A-Z][\w'-]*\.?\s+){0,2}[A-Z][\w'-]+|\b[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z][a-z]+"
)


def wants_person(question: str) -> bool:
    """Whether a question asks for a person ("Who led the delegation?", "Which president ...?").

    >>> wants_person("Who led the U.S. delegation?"), wants_person("Who hosts the working group meeting?")
    (True, False)
    >>> wants_person("Which member of Congress sponsored the act?"), person_names("a bill by Rep. Eliot Engel")
    (True, ['Rep. Eliot Engel'])
    >>> wants_person("Who is St. Lucia's prime minister?"), wants_person("Which Dominican minister chaired it?")
    (True, True)
    >>> wants_person("Which country hosted it?"), wants_person("Who is the partner for this?")
    (False, False)
    """
    return bool(_PERSON_Q.search(question))


_ROLE = re.compile(
    r"\b(coordinator|director|secretary|minister|ambassador|president|chief|spokesperson|envoy|chair)\b", re.IGNORECASE
)


def person_names(sentence: str, question: str = "") -> list[str]:
    """People named in a sentence by a title or an initial, leaving out those the question names.
    When the question asks for a role ("the U.S. ambassador"), the sentence must name that role.

    >>> person_names("a commitment that President Barack Obama made"), person_names("the Government of Haiti")
    (['President Barack Obama'], [])
    >>> person_names("Antony J. Blinken, Secretary of State", "Who is the ambassador?")
    []
    """
    role = _ROLE.search(question)
    if role and role.group().lower() not in sentence.lower():
        return []
    asked = question.lower()
    return [m.group() for m in _PERSON.finditer(sentence) if m.group().split()[-1].lower() not in asked]


def new_names(sentence: str, question: str) -> list[str]:
    """Capitalised words or acronyms of a sentence (not its first word) that the question lacks, and
    numbers that are part of a name ("Caribbean 2020", "H.R. 4939").

    >>> new_names("In 2010 it set up Caribbean 2020 for the United States", "What is the Caribbean plan called?")
    ['2020', 'United', 'States']
    """
    asked = {w.lower() for w in re.findall(r"[\w'-]+", question)}
    spots = [(m.start(), m.group()) for m in re.finditer(r"(?<=\s)[A-Z][\w'-]+", sentence)]
    for m in re.finditer(r"\b([A-Z][\w.'-]*)\s+(\d+)\b(?!\s*(?:percent|%))", sentence):
        if m.group(1).lower() not in STOPWORDS and not re.fullmatch(_MONTH, m.group(1), re.IGNORECASE):
            spots.append((m.start(2), m.group(2)))  # "Caribbean 2020", not "In 2010" or "December 2016"
    found = [w for _, w in sorted(spots)]
    stems = set(tokenize(question))  # "Hemisphere" is no new name for a question saying "hemispheric"
    return [
        w
        for w in found
        if w.lower() not in asked and w.lower() not in STOPWORDS and not (set(tokenize(w)) or {""}) <= stems
    ]


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
    """
    figs = figure_spans(text)
    if kind == "money":
        return [f for f in figs if "$" in f]
    if kind == "percent":
        return [f for f in figs if "percent" in f.lower() or "%" in f]
    scored = []
    if kind == "any":  # no cue to the kind ("what figure does the sheet give?"): money, or a count as above
        scored = [(-1, order, f) for order, f in enumerate(figs) if "$" in f]
    for order, f in enumerate(x for x in figs if "$" not in x):
        at = text.find(f)
        after = set(tokenize(" ".join(text[at + len(f) :].split()[:4]))) | set(tokenize(re.sub(r"[\d,.]+", " ", f)))
        before = set(tokenize(" ".join(text[:at].split()[-3:])))
        if counted and not after & counted:
            continue
        if re.search(r"\d[\d,.]*", f).group().replace(",", "").rstrip(".") in own:  # type: ignore[union-attr]
            continue  # the question's own number ("the 911 center") is not what it asks for
        score = 2 * len(after & question_terms) + len(before & question_terms)
        score += 2 * len(after & own) + len(before & own)
        if score:
            scored.append((-score, order, f))
    return [f for _, _, f in sorted(scored)]


def counted_terms(question: str) -> frozenset[str]:
    """Stems of what a "how many" question counts: the words after "how many" up to a function word.

    >>> sorted(counted_terms("How many survivors of violence got help?")), sorted(counted_terms("How much?"))
    (['survivor'], [])
    >>> sorted(counted_terms("How many Caribbean countries does CBSI partner with?"))
    ['caribbean', 'countri']
    """
    m = re.search(r"\bhow many\s+([^?.;:]*)", question, re.IGNORECASE)
    if not m:
        return frozenset()
    taken = []
    for w in words(m.group(1))[:4]:
        if w in STOPWORDS or w.isdigit():
            break
        taken.append(w)
    return frozenset(tokenize(" ".join(taken)))


_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?\s*$", re.IGNORECASE)


def figure_spans(text: str) -> list[str]:
    """Figures in a sentence, money first (cached: the same sentences recur from question to question).

    >>> figure_spans("On December 16, 2016 it gave $5 million to 13 countries")
    ['$5 million', '13 countries']
    """
    return list(_figure_spans(text))


@lru_cache(maxsize=1 << 14)
def _figure_spans(text: str) -> tuple[str, ...]:
    money_matches = list(_MONEY.finditer(text))
    money = [m.group().strip() for m in money_matches]
    quantities = []
    for m in _QUANTITY.finditer(text):
        span = m.group().strip()
        digits = re.search(r"\d[\d,.]*", span)
        in_money = any(x.start() <= m.start() + (digits.start() if digits else 0) < x.end() for x in money_matches)
        if not digits or YEAR.fullmatch(digits.group().rstrip(".,")) or in_money:
            continue
        at = m.start() + digits.start()
        if _MONTH_BEFORE.search(text, max(0, at - 16), at):
            continue  # the day of a date ("December 16, 2016"), not a count
        # keep the unit words only when they say what is counted (not "to", "of", ...)
        tail = [w for w in re.findall(r"[A-Za-z][\w-]*", span[digits.end() :])]
        keep = digits.group().rstrip(".,")
        head = span[: digits.start()]
        for w in tail:
            if w.lower() in {"to", "of", "and", "in", "the", "for", "from", "through", "with", "a"}:
                break
            keep += " " + w
        quantities.append((head + keep).strip())
    return (*money, *quantities)


_PLANNED_Q = re.compile(
    r"\b(?:supposed to|meant to|planned|plans? to|set to|scheduled|due to|expected to|intended|intends? to|"
    r"target(?:ed)? (?:year|date)|goals? (?:for|in))\b",
    re.IGNORECASE,
)


def asks_planned(question: str) -> bool:
    """Whether a date question asks when something was planned for rather than when it happened.

    >>> asks_planned("In what year was the RSS supposed to host the meeting?"), asks_planned("When did it open?")
    (True, False)
    """
    return bool(_PLANNED_Q.search(question))


_FREQUENCY_Q = re.compile(r"\bhow (?:often|frequently|regularly)\b|\bat what (?:frequency|intervals?)\b", re.IGNORECASE)
_FREQUENCY = re.compile(
    r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|quarterly|biennial(?:ly)?|biannual(?:ly)?|semi-?annual(?:ly)?|"
    r"every (?:\w+ )?(?:years?|months?|weeks?|days?)|each (?:year|month|week)|once|twice|\w+ times (?:a|per|each) \w+|"
    r"regularly|routinely|periodic(?:ally)?)\b",
    re.IGNORECASE,
)


def asks_frequency(question: str) -> bool:
    """Whether a question asks how often something happens.

    >>> asks_frequency("How often does the Dialogue meet?"), asks_frequency("How long did the talks run?")
    (True, False)
    """
    return bool(_FREQUENCY_Q.search(question))


def frequencies(text: str) -> list[str]:
    """The words of a sentence that say how often ("yearly", "every two years", "routinely").

    >>> frequencies("The Dialogue, along with yearly technical working groups, meets."), frequencies("We met.")
    (['yearly'], [])
    """
    return [m.group() for m in _FREQUENCY.finditer(text)]


_COUNT_WORDS = {w: n for n, w in enumerate(["two", "three", "four", "five", "six", "seven", "eight"], start=2)}
_COUNTED_LIST = re.compile(
    r"\b(two|three|four|five|six|seven|eight|[2-8])\s+(?:[\w.-]+\s+){0,3}?(?:goals|objectives|pillars|"
    r"priorit(?:y|ies)|areas|things|items|steps|ways|categories|sections|headings|programs|initiatives|elements|"
    r"commitments|aims|parts|components|lines of effort|focus areas|points)\b",
    re.IGNORECASE,
)


def asked_count(question: str) -> int:
    """How many things a list question says there are ("What are the three CBSI goals?"); 0 if it
    does not say.

    >>> asked_count("What are the three CBSI goals listed?"), asked_count("What 4 priority areas?"), asked_count("Why?")
    (3, 4, 0)
    """
    m = _COUNTED_LIST.search(question)
    if not m:
        return 0
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


_BEFORE = re.compile(r"\b(?:before|prior to|ahead of)\s+(?:the\s+|its\s+|their\s+)?(?P<what>[^?.,;]{0,60})", re.I)


def before_years(question: str) -> list[str]:
    """The years a question asks about the time before ("the record before the 2022 haul"): a
    passage about that year itself does not answer it.

    >>> before_years("What was the record before the 2022 haul?"), before_years("What happened in 2022?")
    (['2022'], [])
    """
    return [y for m in _BEFORE.finditer(question) for y in YEAR.findall(m.group("what"))]


def date_spans(text: str) -> list[str]:
    return list(_date_spans(text))


def answer_dates(text: str, question: str) -> list[str]:
    """The dates of `text` that could answer `question`: not a bare year the question states itself,
    as in a name ("the Caribbean 2020 strategy") or a date it gives to say which event it means.

    >>> answer_dates("the security pillar of Caribbean 2020", "When was the Caribbean 2020 strategy published?")
    []
    >>> answer_dates("talks on 29-30 November 2017", "When were the 2017 talks held?")
    ['29-30 November 2017']
    """
    stated = set(YEAR.findall(question))
    return [d for d in _date_spans(text) if d not in stated]


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


_EXPANSION_Q = re.compile(
    r"\bstands? for\b|\bshort for\b|\bacronyms?\b|\babbreviat\w*|\bspell(?:ed|s)? out\b|\bfull (?:name|form)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,9}(?:s\b|\b)")
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "to", "&", "against", "de", "del", "la"}

# What a question asks for when it asks where to find something online, and how each is written. The
# address must be what the question asks ("What hashtag does ...", "Which website ..."), not a word
# on the way ("the sheet carrying the #X hashtag", "which Secretary's official website").
_ASKS = r"^\W*(?:what|which)(?:'s| is| are| was)?\s+(?:(?:the|a|an|[\w.-]+)\s+){0,3}?"
_ADDRESS_Q = {
    "hashtag": re.compile(_ASKS + r"hash ?tags?\b", re.IGNORECASE),
    "email": re.compile(_ASKS + r"e-?mail\b", re.IGNORECASE),
    "url": re.compile(
        _ASKS + r"(web ?sites?|web ?pages?|urls?|web (address|link)s?)\b|"
        r"^\W*where\b.{0,60}\b(online|on the (web|internet)|web ?sites?)\b",
        re.IGNORECASE,
    ),
}
_ADDRESS = {
    "hashtag": re.compile(r"(?<![\w&])#[A-Za-z]\w+"),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "url": re.compile(
        r"(?:https?://|www\.)[^\s<>\"]+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|org|com|net|int|edu)(?:/[^\s<>\"]*)?"
    ),
}


def asks_address(question: str) -> str:
    """The kind of address a question asks for: "url", "hashtag", "email", or "".

    >>> asks_address("Which website has more on CBSI?"), asks_address("Where can I read more online?")
    ('url', 'url')
    >>> asks_address("What hashtag does the sheet use?"), asks_address("What does the online portal do?")
    ('hashtag', '')
    >>> asks_address("The article is posted under which Secretary of State's official website?")
    ''
    """
    return next((kind for kind, pattern in _ADDRESS_Q.items() if pattern.search(question)), "")


def addresses(text: str, kind: str) -> list[str]:
    """Addresses of a kind in a text, without trailing punctuation.

    >>> addresses("More is at: www.state.gov/p/wha/rt/cbsi.", "url"), addresses("#USCaribbeanSecurity now", "hashtag")
    (['www.state.gov/p/wha/rt/cbsi'], ['#USCaribbeanSecurity'])
    >>> addresses("The U.S. Navy, i.e. the fleet", "url")
    []
    """
    return [m.group().rstrip(".,;:)") for m in _ADDRESS[kind].finditer(text)]


def asks_expansion(question: str) -> bool:
    """Whether a question asks what an acronym stands for.

    >>> asks_expansion("What does IMPACS stand for?"), asks_expansion("Spell out CSII"), asks_expansion("Who is it?")
    (True, True, False)
    """
    return bool(_EXPANSION_Q.search(question))


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


_PART = r"(?:goals?|sections?|headings?|headers?|pillars?|objectives?|categor(?:y|ies)|parts?|chapters?|themes?|areas?)"
# One part asked for: "which strand" (not "which strands", a list of them).
_ONE_PART = r"(?:goal|section|heading|header|pillar|objective|category|chapter|theme|strand|line of effort|bucket|"
_ONE_PART += r"component|workstream|(?:program|programme|focus|priority) area)(?!s)"
_UNDER_Q = re.compile(
    r"\b(?:which|what)\b.{0,80}\b" + _PART + r"\b.{0,160}\b(?:falls?|fell|comes?|came|sits?|belongs?|listed|"
    r"appears?|fits?|filed|placed|grouped|is|are)\s+(?:\w+\s+)?under\b|"
    r"\bunder (?:which|what)\b.{0,40}\b" + _PART + r"\b|"
    # "Which strand would cover catching bulk cash?", "Into which category does X go?": one heading.
    r"\bwhich\s+(?:[\w/-]+\s+){0,2}" + _ONE_PART + r"\b.{0,60}\b(?:covers?|include[sd]?|handles?|address(?:es)?|"
    r"deals? with|encompass(?:es)?|goes|go|fits?|belongs?)\b|"
    r"\b(?:in|into|to) which\s+(?:[\w/-]+\s+){0,2}" + _ONE_PART + r"\b",
    re.IGNORECASE,
)


def asks_heading(question: str) -> bool:
    """Whether a question asks under which goal or section of a document something falls.

    >>> asks_heading("Which of the statement's numbered goals does the CDEMA work fall under?")
    True
    >>> asks_heading("Under which goal is disaster work listed?"), asks_heading("What goals did they set?")
    (True, False)
    >>> asks_heading("Which program strand would cover seizing smuggled cash?")
    True
    >>> asks_heading("Which strands cover policing?"), asks_heading("Which part of the region does it cover?")
    (False, False)
    """
    return bool(_UNDER_Q.search(question))


_HEADING = re.compile(r"(?:#+\s*|\d{1,2}[.)]\s+|[IVX]{1,4}[.)]\s+)?[A-Z][^.;:!?]{2,80}")


def is_heading(sentence: Sentence) -> bool:
    """A short line without end punctuation, or a label in title case, that names a part of a document.

    >>> [is_heading(Sentence(t, 0, 1)) for t in ("2. To Advance Public Safety", "**Key Objectives**", "We commit.")]
    [True, True, False]
    >>> is_heading(Sentence("Law Enforcement Capacity Building.", 0, 1))
    True
    """
    text = sentence.text.strip().strip("*").strip()
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


def named_sources(question: str, documents: dict[str, DocumentInfo], idf: dict[str, float]) -> set[str]:
    """Documents a question points at: two or more words of a title that no other title shares and
    that are not common in the texts ("the Key Objectives fact sheet"), or one plus its year or a word
    for a document ("the Eastern Caribbean article"); or the one document of a year the question
    uses as a name ("the 2016 embassy release", "the 2017 signers").

    >>> docs = {"a": DocumentInfo("a", "Joint Action Statement", published="2017-11-30"),
    ...         "b": DocumentInfo("b", "Key Objectives", published=None)}
    >>> sorted(named_sources("What did the 2017 signers promise?", docs, {})), named_sources("In 2017?", docs, {})
    (['a'], set())
    """
    q = {t for t in tokenize(question) if idf.get(t, 0.0) >= 1.0}
    years = set(YEAR.findall(question))
    by_word = title_words(documents)
    own: dict[str, set[str]] = {}  # document -> question words only its title has
    for w in q:
        holders = by_word.get(w, set())
        if len(holders) == 1:
            own.setdefault(next(iter(holders)), set()).add(w)
    out = set()
    for d, title_hits in own.items():
        info = documents[d]
        year_match = bool(info.published and info.published[:4] in years)
        if len(title_hits) >= 2 or year_match or mentions_document(question):
            out.add(d)
    for year in {m.group(1) for m in _YEAR_OF_DOCUMENT.finditer(question)}:
        # "the 2016 embassy release", "the 2017 signers": the one document of that year.
        of_year = [d for d, info in documents.items() if (info.published or "")[:4] == year]
        if len(of_year) == 1:
            out.add(of_year[0])
    return out


# A year used to name a document: "the 2016 embassy release", "what the 2017 signers agreed".
_YEAR_OF_DOCUMENT = re.compile(
    r"\b((?:19|20)\d{2})\s+(?:[\w.-]+\s+){0,2}(?:" + _DOC_NOUN + r"|signers|signatories|signing)", re.IGNORECASE
)


def same_kind(a: str, b: str) -> bool:
    money = ("$" in a, "$" in b)
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


def as_of(sentence: str, info: DocumentInfo | None) -> str:
    """The date a figure holds at: the sentence's own "as of ...", else the document's date.

    >>> as_of("has provided $400 million since 2010.", None)
    ', since 2010 (undated source)'
    """
    m = AS_OF.search(sentence)
    own = m.group() if m else ""
    if own.lower().startswith("as of"):
        return f", {own[0].lower()}{own[1:]}"
    when = format_date(info.published) if info else None
    since = f", {own.lower()}" if own else ""
    return f"{since}, as of {when}" if when else f"{since} (undated source)"


def upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, max(limit - 1, 1))
    return text[: cut if cut > 0 else limit - 1].rstrip(",;: ") + "…"
