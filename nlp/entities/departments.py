"""The names one government department goes by in an English article, reduced to one key.

A ministry is written head first or last ("Ministry of the Interior", "Interior Ministry"), with a portfolio
translated two ways ("Internal Affairs" for "Interior"), with the state it belongs to before it ("the Serbian
Ministry of Internal Affairs") and by the initials of its name in its own language ("the MUP"). Resolution
(``nlp.entities.resolution``) joins the names that share a key; the word lists are en.toml ``[entities]``.
"""

from __future__ import annotations

from nlp.keys import fold
from nlp.lexicon.gazetteer import Gazetteer


def without_the(name: str) -> str:
    """ "The Museum of Flight" and "the Museum of Flight" are one name, with one id in every article."""
    return name[4:] if name[:4].lower() == "the " and len(name.split()) > 2 else name


def _department(key: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(head, portfolio) of a folded department name written either way round, the portfolio as its synonym."""
    words = gazetteer.lexicon.entities
    if match := words.head_first.match(key):
        head, portfolio = match.group(1), match.group(2)
    elif match := words.head_last.match(key):
        head, portfolio = match.group(2), match.group(1)
    else:
        return None
    return head, words.portfolio_synonyms.get(portfolio, portfolio)


def organization_key(name: str, gazetteer: Gazetteer) -> str:
    """One key for the two English orders and the two translations of a portfolio: "Interior Ministry" =
    "Ministry of the Interior" = "Ministry of Internal Affairs", "State Department" = "Department of State"."""
    key = without_the(fold(name))
    department = _department(key, gazetteer)
    return f"{department[0]} of {department[1]}" if department else key


def _is_portfolio(words: str, gazetteer: Gazetteer) -> bool:
    portfolios = gazetteer.words("portfolio_words")
    return words in portfolios or words in gazetteer.lexicon.entities.portfolio_synonyms


def state_qualified(name: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(the qualifier, the department's key) of a department named with one word of its state before it: "Serbian
    Ministry of Internal Affairs" → ("serbian", "ministry of interior"), "Saudi Interior Ministry" → ("saudi",
    "ministry of interior"); None for a name without one ("Foreign Affairs Ministry", "Public Safety Ministry")."""
    key = without_the(fold(name))
    qualifier, _, rest = key.partition(" ")
    if not rest:
        return None
    if gazetteer.lexicon.entities.head_first.match(rest):
        return qualifier, organization_key(rest, gazetteer)
    department = _department(key, gazetteer)
    if department is None or not rest.endswith(f" {department[0]}"):
        return None
    portfolio = rest[: -len(department[0]) - 1]
    if _is_portfolio(department[1], gazetteer) or not _is_portfolio(portfolio, gazetteer):
        return None
    return qualifier, organization_key(rest, gazetteer)


def state_keys(names: list[str], gazetteer: Gazetteer) -> dict[str, str]:
    """The key of each department named with its state → the key without the state, when the article names that
    department with one state only: "the Russian Foreign Ministry" and "the Ukrainian Foreign Ministry" stay two,
    and a "Foreign Ministry" without a state then joins neither."""
    states: dict[str, set[str]] = {}
    qualified: dict[str, str] = {}
    for name in names:
        found = state_qualified(name, gazetteer)
        if found is not None:
            states.setdefault(found[1], set()).add(found[0])
            qualified[organization_key(name, gazetteer)] = found[1]
    return {full: bare for full, bare in qualified.items() if len(states[bare]) == 1}


def initials_key(acronym: str, gazetteer: Gazetteer) -> str | None:
    """The key of the ministry that foreign initials stand for ("MUP" → the interior ministry's), if any."""
    name = gazetteer.lexicon.entities.ministry_initials.get(fold(acronym))
    return organization_key(name, gazetteer) if name else None
