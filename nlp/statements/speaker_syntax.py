"""Which words name the speaker of a cue, read from the dependency parse.

The cue's subject (or that of the clause it hangs from, or of the noun a relative clause hangs from), the
source of "according to X", the author carried by "a report by X" / "X's statement", a person named in an
apposition or at the end of a title, and the words of the phrase that names the speaker. When the parser
runs a sentence across a line break, the cue loses its subject: the first noun of its own line stands in.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.lexicon.first_names import given_name_gender
from nlp.lexicon.lexicon import StatementWords
from nlp.naming import someones_relative
from nlp.statements.cues import is_cue_verb

NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
NOT_SPEAKER_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
LEFT_DEPS = {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "case", "npadvmod"}


def subject_of(cue: Token, lexicon: StatementWords) -> Token | None:
    """The token naming who speaks: the cue's subject, or that of the clause it hangs from."""
    owner = _participle_owner(cue, lexicon)
    if owner is not None:
        return subject_of(owner, lexicon)  # "X said C, adding that D": X adds D
    group = _group_cut_at_title(cue, lexicon) if cue.dep_ == "ROOT" else None
    if group is not None:
        return group
    token = cue
    for _ in range(5):
        quoted = _quoted_as_saying(token, cue, lexicon)
        if quoted is not None:
            return quoted
        subject_deps = ("nsubj", "nsubjpass") if token.i != cue.i else ("nsubj",)
        named = [_name_in_apposition(c) or c for c in token.children if c.dep_ in subject_deps]
        subjects = [c for c in named if may_speak(c, cue, lexicon)]
        if subjects:
            subject = _name_of_split_apposition(subjects, token) or min(
                subjects, key=lambda c: (not _beside(c, token), c.i > token.i, abs(c.i - token.i))
            )
            if subject.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
                return _whose_who(subject, token.head, lexicon)
            subject = _name_taken_for_object(subject, lexicon) or subject  # "Oknha Heng Sopheak, who …, said"
            return _unjoined_conjunct(subject, token) or _stand_in_named_before(subject, token, lexicon) or subject
        carrier = token.head.head.head if token.head.dep_ == "pobj" else None
        if token.dep_ == "acl" and token.head.lemma_.lower() in lexicon.medium_nouns and carrier is not None:
            token = carrier  # "X could be heard on the broadcast telling Y: …": X speaks, the broadcast carries it
            continue
        if token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            if token.i == cue.i and any(c.dep_ == "auxpass" for c in cue.children):
                return None  # "women who were told they had cancer" were spoken to, not speaking
            return token.head if may_speak(token.head, cue, lexicon) else None
        walks = token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "prep", "ccomp"}
        if walks and token.head.i != token.i and same_paragraph(token.head, cue):
            token = token.head
            continue
        break
    if cue.dep_ != "ROOT":
        return None
    return _name_before(cue, lexicon) or _name_after_title_taken_for_verb(cue, lexicon)


# entity labels of a place or an organisation, which English refers to with "which" or "that", never "who"
_NO_ONE_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC"})


def _text_before(token: Token) -> str:
    """The text of the token before ``token``, "" at the start."""
    return token.doc[token.i - 1].text if token.i > 0 else ""


def _whose_who(relative: Token, head: Token, lexicon: StatementWords) -> Token:
    """The person a relative "who" stands for: the noun its clause hangs on, unless that is a place or an
    organisation ("W/t Hiwot Gebre Selassie, a student at Woldia University, who told …", "Gugu, a nurse at Addington
    Hospital, who said"): English says "who" of people only, so the clause belongs to the person the phrase around
    that name describes."""
    if relative.lower_ != "who" or head.ent_type_ not in _NO_ONE_LABELS:
        return head
    token = head
    for _ in range(6):
        if token.dep_ not in {"pobj", "prep", "compound", "appos"} or token.head.i == token.i:
            break
        token = token.head
        if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and not token.ent_type_):
            return token
        person = token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.person_nouns
        if person and token.dep_ not in {"appos", "pobj", "compound"}:
            return token  # "a nurse at the hospital, who said": the nurse, if no name stands beside her
        if token.pos_ == "NOUN" and not person:
            break  # "a 2-0 win over Chelsea, who said": no one; the parse's own reading stands
    return head


def _name_of_split_apposition(subjects: list[Token], verb: Token) -> Token | None:
    """ "Abdul Haq Hamdard, spokesman for the Ministry of Information, told …": the parse made the apposition a second
    subject of the verb. English gives a verb one subject; a second noun phrase before it, set off by commas and joined
    by no conjunction, describes the first, so the person named first speaks, not the organisation the description
    names. Only where no subject touches the verb ("Turning to the finance manager, Mr Langat, Senator Kasera asked":
    the name beside the verb is its subject)."""
    before = sorted((c for c in subjects if c.i < verb.i), key=lambda c: c.i)
    if len(before) < 2 or any(_beside(c, verb) for c in subjects):
        return None
    heads = {verb.i, *(c.i for c in before)}
    if any(t.dep_ in {"cc", "preconj"} and t.head.i in heads for t in verb.doc[before[0].i : verb.i]):
        return None  # "Ana Ruiz and the union's lawyer said": two speakers
    return next((c for c in before if c.ent_type_ == "PERSON" and c.pos_ == "PROPN"), None)


