"""Seeded scale fixtures: a generated corpus of policy-style documents and a cloud of synthetic vectors.

`generate_corpus` writes fact sheets, press statements and reports about Caribbean security
cooperation (countries, programmes, agencies, dollar figures, dates, percentages, lists) with a
`catalog.json`, sized so the real chunker yields about the requested number of chunks. The text
is made from sentence templates with many slot fills, so sentences are diverse, and it is fully
determined by the seed: the corpus is kept out of git and re-made by the command.

`synthetic_vectors` makes many unit vectors shaped like real text embeddings (sparse mixtures of
real embedding rows plus noise) for recall and speed measurements at sizes too large to embed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from assistant.chunking import clean, pack
from assistant.citations import MONTHS
from assistant.config import DEFAULT_CATALOG_NAME, DEFAULT_CHUNK_CHARS, DEFAULT_CHUNK_OVERLAP_SENTENCES

COUNTRIES = (
    "Antigua and Barbuda",
    "The Bahamas",
    "Barbados",
    "Dominica",
    "the Dominican Republic",
    "Grenada",
    "Guyana",
    "Jamaica",
    "St. Kitts and Nevis",
    "Saint Lucia",
    "St. Vincent and the Grenadines",
    "Suriname",
    "Trinidad and Tobago",
)
CITIES = (
    "Bridgetown",
    "Kingston",
    "Nassau",
    "Castries",
    "Port of Spain",
    "Santo Domingo",
    "Georgetown",
    "Paramaribo",
    "Basseterre",
    "Roseau",
    "St. George's",
    "Kingstown",
    "St. John's",
    "Montego Bay",
    "Freeport",
    "Santiago",
)
AGENCIES = (
    "the Bureau of International Narcotics and Law Enforcement Affairs (INL)",
    "the U.S. Agency for International Development (USAID)",
    "the Drug Enforcement Administration",
    "the U.S. Coast Guard",
    "U.S. Southern Command",
    "the Department of Homeland Security",
    "the Federal Bureau of Investigation",
    "the Department of Justice",
    "the Treasury Department's Office of Technical Assistance",
    "CARICOM IMPACS",
    "the Regional Security System",
    "the Caribbean Financial Action Task Force",
    "the Bureau of Western Hemisphere Affairs",
    "the Joint Interagency Task Force South",
    "the Organization of American States",
    "the U.S. Embassy",
)
PROG_PLACE = ("Caribbean", "Eastern Caribbean", "Regional", "Island", "Coastal", "Community", "Basin", "Hemispheric")
PROG_TOPIC = (
    "Maritime Interdiction",
    "Youth Resilience",
    "Border Security",
    "Justice Sector Reform",
    "Financial Crimes",
    "Forensic Capacity",
    "Citizen Security",
    "Port Security",
    "Juvenile Justice",
    "Firearms Tracing",
    "Anti-Corruption",
    "Cybercrime",
    "Police Professionalization",
    "Prison Reform",
    "Violence Prevention",
    "Migration Management",
)
PROG_KIND = ("Initiative", "Partnership", "Program", "Project", "Fund", "Network", "Academy", "Compact")
TOPICS = (
    "maritime interdiction",
    "at-risk youth",
    "border security",
    "judicial reform",
    "anti-money laundering",
    "forensic science",
    "community policing",
    "port security",
    "juvenile justice",
    "illicit firearms trafficking",
    "public corruption",
    "cybersecurity",
    "police training",
    "prison management",
    "gang violence prevention",
    "trafficking in persons",
    "disaster response",
    "asset recovery",
    "criminal case management",
    "victim assistance",
)
EQUIPMENT = (
    "interceptor boats",
    "patrol vessels",
    "night-vision goggles",
    "forensic laboratory kits",
    "radar stations",
    "body-worn cameras",
    "X-ray cargo scanners",
    "secure radios",
    "ballistic identification systems",
    "case management servers",
    "drones",
    "vehicle checkpoints",
)
CRIMES = (
    "cocaine",
    "marijuana",
    "illegal firearms",
    "ammunition",
    "bulk cash",
    "synthetic drugs",
    "counterfeit goods",
    "stolen vehicles",
)
OFFICIALS = (
    "the Assistant Secretary of State",
    "the U.S. Ambassador",
    "the Chargé d'Affaires",
    "the Minister of National Security",
    "the Attorney General",
    "the Commissioner of Police",
    "the Chief of Defence Staff",
    "the Director of Public Prosecutions",
    "the Prime Minister",
    "the Deputy Assistant Secretary",
)
PEOPLE = (
    "law enforcement officers",
    "prosecutors",
    "judges",
    "customs officials",
    "coast guard personnel",
    "forensic analysts",
    "youth mentors",
    "corrections officers",
    "financial investigators",
    "community leaders",
)
ACTIONS = (
    "strengthen",
    "expand",
    "modernize",
    "support",
    "improve",
    "sustain",
    "professionalize",
    "reinforce",
)
OUTCOMES = (
    "reduce illicit trafficking",
    "increase public safety and security",
    "promote social justice",
    "improve the rule of law",
    "disrupt transnational criminal organizations",
    "reduce youth involvement in crime",
    "protect human rights",
    "build trust between police and communities",
)

Slots = dict[str, Callable[[random.Random], str]]


_MILLIONS = (1, 2, 3, 4, 5, 7, 9, 12, 15, 18, 24, 36, 48, 60, 75, 90, 120, 139, 263, 400)


def _money(r: random.Random) -> str:
    if r.random() < 0.6:
        return f"${r.choice(_MILLIONS)}.{r.randint(0, 9)} million"
    return f"${r.randint(50, 990):,},000"


_SLOTS: Slots = {
    "country": lambda r: r.choice(COUNTRIES),
    "country2": lambda r: r.choice(COUNTRIES),
    "city": lambda r: r.choice(CITIES),
    "agency": lambda r: r.choice(AGENCIES),
    "programme": lambda r: f"{r.choice(PROG_PLACE)} {r.choice(PROG_TOPIC)} {r.choice(PROG_KIND)}",
    "topic": lambda r: r.choice(TOPICS),
    "topic2": lambda r: r.choice(TOPICS),
    "equipment": lambda r: r.choice(EQUIPMENT),
    "crime": lambda r: r.choice(CRIMES),
    "official": lambda r: r.choice(OFFICIALS),
    "people": lambda r: r.choice(PEOPLE),
    "action": lambda r: r.choice(ACTIONS),
    "outcome": lambda r: r.choice(OUTCOMES),
    "money": _money,
    "year": lambda r: str(r.randint(2010, 2025)),
    "date": lambda r: f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2010, 2025)}",
    "month": lambda r: f"{r.choice(MONTHS)} {r.randint(2010, 2025)}",
    "pct": lambda r: f"{r.randint(3, 87)} percent",
    "n": lambda r: str(r.choice((3, 4, 5, 6, 8, 10, 12, 14, 17, 20, 25, 30, 40, 45, 60))),
    "nth": lambda r: r.choice(("second", "third", "fifth", "seventh", "ninth", "tenth", "twelfth", "thirteenth")),
    "many": lambda r: f"{r.randint(2, 95) * 10:,}",
    "tons": lambda r: f"{r.randint(2, 40)}.{r.randint(0, 9)} metric tons",
}

SENTENCES = (
    "Since {year}, {agency} has provided {money} to {country} for {topic}.",
    "Under the {programme}, {many} {people} from {country} completed training in {topic}.",
    "The United States delivered {n} {equipment} to {country} in {month} to support {topic}.",
    "Seizures of {crime} in {country} rose by {pct} between {year} and the following year.",
    "In {year}, authorities in {country} seized {tons} of {crime} with support from {agency}.",
    "{official} announced {money} in new assistance for {topic} during a visit to {city} on {date}.",
    "The {programme} works with {agency} to {action} {topic} across {n} partner nations.",
    "Funding for {topic} in {country} reached {money} in fiscal year {year}, about {pct} of the total.",
    "More than {many} young people in {country} took part in {topic} activities under the {programme}.",
    "{agency} and {country} signed a memorandum of understanding on {topic} in {month}.",
    "The project aims to {action} the capacity of {people} to {outcome}.",
    "Officials from {country} and {country2} met in {city} to coordinate work on {topic} and {topic2}.",
    "A {year} assessment by {agency} found that {pct} of cases involving {crime} reached trial.",
    "Through the {programme}, {country} opened {n} new centers for {topic} since {year}.",
    "The Caribbean Basin Security Initiative has invested {money} in {topic} throughout the region.",
    "{official} said the partnership would help {country} {outcome}.",
    "Training covered {topic}, {topic2} and the use of {equipment}.",
    "The {programme} received {money} from {agency} in {year} and will run through {month}.",
    "Joint operations led to the arrest of {many} suspects and the seizure of {crime} worth {money}.",
    "{agency} deployed {n} advisers to {city} to mentor {people} on {topic}.",
    "Homicide rates in participating communities of {country} fell by {pct} after the program began.",
    "The agreement signed on {date} commits both governments to {action} cooperation on {topic}.",
    "Partner nations reported that {pct} of {people} trained under CBSI remain in service.",
    "The grant of {money} will {action} {topic} and help {people} {outcome}.",
    "In {city}, the {programme} trained {many} {people} in {topic} during {year}.",
    "{country} became the {nth} partner to join the {programme} in {month}.",
    "The evaluation recommended that {agency} {action} its support for {topic} in {country}.",
    "Donors pledged {money} at the {year} regional conference on {topic} held in {city}.",
)
HEADINGS = (
    "Background",
    "Key Results",
    "Funding",
    "Programs",
    "Partners",
    "Next Steps",
    "Highlights",
    "Training",
    "Equipment",
    "Regional Cooperation",
    "Outcomes",
    "Priorities",
)
BULLETS = (
    "{action} {topic} in {country}",
    "{money} for {topic} since {year}",
    "{many} {people} trained in {topic}",
    "{n} {equipment} delivered to {country}",
    "{pct} reduction in {crime} trafficking through {city}",
    "support for the {programme}",
)
PUBLISHERS = (
    "U.S. Department of State",
    "U.S. Department of State, Bureau of Western Hemisphere Affairs",
    "U.S. Embassy (official U.S. government website)",
    "U.S. Agency for International Development",
    "CARICOM Implementation Agency for Crime and Security",
)
KINDS = ("fact-sheet", "press-statement", "report")


def _fill(template: str, r: random.Random) -> str:
    out = template.format_map({k: f(r) for k, f in _SLOTS.items() if "{" + k + "}" in template})
    return out[0].upper() + out[1:]


def _document(kind: str, r: random.Random) -> tuple[str, str, list[str]]:
    """(suffix, text, sentences): the sentences are every sentence-like unit in reading order."""
    country = r.choice(COUNTRIES)
    topic = r.choice(TOPICS)
    title = {
        "fact-sheet": f"The Caribbean Basin Security Initiative: {country.removeprefix('the ')} and {topic}",
        "press-statement": f"United States and {country.removeprefix('the ')} expand cooperation on {topic}",
        "report": f"Progress report on {topic} under the Caribbean Basin Security Initiative",
    }[kind]
    units: list[str] = []
    blocks: list[str] = []
    md = kind != "press-statement"
    if md:
        blocks.append(f"# {title}")
        units.append(f"# {title}")
    else:
        date = _SLOTS["date"](r)
        blocks += [title, f"{_SLOTS['city'](r)}, {date}"]
        units += [title, f"{_SLOTS['city'](r)}, {date}"]
    for _ in range(r.randint(2, 6) if kind != "report" else r.randint(4, 10)):
        if md and r.random() < 0.7:
            heading = f"## {r.choice(HEADINGS)}"
            blocks.append(heading)
            units.append(heading)
        sents = [_fill(r.choice(SENTENCES), r) for _ in range(r.randint(2, 6))]
        blocks.append(" ".join(sents))
        units += sents
        if md and r.random() < 0.4:
            items = [_fill(r.choice(BULLETS), r) for _ in range(r.randint(3, 6))]
            blocks.append("\n".join(f"- {i}" for i in items))
            units += [f"- {i}" for i in items]
    return (".md" if md else ".txt"), "\n\n".join(blocks) + "\n", units


def generate_corpus(
    out_dir: Path,
    n_chunks: int,
    seed: int = 0,
    *,
    max_chars: int = DEFAULT_CHUNK_CHARS,
    overlap_sentences: int = DEFAULT_CHUNK_OVERLAP_SENTENCES,
) -> int:
    """Write seeded policy-style documents and a `catalog.json` into `out_dir`; return the expected chunk count.

    Documents are added until the chunk count (the chunker's packing of the sentences written,
    at `max_chars` characters with `overlap_sentences` overlap) reaches `n_chunks`. The same seed
    always writes the same files. Existing files of the same names are overwritten.
    """
    r = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    catalog: dict[str, dict[str, str | None]] = {}
    total, i = 0, 0
    while total < n_chunks:
        kind = KINDS[r.randrange(len(KINDS))]
        suffix, text, units = _document(kind, r)
        doc_id = f"synthetic-{kind}-{i:06d}"
        (out_dir / f"{doc_id}{suffix}").write_text(text, encoding="utf-8")
        catalog[doc_id] = {
            "title": text.splitlines()[0].removeprefix("# "),
            "publisher": r.choice(PUBLISHERS),
            "published": f"{r.randint(2010, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            "note": f"Generated test document (seed {seed}); not a real publication.",
        }
        total += len(pack([len(clean(u)) for u in units], max_chars, overlap_sentences))
        i += 1
    (out_dir / DEFAULT_CATALOG_NAME).write_text(json.dumps(catalog, indent=2) + "\n", encoding="utf-8")
    return total


def question_like(n: int, seed: int = 0) -> list[str]:
    """`n` seeded questions in the corpus's vocabulary (queries for recall measurements)."""
    r = random.Random(seed)
    templates = (
        "How much has {agency} provided to {country} for {topic}?",
        "What did the {programme} achieve in {country}?",
        "How many {people} were trained in {topic} in {year}?",
        "When did {country} sign an agreement on {topic}?",
        "What equipment did the United States deliver to {country}?",
        "How much {crime} was seized in {country} in {year}?",
        "Who announced new assistance for {topic} in {city}?",
        "By what percentage did seizures of {crime} rise in {country}?",
        "Which agencies support {topic} in the Caribbean?",
        "What is the goal of the {programme}?",
    )
    return [_fill(r.choice(templates), r) for _ in range(n)]


