"""Indirect speech: the reported clauses of cues outside quotation marks, from the dependency parse.

A reporting verb with a clausal complement ("X said (that) C", "C, X said", "C1, said X, C2", "As X told Y,
C", "X told Y in a statement that C"), an infinitive after claim-like verbs, and "according to X, C". A cue
that lost its subject to a parse across a line break takes the first noun of its own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from nlp.lexicon.lexicon import StatementWords
from nlp.statements.cues import is_according_to, is_belief, is_cue_verb
from nlp.statements.layout import Attribution, Clause, Layout, after_title
from nlp.statements.speaker_syntax import crosses_line, first_noun_of_line, source_of_according, subject_of


def _content_bounds(tokens: list[Token], lexicon: StatementWords) -> tuple[int, int] | None:
    """Character span of a reported clause, without a leading "that" or trailing punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (
        tokens[0].is_punct
        or tokens[0].is_space
        or tokens[0].lower_ in lexicon.complement_marks
        or tokens[0].dep_ == "cc"
    ):
        if tokens[0].text in {'"', "“", "‘", "'", "«", "„"}:
            break
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_space or (tokens[-1].is_punct and tokens[-1].text not in {'"', "”", "’", "»", "'"})
    ):
        tokens = tokens[:-1]
    if len([t for t in tokens if t.is_alpha]) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _complement(cue: Token, lexicon: StatementWords) -> list[Token] | None:
    """The reported clause governed by a cue verb, if it has one."""
    complements = [c for c in cue.children if c.dep_ == "ccomp" and not _absolute(c)]
    if any(c.i > cue.i for c in complements):
        complements = [c for c in complements if c.i > cue.i]  # "X said that C" before "C, X said"
    if not complements and cue.lemma_.lower() in lexicon.infinitive_cues:
        complements = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if complements:
        clause = complements[0]
        marks = [c for c in clause.children if c.dep_ == "mark"]
        if marks and marks[0].lower_ in lexicon.question_marks and cue.lemma_.lower() not in lexicon.question_cues:
            return None  # "did not say whether …" reports nothing; "asked whether …" reports a question
        tokens = [t for c in complements for t in c.subtree]
        # "C, he said, adding…" — the cue's own words never belong to what was said.
        own = {cue.i} | {t.i for c in cue.children if c not in complements for t in c.subtree}
        own |= {
            t.i for c in complements for p in _trailing_participles(c, lexicon) for t in (cue.doc[p.i - 1], *p.subtree)
        }
        for report in (r for c in complements for r in _attributions_within(c, lexicon)):
            # its subtree, and the "but" or "though" joining it: "C1 but insisted C2"
            joining = {c.i for c in report.head.children if c.dep_ == "cc" and c.i == report.left_edge.i - 1}
            own |= {t.i for t in report.subtree} | joining
        return [t for t in tokens if t.i not in own]
    if cue.dep_ == "parataxis" and cue.head.i < cue.i and cue.head.pos_ in {"VERB", "AUX"}:
        return [t for t in cue.head.subtree if t.i < cue.left_edge.i]
    if _interjected(cue):
        # "Recipients, said Maurer, must …" / "As Heald told the Post, ozone has dropped."
        left, right = _attribution_edges(cue)
        if any(c.lower_ == "as" for c in cue.children):
            left, right = cue.left_edge.i, cue.right_edge.i
        return [t for t in (*cue.head.subtree, *cue.subtree) if not left <= t.i <= right]
    return _medium_clause(cue, lexicon) or _missed_that_clause(cue)


def _missed_that_clause(cue: Token) -> list[Token] | None:
    """ "The report states that few if any manufacturers use …": the parser did not hang the clause after "that"
    on the cue (it took "that" for an object); the rest of the sentence is the reported clause."""
    doc = cue.doc
    that = cue.i + 1
    if that >= len(doc) or doc[that].lower_ != "that" or any(c.dep_ == "ccomp" for c in cue.children):
        return None
    rest = list(doc[that + 1 : cue.sent.end])
    return rest if any(t.pos_ in {"VERB", "AUX"} and t.dep_ != "amod" for t in rest) else None