def _name_in_apposition(subject: Token) -> Token | None:
    """ "One of them, Wesley Cook, said …": the name set beside a number standing for one of a group speaks."""
    if subject.lower_ != "one":
        return None  # "Two of the survivors, Ana Ruiz and Maria Lopez, said": a group, not the first name
    return next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _unjoined_conjunct(subject: Token, verb: Token) -> Token | None:
    """ "Turning to the finance manager, Mr Daniel Kiprono Langat, Senator Otieno Kasera asked …": the parser made the
    name right before the verb a conjunct of a name before it with no "and" between them; two names joined by a comma
    alone are no pair of speakers, and the one beside the verb is its subject (the other is whom an aside named)."""
    doc = verb.doc
    # "Under questioning from the commission's counsel, Custódio Mabunda, Massinga admitted …": the parse may instead
    # hang the name beside the verb on the aside's name as its apposition; the aside names the description before it
    aside = (
        subject.left_edge.i > 1
        and doc[subject.left_edge.i - 1].text == ","
        and doc[subject.left_edge.i - 2].pos_ == "NOUN"
    )
    joined = {"conj", "appos"} if aside else {"conj"}
    conjuncts = [c for c in subject.children if c.dep_ in joined and subject.i < c.i < verb.i]
    if len(conjuncts) != 1 or any(c.dep_ in {"cc", "preconj"} for c in (*subject.children, *conjuncts[0].children)):
        return None
    name = conjuncts[0]
    if name.pos_ != "PROPN":
        return None
    if subject.pos_ == "PROPN":
        beside_verb = name.right_edge.i + 1 == verb.i
    else:
        # "At that site, a sprawl of plastic sheeting, Dr. Achta Zakaria, medical coordinator for …, said": a person
        # set off by commas after a noun that describes the scene; the comma closing the aside may stand before the verb
        closed = doc[name.right_edge.i + 1].text == "," and name.right_edge.i + 2 == verb.i
        beside_verb = subject.pos_ == "NOUN" and name.ent_type_ == "PERSON" and closed
    if not beside_verb:
        return None
    return name if doc[name.left_edge.i - 1].text == "," else None


def _stand_in_named_before(subject: Token, verb: Token, lexicon: StatementWords) -> Token | None:
    """ "…, enough for about 400,000 people, its operator, Sahel Water Company, said": the parser made the noun that
    stands for an organisation a conjunct of the last noun of what was said; the organisation named in apposition to
    it, right before the cue, speaks."""
    doc = verb.doc
    for stand_in in subject.children:
        if stand_in.dep_ != "conj" or not subject.i < stand_in.i < verb.i:
            continue
        if stand_in.lemma_.lower() not in lexicon.organisation_stand_ins:
            continue
        for name in stand_in.children:
            closed = doc[name.right_edge.i + 1].text == "," and name.right_edge.i + 2 == verb.i
            if name.dep_ == "appos" and name.ent_type_ == "ORG" and closed:
                return name
    return None


