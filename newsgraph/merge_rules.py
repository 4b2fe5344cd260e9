"""The name rules of merge suggestions built from the extractor's own lexicon and gazetteer.

``queries`` may not import ``nlp`` (stages depend one way), so the shell hands the ranking what it needs of the
lexicon: the country names and adjectives it knows (en.toml ``[relations.demonyms]`` and the gazetteer's places
with their aliases: "U.S.", "UK"), the key resolution joins one organisation's spellings by ("Interior
Ministry" = "Ministry of Internal Affairs") and the small words initials leave out (en.toml ``initials_skipped``).
"""

from __future__ import annotations

from functools import partial

from core.names import fold
from core.settings import Settings
from nlp.entities.departments import organization_key
from nlp.lexicon.gazetteer import load_gazetteer
from queries.merge_names import NameRules


def merge_rules(settings: Settings) -> NameRules:
    gazetteer = load_gazetteer(settings.aliases_file or None)
    countries: set[str] = set()
    for adjective, places in gazetteer.lexicon.relations.demonyms.items():
        countries.add(adjective)
        countries.update(places)
    for known in gazetteer.entities:
        if known.type == "Location":
            countries.add(known.name)
            countries.update(known.aliases)
    plain = {" ".join(fold(name).replace(".", "").split()) for name in countries}
    return NameRules(
        country_words=frozenset(p.removeprefix("the ") for p in plain if p),
        name_key=partial(organization_key, gazetteer=gazetteer),
        skipped_words=frozenset(gazetteer.lexicon.entities.initials_skipped),
    )