def _absolute(clause: Token) -> bool:
    """ "…," she said, her voice breaking: a participle without auxiliary or subordinator is no reported clause."""
    return clause.tag_ == "VBG" and not any(
        c.dep_ in {"aux", "auxpass", "mark"} or (c.dep_ == "nsubj" and c.pos_ == "PRON") for c in clause.children
    )


def _trailing_participles(clause: Token, lexicon: StatementWords) -> list[Token]:
    """ "said the road would reopen, adding that C" / "stressed that A and cautioned that C": a second cue
    inside the reported clause reports C on its own."""
    return [
        t
        for t in clause.subtree
        if t.dep_ in {"advcl", "conj", "xcomp"}
        and t.i > clause.i
        and (is_participial_cue(t, lexicon) or _second_cue(t, lexicon) or _speaker_appeal(t, lexicon))
    ]


def _speaker_appeal(token: Token, lexicon: StatementWords) -> bool:
    """ "said no illnesses had been reported but urged parents to …": a coordinated speech verb in the simple
    past or present, without a subject, after a clause in a compound tense, is the speaker's own act."""
    return (
        _subjectless_conjunct_cue(token, lexicon)
        and token.tag_ in {"VBD", "VBZ"}
        and any(c.dep_ == "xcomp" for c in token.children)
        and any(c.dep_ in {"aux", "auxpass"} for c in token.head.children)
    )


def is_participial_cue(token: Token, lexicon: StatementWords) -> bool:
    """ ", adding that …" / ", noting that …": a speech verb's participle set off by a comma, with a clause."""
    doc = token.doc
    return (
        token.tag_ == "VBG"
        and token.i > 0
        and doc[token.i - 1].text == ","
        and is_cue_verb(token, lexicon)
        and any(c.dep_ == "ccomp" for c in token.children)
    )


def _second_cue(token: Token, lexicon: StatementWords) -> bool:
    """ "… and cautioned that C": a coordinated cue without a subject of its own, with its own clause."""
    return _subjectless_conjunct_cue(token, lexicon) and any(
        c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in token.children
    )


def _subjectless_conjunct_cue(token: Token, lexicon: StatementWords) -> bool:
    """A speech verb joined by "and"/"but" to the one before, with no subject of its own."""
    return (
        token.dep_ == "conj"
        and token.i > 0
        and token.doc[token.i - 1].dep_ == "cc"
        and is_cue_verb(token, lexicon)
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    )


def _interjected(cue: Token) -> bool:
    """A cue set off inside or before another clause: between commas, or opened by "as"."""
    head = cue.head
    if head.i == cue.i or head.pos_ not in {"VERB", "AUX"} or cue.dep_ not in {"parataxis", "advcl", "ccomp", "conj"}:
        return False
    doc = cue.doc
    left, right = _attribution_edges(cue)
    as_mark = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    before = left > 0 and doc[left - 1].text == ","
    after = right + 1 < len(doc) and doc[right + 1].text == ","
    after_clause = cue.right_edge.i + 1 < len(doc) and doc[cue.right_edge.i + 1].text == ","
    return (as_mark and after_clause and cue.left_edge.i < head.i) or (before and after and left > head.left_edge.i)


def _attribution_edges(cue: Token) -> tuple[int, int]:
    """First and last token of "the minister said" / "said Karen Maurer": the cue and the subject beside it."""
    left = right = cue.i
    for child in cue.children:
        if child.dep_ in {"nsubj", "advmod", "npadvmod", "prep", "aux"} or child.lower_ == "as":
            if child.right_edge.i == left - 1 and not child.right_edge.is_punct:
                left = child.left_edge.i
            elif child.left_edge.i == right + 1:
                right = child.right_edge.i
    return left, right