def _quoted_as_saying(token: Token, cue: Token, lexicon: StatementWords) -> Token | None:
    """ "Xinhua quoted Zhao Pengfei as saying …", "State media cited the minister as saying …": the one quoted speaks,
    the outlet passes it on."""
    if token.dep_ != "prep" or token.lower_ != "as" or token.head.lemma_.lower() not in lexicon.quoting_verbs:
        return None
    quoted = [c for c in token.head.children if c.dep_ == "dobj" and may_speak(c, cue, lexicon)]
    if not quoted:
        return None
    # "quoted co-founder and chief executive Dr Lakshmi Iyer as saying": the person the titles end in
    between = token.doc[token.head.i + 1 : token.i]  # the words quoted: a parse may split them into several objects
    named = [t for t in between if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    return named[-1] if named else quoted[0]


def _group_cut_at_title(cue: Token, lexicon: StatementWords) -> Token | None:
    """ "Critics, including Coun. Dana Whitcombe, argue …": the parser ended a sentence at the title's period,
    leaving the cue with the member's name or no subject; the group before the title is the subject."""
    doc, start = cue.doc, cue.sent.start
    if start < 3 or doc[start - 1].text != "." or doc[start - 2].lower_ not in lexicon.title_abbreviations:
        return None
    if not all(t.pos_ == "PROPN" or t.is_punct for t in doc[start : cue.i]):
        return None  # only the member's name stands between the cut and the cue
    group = doc[start - 1].sent.root
    if group.pos_ not in {"NOUN", "PROPN"} or not has_members(group, lexicon):
        return None
    return group if may_speak(group, cue, lexicon) else None


def has_members(head: Token, lexicon: StatementWords) -> bool:
    """A group noun followed by some of its members: "critics, including X", "companies like Huawei"."""
    return any(c.dep_ == "prep" and c.lower_ in lexicon.member_prepositions for c in head.children)


def _name_before(cue: Token, lexicon: StatementWords) -> Token | None:
    """ "In an interview with The Canadian Press, Finance Minister Dominic LeBlanc said …", "Speaking in Izmir, the
    regional director, Mehmet Emin Aydin, said …": the parser joined the name to the phrase before it, leaving the
    cue without a subject; the name right before the cue (and its closing comma) is it."""
    doc = cue.doc
    after_comma = cue.i > 1 and doc[cue.i - 1].text == ","
    before = cue.i - 1 if after_comma else cue.i
    if before == 0:
        return None
    name = doc[before - 1]
    aged = after_comma and before >= 3 and name.like_num and name.dep_ == "appos" and doc[before - 2].text == ","
    if aged:  # "Giving evidence on Tuesday, Ms Pemberton, 55, said": a name given an age is a person introduced
        name = doc[before - 3]
    if name.pos_ == "PROPN" and name.dep_ == "pobj" and not after_comma:
        return _name_run_after_comma(name)
    if name.pos_ != "PROPN" or name.dep_ not in {"conj", "appos"}:
        return None
    described = name.dep_ == "appos" and (
        _described_as_person(name, lexicon) or _described_as_organisation(name, lexicon)
    )
    # a name in apposition to the description of a person is a person's, whatever the tagger called it (a place)
    if name.ent_type_ not in {"PERSON", "ORG"} and not (after_comma and described):
        return None
    if after_comma and not aged and not described:
        return None  # only a name in apposition to the description of a person: "the regional director, X,"
    return name if name.head.i < name.i and doc[name.left_edge.i - 1].text == "," else None


def _name_after_title_taken_for_verb(cue: Token, lexicon: StatementWords) -> Token | None:
    """ "Oknha Chhun Vireak said …", "Oknha Chhun Vireak, who owns the plantation, said …" opening a text: the parser
    took the title for a verb the cue's clause hangs from, leaving the cue without a subject; the name right after
    it, then the cue (or a clause between commas and the cue), is the subject."""
    doc = cue.doc
    name = _name_taken_for_object(cue.sent[0], lexicon)
    if name is None or name.i >= cue.i:
        return None
    inserted = doc[name.i + 1].text == "," and doc[cue.i - 1].text == ","
    return name if name.i + 1 == cue.i or inserted else None


def _name_taken_for_object(opening: Token, lexicon: StatementWords) -> Token | None:
    """The proper name right after a title opening a sentence, where the parser took the title for a verb and the
    name for its object ("Oknha Heng Sopheak"); a given name so taken ("Tshering Lhamu Bhutia") is no title."""
    taken_for_verb = opening.pos_ in {"VERB", "AUX"} and opening.is_sent_start and opening.text[:1].isupper()
    if not taken_for_verb or opening.lower_ not in lexicon.words_before_names:
        return None
    names = [c for c in opening.children if c.dep_ == "dobj" and c.pos_ == "PROPN" and c.left_edge.i == opening.i + 1]
    return names[0] if names else None


def _name_run_after_comma(name: Token) -> Token | None:
    """ "In a letter to the Courier, Halden Port Holdings said": the parser made the name before the cue the object of
    the phrase's preposition; a name the tagger starts right after that phrase's comma is the cue's subject."""
    doc = name.doc
    start = name.i
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    opens = doc[start].ent_iob_ == "B" and doc[start].ent_type_ in {"PERSON", "ORG"}
    return name if opens and start > 0 and doc[start - 1].text == "," else None


def _described_as_organisation(name: Token, lexicon: StatementWords) -> bool:
    """ "…, enough for 400,000 people, its operator, Sahel Water Company, said": an organisation's name in apposition
    to a noun that stands for an organisation ("its operator", "the carrier") names who speaks."""
    return name.ent_type_ == "ORG" and name.head.lemma_.lower() in lexicon.organisation_stand_ins


def _described_as_person(name: Token, lexicon: StatementWords) -> bool:
    """The noun ``name`` is in apposition to describes a person, or the parse hung that description and the name side
    by side on the place before ("Speaking from Bentiu, the deputy coordinator …, Kofi Mensah-Bonsu, said")."""
    return _describes_person(name.head, lexicon) or any(
        c.dep_ == "appos" and c.i < name.i and _describes_person(c, lexicon) for c in name.head.children
    )


def _describes_person(noun: Token, lexicon: StatementWords) -> bool:
    """``noun`` is a person noun or ends the complement of one: "the regional director", "the deputy coordinator for
    the country"."""
    for _ in range(3):
        if noun.lemma_.lower() in lexicon.person_nouns:
            return True
        if noun.dep_ not in {"pobj", "prep"}:
            return False
        noun = noun.head
    return False


def _participle_owner(cue: Token, lexicon: StatementWords) -> Token | None:
    """The reporting verb a participle of saying (", adding that …") or a coordinated cue inside its clause
    ("stressed that A and cautioned that B") hangs from, if any."""
    doc = cue.doc
    if cue.i == 0 or cue.dep_ not in {"advcl", "conj", "xcomp"}:
        return None
    participle = cue.tag_ == "VBG" and doc[cue.i - 1].text == ","
    coordinated = (
        cue.dep_ == "conj" and doc[cue.i - 1].dep_ == "cc" and not any(c.dep_ == "nsubj" for c in cue.children)
    )
    if not (participle or coordinated) or (coordinated and is_cue_verb(cue.head, lexicon)):
        return None  # "said A and warned B": the ordinary conjunct walk finds the subject
    head = cue.head
    while head.i != head.head.i and not is_cue_verb(head, lexicon):
        head = head.head
    return head if is_cue_verb(head, lexicon) and head.i < cue.i else None


def _beside(subject: Token, verb: Token) -> bool:
    """The subject phrase touches the verb: "the minister said", "said Karen Maurer"."""
    ends_before = subject.right_edge.i + 1 == verb.i and not subject.right_edge.is_punct
    return ends_before or subject.left_edge.i - 1 == verb.i


def may_speak(token: Token, cue: Token, lexicon: StatementWords) -> bool:
    """A subject in the cue's own paragraph that is not a date or a number ("one of the sources" is a speaker)."""
    numeric = token.ent_type_ in NOT_SPEAKER_LABELS and not is_age(token, lexicon) and one_of_group(token) is None
    if numeric or token.lower_ in lexicon.calendar_words:
        return False
    return same_paragraph(token, cue)


def one_of_group(token: Token) -> Token | None:
    """ "one of the sources said" → "sources": one member speaking for an unnamed group."""
    if token.lower_ != "one":
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj" and c.tag_ in {"NNS", "NNPS"}), None)
    return None


def counted_group(token: Token, lexicon: StatementWords) -> Token | None:
    """ "a group of former delivery drivers said" → "drivers": a collective noun speaks as the people it counts."""
    if token.lower_ not in lexicon.collective_nouns:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj" and c.tag_ in {"NNS", "NNPS"}), None)
    return None


def is_age(token: Token, lexicon: StatementWords) -> bool:
    """ "the 61-year-old added": an age standing for the person (the tagger calls it a DATE)."""
    doc = token.doc
    return (
        token.lower_ == "old"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ in lexicon.age_units
    )


def same_paragraph(a: Token, b: Token) -> bool:
    doc = a.doc
    return not any("\n" in doc[i].text or "\n" in doc[i].whitespace_ for i in range(min(a.i, b.i), max(a.i, b.i)))


def source_of_according(according: Token) -> Token | None:
    """The X of "according to X" (or of "according to a report by X")."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc):
        to = according.nbor(1)
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    return objects[0] if objects else None


def carried_source(head: Token, lexicon: StatementWords) -> Token:
    """ "Cornyn's statement added" → Cornyn; "a report by BIRN" → BIRN; anything else unchanged."""
    if not {head.lemma_.lower(), head.lower_} & lexicon.speaking_documents:
        return head  # the word as written too: the lemmatiser reads "data" as "datum"
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and may_speak(child, head, lexicon):
            return child
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            objects = [c for c in child.children if c.dep_ == "pobj" and may_speak(c, head, lexicon)]
            if objects and objects[0].pos_ in {"PROPN", "NOUN"}:
                return objects[0]
    for child in head.children:
        if child.dep_ == "compound" and child.ent_type_ in {"ORG", "PERSON", "GPE"}:
            return child  # "the Home Office letter"
    for child in head.children:  # "a survey released Tuesday by the institute", "figures published by the council"
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() not in lexicon.reader_participles:
            for agent in child.subtree:  # "lodged with the tribunal by X": the parse may hang "by" on the tribunal
                if agent.dep_ in {"agent", "prep"} and agent.lower_ == "by":
                    objects = [c for c in agent.children if c.dep_ == "pobj" and may_speak(c, head, lexicon)]
                    if objects and objects[0].pos_ in {"PROPN", "NOUN"}:
                        return objects[0]
    for child in head.children:  # "records the museum shared with the community": who made them public
        if child.dep_ == "relcl" and child.lemma_.lower() in lexicon.release_verbs:
            makers = [c for c in child.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN"}]
            if makers and may_speak(makers[0], head, lexicon):
                return makers[0]
    return head


def author_of_containing_document(head: Token, lexicon: StatementWords) -> Token | None:
    """ "a statement Obiora made to investigators, in which he said …", "a letter from Denton, in which the defendant
    wrote …", "Huawei published a case study in which it states …": who speaks inside a document's relative clause is
    the document's author, whoever the pronoun or description would reach on its own: the author carried by the
    phrase, the one who made it in a clause of its own, else the subject of the verb that brought it out."""
    cue = head.head
    document = cue.head
    if head.dep_ != "nsubj" or cue.dep_ != "relcl":
        return None
    if not any(t.tag_ == "WDT" and t.dep_ == "pobj" and t.head.head.i == cue.i for t in cue.subtree if t.i < head.i):
        return None  # only "in which", "under which": what the document itself holds
    if document.dep_ == "pobj" and document.head.lower_ in {"by", "from"}:
        document = document.head.head  # "a letter from Gareth Hume, in which": "which" is never the person
    if not {document.lemma_.lower(), document.lower_} & lexicon.speaking_documents:
        return None
    source = carried_source(document, lexicon)
    if source.i != document.i:
        return source
    for maker in document.children:  # "a statement Obiora made", also parsed as a name with its own clause
        clause = maker if maker.dep_ in {"acl", "relcl"} else None
        if maker.dep_ == "appos" and maker.pos_ == "PROPN":
            clause = next((c for c in maker.children if c.dep_ in {"acl", "relcl"}), None)
            if clause is not None:
                return maker
        if clause is not None and clause.i != cue.i:
            subjects = [c for c in clause.children if c.dep_ == "nsubj" and may_speak(c, cue, lexicon)]
            if subjects and subjects[0].tag_ not in {"WP", "WDT"}:
                return subjects[0]
    if document.dep_ == "dobj" and document.head.pos_ == "VERB":
        subjects = [c for c in document.head.children if c.dep_ == "nsubj" and may_speak(c, cue, lexicon)]
        return subjects[0] if subjects else None
    return None


def spokesperson_organisation(head: Token, lexicon: StatementWords) -> Token | None:
    """The organisation an unnamed spokesperson speaks for, as the phrase names it: "A spokesperson for the
    council" → council, "the ministry's spokesman" → ministry, "its spokesman" → its, "the university's press service"
    → university, "An EPA spokesperson" and
    "A county council spokesperson" → the compound nearest the noun; None for another noun or a spokesperson of no
    one named."""
    office = is_press_office(head, lexicon)
    if not office and not {head.lemma_.lower(), head.lower_} & lexicon.spokesperson_nouns:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "at"}:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return objects[0]
    for child in head.children:
        owner = child.pos_ in {"NOUN", "PROPN"} or child.lower_ in lexicon.owner_pronouns or child.lower_ == "their"
        if child.dep_ == "poss" and owner:
            return child
    if office:
        return None  # "the press service" of no one named: its compounds are its own words
    compounds = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"}]
    return compounds[-1] if compounds else None


def is_press_office(head: Token, lexicon: StatementWords) -> bool:
    """Whether ``head`` and its compounds name the office an organisation speaks through: "press service"."""
    words = [c.lower_ for c in head.lefts if c.dep_ == "compound"]
    return " ".join([*words, head.lower_]) in lexicon.press_offices


def named_in_apposition(noun: Token) -> Token | None:
    """The name an earlier apposition gave ``noun``'s kind: "the charity" after "the Kivu Emergency Aid Network, a
    charity that runs a clinic", "the company" after "Greenholme Primary Care, the company that holds the contract"
    or "the operator, Kasi Mpya Transit,". News introduces an organisation so and calls it by its kind after;
    the words qualifying ``noun`` ("the rebel group") must all be in that apposition. The nearest such name, or
    None."""
    lemma = noun.lemma_.lower()
    qualifiers = {c.lower_ for c in noun.lefts if c.dep_ in {"amod", "compound"} and c.is_alpha}
    for token in reversed(noun.doc[: noun.i]):
        if token.pos_ != "NOUN" or token.lemma_.lower() != lemma:
            continue
        before = token.doc[token.left_edge.i - 2] if token.left_edge.i >= 2 else None
        named: Token | None
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            named = token.head
        elif token.dep_ == "appos" and before is not None and before.pos_ == "PROPN" and before.nbor().text == ",":
            named = before  # the parse hung "…, the company that …" on the noun before the name
        else:
            named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None and qualifiers <= {t.lower_ for t in token.subtree}:
            return named
    return None


def entity_span(token: Token) -> Span | None:
    """The named-entity span holding ``token``, found from the IOB tags (cheaper than scanning Doc.ents)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def titles_of(name: Token, lexicon: StatementWords) -> set[str]:
    """Nouns a person is introduced with: "Premier Doug Ford", "Doug Ford, the premier", "the director, Laura Chen"."""
    doc = name.doc
    span = entity_span(name) or doc[name.i : name.i + 1]
    titles = {
        _title_word(t, lexicon) for t in span if _title_word(t, lexicon) in lexicon.title_abbreviations.values()
    }  # "Sen. X" as one name
    i = span.start - 1
    if i >= 1 and doc[i].text == "." and doc[i - 1].lower_ in lexicon.title_abbreviations:
        titles.add(lexicon.title_abbreviations[doc[i - 1].lower_])  # the tokenizer split "Sgt." off its period
        i -= 2
    while (
        i >= 0
        and span.start - i <= 4
        and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"}
        and (not doc[i].ent_type_ or _title_word(doc[i], lexicon) in lexicon.speaker_titles)  # "Det Supt" as a name
    ):
        titles.add(_title_word(doc[i], lexicon))
        i -= 1
    root = span.root
    for child in root.children:
        if child.dep_ == "appos":
            titles.add(child.lemma_.lower())
    if root.dep_ == "appos":
        titles.add(root.head.lemma_.lower())
        office = _office_over_place(root.head, lexicon)
        if office is not None:
            titles.add(office)
    return titles


def _office_over_place(noun: Token, lexicon: StatementWords) -> str | None:
    """The office in "The prefect of Guadeloupe, Laurent Mercier-Dubois, said": the parse hangs the name on the place
    it follows, but a name set off after "<office> of <place>" is the office holder's, never the place's."""
    of = noun.head
    if noun.dep_ != "pobj" or noun.pos_ != "PROPN" or of.lower_ != "of" or of.head.i == of.i:
        return None
    office = of.head
    title = office.lemma_.lower()
    return title if office.pos_ == "NOUN" and title in lexicon.speaker_titles else None


def introduced_with(name: Token) -> set[str]:
    """Lower-case words that place a person where they are introduced: "Sen. Carla Bettencourt of Maine" → maine;
    "Education Minister Laura Finch" → education, also when the tagger took "Education" for an organisation;
    "Laura Chen, the agency's finance director" → the apposition's words."""
    span = entity_span(name) or name.doc[name.i : name.i + 1]
    before = name.doc[max(0, span.start - 4) : span.start]
    words = {
        t.lower_ for t in before if t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.is_alpha and t.i > _last_break(before)
    }
    for child in span.root.children:
        if (child.dep_ == "prep" and child.lower_ in {"of", "from", "for"}) or child.dep_ == "appos":
            words |= {t.lower_ for t in child.subtree if t.is_alpha}
    return words


def _last_break(span: Span) -> int:
    """The index of the last word in ``span`` that no title runs across (a conjunction, preposition, punctuation)."""
    return max((t.i for t in span if t.pos_ in {"CCONJ", "ADP", "PUNCT", "VERB", "AUX"}), default=-1)


def past_title_abbreviation(head: Token, lexicon: StatementWords) -> Token:
    """ "said Police Const. Marc Brunet": the tokenizer cut "Const." off the name, and the parse took the
    title (or an honorific before a name) for the subject; the speaker is the person named right after it."""
    doc = head.doc
    if head.lower_.rstrip(".") in lexicon.honorifics:  # "W/ro Meseret Tesfaye", the honorific taken for the subject
        start = head.i + 2 if head.i + 1 < len(doc) and doc[head.i + 1].text == "." else head.i + 1  # "Ing." cut
        after = list(doc[start : start + 4])
        after = after[: next((i for i, t in enumerate(after) if not (t.pos_ == "PROPN" and t.is_title)), len(after))]
        if any(t.ent_type_ == "PERSON" for t in after):
            return after[-1]
    if head.lower_ not in lexicon.title_abbreviations or head.i + 2 >= len(doc) or doc[head.i + 1].text != ".":
        return head
    name = entity_span(doc[head.i + 2]) if doc[head.i + 2].ent_type_ == "PERSON" else None
    return name.root if name is not None else head


def _title_word(token: Token, lexicon: StatementWords) -> str:
    """A title's lemma, abbreviations written out: "Sen." → "senator", "Sgt." → "sergeant"."""
    lemma = token.lemma_.lower()
    return lexicon.title_abbreviations.get(lemma.rstrip("."), lemma)


def named_apposition(head: Token, lexicon: StatementWords) -> Token:
    """ "the team's coach, Alireza Mehraban" or "Ambassador to the US Hamdullah Mohib" → the person named."""
    if head.ent_type_ == "PERSON" or head.pos_ == "PRON" or has_members(head, lexicon):
        return head  # "residents, including Amy Cole," speak as a group
    conjunct = _second_conjunct(head)
    for child in head.children:
        if child.dep_ != "appos" or child.i > conjunct:
            continue  # "The port and the shipbuilder, Severomorsk Shipyard Group, said": the name is the shipbuilder's
        named = past_title_abbreviation(child, lexicon)  # "The spokesperson, Sgt. Dan Ko,": the name, not "Sgt"
        its_name = entity_span(named) if named.ent_type_ == "ORG" else None
        if its_name is not None and head.lemma_.lower() in lexicon.person_nouns:
            holder = _person_after_comma(head.doc, its_name.end, lexicon)
            if holder is not None:
                return holder  # "The chief engineer of the contractor, Sahara Rail Works, Mohamed Lamine Belhadj,"
        if named.ent_type_ == "PERSON" and named.lower_ not in lexicon.title_abbreviations:
            return named
        if head.lemma_.lower() in lexicon.person_nouns and _proper_name(named, lexicon):
            return named  # "The command's spokesman, SP Adewale Ojo,": a person, whatever the tagger called it
        office = head.pos_ in {"PROPN", "NOUN"} and not head.ent_type_ and any(c.dep_ == "prep" for c in head.children)
        bracketed = _text_before(named.left_edge) == "("  # "of CEI (Italian Episcopal Conference)": the body's name
        tagged = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
        if (
            office
            and not (bracketed or tagged)
            and named.ent_type_ not in _NO_ONE_LABELS
            and _proper_name(named, lexicon)
        ):
            return named  # "The Odikro of Abosso-Nkwanta, Nana Kwesi Ewusi II,", "The institute's head of volcano
            # monitoring, Dr. Esteban Villacís Moncayo,": an office no list knows, and the name of its holder
        if someones_relative(head, lexicon.kin_nouns) and named.pos_ == "PROPN" and named.is_title:
            return named  # "His wife, Bríd, said": someone's relative, by the one name
        if head.pos_ == "NOUN" and head.lemma_.lower() not in lexicon.person_nouns and named.ent_type_ == "ORG":
            return named  # "The bus company, Andes Transit, said", "The buyer, Lakeport Developments, argues"
    if head.lemma_.lower() in lexicon.organisation_stand_ins and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children
    ):
        organisation = _organisation_after_comma(head)
        if organisation is not None and organisation.i < conjunct:
            return organisation
    if head.lemma_.lower() in lexicon.person_nouns:
        for prep in head.children:  # "The chairman of the traders' association, Alhaji Sani Bello, said": the parse
            if prep.dep_ != "prep":  # hung the name on the association, which is no person
                continue
            for place in prep.children:
                person = next((c for c in place.children if c.dep_ == "appos" and _person_named(c, lexicon)), None)
                if place.dep_ == "pobj" and person is not None:
                    return person
        adjacent = _name_after_comma(head, lexicon)
        if adjacent is not None and adjacent.i < conjunct:
            return adjacent
    last = head.right_edge
    if last.i > head.i and last.ent_type_ == "PERSON" and same_paragraph(head, last):
        name = entity_span(last)
        if name is not None and name.start > head.i and head.doc[name.start - 1].pos_ not in {"ADP", "CCONJ", "PUNCT"}:
            return last  # a title that ends in the name itself, not "the lawyer for John Smith"
    return head


