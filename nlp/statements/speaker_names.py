"""How a name or pronoun at a cue reads: pronouns and their gender, titles that mark a person's gender, the
first names list, and names the tagger got wrong (a title or description taken into a name, a person tagged as a
place or organisation, an organisation the entities know by fewer words than written)."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from core.records import Entity
from nlp.lexicon.lexicon import StatementWords
from nlp.statements.speaker_syntax import entity_span, without_titles


def is_topic(token: Token, person_nouns: Collection[str] = frozenset()) -> bool:
    """What a sentence is about: its subject (also named in apposition to it: "The man's sister, Keisha Monroe,
    disputed …"), the person of an opening "For Kevin Allton, …", or a person brought in with a clause of their
    own ("… by Judith Lowther, who chairs the parish council", also after an apposition) or as the doer of a
    passive introduced there ("The truck was unloaded by Anucha Boonmee, a retired sergeant"): news introduces who it
    will quote that way. ``person_nouns``: the nouns that describe a person ("the coroner"), whose findings are
    background."""
    if token.dep_ in {"nsubj", "nsubjpass"} or (token.dep_ == "appos" and token.head.dep_ in {"nsubj", "nsubjpass"}):
        return not _in_background_clause(token, person_nouns)
    if _subject_of_verb_read_as_noun(token):
        return True
    # "The frames were raised by U Thet Naing, a carpenter …": the doer of a passive main clause, introduced
    # ("delivered by Judge Anna Berg" names someone in passing)
    agent = token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.dep_ == "ROOT"
    if agent and any(c.dep_ in {"appos", "relcl"} for c in token.children):
        return True
    if token.dep_ == "poss" and token.pos_ == "PROPN" and token.head.dep_ in {"nsubj", "nsubjpass"}:
        return _possession_is_the_topic(token.head)
    # "Kebede Worku, a trader from Gulele, who …": the parse may hang the clause on a word of the apposition
    described = [token, *(t for c in token.children if c.dep_ == "appos" for t in c.subtree)]
    if any(
        c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ == "who" for w in c.children)
        for noun in described
        for c in noun.children
    ):
        return True
    opener = token.head
    return token.dep_ == "pobj" and opener.i == opener.sent.start and opener.lower_ in {"for", "to"}


def _possession_is_the_topic(subject: Token) -> bool:
    """ "Volkova's lessons are long and mostly silent. She does not praise wins.": a narrative sentence about what a
    person has or does is about that person; not the person's relatives ("Chaminda's two daughters are at
    university" is about the daughters), nor a sentence that quotes or cites anyone ("Chepkoech's account, she added,
    'does not survive'")."""
    sentence = subject.sent
    if subject.pos_ != "NOUN" or _in_background_clause(subject) or subject.ent_type_:
        return False
    if any(ch in sentence.text for ch in '"“”‘') or any(c.dep_ in {"nummod", "appos"} for c in subject.children):
        return False
    return not any(t.dep_ == "parataxis" or (t.dep_ == "ROOT" and t.lemma_ in {"say", "add", "tell"}) for t in sentence)


def _subject_of_verb_read_as_noun(token: Token) -> bool:
    """ "Asked which version is true, Marchbanks grins.": the parser read the verb that ends the sentence as a plural
    noun and the name before it as its modifier; a clause opening with a name and ending in that name's plural noun
    is no English, so the name is the subject."""
    verb, doc = token.head, token.doc
    if token.dep_ != "compound" or token.pos_ != "PROPN" or verb.tag_ != "NNS" or verb.i != token.i + 1:
        return False
    opens_clause = token.i == token.sent.start or doc[token.i - 1].text == ","
    return opens_clause and verb.is_lower and all(t.is_punct for t in doc[verb.i + 1 : verb.sent.end])


def _in_background_clause(subject: Token, person_nouns: Collection[str] = frozenset()) -> bool:
    """ "Fonoti was unhappy with the official, who took two minutes while Matenga was treated": the subject of a
    clause inside a relative clause, or of an adverbial clause after its main verb, is background, not what the
    sentence is about."""
    verb = subject.head
    while verb.head.i != verb.i:
        if verb.dep_ == "relcl" or (verb.dep_ == "advcl" and verb.i > verb.head.i):
            return True
        if verb.dep_ == "ccomp" and any(_described_person(c, person_nouns) for c in verb.head.children):
            return True  # "The coroner found that Ms Fennelly had died": what the coroner found is background
        verb = verb.head
    return False


def _described_person(token: Token, person_nouns: Collection[str]) -> bool:
    """A subject that is a person described by a common noun with "the" ("The coroner", "the judge")."""
    return (
        token.dep_ == "nsubj"
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in person_nouns
        and token.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def fuller_organisation(head: Token, entity: Entity) -> str:
    """ "The World Health Organisation (WHO) recommends": when the entities know the organisation by fewer words
    ("Health Organisation") than the tagger's name at the cue, the speaker is named as written there."""
    ent = entity_span(head)
    if ent is None or head.ent_type_ != "ORG" or len(ent) > 8:
        return entity.name
    words = ent[1:] if ent[0].lower_ == "the" else ent
    written = words.text.split(" (")[0]  # "World Health Organisation (WHO": the bracketed acronym is no part
    longer = len(written) > len(entity.name) and written.endswith(entity.name)
    if longer and written[: -len(entity.name)].rstrip().endswith(","):
        return entity.name  # "the Tribune, Najma Bay Developments": the tagger ran over a comma the entities cut at
    return written if longer and written[:1].isupper() and not written.startswith(("(", "'")) else entity.name


def titled_person(name: str, lexicon: StatementWords) -> str | None:
    """ "Mayor Brian Lafleur", "Neighbour Gurpreet Dhillon": a title or description before two or three
    capitalised words that do not end like an organisation's name → the person's name without it."""
    person = without_titles(name, lexicon)
    return person if person != name and _reads_as_personal_name(person, lexicon) else None


def _reads_as_personal_name(name: str, lexicon: StatementWords) -> bool:
    """Two or three capitalised words that do not end like an organisation's name nor hold a title."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    not_names = (
        lexicon.organisation_name_ends | lexicon.organisation_stand_ins | lexicon.speaker_titles
    )  # "Chief Public Health Officer"
    return not any(w.lower().strip(".") in not_names for w in words)


def described_person(phrase: Span, lexicon: StatementWords) -> str | None:
    """ "Leader of the opposition in the council K Anbarasi": two or three capitalised words after a lower-case
    noun that ends a description are the person it describes."""
    nouns = [t for t in phrase if t.pos_ == "NOUN" and t.is_lower]
    if not nouns or nouns[-1].i == phrase[-1].i:
        return None
    name = phrase.doc[nouns[-1].i + 1 : phrase[-1].i + 1].text
    return name if _reads_as_personal_name(name, lexicon) else None


def acts_as_person(ent: Span, lexicon: StatementWords) -> bool:
    """A name the tagger did not call a person that its sentence treats as one: "When Amara Okafor opened her
    barbershop" (the subject's own verb has a "his"/"her" object)."""
    words = ent.text.split()
    if not 2 <= len(words) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
        return False
    root = ent.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    gendered = {word for word, gender in lexicon.owner_pronouns.items() if gender}  # "his", "her"
    return any(t.dep_ == "poss" and t.lower_ in gendered and t.head.head.i == root.head.i for t in root.head.subtree)