def _medium_clause(cue: Token, lexicon: StatementWords) -> list[Token] | None:
    """ "told LA Weekly in a statement that C" / "confirmed to CBC News that C" / "said in a court filing that C": the
    parser hung the clause from the medium, the document or the addressee, not from the verb."""
    media = lexicon.medium_nouns | lexicon.source_carrier_nouns | lexicon.document_nouns
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for medium in (
            c for c in prep.children if c.dep_ == "pobj" and (c.lemma_.lower() in media or prep.lower_ == "to")
        ):
            for clause in medium.children:
                if clause.dep_ in {"acl", "ccomp", "relcl"} and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    return list(clause.subtree)
    return None


def _content_before_title(cue: Token, lexicon: StatementWords) -> list[Token] | None:
    """ "The road will reopen Friday, Const. Anna Ruiz said.": the tokenizer cut the period off "Const." and the
    parser ended the sentence there, so the reported clause is the sentence before, up to its comma."""
    doc = cue.doc
    start = cue.sent.start
    if start < 3 or not after_title(doc[start - 1], lexicon) or doc[start - 3].text != ",":
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "dobj"} and c.i > cue.i for c in cue.children):
        return None
    return [t for t in doc[start - 3].sent if t.i < start - 3]


def _animate_enough(cue: Token, speaker: Token, lexicon: StatementWords) -> bool:
    """Belief verbs and weak cues need a person, organisation or personal pronoun as subject."""
    if not (is_belief(cue, lexicon) or cue.lemma_.lower() in lexicon.weak_cues):
        return True
    if speaker.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or speaker.lower_ in lexicon.animate_pronouns:
        return True
    # "Police confirmed the victim was …" is said; "investigators found …" stays a finding
    return (
        cue.lemma_.lower() not in lexicon.finding_verbs
        and speaker.lemma_.lower() in lexicon.official_nouns | lexicon.organisation_stand_ins
    )


def reported_clauses(layout: Layout) -> Iterator[Clause]:
    """Indirect (and mixed) speech: every cue outside quotes with a reported clause."""
    lexicon = layout.lexicon
    for token in layout.doc:
        if layout.quote_at(token.idx) is not None:
            continue
        if is_according_to(token):
            clause = _according_clause(layout, token)
            if clause is not None:
                yield clause
            continue
        trailing = _cue_read_as_noun(token, lexicon)
        if trailing is not None:
            yield trailing
            continue
        if not is_cue_verb(token, lexicon) or token.dep_ == "amod" or any(c.dep_ == "neg" for c in token.children):
            continue
        if (
            token.tag_ == "VBN"
            and token.dep_ in {"advcl", "acl"}
            and not any(c.dep_.startswith("aux") for c in token.children)
        ):
            continue  # "Asked whether …, the minister said": the question was put to the speaker, not by them
        if token.i == token.sent.start and token.dep_ == "advcl" and not any(c.dep_ == "nsubj" for c in token.children):
            continue  # "Asked what the plan would include, Cole said …" (a past tense to the tagger)
        if _relays(token, lexicon):
            continue  # "the agency reported that the minister said C": C is the minister's; the agency passes it on
        tokens = _complement(token, lexicon) or _content_before_title(token, lexicon)
        if tokens and token.dep_ == "acl" and not any(t.lower_ == "that" and t.dep_ == "mark" for t in tokens):
            continue  # "people claiming asylum …": a noun's modifier, not someone reporting
        speaker = subject_of(token, lexicon) or (first_noun_of_line(token, lexicon) if crosses_line(token) else None)
        if not tokens or speaker is None or not _animate_enough(token, speaker, lexicon):
            continue
        if speaker.lemma_.lower() in lexicon.non_source_nouns:
            continue  # "laws banning migrants from claiming asylum": rules and plans are nobody speaking
        if is_belief(token, lexicon) and not any(is_according_to(c) for c in token.children):
            continue  # "X believes …" is a view, a statement only when "according to" places it with a source
        bounds = _content_bounds(_in_paragraph(layout, token, tokens), lexicon)
        if bounds is not None:
            yield Clause(*bounds, Attribution(token, speaker, 0.6 if is_belief(token, lexicon) else 0.8))