def _second_conjunct(head: Token) -> int:
    """Where a second noun joined to ``head`` by "and"/"or" starts (the end of the text without one): a name after
    it is that noun's, not the head's. A "conjunct" the parse hung on the head without a conjunction is none ("The
    family firm, Abdel-Ghani & Sons,")."""
    joined = [c.i for c in head.children if c.dep_ == "cc"]
    after = [c.i for c in head.children if c.dep_ == "conj" and any(j < c.i for j in joined) and not _same_one(head, c)]
    return min(after, default=len(head.doc))


def _same_one(head: Token, conjunct: Token) -> bool:
    """ "His coach and uncle, Fazal Rehman,": two nouns of a person sharing one determiner are one person; "The port
    and the shipbuilder" (a determiner each) are two."""
    own_determiner = any(c.dep_ in {"det", "poss", "nummod"} for c in conjunct.children)
    return head.tag_ == "NN" and conjunct.tag_ == "NN" and not own_determiner


def _name_after_comma(head: Token, lexicon: StatementWords) -> Token | None:
    """ "written by the hospital's medical director, Dr Ruth Okeke, says": a person noun followed by a comma and a
    person's name is named by it, wherever the parse hung the name."""
    return _person_after_comma(head.doc, head.right_edge.i + 1, lexicon)


