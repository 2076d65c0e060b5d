"""What a question asks: the kind of figure (money, share, count) or date, a name or a person, a
section or heading, how many items, an address or what an acronym stands for, and the documents it
points at. Pure functions on text, with worked examples; what a sentence holds is read in `spans`."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from assistant.lexical import STOPWORDS, tokenize, words
from assistant.records import DocumentInfo
from assistant.spans import FISCAL, MONTH, ROLES, YEAR, title_words

_PERCENT_Q = re.compile(
    r"\b(share|percent|percentage|proportion|portion|fraction|what part|how much of (the|its|their))\b", re.IGNORECASE
)
# "the successful trace rate", "the conviction rate": a percentage (not a rate per head, of crime or of exchange)
_RATE_Q = re.compile(
    r"^(?!.*\b(?:homicide|murder|crime|exchange|interest|per|growth|burn)\b).*\b(?:success|scanning|conviction|"
    r"completion|graduation|detection|clearance|attrition|uptime|coverage|compliance|disbursement|execution|"
    r"recidivism|re-?arrest|occupancy|vacancy|response|hit|match|trace|dropout|retention|pass|failure|[a-z]+ful)\s+rates?\b",
    re.IGNORECASE,
)


# "By how much did killings fall?", "How much did funding increase?": the size of a change.
_CHANGE_Q = re.compile(
    r"\bby how much\b|\bhow much (?:did|has|have|had|was|were|is|does|do)\b[^?]{0,80}?\b(?:increase|grow|grew|grown|"
    r"rise|rose|risen|fall|fell|fallen|drop|dropped|decline|declined|decrease|decreased|shrink|shrank|go up|go down|"
    r"went up|went down|come down|came down|come up|came up|gone up|gone down|climb|climbed|jump|jumped|"
    r"reduce|reduced|cut|shrunk|dip|dipped|slip|slipped|improve|improved)\b",
    re.IGNORECASE,
)
_MONEY_NOUN = r"(?:budget|money|funding|funds|assistance|aid|allocation|appropriation|request|award|grant|package)\b"
_SHARE_WORD = re.compile(r"\b(share|percent|percentage|proportion|portion|fraction)\b", re.IGNORECASE)
_MONEY_Q = re.compile(
    r"\b(dollars?|money|fund(s|ing|ed)?|spen[dt]|spending|costs?|budget\w*|invest\w*|financ\w*|"
    r"assistance|aid|help|support|committ?\w*|provided|contribut\w*|allocat\w*|pledg\w*|appropriat\w*|"
    r"grants?|paid|pay|put into|given|euros?|pounds|obligat\w*|disburs\w*|enact\w*|award(s|ed)?|request(s|ed)?|"
    r"outlays?|expenditures?|expended|revenues?|income|receiv\w*|get|gets|got|went to|go(?:es)? to|"
    r"value[ds]?|worth|price[ds]?|cash|currency)\b|"
    r"[$€£¥]",
    re.IGNORECASE,
)


_VERB = r"did|does|do|was|were|has|have|had|is|are|will|would|went|goes|go"


def figure_kind(question: str) -> str:
    """What kind of figure a question asks for: money, percent, count, or any of money and count.

    >>> figure_kind("How much has the U.S. committed?"), figure_kind("How much cocaine was seized?")
    ('money', 'count')
    >>> figure_kind("U.S. aid contributed to a seizure of how much cocaine?"), figure_kind("How much CBSI money?")
    ('count', 'money')
    >>> figure_kind("How much did INL obligate in 2023?"), figure_kind("How much will they request for 2025?")
    ('money', 'money')
    >>> figure_kind("How much new CBSI assistance did the U.S. announce?"), figure_kind("How much cocaine was seized?")
    ('money', 'count')
    >>> figure_kind("How much went to maritime security in FY2022?")  # "how much" itself the thing
    'money'
    >>> figure_kind("What cumulative figure does the sheet give?")  # no cue: money, or a count of what it names
    'any'
    >>> figure_kind("How much of the YPSC budget is allocated to Dominica?"), figure_kind("How much of the cocaine?")
    ('money', 'percent')
    >>> figure_kind("How much of the FY24 CBSI request was set aside for firearms?")  # a budget request's amount
    'money'
    >>> figure_kind("How much of the portfolio's five-year funding came out of the INCLE account?")
    'money'
    >>> figure_kind("Total value of the boats handed over?"), figure_kind("What was the package worth?")
    ('money', 'money')
    >>> figure_kind("What was the RTCC's successful trace rate in 2024?"), figure_kind("What is the homicide rate?")
    ('percent', 'any')
    >>> figure_kind("How much equipment and training support did The Bahamas receive?")
    'money'
    >>> figure_kind("By how much did revenue grow?"), figure_kind("How much did funding increase in 2023?")
    ('change', 'change')
    """
    of_money = re.search(r"\bhow much of (?:the|its|their)\s+(?:[\w.'’-]+\s+){0,2}?" + _MONEY_NOUN, question, re.I)
    if (_PERCENT_Q.search(question) or _RATE_Q.search(question)) and not (
        of_money and not _SHARE_WORD.search(question)
    ):
        return "percent"  # "how much of the budget went to Dominica?" asks the amount, not a share
    if _CHANGE_Q.search(question):
        return "change"
    if re.search(r"\bhow many\b", question, re.IGNORECASE) and not re.search(r"\bdollars\b", question, re.I):
        return "count"
    much = re.search(r"\bhow much\s+((?:[\w.$-]+\s*){1,3})", question, re.IGNORECASE)
    # the phrase's head, up to its verb: "how much equipment and training support did ..." asks money
    phrase = re.search(
        r"\bhow much\s+((?:(?!(?:" + _VERB + r")\b)[\w.$-]+\s+){1,6})(?:" + _VERB + r")\b", question, re.I
    )
    head_money = bool(phrase and _MONEY_Q.fullmatch(phrase.group(1).split()[-1]))
    if (
        much
        and not head_money
        and not _MONEY_Q.search(much.group(1))
        and much.group(1).split()[0].lower() not in _NOT_A_NOUN
    ):
        return "count"  # "how much cocaine": an amount of a thing, whatever the rest says about aid
    if _MONEY_Q.search(question):
        return "money"
    return "any"


# Words that can follow "how much" without naming what is measured ("how much has the U.S. ...",
# "provided how much to the Caribbean"): function words, and these.
_NOT_A_NOUN = STOPWORDS | {"u.s.", "cbsi", "total", "overall", "altogether", "combined", "new", "additional", "extra"}
_NOT_A_NOUN |= {"went", "goes", "go", "got", "gets", "came", "comes", "flowed", "flows", "remains", "remained", "left"}


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


ASKS_DOCUMENT_DATE = re.compile(
    # "dates from (or in) the article" are dates it mentions, not its own
    r"\bdate[ds]?\b(?!\s+(?:from|in|mentioned|cited|given)\b).{0,30}\b(article|document|statement|sheet|release|"
    r"report|piece|story|page|it|that|this)\b|"
    r"\b(article|document|statement|sheet|release|report|piece|story)\b.{0,40}\b(published|released|issued|posted|"
    r"dated|put out)\b|"
    # "When was the USAID fact sheet on the Guyana Safe Communities Youth Initiative published?"
    r"^\s*when\s+(?:was|were)\s+(?:the|that|this)\s.{0,80}\b(article|document|statement|sheet|release|report)\b"
    r".{0,80}\s(published|released|issued|posted|put out)\s*\??\s*$",
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
    r"(?:organi[sz]ation|agency|institution|body|authority|bureau|department|bank|company|ministry|speech|"
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


_DOC_NOUN = (
    r"\b(?:sheets?|articles?|statements?|documents?|pieces?|releases?|reports?|write-?ups?|stor(?:y|ies)|testimony|"
    r"remarks|speech(?:es)?|communiqu[e\u00e9]s?|readouts?)\b"
)
_DOC_REFERENCE = re.compile(r"(?:\b[A-Z0-9][\w.'’-]*\s+){1,5}(?i:fact\s+)?(?i:" + _DOC_NOUN + ")")


def mentions_document(question: str) -> bool:
    """Whether a question refers to a document ("per the embassy's 2016 release ...").

    >>> mentions_document("Per the 2016 release, how much?"), mentions_document("How much went to St. Lucia?")
    (True, False)
    >>> mentions_document("When is its first report due?")  # what it is to write, not a source
    False
    """
    return bool(re.search(_DOC_NOUN, _OWN_DOC.sub(" ", question), re.IGNORECASE))


# "its first report", "their annual reports": what a body writes, not a document the question points at.
_OWN_DOC = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+)?" + _DOC_NOUN, re.IGNORECASE)


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


# A clause after a document noun says which document, not what is asked: "the fact sheet whose
# pictures are credited to USAID, the White House and SOUTHCOM", "the sheet that quotes Trump". The
# noun is singular: "documents that carry a date" asks about several. The clause runs to its end: a
# question's own verb after it ("the report that credits SOUTHCOM say ..."), a comma before a
# question word, or the end of the sentence; a comma in a list does not end it.
_MAIN_VERB = r"\s+(?i:says?|said|gives?|gave|puts?|cites?|reports?|states?|lists?|quotes?|shows?|tells?)\b"
_DOC_CLAUSE = (
    r"(?i:\b(?:sheet|article|statement|document|piece|release|report|write-?up|story|paper))\s+"
    r"(?P<clause>(?i:that|which|whose|quoting|citing|crediting|describing|mentioning|naming|listing)\s+[\w.'’-]+"
    r"(?:(?!" + _MAIN_VERB + r")(?:[^?;:,]|,(?!\s*(?i:what|how|which|who|when|where|why|does|did|do|is|are|was|"
    r"were|can|give|list)\b)))*)"
)
# A president named for his years points at a time ("under the Trump administration", "as Obama's
# second term was winding down").
_POINTER = re.compile(
    _DOC_CLAUSE + r"|\bunder\s+(?:the\s+)?[A-Z][\w.'’-]*\s+(?i:administration)\b"
    # "According to the Kingston embassy", "per the CRS In Focus brief": the source, by who wrote it
    r"|\b(?i:according\s+to|per|in)\s+the\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?i:embassy|brief|report|release|statement|"
    r"sheet|fact\s+sheet|testimony|remarks|speech|readout|summary|audit|evaluation)\b"
    r"|\b[A-Z][\w.'’-]*['’]s\s+(?i:first|second|last|final)\s+(?i:term|years?|months|weeks|days)\b"
)


def pointing_clause(question: str) -> str:
    """The clause by which a question tells its document by what the document holds; "" if none.

    >>> pointing_clause("What total is on the sheet whose pictures are credited to USAID and SOUTHCOM?")
    'whose pictures are credited to USAID and SOUTHCOM'
    """
    m = re.search(_DOC_CLAUSE, question)
    return m.group("clause").strip() if m else ""


def without_pointers(question: str) -> str:
    """The question without what points at its document or its time, whose names and years say
    which source, not what is asked.

    >>> without_pointers("What figure was State giving under the Trump administration?")
    'What figure was State giving ?'
    >>> without_pointers("On the sheet whose pictures are credited to USAID, the White House and SOUTHCOM, what total?")
    'On the , what total?'
    >>> without_pointers("How much went to St. Lucia under CBSI?")
    'How much went to St. Lucia under CBSI?'
    >>> without_pointers("According to the Kingston embassy, by how much did killings fall?")
    ' , by how much did killings fall?'
    """
    return _POINTER.sub(" ", question).replace("  ", " ")


# A people's adjective and its country's name speak of the same place ("Bahamian forces" ~ "The Bahamas").
_DEMONYMS = {
    "American": "United States U.S.",
    "Antiguan": "Antigua",
    "Bahamian": "Bahamas",
    "Barbadian": "Barbados",
    "Belizean": "Belize",
    "Dominican": "Dominican Dominica",
    "Grenadian": "Grenada",
    "Guyanese": "Guyana",
    "Haitian": "Haiti",
    "Jamaican": "Jamaica",
    "Kittitian": "Kitts",
    "Lucian": "Lucia",
    "Surinamese": "Suriname",
    "Trinidadian": "Trinidad",
    "Vincentian": "Vincent",
    "Washington": "United States U.S.",  # the government by its capital: "What did Washington commit?"
}


# A country's capital: a passage set there speaks of the country ("a $4.3 million upgrade of the
# Institute of Forensic Science in Kingston" is Jamaica's). Only capitals whose name is no common word
# (not St. John's, Antigua, nor St. George's, Grenada).
_CAPITALS = {
    "Bahamas": "Nassau",
    "Barbados": "Bridgetown",
    "Belize": "Belmopan",
    "Dominica": "Roseau",
    "Dominican Republic": "Santo Domingo",
    "Guyana": "Georgetown",
    "Haiti": "Port-au-Prince",
    "Jamaica": "Kingston",
    "Kitts": "Basseterre",
    "Lucia": "Castries",
    "Suriname": "Paramaribo",
    "Trinidad": "Port of Spain",
    "Vincent": "Kingstown",
}


def capital_of(name: str) -> frozenset[str]:
    """Stems of the capital of the country a name (or its people's adjective) speaks of; its
    distinctive words only ("Port of Spain": "spain").

    >>> sorted(capital_of("Jamaica's")), sorted(capital_of("Guyanese")), sorted(capital_of("Trinidad and Tobago"))
    (['kingston'], ['georgetown'], ['spain'])
    >>> sorted(capital_of("Dominica")), sorted(capital_of("the Dominican Republic")), sorted(capital_of("Haiti"))
    (['roseau'], ['domingo', 'santo'], ['princ'])
    >>> sorted(capital_of("Dominican")), sorted(capital_of("Youth Pathways"))
    ([], [])
    """
    return frozenset(t for stems, _ in _capitals_named(name) for t in stems)


def _capitals_named(name: str) -> list[tuple[frozenset[str], str]]:
    """The capitals of the countries a name (or its people's adjective) speaks of: each as its distinctive
    stems and its name."""
    own = set(tokenize(name))
    named = own | {t for adj, land, _ in _demonym_stems() if adj & own for t in land}
    return [
        (stems, capital)
        for land, stems, capital in _capital_stems()
        if land <= named and not ("dominica" in land and "dominican" in named)
    ]


_CAPITAL_ASKED = re.compile(
    r"\b(?:the\s+)?([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*?)(?:['’]s)?\s+capital\b|"
    r"\bcapital\s+of\s+(?:the\s+)?([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*)"
)


def capital_asked(question: str) -> str:
    """The capital a question names by its country ("the Surinamese capital", "Jamaica's capital", "the
    capital of Guyana"), so that passages set there are found; "" when it names none.

    >>> capital_asked("What's holding up the lab in the Surinamese capital?"), capital_asked("the capital of Guyana")
    ('Paramaribo', 'Georgetown')
    >>> capital_asked("How much capital did the fund raise?")
    ''
    """
    for m in _CAPITAL_ASKED.finditer(question):
        named = _capitals_named(m.group(1) or m.group(2))
        if named:
            return named[0][1]
    return ""


@lru_cache(maxsize=1)
def _capital_stems() -> list[tuple[frozenset[str], frozenset[str], str]]:
    """Each country and its capital's distinctive words as stems, tokenized once, with the capital's name."""
    common = frozenset(tokenize("port au of"))
    return [
        (frozenset(tokenize(c)), frozenset(tokenize(capital)) - common, capital) for c, capital in _CAPITALS.items()
    ]


_PART_OF_WHOLE = re.compile(
    r"\bhow much of (?:the|its|their|that|this)\s+.+?\b(?:for|to|toward|towards|on|into)\s+(?:the\s+)?([^?]+)",
    re.IGNORECASE,
)


def part_asked(question: str) -> str:
    """What a question asks the part of a whole for ("How much of the request is for maritime security?":
    "maritime security"); "" when it asks no part.

    >>> part_asked("How much of the FY24 CBSI request is for maritime security?"), part_asked("How much was it?")
    ('maritime security', '')
    """
    m = _PART_OF_WHOLE.search(question)
    return m.group(1).strip() if m else ""


# Staff shorthand for a place the documents spell out ("How much of the request is for the DR?").
_SHORTHAND = {"DR": "Dominican Republic", "SVG": "St. Vincent and the Grenadines"}


def spelled_out(name: str) -> str:
    """The name staff shorthand stands for; "" when it is none.

    >>> spelled_out("DR"), spelled_out("Dr")
    ('Dominican Republic', '')
    """
    return _SHORTHAND.get(name, "")


def same_place(name: str) -> frozenset[str]:
    """Stems of the other name for the place a name speaks of: its country for a people's adjective,
    the adjective for a country.

    >>> sorted(same_place("Bahamian")), sorted(same_place("The Bahamas")), sorted(same_place("American retail"))
    (['bahama'], ['bahamian'], ['state', 'unit'])
    >>> sorted(same_place("Washington")), sorted(same_place("United States"))
    (['state', 'unit'], [])
    """
    out: set[str] = set()
    named = set(tokenize(name))
    for adj, land, american in _demonym_stems():
        if adj & named:
            out |= land
        elif land & named and not american:
            out |= adj
    return frozenset(out)


@lru_cache(maxsize=1)
def _demonym_stems() -> list[tuple[frozenset[str], frozenset[str], bool]]:
    """Each people's adjective and its country as stems, tokenized once."""
    return [
        (frozenset(tokenize(a)), frozenset(tokenize(c)), a in ("American", "Washington")) for a, c in _DEMONYMS.items()
    ]


_RELATIVE_YEAR = re.compile(
    r"\bthe\s+(fiscal\s+)?year\s+(before|prior\s+to|preceding|after|following)\s+(?:the\s+)?"
    r"(" + FISCAL + r")?((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def absolute_years(question: str) -> str:
    """A question with a year told relative to another written as that year, so it is searched and
    judged like one ("the fiscal year before FY2022" is FY2021, not a question about 2022).

    >>> absolute_years("How much went to the Bahamas the fiscal year before FY2022?")
    'How much went to the Bahamas FY2021?'
    >>> absolute_years("What happened the year after 2016?"), absolute_years("Before 2016?")
    ('What happened 2017?', 'Before 2016?')
    >>> absolute_years("What's the FY24 request?"), absolute_years("How much over FY19-22?")
    ("What's the FY2024 request?", 'How much over FY2019-FY2022?')
    >>> absolute_years("Funding in FY 2023 and FY2022?")
    'Funding in FY 2023 and FY2022?'
    """

    def year(m: re.Match[str]) -> str:
        fiscal = "FY" if (m.group(1) or m.group(3)) else ""
        step = 1 if m.group(2).lower() in ("after", "following") else -1
        return f"{fiscal}{int(m.group(4)) + step}"

    def full(m: re.Match[str]) -> str:
        kind = m.group(1).upper()
        first = f"{kind}{_century(m.group(2))}"
        return f"{first}-{kind}{_century(m.group(4))}" if m.group(4) else first

    return _RELATIVE_YEAR.sub(year, _SHORT_FY.sub(full, question))


# "the following year", "the year before", "a year later": a year told against one said earlier.
_YEAR_AGAINST_EARLIER = re.compile(
    r"\b(?:the\s+)?(following|next|subsequent|previous|prior|preceding)\s+(fiscal\s+)?year\b|"
    r"\bthe\s+(fiscal\s+)?year\s+(after|before)\b(?!\s+(?:FY\s?|fiscal\s+year\s+)?\d)(?:\s+that\b)?|"
    r"\b(a|one|two|three|four|five|[1-9])\s+(?:fiscal\s+)?years?\s+(later|earlier|after|before|on)\b",
    re.IGNORECASE,
)
# A year, fiscal or not: "FY2022", "fiscal year 2022", "2022" (group 1: the fiscal mark, group 2: the year).
FISCAL_YEAR = re.compile(r"\b(FY\s?|fiscal\s+year\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)


def years_from_earlier(question: str, earlier: str) -> str:
    """A question that tells its year against the one an earlier question named ("What about the
    following year?" after "... in FY2022?") with that year written out; unchanged when the earlier
    question names no year, or several.

    >>> years_from_earlier("What about the following year?", "How much did Jamaica get in FY2022?")
    'What about FY2023?'
    >>> years_from_earlier("And the year before that?", "Seizures in 2019?")
    'And 2018?'
    >>> years_from_earlier("And a year later?", "Funding in FY2022 and FY2023?")
    'And a year later?'
    >>> years_from_earlier("What about three years later?", "How much went to crime laboratories in FY2021?")
    'What about FY2024?'
    >>> years_from_earlier("Will the next year's talks be in Georgetown?", "Who hosted the 2024 talks?")
    "Will 2025's talks be in Georgetown?"
    """
    m = _YEAR_AGAINST_EARLIER.search(question)
    told = {y.group(2): y for y in FISCAL_YEAR.finditer(earlier)}
    if not m or len(told) != 1 or YEAR.search(question):
        return question
    year = next(iter(told.values()))
    word = (m.group(1) or m.group(4) or m.group(6)).lower()
    count = m.group(5) and m.group(5).lower()
    size = 1 if not count or count in ("a", "one") else int(count) if count.isdigit() else _NUMBER_VALUES[count]
    step = -size if word in ("previous", "prior", "preceding", "before", "earlier") else size
    fiscal = "FY" if year.group(1) or m.group(2) or m.group(3) else ""
    return question[: m.start()] + f"{fiscal}{int(year.group(2)) + step}" + question[m.end() :]


# A fiscal or calendar year in two digits, alone or as a span: "FY24", "FY '23", "FY19-22", "FY19 to FY22".
_SHORT_FY = re.compile(
    r"\b(FY|CY)\s?['\u2019]?(\d{2})(?:\s?([-\u2013]|to|through)\s?(?:(?:FY|CY)\s?)?['\u2019]?(\d{2}))?(?![\d,.])",
    re.IGNORECASE,
)


def _century(two: str) -> str:
    return ("20" if int(two) < 70 else "19") + two


def subject_names(question: str) -> list[str]:
    """Capitalised words of a question (not its first word) that name what it is about, leaving out
    the words that only name a document ("the St. Lucia fact sheet").

    >>> subject_names("How much went to St. Lucia?"), subject_names("What does the St. Lucia sheet say?")
    (['St. Lucia'], [])
    >>> subject_names("According to Whitfield's testimony, how much has Congress provided?")
    ['Congress']
    >>> subject_names("What did the US pledge at the Port of Spain ministerial?")  # one name, "of" and all
    ['Port of Spain']
    """
    text = _DOC_REFERENCE.sub(" ", question)
    out = []
    # "CBSI-funded": "CBSI"; "Port of Spain", "Office of the Director": one name
    for run in re.findall(r"(?<=[\s-])[A-Z][\w.'’]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’]*)*", text):
        words = run.split()
        keep = [
            w in ("of", "the") or (w.lower().rstrip(".") not in STOPWORDS and not re.fullmatch(MONTH, w)) for w in words
        ]
        while keep and (not keep[0] or words[0] in ("of", "the")):
            words, keep = words[1:], keep[1:]
        while keep and (not keep[-1] or words[-1] in ("of", "the")):
            words, keep = words[:-1], keep[:-1]
        kept = [w for w, k in zip(words, keep, strict=True) if k]
        if kept:
            out.append(" ".join(kept))
    return out


# Words asking for the points a section makes ("the bullet points on anti-corruption"): a list question
# to `conversation`, what a heading covers to `answering`.
POINTS = r"bullet(?:ed)? points|bullets|(?:key|main|talking) points|highlights|takeaways"


# Roles a person holds: "Who is St. Lucia's prime minister?", "Which Dominican minister ...?"
_ROLES = (
    ROLES + "|premier|head|leader|official|spokesman|spokeswoman|chairman|chairwoman|mayor|governor|commissioner|"
    "commander|attorney general|administrator"
)
_PERSON_Q = re.compile(
    r"(?:^|[:;?]\s+)who\s+(?:led|leads|headed|heads|chaired|chairs|signed|spoke|said|announced|sponsored|introduced|"
    r"authored|wrote|directs|directed|runs|ran|manages|managed|co-chaired|co-chairs|co-chair|co-led|co-leads|"
    r"briefed|briefs|testified|testifies|addressed|addresses|represented|represents)\b|"
    r"(?:^|[:;?]\s+)who(?:'s|\u2019s|\s+(?:is|was|were|are))\s+(?:in charge|at the helm|running)\b|"
    r"(?:^|[:;?]\s+)who(?:'s|\u2019s|\s+(?:is|was|were|are))\s+.{0,40}\b(?:" + _ROLES + r")\b|"
    # "What is the name of the Bahamian Minister of National Security?"
    r"\bwhat(?:'s|\u2019s|\s+(?:is|was))\s+the\s+name\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w.'\u2019-]+\s+){0,3}(?:"
    + _ROLES
    + r")\b|"
    r"(?:^|[:;?]\s+)which\s+(?:[\w.'\u2019-]+\s+){0,2}(?:" + _ROLES + r"|person|senator|lawmaker|legislator|"
    r"congressman|congresswoman|representative|member of (?:congress|parliament))\b",
    re.IGNORECASE,
)


def wants_person(question: str) -> bool:
    """Whether a question asks for a person ("Who led the delegation?", "Which president ...?").

    >>> wants_person("Who led the U.S. delegation?"), wants_person("Who hosts the working group meeting?")
    (True, False)
    >>> from assistant.spans import person_names
    >>> wants_person("Which member of Congress sponsored the act?"), person_names("a bill by Rep. Eliot Engel")
    (True, ['Rep. Eliot Engel'])
    >>> wants_person("Who is St. Lucia's prime minister?"), wants_person("Which Dominican minister chaired it?")
    (True, True)
    >>> wants_person("Which country hosted it?"), wants_person("Who is the partner for this?")
    (False, False)
    >>> wants_person("Who represented Jamaica at the dialogue?")
    True
    >>> wants_person("Who's in charge there?"), wants_person("Who runs the academy?")
    (True, True)
    >>> wants_person("What is the name of the Bahamian Minister of National Security?")
    True
    >>> wants_person("Who co-chaired the 13th Dialogue?"), wants_person("Who briefed the press on the operation?")
    (True, True)
    """
    return bool(_PERSON_Q.search(question))


_PART_DID = re.compile(r"\bhow many of (?:them|those|these)\s+([a-z][\w-]*ed)\b", re.IGNORECASE)
_PART_OF = re.compile(
    r"\bhow many of (?:the|those|these|them|its|their)\b.*?\b(?:were|are|was|is|had been|have been|has been|got)\s+"
    r"((?!(?:the|a|an|in|on|at|by|for|from|with)\b)[A-Za-z][\w-]*)",
    re.IGNORECASE,
)


def counted_terms(question: str) -> frozenset[str]:
    """Stems of what a "how many" question counts: the words after "how many" up to a function word.

    >>> sorted(counted_terms("How many survivors of violence got help?")), sorted(counted_terms("How much?"))
    (['survivor'], [])
    >>> sorted(counted_terms("How many Caribbean countries does CBSI partner with?"))
    ['caribbean', 'countri']
    >>> sorted(counted_terms("How many of the officers trained in 2023 were women?"))
    ['women']
    >>> sorted(counted_terms("And how many of those had been convicted by year end?"))
    ['convict']
    >>> sorted(counted_terms("How many of them graduated?"))
    ['graduat']
    >>> {"graduat", "offic"} <= counted_terms("How many people finished the course?")
    True
    >>> counted_terms("How many times did the checks flag someone on a watch list?")
    frozenset()
    >>> counted_terms("Roughly how many actually ended in a verdict?")
    frozenset()
    >>> sorted(counted_terms("How much cocaine was seized?")), sorted(counted_terms("How much bulk cash was seized?"))
    (['cocain'], [])
    """
    part = _PART_OF.search(question) or _PART_DID.search(question)
    if part:  # "How many of the officers trained were women?", "How many of them graduated?": the part
        return frozenset(tokenize(part.group(1)))
    m = re.search(r"\bhow many\s+([^?.;:]*)", question, re.IGNORECASE)
    if not m:
        # "How much cocaine was seized?": the thing measured, when "how much" is not money
        much = re.search(r"\bhow much\s+([a-z][\w-]*)", question, re.IGNORECASE)
        if much and figure_kind(question) == "count":
            return frozenset(tokenize(much.group(1)))
        return frozenset()
    taken = []
    for w in words(m.group(1))[:4]:
        if w in STOPWORDS or w.isdigit() or (len(w) > 4 and w.endswith("ly")):
            break  # ... or an adverb: "how many actually ended in a verdict?" names no thing counted
        taken.append(w)
    counted = frozenset(tokenize(" ".join(taken)))
    if counted <= _EVENTS:
        return frozenset()  # "How many times did checks flag someone?": the count of whatever happened
    return counted | _PEOPLE if counted & _ANYONE else counted


_EVENTS = frozenset(tokenize("times occasions instances"))
# "How many people finished the course?" counts officers, graduates or participants as well.
_ANYONE = frozenset(tokenize("people persons individuals"))
_PEOPLE = _ANYONE | frozenset(
    tokenize(
        "officers officials graduates participants students trainees youths members staff personnel agents "
        "investigators prosecutors judges police residents victims survivors women men arrests arrested detainees "
        "suspects defendants migrants delegates attendees beneficiaries recruits cadets instructors"
    )
)


_PLANNED_Q = re.compile(
    r"\b(?:supposed to|meant to|planned|plans? to|set to|scheduled|due to|expected to|intended|intends? to|"
    r"target(?:ed)? (?:year|date)|goals? (?:for|in)|by when|"
    r"(?:expect|plan|intend|aim)(?:ed|s)?\s+(?:[\w.'’-]+\s+){1,4}to)\b",
    re.IGNORECASE,
)


def asks_planned(question: str) -> bool:
    """Whether a date question asks when something was planned for rather than when it happened.

    >>> asks_planned("In what year was the RSS supposed to host the meeting?"), asks_planned("When did it open?")
    (True, False)
    >>> asks_planned("When did the signers expect the RSS to convene it?"), asks_planned("When was it expected?")
    (True, False)
    """
    return bool(_PLANNED_Q.search(question))


_BOUND_Q = re.compile(
    r"\b(?:(?P<end>end|ends|ending|wrap(?:s|ped)? up|conclude[sd]?|finish(?:es|ed)?|expire[sd]?|run (?:until|through)|"
    r"(?:be )?complet(?:e|ed|ion))|"
    r"(?P<start>start|starts|started|begin|begins|began|commence[sd]?|kick(?:s|ed)? off|set up|founded|"
    r"established|created|formed))\b",
    re.IGNORECASE,
)


def bound_words(question: str) -> frozenset[str]:
    """The stems of the words by which a question asks for the end or start ("wrap up": "wrap").

    >>> sorted(bound_words("When is the activity scheduled to wrap up?")), bound_words("When was it?")
    (['wrap'], frozenset())
    """
    m = _BOUND_Q.search(question)
    return frozenset(tokenize(m.group())) if m else frozenset()


_DAY_Q = re.compile(
    r"\bon\s+what\s+dates?\b|\bthe\s+dates\s+of\b|\b(?:what|which)\s+day\b|\b(?:exact|specific|precise)\s+(?:date|day)\b|"
    r"\bthe\s+(?:exact\s+)?day\s+(?:the|it|that|when)\b",
    re.IGNORECASE,
)


def asks_day(question: str) -> bool:
    """Whether a date question asks for the day, not just the year or month ("On what date ...?").

    >>> asks_day("On what date will Barbados host the Dialogue?"), asks_day("When will Barbados host it?")
    (True, False)
    >>> asks_day("On what dates will the next Dialogue be held?"), asks_day("What dates does the review cover?")
    (True, False)
    >>> asks_day("What are the dates of the Twelfth Meeting?")
    True
    >>> asks_day("What date: the governments met in Santo Domingo?")  # a loose "what date" asks when
    False
    """
    return bool(_DAY_Q.search(question))


def asks_bound(question: str) -> str:
    """ "end" or "start" when a date question asks when a period ends or starts ("When does it wrap up?"),
    so the end or start of a span answers it ("October 2021 - September 2026"); "" otherwise.

    >>> asks_bound("When is the activity scheduled to wrap up?"), asks_bound("When did YPSC start?")
    ('end', 'start')
    >>> asks_bound("When was CARAP set up?")
    'start'
    >>> asks_bound("When was the lab opened?"), asks_bound("Did the talks start the year of the pledge? Which year?")
    ('', '')
    """
    m = _BOUND_Q.search(question)
    if not m or not re.search(r"\bwhen\b|\bwhat (?:date|day|month)\b", question, re.IGNORECASE):
        return ""  # "Did the meetings start in the same year as the pledge?" compares, it asks no bound
    return "end" if m.group("end") else "start"


_PLACE_Q = re.compile(
    r"^\W*(?:and\s+|so\s+)?where(?:'s|\u2019s|\s+(?:exactly\s+)?(?:is|was|were|are|will|did|does|do|has|had)\b)", re.I
)


def wants_place(question: str) -> bool:
    """Whether a question asks where something is or was ("Where was the handover held?").

    >>> wants_place("Where exactly was the handover held?"), wants_place("What happened where the boats were?")
    (True, False)
    """
    return bool(_PLACE_Q.search(question))


_COUNTRY_Q = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:country|nation|partner state|member state)\b", re.I)


def asks_country(question: str) -> bool:
    """Whether a question asks which country ("Which country is the first national co-chair?").

    >>> asks_country("Which country is the first national co-chair?"), asks_country("Which countries joined?")
    (True, False)
    """
    return bool(_COUNTRY_Q.search(question))


_COUNTRIES_Q = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:countries|nations|partner states|member states|jurisdictions|islands)\b", re.I
)


def asks_countries(question: str) -> bool:
    """Whether a question asks which countries ("Which countries does the Centre serve?").

    >>> asks_countries("Which countries does the Centre serve?"), asks_countries("Which country leads?")
    (True, False)
    """
    return bool(_COUNTRIES_Q.search(question))


def countries_named(text: str) -> int:
    """How many partner countries (or the United States) a text names.

    >>> countries_named("It serves Antigua and Barbuda, Dominica, Grenada and St. Lucia."), countries_named("It grew.")
    (4, 0)
    """
    told = set(tokenize(text))
    # "Dominican Dominica" is either country; "United States U.S." only whole
    return sum(1 for _, land, us in _demonym_stems() if land <= told or (not us and land & told))


def names_country(text: str, question: str) -> bool:
    """Whether a text names a partner country (or the United States) that the question does not.

    >>> names_country("Trinidad and Tobago will serve as co-chair.", "Which country co-chairs?")
    True
    >>> names_country("It is chaired by CARICOM IMPACS.", "Which country co-chairs?")
    False
    """
    told, asked = set(tokenize(text)), set(tokenize(question))
    return any(land & told and not land & asked for _, land, _ in _demonym_stems())


_TARGET_Q = re.compile(
    r"\b(?:targets?|targeted|goals?|aims?|aimed|objectives?|plan(?:s|ned)?|expected|projected|intend\w*|supposed|"
    r"will|by (?:the end of )?20\d{2}|meant to)\b",
    re.IGNORECASE,
)


def asks_target(question: str) -> bool:
    """Whether a question asks for a goal or plan rather than what was done.

    >>> asks_target("What's the enrolment target for Guyana?"), asks_target("How many has it enrolled so far?")
    (True, False)
    """
    return bool(_TARGET_Q.search(question))


_FREQUENCY_Q = re.compile(r"\bhow (?:often|frequently|regularly)\b|\bat what (?:frequency|intervals?)\b", re.IGNORECASE)


def asks_frequency(question: str) -> bool:
    """Whether a question asks how often something happens.

    >>> asks_frequency("How often does the Dialogue meet?"), asks_frequency("How long did the talks run?")
    (True, False)
    """
    return bool(_FREQUENCY_Q.search(question))


# Counts written as words, with their values.
_NUMBER_VALUES = {
    w: n
    for n, w in enumerate(
        [
            *("two", "three", "four", "five", "six", "seven", "eight"),
            *("nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"),
        ],
        start=2,
    )
}
_COUNTED_LIST = re.compile(
    r"\b(two|three|four|five|six|seven|eight|[2-8])\s+(?:[\w.-]+\s+){0,3}?(?:goals|objectives|pillars|"
    r"priorit(?:y|ies)|areas|things|items|steps|ways|categories|sections|headings|programs|initiatives|elements|"
    r"commitments|aims|parts|components|lines of effort|focus areas|points)\b|"
    # "Which four places were chosen?", "the five member states": any plural after which/what/the
    r"\b(?:which|what|the)\s+(two|three|four|five|six|seven|eight|[2-8])\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*[^s\W]s\b",
    re.IGNORECASE,
)


def asked_count(question: str) -> int:
    """How many things a list question says there are ("What are the three CBSI goals?"); 0 if it
    does not say.

    >>> asked_count("What are the three CBSI goals listed?"), asked_count("What 4 priority areas?"), asked_count("Why?")
    (3, 4, 0)
    >>> asked_count("Which four places were chosen for the pilot?"), asked_count("What did the two partners sign?")
    (4, 2)
    """
    m = _COUNTED_LIST.search(question)
    if not m:
        return 0
    word = (m.group(1) or m.group(2)).lower()
    return int(word) if word.isdigit() else _NUMBER_VALUES[word]


# "the three interceptor boats", "two 33-foot patrol boats": a count, up to two words, a plural noun.
_COUNTED_THING = re.compile(
    r"\b(" + "|".join(_NUMBER_VALUES) + r"|\d{1,3})(?![\w,.-])\s+(?:[\w-]+\s+){0,2}?([a-z]{3,}s)\b", re.IGNORECASE
)


def counted_things(text: str) -> dict[str, set[int]]:
    """The plural things a text gives a count of, as stems, with their counts.

    >>> counted_things("we handed over two 33-foot patrol boats worth $1.4 million")
    {'boat': {2}}
    >>> counted_things("What are the 3 boats and the four new interceptor vessels worth?")
    {'boat': {3}, 'vessel': {4}}
    """
    out: dict[str, set[int]] = {}
    for m in _COUNTED_THING.finditer(text):
        word = m.group(1).lower()
        for stem in tokenize(m.group(2)):
            out.setdefault(stem, set()).add(int(word) if word.isdigit() else _NUMBER_VALUES[word])
    return out


def count_clash(question: str, text: str) -> bool:
    """Whether a text counts a thing the question counts, and never by the question's count ("the three
    interceptor boats" against "two 33-foot patrol boats": other boats).

    >>> q = "What are the three interceptor boats worth?"
    >>> count_clash(q, "we handed over two patrol boats"), count_clash(q, "three boats"), count_clash(q, "two vessels")
    (True, False, False)
    """
    asked = counted_things(question)
    if not asked:
        return False
    told = counted_things(text)
    return any(stem in told and not told[stem] & counts for stem, counts in asked.items())


_BEFORE = re.compile(r"\b(?:before|prior to|ahead of)\s+(?:the\s+|its\s+|their\s+)?(?P<what>[^?.,;]{0,60})", re.I)


def before_years(question: str) -> list[str]:
    """The years a question asks about the time before ("the record before the 2022 haul"): a
    passage about that year itself does not answer it.

    >>> before_years("What was the record before the 2022 haul?"), before_years("What happened in 2022?")
    (['2022'], [])
    """
    return [y for m in _BEFORE.finditer(question) for y in YEAR.findall(m.group("what"))]


# A target or goal asked as a noun ("What's the YPSC enrolment target?"), not "what does training target at ports".
_ASKS_GOAL = re.compile(r"\b(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}?(target|goal)s?\b(?!\s+(?:at|on)\b)", re.I)


def target_asked(question: str) -> str:
    """ "target" or "goal" when a question asks for one as a noun, leaving out a document's name ("the
    Key Objectives fact sheet"); "" otherwise.

    >>> target_asked("What's the YPSC enrolment target for Guyana?"), target_asked("What is the goal for 2024?")
    ('target', 'goal')
    >>> target_asked("What kinds of contraband does training target at ports?")
    ''
    """
    m = _ASKS_GOAL.search(drop_document_reference(question))
    return m.group(1).lower() if m else ""


_ORDINAL_WORDS = (  # noqa: SIM905 (one word list, easier to read)
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ORDINAL = re.compile(r"\b(?:(" + "|".join(_ORDINAL_WORDS) + r")|(\d{1,3})(?:st|nd|rd|th))\b", re.IGNORECASE)


def ordinals(text: str) -> set[int]:
    """The numbers of the ordinals in a text ("the Ninth Dialogue", "the 10th meeting"), from the second on:
    "first" is as often "at first" as the first of a series.

    >>> sorted(ordinals("the eleventh Dialogue after the 10th meeting")), ordinals("first, it met")
    ([10, 11], set())
    """
    return {
        _ORDINAL_WORDS.index(m.group(1).lower()) + 2 if m.group(1) else int(m.group(2)) for m in _ORDINAL.finditer(text)
    }


_EXPANSION_Q = re.compile(
    r"\bstands? for\b(?!\s+(?:the|a|an|this|that|its|their)\b)|"  # not "where does it stand for the year"
    r"\bshort for\b|\bacronyms?\b|\babbreviat\w*|\bspell(?:ed|s)? out\b|\bfull (?:name|form)\b",
    re.IGNORECASE,
)

# What a question asks for when it asks where to find something online, and how each is written. The
# address must be what the question asks ("What hashtag does ...", "Which website ..."), not a word
# on the way ("the sheet carrying the #X hashtag", "which Secretary's official website").
# "What website ...", and the yes-or-no forms staff use: "And is there a web link next to it?"
_ASKS = (
    r"^\W*(?:and\s+|so\s+)?(?:(?:what|which)(?:'s| is| are| was)?|is there|are there|any|"
    r"(?:does|do) (?:it|they|the [\w.-]+) (?:give|list|have|include|print|show|carry))\s+"
    r"(?:(?:the|a|an|[\w.-]+)\s+){0,3}?"
)
_ADDRESS_Q = {
    "hashtag": re.compile(_ASKS + r"hash ?tags?\b", re.IGNORECASE),
    "email": re.compile(_ASKS + r"e-?mail\b", re.IGNORECASE),
    "url": re.compile(
        _ASKS + r"(web ?sites?|web ?pages?|urls?|web (address|link)s?|"
        r"links?(?=\s*(?:[?.,;]|$|next|for|on|in|at|with|given|printed|listed|to (?:more|further))))\b|"
        r"^\W*where\b.{0,60}\b(online|on the (web|internet)|web ?sites?)\b",
        re.IGNORECASE,
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
    >>> asks_address("And is there a web link next to it?"), asks_address("Does the sheet give a link?")
    ('url', 'url')
    >>> asks_address("Is there a link between crime and drugs?"), asks_address("Is there a hashtag?")
    ('', 'hashtag')
    >>> asks_address("What web platform links the police academies?")
    ''
    """
    return next((kind for kind, pattern in _ADDRESS_Q.items() if pattern.search(question)), "")


def asks_expansion(question: str) -> bool:
    """Whether a question asks what an acronym stands for.

    >>> asks_expansion("What does IMPACS stand for?"), asks_expansion("Spell out CSII"), asks_expansion("Who is it?")
    (True, True, False)
    >>> asks_expansion("Where does that stand for the year against the target?")  # how it stands, not a name
    False
    """
    return bool(_EXPANSION_Q.search(question))


_PART = r"(?:goals?|sections?|headings?|headers?|pillars?|objectives?|categor(?:y|ies)|parts?|chapters?|themes?|areas?)"
# One part asked for: "which strand" (not "which strands", a list of them).
_ONE_PART = r"(?:goal|section|heading|header|pillar|objective|category|chapter|theme|strand|line of effort|bucket|"
_ONE_PART += r"component|workstream|(?:program|programme|focus|priority) area)(?!s)"
_UNDER_Q = re.compile(
    r"\b(?:which|what)\b.{0,80}\b" + _PART + r"\b.{0,160}\b(?:falls?|fell|comes?|came|sits?|belongs?|listed|"
    r"appears?|fits?|filed|placed|grouped|is|are|look|find it|search|check)\s+(?:\w+\s+)?under\b|"
    r"\bunder (?:which|what)\b.{0,40}\b" + _PART + r"\b|"
    # "Which strand would cover catching bulk cash?", "Into which category does X go?": one heading.
    r"\bwhich\s+(?:[\w/-]+\s+){0,2}" + _ONE_PART + r"\b.{0,60}\b(?:covers?|include[sd]?|handles?|address(?:es)?|"
    r"deals? with|encompass(?:es)?|goes|go|fits?|belongs?)\b|"
    r"\b(?:in|into|to) which\s+(?:[\w/-]+\s+){0,2}" + _ONE_PART + r"\b|"
    # "Which of the sheet's program strands takes in polygraph work?": one of them.
    r"\bwhich of (?:the|its|their)\s+(?:[\w.'’/-]+\s+){0,4}(?:strands|goals|sections|headings|pillars|categories|"
    r"themes|components|workstreams|(?:program|programme|focus|priority) areas)\s+(?:\w+\s+){0,2}(?:covers?|"
    r"includes?|handles?|address(?:es)?|deals? with|encompass(?:es)?|takes? in|takes? up|goes|fits?|belongs?|falls?)\b|"
    # "Which part deals with keeping kids in school? I need the heading.": a request for it.
    r"\b(?:need|give me|want|tell me|name)\s+(?:the|its|that)\s+(?:section\s+|sub-?)?(?:heading|header)\b",
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
    >>> asks_heading("Where does the sheet list the priorities? Give me the section heading.")
    True
    >>> asks_heading("Which of the sheet's program strands takes in dog handling?")
    True
    >>> asks_heading("For the bit on jail conditions, which program heading should I look under?")
    True
    >>> asks_heading("Which of the sheet's program strands are funded?")
    False
    """
    return bool(_UNDER_Q.search(question))


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
    # A fiscal year is the time a figure is of ("in FY2021"), never a document's name.
    years = set(YEAR.findall(re.sub(r"\b" + FISCAL + r"(?:19|20)\d{2}", " ", question, flags=re.IGNORECASE)))
    by_word = title_words(documents)
    own: dict[str, set[str]] = {}  # document -> question words only its title has
    for w in q:
        holders = by_word.get(w, set())
        if len(holders) == 1:
            own.setdefault(next(iter(holders)), set()).add(w)
    out = set()
    asked = tokenize(question)
    for d, title_hits in own.items():
        info = documents[d]
        year_match = bool(info.published and info.published[:4] in years)
        if _title_phrase(asked, tokenize(info.title), title_hits) or year_match or mentions_document(question):
            out.add(d)
    for year in {m.group(1) for m in _YEAR_OF_DOCUMENT.finditer(question)}:
        # "the 2016 embassy release", "the 2017 signers": the one document of that year.
        of_year = [d for d, info in documents.items() if (info.published or "")[:4] == year]
        if len(of_year) == 1:
            out.add(of_year[0])
    return out


def _title_phrase(asked: list[str], title: list[str], hits: set[str]) -> bool:
    """Whether two of a title's own words stand together in the question as in the title ("the Key
    Objectives sheet"); apart, they are the question's topic ("youth violence prevention" is not the
    "Youth Crime Prevention Partnership").

    >>> _title_phrase(["key", "object", "say"], ["key", "object"], {"key", "object"})
    True
    >>> _title_phrase(["youth", "violenc", "prevent"], ["youth", "crime", "prevent"], {"youth", "prevent"})
    False
    """
    pairs = set(itertools.pairwise(title))
    return any(a in hits and b in hits and (a, b) in pairs for a, b in itertools.pairwise(asked))


# A year used to name a document: "the 2016 embassy release", "what the 2017 signers agreed", "did the
# 2017 governments promise".
_YEAR_OF_DOCUMENT = re.compile(
    r"\b((?:19|20)\d{2})\s+(?:[\w.-]+\s+){0,2}(?:" + _DOC_NOUN + r"|signers|signatories|signing|governments)",
    re.IGNORECASE,
)
