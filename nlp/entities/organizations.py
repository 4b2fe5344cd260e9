"""Organisation names the model cuts short, runs together or misses: rules on shapes and gazetteer word lists.

Offsets in a ``Mention`` are character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import HYPHENS, Mention, joined_by_hyphen
from nlp.entities.retyping import is_personal_name, opens_with_honorific
from nlp.keys import doc_text, fold
from nlp.lexicon.gazetteer import Gazetteer
from nlp.naming import someones_relative


def with_name_complement(span: Span, gazetteer: Gazetteer) -> Span:
    """An organisation cut before its complement takes it in: "Joint Council" + "for the Welfare of Immigrants".

    The complement is "of/for/on", an optional "the", then capitalised words joined by "and", "of", "the" or a
    hyphen, also when the model tagged them an organisation of their own ("UN Office" + "for the" + "Coordination
    of Humanitarian Affairs"); it stops before a person's or another organisation's name, or a title word, and a
    bare place ("University of Sheffield of the UK") is where the organisation is, not part of its name, except
    after the heads of public bodies named by their place ("Supreme Court of the United States", "Bank of
    Canada")."""
    doc = span.doc
    if fold(span[-1].text) not in gazetteer.words("organization_words") or span.end + 1 >= len(doc):
        return span
    index = span.end
    if doc[index].lower_ not in {"of", "for", "on"}:
        return span
    index += 1 + (doc[index + 1].lower_ == "the")
    end, first = span.end, index
    tagged_complement = index < len(doc) and doc[index].ent_type_ == "ORG" and _entity_start(doc[index]) > span.end
    while index < len(doc) and "\n" not in doc[index].text:
        if doc[index].ent_type_ in {"PERSON", "DATE", "TIME"} or (
            doc[index].ent_type_ == "ORG" and not tagged_complement
        ):
            break  # "Education Department on Monday said": a day is no complement
        if tagged_complement and index > first and doc[index].ent_iob_ != "I":
            tagged_complement = False  # the model's name of the complement ends here; another name may follow
        token = doc[index]
        if token.text[:1].isupper() and token.is_alpha and fold(token.text) not in gazetteer.words("title_words"):
            end = index + 1
        elif token.lower_ not in {"and", "of", "the", "-", "&"}:
            break
        index += 1
    if end > first and fold(doc[end - 1].text) in gazetteer.words("location_heads"):
        return span  # "Manhattan Criminal Court on Centre Street": the address, not the name
    if end < len(doc) and doc[end].is_lower and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
        return span  # "the Max Planck Institute on the MeerKAT survey": the name qualifies a noun, it is no complement
    place_named = fold(span[-1].text) in gazetteer.words("place_complement_heads") and doc[span.end].lower_ == "of"
    if not place_named and all(
        t.ent_type_ in {"GPE", "LOC", "NORP"} or gazetteer.lookup(t.text) for t in doc[first:end] if t.is_alpha
    ):
        return span  # "Colorado State University of the US": where it is, not its name
    return doc[span.start : end]


def _entity_start(token: Token) -> int:
    """The index of the first word of the model's entity that holds ``token``."""
    index = token.i
    while index > 0 and token.doc[index].ent_iob_ == "I":
        index -= 1
    return index


def address_after(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The street after "on"/"at" in one ORG span: "the Manhattan Criminal Court on Centre Street"."""
    for token in span[1:-1]:
        if token.lower_ not in {"on", "at"}:
            continue
        left, right = span.doc[span.start : token.i], span.doc[token.i + 1 : span.end]
        organised = any(fold(t.text) in gazetteer.words("organization_words") for t in left)
        if organised and right[0].text[:1].isupper() and fold(right[-1].text) in gazetteer.words("location_heads"):
            return right
    return None


def with_and_parts(span: Span, gazetteer: Gazetteer) -> Span:
    """An organisation the model cut at "and" takes its other half in: "Ontario Landlord" + "and Tenant Board",
    "Department of Fisheries and" + "Oceans". The half before must hold an untagged word right before "and", so
    two organisations named one after the other ("Microsoft and Google Cloud") stay two, unless the two halves read
    as one name (`_one_name_across_and`). A one-word place before "and" opens a body named after two places
    ("Redcar and Cleveland Council") or after a town and its surroundings ("Perth and District Chamber of
    Commerce")."""
    doc, start, end = span.doc, span.start, span.end
    joined = end + 1 < len(doc) and doc[end].lower_ in {"and", "&"}
    if joined and doc[end + 1].ent_iob_ == "B" and doc[end + 1].ent_type_ == "ORG":
        other_end = end + 2
        while other_end < len(doc) and doc[other_end].ent_iob_ == "I":
            other_end += 1
        other = doc[end + 1 : other_end]
        if doc[end].ent_type_ == "ORG" or _one_name_across_and(span, other, gazetteer):
            end = other_end
    before = doc[start - 2] if start > 1 else None
    if before is not None and _town_and_surroundings(before, doc[start - 1], doc[start]):
        return doc[start - 2 : end]
    if fold(doc[end - 1].text) not in gazetteer.words("organization_words"):
        return doc[start:end]
    if (
        before is not None
        and doc[start - 1].lower_ in {"and", "&"}
        and (_capitalised_name_word(before) or _lone_place(before, span, gazetteer))
    ):
        first = start - 1
        while first > 0 and doc[first - 1].tag_ in {"NNP", "NNPS"} and doc[first - 1].ent_type_ in {"", "GPE"}:
            first -= 1
        if first < start - 1:
            start = first
    return doc[start:end]


def _town_and_surroundings(town: Token, joiner: Token, area: Token) -> bool:
    """ "Perth and District Chamber of Commerce": a body of a town and the country around it, whatever the model
    tagged the town (a place, a person, nothing)."""
    named = town.pos_ == "PROPN" and town.text[:1].isupper() and town.ent_type_ in {"", "GPE", "LOC", "PERSON"}
    return named and joiner.lower_ in {"and", "&"} and area.lower_ in {"district", "districts", "area"}


def with_whole_title(span: Span, gazetteer: Gazetteer) -> Span:
    """An organisation named after an office and cut inside the office's title takes the rest of it in:
    "Ministry of the Attorney" + "General", "Office of the Auditor" + "General"."""
    doc, end = span.doc, span.end
    if not any(t.lower_ in {"of", "for"} for t in span):
        return span
    while (
        end < len(doc)
        and fold(doc[end - 1].text) in gazetteer.words("title_words")
        and doc[end].text[:1].isupper()
        and fold(doc[end].text) in gazetteer.words("title_words")
    ):
        end += 1
    return doc[span.start : end]


def department_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """A department or agency named by its portfolio and the country or province: "Health Canada", "Global
    Affairs Canada", "Public Health Ontario", also when the model tags the pair as a person ("Tribunals Ontario")."""
    mentions = []
    for place in doc[1:]:
        name_ends = place.i + 1 == len(doc) or doc[place.i + 1].ent_iob_ != "I"
        if not (place.text[:1].isupper() and place.ent_type_ in {"GPE", "PERSON", "ORG"} and name_ends):
            continue
        if gazetteer.is_given_name(place.text):
            continue  # "Justice Carolyn" of "Justice Carolyn Thompson-Reid": a judge and her given name
        if fold(place.text) in gazetteer.words("law_heads"):
            continue  # "Finance Bill": a bill, not a department
        for length in (2, 1):
            portfolio = doc[max(place.i - length, 0) : place.i]
            phrase = " ".join(fold(t.text) for t in portfolio)
            if (
                len(portfolio) == length
                and portfolio[0].text[:1].isupper()
                and portfolio[0].ent_iob_ != "I"  # the whole name, not "Health" inside "World Health Organisation"
                and phrase in gazetteer.words("department_words")
            ):
                name = doc[portfolio.start : place.i + 1]
                mentions.append(Mention(name.start_char, name.end_char, "Organization", name.text, "rule"))
                break
    return mentions


def host_organisation(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The organisation after "at" in one ORG span, when both sides are names with organisation words."""
    for token in span[1:-1]:
        if token.lower_ != "at":
            continue
        left, right = span.doc[span.start : token.i], span.doc[token.i + 1 : span.end]
        sides = [[fold(t.text) for t in side] for side in (left, right)]
        if all(any(w in gazetteer.words("organization_words") for w in words) for words in sides):
            return right if right[0].text[:1].isupper() else None
    return None


def _one_name_across_and(first: Span, second: Span, gazetteer: Gazetteer) -> bool:
    """Two organisations the model tagged on either side of "and" that are one name: the first ends in the plural
    of those the body is named after ("Bangladesh Garment Manufacturers" + "and Exporters Association"), or the parse
    makes it a modifier of the second's head ("Caribbean Savings" + "and Loans Society", "Fiji Nursing" + "and
    Allied Health Workers Union"), or it names a body by its portfolio, which goes on after "and" ("Department of
    Education" + "and Early Childhood Development"). Each needs two or more words before "and", so "Google and
    Harvard University" stay two, as do "Goldman Sachs and Deutsche Bank", whose first is no modifier."""
    organisation_words = gazetteer.words("organization_words")
    if len(first) < 2:
        return False
    if fold(second[-1].text) in organisation_words:
        modifier = first[-1].dep_ in {"nmod", "compound", "amod"} and second.start <= first[-1].head.i < second.end
        return first[-1].tag_ == "NNPS" or modifier
    portfolio = fold(first[0].text) in organisation_words and first[1].lower_ in {"of", "for"}
    return portfolio and not any(fold(t.text) in organisation_words for t in second)


def _lone_place(token: Token, body: Span, gazetteer: Gazetteer) -> bool:
    """ "Redcar" of "Redcar and Cleveland Council": one capitalised word before "and" opening a local body named
    after two places ("Brighton and Hove City Council", "Devon and Cornwall Police"), whatever the model tagged
    the place (it takes such places for people too); not an organisation ("Google and Harvard University")."""
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    local_body = len(body) <= 3 and fold(body[-1].text) in gazetteer.words("two_place_heads")
    return local_body and alone and token.ent_type_ in {"GPE", "PERSON"} and token.text[:1].isupper()


def _capitalised_name_word(token: Token) -> bool:
    if token.ent_type_ in {"ORDINAL", "CARDINAL"} and token.is_upper and token.is_alpha and len(token) > 1:
        return True  # "FIRST" in "the FIRST Global Challenge": a name's word in capitals, not a number
    return token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper() and not token.ent_type_


def untagged_names(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Runs of capitalised proper nouns the model left untagged that end in an `untagged_name_heads` word:
    "Sunnybrook Health Sciences Centre", "The Deseret News", "the Ontario Nurses' Association".

    The run may hold "of", "for", "and", "the", "&" and a possessive between capitalised words; it needs two
    words or more, so a capitalised common word alone ("Police said") stays no name.
    """
    names, index = [], 0
    while index < len(doc):
        if not _capitalised_name_word(doc[index]):
            index += 1
            continue
        start, end = index, index + 1
        opened = _opens_name(doc, start, gazetteer)
        while end < len(doc):
            token = doc[end]
            if _run_word(token, opened):
                end += 1
            elif (
                token.lower_ in gazetteer.lexicon.entities.name_joiners
                and end + 1 < len(doc)
                and _run_word(doc[end + 1], opened)
            ):
                end += 2
            else:
                break
        run = doc[start:end]
        index = end
        fragment = start > 0 and (
            doc[start - 1].lower_ in gazetteer.lexicon.entities.name_joiners - {"the"} or doc[start - 1].text == "-"
        )
        if len(run) >= 2 and not fragment and _untagged_name(run, gazetteer):  # not "[Evergreen Aviation] & Space"
            names.append(doc[_with_nationality(doc, start) : end])
    return names


def _run_word(token: Token, opened: bool) -> bool:
    """A word of an untagged run; a name opened by its head runs on through what the model tagged of its complement
    ("Institute for Maritime and [Coastal Studies]")."""
    return (opened and token.ent_type_ == "ORG" and token.text[:1].isupper()) or _capitalised_name_word(token)


def _opens_name(doc: Doc, start: int, gazetteer: Gazetteer) -> bool:
    """An organisation head and its of/for/on: "Institute for …", "Municipality of …"."""
    return (
        start + 1 < len(doc)
        and fold(doc[start].text) in gazetteer.words("untagged_name_heads")
        and doc[start + 1].lower_ in gazetteer.lexicon.entities.title_name_links
    )


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}


def _untagged_name(run: Span, gazetteer: Gazetteer) -> bool:
    """Whether an untagged run of capitalised words names something: it ends in an `untagged_name_heads` word; an
    organisation head opens it with its complement ("Center for Security and Emerging Technology", "Municipality of
    Tromsø"); it ends in a trade and acts in its clause ("Kestrel Media, bought by …"); or it follows "the", when
    its head makes it an event, a law or a place ("the Renewable Portfolio Standard": the retyping decides, and
    nothing makes such a run an organisation for its article alone)."""
    heads = gazetteer.words("untagged_name_heads")
    if fold(run[-1].text) in heads:
        return True
    if _opens_name(run.doc, run.start, gazetteer):
        return True
    words = [fold(t.text) for t in run]
    if words[-1] in gazetteer.words("company_name_heads"):
        return run.root.dep_ in _ARGUMENT_DEPS and not gazetteer.is_given_name(run[0].text)
    doc, before = run.doc, run.start - 1
    if before < 0 or doc[before].lower_ != "the":
        return False
    # "the Joint Council for the Welfare of Immigrants", "one of the Space Shuttle Orbiters": the rest of a name,
    # or a part of a whole, not a name of its own
    return before == 0 or doc[before - 1].lower_ not in gazetteer.lexicon.entities.name_joiners


def _with_nationality(doc: Doc, start: int) -> int:
    """Where a name starts when the model tagged the nationality before it apart: "the [Saudi] Interior
    Ministry" is the Saudi ministry, one name (the state a body belongs to tells it from its namesakes)."""
    before = start - 1
    if before < 0 or doc[before].ent_type_ != "NORP" or not doc[before].whitespace_:
        return start
    while before > 0 and doc[before].ent_iob_ == "I":
        before -= 1
    return before


def _name_before(token: Token) -> Span | None:
    """The proper name a token heads: its entity, else its run of capitalised compounds ("Unifor")."""
    doc = token.doc
    if token.ent_type_:
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        owned = start > 1 and _plural_possessor(doc[start - 2], doc[start - 1])
        return doc[start - 2 if owned else start : end]
    if token.tag_ not in {"NNP", "NNPS"}:
        return None
    start = token.i
    while start > 0:
        if doc[start - 1].tag_ in {"NNP", "NNPS"} and doc[start - 1].dep_ == "compound":
            start -= 1
        elif start > 1 and joined_by_hyphen(doc, start - 2) and doc[start - 2].tag_ in {"NNP", "NNPS"}:
            start -= 2  # "Bo-Kaap Heritage Collective": a name's word in two halves joined by a hyphen
        elif start > 1 and _plural_possessor(doc[start - 2], doc[start - 1]):
            start -= 2
        else:
            break
    return doc[start : token.i + 1]


def _plural_possessor(word: Token, apostrophe: Token) -> bool:
    """A capitalised plural and its bare apostrophe open a body's name: "Patients' Rights Solidarity", "Farmers' Seed
    Collective" (whose the body is), where a singular possessor ("Russia's Gazprom") is a name of its own."""
    capitalised_plural = word.tag_ in {"NNS", "NNPS"} and word.text[:1].isupper() and word.lower_.endswith("s")
    return capitalised_plural and apostrophe.text in {"'", "’"} and not word.whitespace_


def apposition_organisations(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """A name described by an apposition headed by an organisation noun is an organisation, whatever the model
    tagged: "Unifor, the country's largest private-sector union", "Acme, a Toronto-based startup"."""
    names = []
    for token in doc:
        if token.dep_ != "appos" or token.lemma_.lower() not in gazetteer.words("organization_nouns"):
            continue
        if token.head.i >= token.i or token.i - token.head.i > 12 or doc[token.head.i + 1].text != ",":
            continue
        name = _name_before(token.head)
        if name is not None and name.root.ent_type_ in {"", "ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART"}:
            names.append(name)
    return names


def _office_title_at(doc: Doc, index: int, gazetteer: Gazetteer) -> int | None:
    """The index after a capitalised office title starting at ``index`` ("Premier", "Prime Minister")."""
    if not doc[index].text[:1].isupper():
        return None  # checked before folding: this runs on every token of every document
    for length in (2, 1):
        words = doc[index : index + length]
        title = " ".join(fold(t.text).rstrip(".") for t in words)
        if len(words) == length and words[0].text[:1].isupper() and title in gazetteer.words("place_office_titles"):
            return index + length
    return None


def _place_word(token: Token) -> bool:
    """A capitalised proper noun left untagged or tagged as a place or, wrongly, a person ("Vancouver Mayor");
    an organisation or a party before a title ("NDP MP", "Liberal MP") is no place."""
    return token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper() and token.ent_type_ in {"", "GPE", "PERSON"}


def titled_place_names(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """The place before the title of its office, which the model leaves untagged: "Ontario" in "Ontario Premier
    Doug Ford", "Vancouver" in "Vancouver Mayor Ken Sim"; only when a person's name follows the title."""
    not_place = gazetteer.words("title_words") | gazetteer.words("role_qualifiers") | gazetteer.words("party_words")
    places = []
    for token in doc[1:]:
        after = _office_title_at(doc, token.i, gazetteer)
        if after is None or after >= len(doc) or doc[after].ent_type_ != "PERSON":
            continue
        start = token.i
        while start > 0 and _place_word(doc[start - 1]) and token.i - start < 3:
            word = fold(doc[start - 1].text).rstrip(".-")
            if word in not_place:
                break  # "Former", "Deputy", "Liberal": no part of a place
            start -= 1
        if start < token.i and not doc[start - 1 : start].text.endswith("-"):
            places.append(doc[start : token.i])
    return places


def _title_word(token: Token) -> bool:
    return (token.is_alpha and token.text[:1].isupper() and not token.is_upper) or token.text == "&"


def preposition_names(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Capitalised words around a capitalised preposition inside a sentence are one title-cased name, which the
    model cuts or misses: "Doctors Without Borders" (only "Borders" tagged), "Mothers Against Drunk Driving".
    A headline in title case has no lowercase content word, so its prepositions make no name."""
    names = []
    for token in doc:
        if token.pos_ != "ADP" or not token.text[:1].isupper() or token.is_sent_start or token.i + 1 >= len(doc):
            continue
        if (
            token.lower_ in gazetteer.lexicon.entities.name_joiners
            or not _title_word(doc[token.i - 1])
            or not _title_word(doc[token.i + 1])
        ):
            continue
        start, end, sentence = token.i - 1, token.i + 2, token.sent
        while start > sentence.start and _title_word(doc[start - 1]):
            start -= 1
        while end < sentence.end and _title_word(doc[end]):
            end += 1
        if any(t.ent_type_ == "WORK_OF_ART" for t in doc[start:end]):
            continue  # "The Man From Snowy River" is a film
        outside = [t for t in sentence if not start <= t.i < end]
        if any(t.is_lower and t.pos_ in {"VERB", "NOUN", "ADJ"} for t in outside):
            names.append(doc[start:end])
    return names


# What a name after a job and a preposition is: "a manager at Tim Hortons" works there, "a trader from Shiro Meda"
# comes from there
_WORKER_PREPOSITIONS = {"at": "Organization", "from": "Location"}


def workplace_organisations(doc: Doc, candidates: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A "person" the model found after "at" following a job is where the job is done: "a manager at Tim
    Hortons", "a cashier at Wendy Lowe" — companies named like people. "A jab at Trudeau" is no job. One after
    "from" is where the worker comes from: "a 45-year-old trader from Shiro Meda"."""
    jobs = gazetteer.job_words
    found = []
    for mention in candidates:
        if mention.source not in {"ner", "rule"} or mention.type != "Person":  # "Tim" made "Tim Hortons" a person
            continue
        span = doc.char_span(mention.start, mention.end)
        if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in _WORKER_PREPOSITIONS:
            continue
        job = span.root.head.head
        preposition = span.root.head.lower_
        if preposition == "from" and gazetteer.is_given_name(span[0].text):
            continue  # "an envoy from Joe Biden": sent by a person
        if job.pos_ == "NOUN" and fold(job.lemma_) in jobs:
            kind = _WORKER_PREPOSITIONS[preposition]
            found.append(Mention(mention.start, mention.end, kind, mention.text, "rule"))
    return found


def _team_nickname(token: Token, gazetteer: Gazetteer) -> bool:
    """An untagged capitalised plural proper noun that names no kind of place: "Raptors", "Leafs", "Bucks"."""
    if token.tag_ != "NNPS" or token.ent_type_ or not token.text[:1].isupper() or not token.text.endswith("s"):
        return False
    return token.lower_ not in gazetteer.lexicon.entities.place_plurals and fold(token.lemma_) not in gazetteer.words(
        "location_heads"
    )


def team_names(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, str]]:
    """A city the model tagged, then a plural nickname it left untagged, is a team ("Toronto Raptors", "Toronto
    Maple Leafs"); the nickname alone is the same team elsewhere in the article ("the Raptors"). "Niagara
    Falls" and "Toronto Islands" name places, not teams. Each span comes with the team's full name."""
    teams: list[tuple[Span, str]] = []
    full_names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "GPE" or ent.end >= len(doc):
            continue
        end = ent.end + 1 if doc[ent.end].tag_ == "NNP" and not doc[ent.end].ent_type_ else ent.end
        if end < len(doc) and _team_nickname(doc[end], gazetteer) and doc[end - 1].whitespace_:
            team = doc[ent.start : end + 1]
            teams.append((team, team.text))
            full_names.setdefault(doc[end].text, team.text)
    named = {team.end - 1 for team, _ in teams}
    for token in doc:
        if token.text in full_names and token.i not in named:  # whatever the model made of it: "Leafs" as NORP
            teams.append((doc[token.i : token.i + 1], full_names[token.text]))
    return teams


def described_organisations(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """A name right after the organisation noun that describes it is that organisation, whatever the model tagged:
    "the Swedish company Griffeye", "the port operator Terminal Sul", "the grid operator Elvora", "Her group, Save
    Alston Surgery,". The noun and the name must be one phrase (apposition or compound), so "the group Jane Smith
    founded" names no group; a known first name and a family name stay a person ("the developer Hideo Kojima"), and
    the noun needs its article or possessive: "publisher Jann Wenner" is a man's job."""
    names = []
    nouns = gazetteer.words("organization_nouns")
    for noun in doc[:-1]:
        if noun.tag_ != "NN" or not noun.is_lower or noun.lemma_.lower() not in nouns:
            continue
        # the article may hang on the noun or, when the noun is a compound of the name, on the name
        determiners = [*noun.subtree, *(noun.head.children if noun.dep_ == "compound" else ())]
        if not any(t.dep_ in {"det", "poss"} and t.i < noun.i for t in determiners):
            continue  # "publishers Jann Wenner": a job before a name
        after_comma = doc[noun.i + 1].text == ","  # "its union, Unite," as well as "the union Unite"
        start = end = noun.i + 2 if after_comma else noun.i + 1
        while end < len(doc) and doc[end].tag_ in {"NNP", "NNPS"} and doc[end].text[:1].isupper():
            end += 1
        if end == start:
            continue
        name = doc[start:end]
        if after_comma:
            joined = name.root.head.i == noun.i and name.root.dep_ == "appos"
        else:
            joined = name.root.head.i == noun.i or (noun.head.i == name.root.i and noun.dep_ in {"compound", "nmod"})
        words = [fold(t.text) for t in name]
        if joined and not is_personal_name(name, words, gazetteer) and gazetteer.lookup(name.text) is None:
            names.append(name)
    return names


def party_names(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Parties named in the plural, which the model takes for a people: "the Liberal Democrats", "the Scottish
    Greens" (a capitalised qualifier and an `party_name_heads` word); "Senate Democrats" is a chamber's caucus."""
    heads = gazetteer.words("party_name_heads")
    chambers = gazetteer.lexicon.entities.chamber_words
    names = []
    for token in doc[1:]:
        if fold(token.text) not in heads or not token.text[:1].isupper():
            continue
        start = token.i
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and token.i - start < 2:
            if doc[start - 1].is_sent_start and doc[start - 1].lower_ in {"the", "a"}:
                break
            start -= 1
        if start < token.i and fold(doc[start].text) not in chambers and doc[start].ent_type_ in {"", "NORP"}:
            names.append(doc[start : token.i + 1])
    return names


def acting_organisations(doc: Doc, candidates: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Names acting as only an organisation acts, whatever the model tagged: the parties of a merger ("Nordbank will
    merge into Sparbanken Øst") and the employer of staff ("Loblaws staff took part"). A name that opens with a
    known first name, or whose words name a person elsewhere in the article, stays a person."""
    people = [m for m in candidates if m.type == "Person" and " " in m.text]
    found = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in gazetteer.words("corporate_verbs"):
            partners = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
            partners += [
                o
                for p in token.children
                if p.dep_ == "prep" and p.lower_ in gazetteer.words("corporate_partner_prepositions")
                for o in p.children
                if o.dep_ == "pobj"
            ]
        elif token.pos_ == "NOUN" and lemma in gazetteer.words("staff_words"):
            partners = [c for c in token.children if c.dep_ in {"compound", "nmod"} and c.i == token.i - 1]
        else:
            continue
        for partner in partners:
            name = _acting_name(partner)
            if name is None or name.root.ent_type_ not in {"", "PERSON", "NORP", "PRODUCT"}:
                continue
            words = [fold(t.text) for t in name]
            elsewhere = {fold(w) for m in people if m.start != name.start_char for w in m.text.split()}
            personal = gazetteer.is_given_name(name[0].text) or any(w in elsewhere for w in words)
            if personal or gazetteer.lookup(name.text):
                continue
            found.append(Mention(name.start_char, name.end_char, "Organization", name.text, "rule"))
    return found


def _acting_name(token: Token) -> Span | None:
    """The capitalised name a token heads; a capitalised plural at a sentence's start ("Loblaws staff") only when
    the article never writes it in lowercase, which a common noun would be ("Hospital staff")."""
    if token.tag_ in {"NN", "NNS"} and token.text[:1].isupper() and not token.ent_type_:
        if token.is_sent_start and (token.tag_ == "NN" or token.lower_ in doc_text(token.doc)):
            return None
        return token.doc[token.i : token.i + 1]
    name = _name_before(token)
    if name is None or not all(t.text[:1].isupper() or not t.is_alpha for t in name):
        return None
    return name


def described_next(doc: Doc, candidates: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A "person" without a known first name who is a sentence's subject, when the next sentence's subject is "the
    <organisation noun>" taking it up: "Vorland Motoren has been in dispute with the IG Stahl union … The carmaker
    reached a settlement". News keeps its actor as the subject; a person is not taken up as "the company"."""
    nouns = gazetteer.words("organization_nouns")
    found = []
    for mention in candidates:
        if mention.type != "Person" or mention.source != "ner" or " " not in mention.text:
            continue
        span = doc.char_span(mention.start, mention.end)
        if span is None or span.root.dep_ not in {"nsubj", "nsubjpass"} or gazetteer.is_given_name(span[0].text):
            continue
        sentence = span.root.sent
        if sentence.end >= len(doc):
            continue
        following = doc[sentence.end].sent
        subjects = [t for t in following if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
        if not subjects or subjects[0].lemma_.lower() not in nouns or not subjects[0].is_lower:
            continue
        if any(c.dep_ == "det" and c.lower_ == "the" for c in subjects[0].children):
            found.append(Mention(mention.start, mention.end, "Organization", mention.text, "rule"))
    return found


def apposition_people(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """A name of two to four capitalised words that news writes as a person's, whatever the model tagged (it
    splits such names into places, calls them organisations or leaves them out):

    - described by an apposition headed by a noun only a person is ("Valeska Paris, an Australian woman and former
      Scientologist"), or by a person's job or office when the name opens with a known first name or an initial
      ("Nadia Farouk, an analyst at …", "M. Revathi, president of …"): the noun alone says who a person is, not what
      she does ("the owner" may be a company);
    - standing in apposition after such a noun on the same terms ("One passenger, Ramesh Bhoi, said"), or after an
      organisation's office, whatever the name ("The forum's executive director, Shiranee de Alwis, said", "The chair
      of Ward 3, Tek Bahadur Budha,");
    - given an age between commas ("Tamika Rhodes, 41, told jurors"): only people have ages in news copy; a single
      word too when a person noun describes it ("Their mother, Saraswathi, 81,");
    - a single word in apposition after someone's relative ("His wife, Bríd, said")."""
    statements = gazetteer.lexicon.statements
    people = statements.female_nouns | statements.male_nouns | statements.description_nouns
    names = []
    in_longer_names: set[str] | None = None  # worked out once a document needs it
    entity_words = gazetteer.lexicon.entities
    for token in doc:
        if token.dep_ != "appos":
            continue
        aged = token.like_num and token.head.i < token.i and _between_commas(token)
        if token.head.i < token.i and (aged or token.lemma_.lower() in statements.person_nouns):
            head, noun = token.head, token  # "Nadia Farouk, an analyst", "Ramesh Bhoi, 34,"
        elif token.head.i < token.i and token.pos_ == "PROPN" and token.head.lemma_.lower() in statements.person_nouns:
            head, noun = token, token.head  # "One passenger, Ramesh Bhoi,"
        else:
            continue
        if head.i + 1 >= len(doc) or doc[head.i + 1].text != ",":
            continue
        name = _name_ending_at(doc, head, gazetteer)
        # "His wife, Bríd, said": only a person is someone's wife or son, whatever the one name is
        owned_kin = noun.i < head.i and someones_relative(noun, statements.kin_nouns)
        if name is None and (aged or owned_kin):
            if in_longer_names is None:
                in_longer_names = _words_in_longer_names(doc, gazetteer)
            name = _one_word_name(head, gazetteer, in_longer_names)
        if name is None or name.root.ent_type_ == "PERSON":
            continue
        words = [fold(t.text) for t in name]
        if any(w in gazetteer.words("organization_words") for w in words) or gazetteer.lookup(name.text):
            continue
        personal = gazetteer.is_given_name(name[0].text) or _initial(name[0])
        # "The forum's executive director, X," and "The chair of Ward 3, X,": an office and whose it is
        owners = [c for c in noun.children if _owner_of_office(c)] if noun.i < name.start else []
        office = noun.lemma_.lower()
        # a person's manager is a person; an organisation's may be a firm ("The fund's manager, Baillie Gifford,")
        personal_owner = any(statements.owner_pronouns.get(c.lower_) for c in owners)
        firm_role = office in entity_words.firm_roles and not personal_owner
        owned_office = bool(owners) and office in gazetteer.words("title_words") and not firm_role
        if aged or noun.lemma_.lower() in people or owned_office or (personal and name[-1].pos_ == "PROPN"):
            names.append(name)
    return names


def _owner_of_office(child: Token) -> bool:
    """Whose an office is: a possessive ("the forum's director", "his spokesman") or an "of" naming a body or a place
    ("the chair of Ward 3", "the president of the association")."""
    if child.dep_ == "poss":
        return True
    return child.dep_ == "prep" and child.lower_ == "of" and any(c.dep_ == "pobj" for c in child.children)


def _one_word_name(token: Token, gazetteer: Gazetteer, in_longer_names: set[str]) -> Span | None:
    """ "Their mother, Saraswathi, 81,", "Sumarni, 61, a rice trader": a capitalised word alone, given an age and
    described as a person, is a person known by one name, when the text never writes it in a longer name ("Lim,
    14," of "Chloe Lim" is the person named in full)."""
    statements = gazetteer.lexicon.statements
    person_nouns = statements.person_nouns | statements.kin_nouns.keys() | gazetteer.job_words
    described = (token.dep_ == "appos" and token.head.lemma_.lower() in person_nouns) or any(
        c.dep_ == "appos" and c.lemma_.lower() in person_nouns for c in token.children
    )
    if not (token.is_title and token.is_alpha) or not described or token.text in in_longer_names:
        return None
    return token.doc[token.i : token.i + 1]


def _words_in_longer_names(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    """The capitalised proper nouns the document writes next to another one, an honorific not counted ("Ibu
    Sumarni" is still Sumarni alone)."""
    honorifics = gazetteer.lexicon.entities.trimmed_honorifics

    def name_word(token: Token) -> bool:
        return token.is_title and token.pos_ == "PROPN" and fold(token.text).rstrip(".") not in honorifics

    return {
        t.text for t in doc if name_word(t) and any(0 <= i < len(doc) and name_word(doc[i]) for i in (t.i - 1, t.i + 1))
    }


def ranked_people(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Two or three capitalised names the model left untagged right after a court's, police or council rank written
    as a title ("Senior Constable Losaline Fifita", "Magistrate Tomasi Vuli") or an honorific ("Doña Rosaura Téllez
    Mondragón"): such a rank or honorific before a name is only ever a person's. Not when a capitalised word goes on
    after them (a longer name, an organisation's) nor when one of them is a title or an organisation's word."""
    ranks = gazetteer.lexicon.statements.surname_titles
    honorifics = gazetteer.lexicon.entities.trimmed_honorifics
    others = gazetteer.words("title_words") | gazetteer.words("organization_words") | ranks | honorifics
    names = []
    for token in doc[:-1]:
        if not token.is_title or fold(token.text).rstrip(".") not in ranks | honorifics:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and _untagged_word_after_rank(doc[end], others):
            end += 1
        if end < token.i + 3 or (end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN"):
            continue  # a family name alone ("Const Omondi") is the one named in full, which resolution finds
        names.append(doc[token.i + 1 : end])
    return names


def _untagged_word_after_rank(token: Token, others: frozenset[str] | set[str]) -> bool:
    """A capitalised proper noun after a rank ("Senior Constable Losaline Fifita") the model tagged as nothing, on
    the rank's line, none of ``others``; a hyphenated name counts ("Fifita-Tonga")."""
    word = token.text.replace("-", "")
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and word.isalpha()
        and not token.ent_type_
        and "\n" not in token.whitespace_
        and fold(token.text) not in others
    )


def family_name_in_capitals(token: Token, gazetteer: Gazetteer) -> bool:
    """A word in capitals of three letters or more, no organisation's word, on the name's line: a family name as
    French-language papers print it before the given names ("KOUAME Kouassi Didier")."""
    letters = token.text.replace("-", "").replace("'", "")
    return (
        len(letters) > 2
        and letters.isalpha()
        and token.text.isupper()
        and fold(token.text) not in gazetteer.words("organization_words")
        and "\n" not in token.whitespace_
    )


def _after_honorific(token: Token, gazetteer: Gazetteer) -> bool:
    return (
        token.i > 0 and fold(token.doc[token.i - 1].text).rstrip(".") in gazetteer.lexicon.entities.trimmed_honorifics
    )


def _name_ending_at(doc: Doc, head: Token, gazetteer: Gazetteer) -> Span | None:
    """The two to four capitalised words (an initial may open them, a particle may join them) ending at ``head``,
    without a job word or an honorific before."""
    particles = gazetteer.words("name_particles")
    start = head.i
    while start > 0 and head.i - start < 3:
        before = doc[start - 1]
        if before.dep_ == "compound" and before.is_title:
            start -= 1  # "Ana Rita Sousa Coutinho": a given name and two family names
        elif (
            start > 1
            and doc[start - 2].is_title
            and joined_by_hyphen(doc, start - 2)
            and not _job_or_title(doc[start - 2 : start + 1], gazetteer)
        ):
            start -= 2  # "Bengt-Åke Forsberg": a given name written in two halves ("Co-Founder Ama Mensah" is a job)
        elif (
            before.lower_ in particles
            and head.i - start < 2  # two more words: four at the most
            and start > 1
            and doc[start - 2].dep_ == "compound"
            and doc[start - 2].is_title
        ):
            start -= 2  # "Shiranee de Alwis": a particle inside the name
        elif family_name_in_capitals(before, gazetteer) and _after_honorific(before, gazetteer):
            start -= 1  # "Mrs KONAN Affoué Marcelline": a family name printed first in capitals
        else:
            break
    honorifics = gazetteer.lexicon.statements.honorifics
    while start < head.i - 1 and (
        fold(doc[start].text) in gazetteer.job_words or doc[start].lower_.rstrip(".") in honorifics
    ):
        start += 1  # "Guard Tyrese Holloway, the captain's brother", "Madam Norhayati Salleh, 58,": no part of it
    if start < head.i - 1 and opens_with_honorific(doc[start : head.i + 1], gazetteer):
        start += 1  # "Ma Thandar Win, 29,"
    if start > 0 and doc[start - 1].lower_ in particles:
        return None  # "Siti Khadijah binti Mohd Yusof": the end of a longer name, which the particle joins
    if start > 1 and doc[start - 1].is_quote and doc[start - 2].is_title:
        return None  # 'Teresita "Tess" M. Ocampo': the end of a name with a nickname inside
    name = doc[start : head.i + 1]
    capitalised = all(
        (t.is_title and t.is_alpha)
        or (t.i == start and _initial(t))
        or (t.i > start and t.lower_ in particles)
        or (t.text in HYPHENS and joined_by_hyphen(doc, t.i - 1))  # "Bengt-Åke"
        for t in name
    )
    return name if len(name) >= 2 and capitalised else None


def _job_or_title(words: Span, gazetteer: Gazetteer) -> bool:
    """Whether a word of ``words`` is a job or an honorific: "Co-Founder", "Vice-Chair"."""
    honorifics = gazetteer.lexicon.statements.honorifics
    return any(fold(t.text) in gazetteer.job_words or t.lower_.rstrip(".") in honorifics for t in words)


def _initial(token: Token) -> bool:
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _between_commas(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i - 1].text == "," and doc[token.i + 1].text == ","


def shared_family_names(doc: Doc, candidates: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A given name joined by "and" to a person's full name shares the family name: "owners Alistair and Morag
    Mackay" are Alistair Mackay and Morag Mackay. The given name must be a known first name, or tagged a person on
    its own while the full name opens with one, so "Tesco and Mary Smith" stay apart. The mention is the given name
    as written, named in full."""
    people = [m for m in candidates if m.type == "Person" and m.source in {"ner", "rule"} and " " in m.text]
    found = []
    for person in people:
        span = doc.char_span(person.start, person.end)
        if span is None or span.start < 2 or doc[span.start - 1].lower_ != "and":
            continue
        given = doc[span.start - 2]
        if not (given.is_title and given.is_alpha) or any(
            m.start < given.idx + len(given) and given.idx < m.end and " " in m.text for m in candidates
        ):
            continue
        known = gazetteer.is_given_name(given.text)
        tagged_alone = given.ent_type_ == "PERSON" and given.ent_iob_ == "B" and gazetteer.is_given_name(span[0].text)
        if not (known or tagged_alone) or len(span) != 2:
            continue
        name = f"{given.text} {span[-1].text}"
        found.append(Mention(given.idx, given.idx + len(given), "Person", name, "rule"))
    return found