def _person_after_comma(doc: Doc, at: int, lexicon: StatementWords) -> Token | None:
    """The person named between a comma at ``at`` (titles passed over) and another comma or the end."""
    if at >= len(doc) or doc[at].text != ",":
        return None
    at += 1
    while at < len(doc) and (doc[at].text == "." or doc[at].lower_.rstrip(".") in lexicon.speaker_titles):
        at += 1
    if at >= len(doc) or doc[at].ent_type_ != "PERSON" or doc[at].ent_iob_ != "B":
        return None
    name = entity_span(doc[at])
    after = name.end if name is not None else at + 1
    return name.root if name is not None and (after >= len(doc) or doc[after].text == ",") else None


def _organisation_after_comma(head: Token) -> Token | None:
    """ "The family firm, Abdel-Ghani & Sons, said", "The company that holds the contract, Ekambi & Fils Petroleum,
    claimed": an organisation noun, with what describes it, then an organisation's name between commas names it,
    wherever the parse hung the name (an "&" in it is often read as two nouns joined)."""
    doc = head.doc
    comma = next((t for t in doc[head.i + 1 : head.i + 16] if t.text == "," or t.sent != head.sent), None)
    if comma is None or comma.text != "," or comma.i + 1 >= len(doc):
        return None
    first = doc[comma.i + 1]
    name = entity_span(first) if first.ent_type_ == "ORG" and first.ent_iob_ == "B" else None
    if name is None or name.end >= len(doc) or doc[name.end].text != ",":
        return None
    return name[-1]