def _blocks(n: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, size):
        yield start, min(n, start + size)


def synthetic_vectors(
    n: int, basis: np.ndarray, seed: int = 0, *, terms: int = 3, noise: float = 0.35, block: int = 32_768
) -> np.ndarray:
    """`n` unit float32 vectors shaped like real embeddings: sparse mixtures of `basis` rows plus noise.

    Each vector is one basis row with weight 1, `terms - 1` others with weights uniform in
    [0, 0.5), and isotropic Gaussian noise of expected norm `noise`, normalised. Made in blocks
    of `block` rows, so memory beyond the result stays small.
    """
    basis = np.ascontiguousarray(basis, dtype=np.float32)
    k, d = basis.shape
    out = np.empty((n, d), dtype=np.float32)
    rng = np.random.default_rng(seed)
    for s, e in _blocks(n, block):
        m = e - s
        rows = rng.integers(0, k, size=(m, terms))
        weights = rng.uniform(0.0, 0.5, size=(m, terms)).astype(np.float32)
        weights[:, 0] = 1.0
        v = basis[rows[:, 0]].copy()
        for t in range(1, terms):
            v += weights[:, t, None] * basis[rows[:, t]]
        v += rng.standard_normal((m, d), dtype=np.float32) * np.float32(noise / np.sqrt(d))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[s:e] = v
    return out