def _own_attribution(token: Token, lexicon: StatementWords) -> bool:
    """Whether ``token`` reports speech of its own: a speech cue with its own subject and a reported clause after it."""
    return (
        is_cue_verb(token, lexicon)
        and not is_belief(token, lexicon)
        and subject_of(token, lexicon) is not None
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
    )


def _attributions_within(clause: Token, lexicon: StatementWords) -> list[Token]:
    """ "C1, though he said C2", "C1, though it warned that C2": a clause joined to what was said that reports speech
    of its own ends what the first cue reported."""
    joined = (t for t in clause.subtree if t.i > clause.i and t.dep_ in {"advcl", "conj"})
    return [t for t in joined if _own_attribution(t, lexicon)]


def _relays(cue: Token, lexicon: StatementWords) -> bool:
    """Whether the cue's reported clause is itself someone's attribution: a chained one, "X reported that Y said C",
    "Her grandmother told her that C, Anahera says", "Her grandmother, Anahera says, used to tell her that C" (the
    innermost source speaks)."""
    if cue.dep_ == "parataxis":
        inner: Token | None = cue.head  # "…, Anahera says, …" inside the clause it reports
    else:
        after = [c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i]
        before = [c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i]
        inner = after[0] if after else (before[-1] if before else None)
    if inner is None:
        return False
    verbs = [inner]
    if inner.lemma_.lower() in lexicon.habit_verbs:  # "used to tell her that C": the habit's verb carries the cue
        verbs += [c for c in inner.children if c.dep_ == "xcomp"]
    return any(_someone_s_attribution(verb, lexicon) for verb in verbs)


def _someone_s_attribution(verb: Token, lexicon: StatementWords) -> bool:
    """An attribution of its own whose subject may speak: "The speed of the collapse suggests C" is a finding."""
    speaker = subject_of(verb, lexicon)
    return speaker is not None and _own_attribution(verb, lexicon) and _animate_enough(verb, speaker, lexicon)


def _cue_read_as_noun(token: Token, lexicon: StatementWords) -> Clause | None:
    """ "He faces charges of robbery, police allege.": a present-tense cue ending the sentence that the tagger read
    as a noun; what comes before the comma is reported, the word before the cue says by whom."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.speech_verbs or token.i < 3:
        return None
    if token.i + 1 >= len(doc) or doc[token.i + 1].text not in {".", "!"}:
        return None
    source = doc[token.i - 1]
    if source.pos_ not in {"NOUN", "PROPN"} or doc[token.i - 2].text != "," or source.tag_ == "VBG":
        return None
    content = [t for t in token.sent if t.i < token.i - 2]
    bounds = _content_bounds(content, lexicon)
    return Clause(*bounds, Attribution(token, source, 0.7)) if bounds is not None else None


def _in_paragraph(layout: Layout, cue: Token, tokens: list[Token]) -> list[Token]:
    start, end = layout.paragraphs[layout.paragraph_of(cue.idx)]
    return [t for t in tokens if start <= t.idx < end]


def _ends_sentence(according: Token) -> bool:
    """Nothing but punctuation follows the "according to X" phrase in its sentence."""
    after = according.doc[according.right_edge.i + 1 : according.sent.end]
    return all(t.is_punct or t.is_space for t in after)


def _according_clause(layout: Layout, according: Token) -> Clause | None:
    lexicon = layout.lexicon
    source = source_of_according(according)
    if source is None or source.lower_ in lexicon.non_source_nouns or source.lemma_.lower() in lexicon.non_source_nouns:
        return None
    head = according.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    if head.i == according.i or head.dep_ == "relcl" or (is_cue_verb(head, lexicon) and _complement(head, lexicon)):
        return None  # "According to X, Y said that …": the verb's own subject is the speaker
    while head.dep_ == "conj" and head.head.i < head.i and according.i > head.i and _ends_sentence(according):
        head = head.head  # "A and B, according to X": a sentence-final source covers every coordinated clause
    own = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in own]
    bounds = _content_bounds(_in_paragraph(layout, according, tokens), lexicon)
    return Clause(*bounds, Attribution(according, source, 0.75)) if bounds is not None else None