def _person_named(token: Token, lexicon: StatementWords) -> bool:
    """A person's name, tagged so or two capitalised names the tagger left untagged ("Mrs Kemi Balogun")."""
    return token.ent_type_ == "PERSON" or (not token.ent_type_ and _proper_name(token, lexicon))


def _proper_name(token: Token, lexicon: StatementWords) -> bool:
    """Two or more capitalised proper nouns running up to ``token`` (titles not counted, particles passed over): "SP
    Adewale Ojo", "Shiranee de Alwis", also after an age ("27-year-old Ana Ruiz")."""
    if token.pos_ != "PROPN":
        return False
    doc = token.doc
    first = token.i
    while first > token.left_edge.i:
        before = doc[first - 1]
        if before.pos_ == "PROPN" and before.text[:1].isupper():
            first -= 1
        elif before.pos_ == "PROPN" and before.lower_ in lexicon.name_particles and first - 1 > token.left_edge.i:
            first -= 1  # "Shiranee de Alwis": a particle inside the name
        elif before.text == "-" and not before.whitespace_ and first - 2 >= token.left_edge.i and _joined(doc, first):
            first -= 2  # "Grace Ofori-Atta": a double name
        else:
            break
    if first > token.left_edge.i and not is_age(doc[first - 1], lexicon):
        return False  # "the party's Sligo office": words before the name that are no age
    names = [
        t for t in doc[first : token.i + 1] if t.text != "-" and t.lower_.rstrip(".") not in lexicon.speaker_titles
    ]
    return len(names) >= 2


def _joined(doc: Doc, after_hyphen: int) -> bool:
    """Whether the capitalised proper noun before the hyphen ending at ``after_hyphen`` is written against it."""
    word = doc[after_hyphen - 2]
    return word.pos_ == "PROPN" and word.text[:1].isupper() and not word.whitespace_


def _given_name_joined_before(doc: Doc, start: int, ent: Span) -> bool:
    """The capitalised word written against a hyphen before ``start`` is part of the name ``ent``, by the parse."""
    hyphen = doc[start - 1]
    joined = hyphen.text == "-" and not hyphen.whitespace_ and _joined(doc, start)
    return joined and ent.start <= doc[start - 2].head.i < ent.end


def noun_phrase(head: Token) -> Span:
    """The words naming the speaker: a named entity, or the noun with its modifiers and an "of" phrase."""
    doc = head.doc
    if head.ent_type_ in NAME_LABELS:
        ent = entity_span(head)
        if ent is not None:
            start = ent.start + (1 if doc[ent.start].lower_ == "the" and len(ent) > 1 else 0)
            while start > 1 and _given_name_joined_before(doc, start, ent):
                start -= 2  # "Marie" + "-" + "Claire Augustin": the tagger began the name after the hyphen
            if doc[ent.end - 1].tag_ == "POS":
                return doc[start : ent.end - 1]
            return doc[start : ent.end]
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in LEFT_DEPS:
            tokens.extend(child.subtree)
    for child in head.rights:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in {"compound", "flat"}:
            tokens.extend(child.subtree)
    tokens = [t for t in tokens if same_paragraph(t, head)]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    people = [
        e
        for t in doc[start:end]
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and (e := entity_span(t)) is not None
        if e.end <= end and e.end > head.i
    ]
    if people and head.ent_type_ != "PERSON":
        return people[0]  # "Governor of Washington Chris Gregoire" names Chris Gregoire
    return doc[start:end]


def without_titles(name: str, lexicon: StatementWords) -> str:
    """ "Mayor Brian Lafleur" → "Brian Lafleur", "KMC Deputy Commissioner Farzana Akter Shimu" → "Farzana Akter
    Shimu", "Paediatrician Nadia Cassar" → "Nadia Cassar": a person's name without the title, office or occupation
    the tagger took into it (at least two words are kept)."""
    words = name.split()
    cut = 0
    for i, word in enumerate(words[:-2]):
        if word in lexicon.name_particles:
            break  # "Kamarulzaman bin Haji Abu Bakar": the father's name has its own title, inside the name
        if word.lower().rstrip(".") in lexicon.words_before_names:
            cut = i + 1
    if cut and words[cut].lower() in {"of", "for"} and words[cut - 1].lower().rstrip(".") in lexicon.office_nouns:
        cut = _after_portfolio(words, cut)  # "Minister of Labour Marsha Inniss-Straker", not "Centre for …"
    return " ".join(words[cut:]) if cut else name


def _after_portfolio(words: list[str], of: int) -> int:
    """Where the name starts after an office's "of" phrase ("of Higher Education, Science and Innovation Nodira
    Yusupova"): at the last two words, or before them at the known given names ("of Labour Ana María López")."""
    start = len(words) - 2
    while start - 1 > of and given_name_gender(words[start - 1]) is not None:
        start -= 1
    return start


def group_name(phrase: Span, lexicon: StatementWords) -> str:
    """An unnamed speaker as written, without its determiner and without the capital of a sentence start:
    "The lawsuit" → "lawsuit", "Some experts" → "experts", "Two officials" → "officials", "Police" → "police"."""
    words = [t for t in phrase if not t.is_space]
    if len(words) > 1 and (words[0].lower_ in lexicon.group_determiners or words[0].like_num):
        words = words[1:]  # "some experts", "two officials", "one tenant"
    if not words:
        return phrase.text
    text = phrase.doc[words[0].i : words[-1].i + 1].text
    first = words[0]
    if phrase[0].is_sent_start and first.pos_ in {"NOUN", "ADJ"} and first.text.istitle() and not first.ent_type_:
        text = text[:1].lower() + text[1:]
    return text


def first_noun_of_line(cue: Token, lexicon: StatementWords) -> Token | None:
    """When the parser runs a sentence across a line break, the cue loses its subject: take the first noun
    of the cue's own line ("One poster admitted…, writing"; "Johnson, speaking to reporters, … said")."""
    doc = cue.doc
    i = cue.i
    while i > 0 and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
        i -= 1
    for token in doc[i : cue.i]:
        attached_here = token.head.i >= i  # a "pobj" of a word on the line before is a parse across lines
        if token.pos_ in {"PROPN", "NOUN", "PRON"} and not (
            attached_here and token.dep_ in {"pobj", "poss", "npadvmod"}
        ):
            while token.dep_ in {"compound", "flat"} and token.head.i < cue.i:
                token = token.head
            return token if token.lemma_.lower() not in lexicon.medium_nouns else None
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass", "advcl", "amod"}:
            return None  # a verb before any noun: not a subject-first clause
    return None


def crosses_line(cue: Token) -> bool:
    """The parser attached the cue to a word on another line."""
    head = cue
    while head.dep_ in {"conj", "advcl", "xcomp", "ccomp", "parataxis"} and head.head.i != head.i:
        head = head.head
        low, high = sorted((head.i, cue.i))
        if any("\n" in t.text or "\n" in t.whitespace_ for t in cue.doc[low:high]):
            return True
    return False
