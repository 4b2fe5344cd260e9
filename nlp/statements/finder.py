"""Who said what, when: direct, indirect and mixed statements in a parsed chunk of an article.

`find_statements` pairs quotation marks (``quotes``), attributes quotes (``attribution``) and finds reported
clauses (``speech``), resolves each speaker to a canonical entity (``speakers``) and dates the statement: the
article's date unless the attribution itself says when ("said in 2021", "told RSE last year").
A quote with no cue of its own that fills a sentence takes the speaker of the statement just before it
in its paragraph, or in the paragraph before when it opens its own paragraph, else the one person the
sentence before it is about. Names, titles and scare quotes, headlines and captions are not statements.
Each statement says how its speaker was found (its basis) and carries the confidence calibrated for that basis.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from core.records import Entity, Statement, StatementBasis, StatementKind
from nlp.keys import doc_text
from nlp.lexicon.lexicon import Lexicon, StatementWords
from nlp.statements.attribution import (
    attribution_after,
    attribution_before,
    block_quotes,
    evaluative,
    identified_after,
    sentence_subject,
)
from nlp.statements.confidence import (
    chained,
    gender_in_name,
    names_speaker_before,
    speaker_confidence,
    speaker_key,
    text_shape,
)
from nlp.statements.cues import cue_phrase, is_according_to
from nlp.statements.dates import statement_date
from nlp.statements.layout import Attribution, Clause, Layout
from nlp.statements.quotes import Quote, find_quotes
from nlp.statements.speaker_syntax import noun_phrase
from nlp.statements.speakers import MentionIndex, Speaker, SpeakerResolver
from nlp.statements.speech import reported_clauses

log = logging.getLogger(__name__)

# A paragraph ending in one of these (before closing quotes) is complete; otherwise its quote may go on in the next.
# Wider than the layout's SENTENCE_END on purpose: a colon or comma also closes a line that introduces a quote.
PARAGRAPH_END = (".", "!", "?", ":", "…", ")", "]", ",")
CLOSING_MARKS = "\"”’»'›"
CARRY_PARAGRAPHS = 2  # a bare quote paragraph may follow its speaker's paragraph, or a caption after it


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    kind: StatementKind
    attribution: Attribution | None  # None: speaker carried from the statement before
    quotes: list[int] = field(default_factory=list)
    fallback: Attribution | None = None  # the person the sentence before is about, when nothing is carried


def find_statements(
    doc: Doc,
    entities: Sequence[Entity],
    published: str | None,
    offset: int = 0,
    *,
    lexicon: Lexicon,
    mentions: MentionIndex | None = None,
) -> list[Statement]:
    """Statements in ``doc`` (a chunk whose character i is article character i + offset), in article offsets,
    found with the lists of ``lexicon``; ``mentions`` indexes ``entities`` once for all chunks of an article."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    words = lexicon.statements
    layout = Layout(doc, quotes, text, words)
    drafts = _drafts(layout)
    quoted = [(q.open_at + offset, q.close_end + offset) for q in quotes]
    resolver = SpeakerResolver(doc, entities, offset, quoted, words, mentions)
    statements: list[Statement] = []
    last: tuple[Statement, int, Speaker] | None = None
    asker: Speaker | None = None  # who asked the question the statement before was
    for draft in sorted(drafts, key=lambda d: d.start):
        para = layout.paragraph_of(draft.start)
        carries = (
            draft.attribution is None
            and last is not None
            and para - last[1] <= CARRY_PARAGRAPHS
            and _may_carry(layout, draft, last[1])
        )
        if draft.attribution is None and draft.fallback is not None and (not carries or _leads_in(draft, last, offset)):
            draft.attribution = draft.fallback
            carries = False
        if draft.attribution is None:
            if last is None or not carries:
                continue
            statement = _carried(layout, draft, last[0], offset, same_paragraph=para == last[1])
            speaker = last[2]
        else:
            head = draft.attribution.speaker
            resolved = resolver.resolve(head) if head is not None else None
            content = text[draft.start : draft.end]
            if (
                head is not None
                and resolved is not None
                and (
                    _speaks_of(content, head, resolved, words, resolver.nicknames_of(resolved))
                    # "He said neither company had contacted him": reported speech speaks of its speaker as "him"
                    or (
                        draft.kind != "indirect"
                        and resolver.spoken_of(resolved, draft.start + offset, draft.end + offset)
                    )
                    or resolver.kin_within(resolved, draft.start + offset, draft.end + offset)
                )
            ):
                resolved = resolver.resolve(head, avoid=resolved.name) or resolved
            if head is not None and resolved is not None and _answers(draft.attribution, asker, resolved, words):
                resolved = resolver.resolve(head, avoid=resolved.name) or resolved
            if head is not None and resolved is not None and _spoken_to(draft.attribution.cue, resolved, words):
                resolved = resolver.resolve(head, avoid=resolved.name) or resolved
            if resolved is None:
                continue
            speaker = resolved
            statement = _statement(layout, draft, speaker, published, offset, last[0] if last else None)
        resolver.remember(speaker, (statement.start, statement.end))
        statements.append(statement)
        last = (statement, para, speaker)
        if draft.attribution is not None:
            cue = draft.attribution.cue
            asker = speaker if cue is not None and cue.lemma_.lower() in words.question_verbs else None
    return statements


def chain_confidences(statements: Sequence[Statement], text: str, lexicon: StatementWords) -> list[Statement]:
    """An article's statements, in text order, with the confidence of those that lean on the statement before read
    again over the whole article, as its first score is read: a pronoun's group says whether it names the speaker
    before (`names_speaker_before`), which a chunk of the article cannot tell at its start; and a pronoun's or
    carried quote's is its own group when the statement before is not confident and its speaker was heard before
    (`chained`): leaning on an uncertain attribution, it is less sure than one leaning on a confident one."""
    chained_statements: list[Statement] = []
    previous: float | None = None
    previous_speaker: str | None = None
    heard: set[str | None] = set()
    for statement in statements:
        speaker = speaker_key(statement.speaker_id, statement.speaker)
        leans = chained(statement.basis, previous, speaker not in heard)
        if leans or statement.basis == "pronoun":
            statement = replace(
                statement, confidence=_read_again(statement, text, lexicon, previous_speaker, after_uncertain=leans)
            )
        chained_statements.append(statement)
        previous, previous_speaker = statement.confidence, speaker
        heard.add(speaker)
    return chained_statements


def _read_again(
    statement: Statement,
    text: str,
    lexicon: StatementWords,
    previous_speaker: str | None,
    after_uncertain: bool = False,
) -> float:
    """`speaker_confidence` of a statement as the article's text and the speaker of the statement before give it."""
    basis, speaker, mention = statement.basis, statement.speaker, statement.speaker_mention
    return speaker_confidence(
        basis,
        statement.basis_distance,
        statement.speaker_id is not None,
        statement.cue is not None,
        text_shape(text, basis, statement.speaker_id, speaker, mention, lexicon),
        after_uncertain,
        gender_in_name(basis, mention, speaker, lexicon.person_pronouns),
        names_speaker_before(basis, speaker_key(statement.speaker_id, speaker), previous_speaker),
    )


def _leads_in(draft: _Draft, last: tuple[Statement, int, Speaker] | None, offset: int) -> bool:
    """ "Asked whether she worries about the market, Sanchis paused. / "A museum is where things go …"": a bare
    quote after narrative whose last sentence is about another person is that person's, not the last speaker's."""
    if last is None or draft.fallback is None or draft.fallback.speaker is None:
        return False
    subject = draft.fallback.speaker
    return subject.sent.start_char + offset >= last[0].end and last[2].name != subject.text


def _answers(attribution: Attribution, asker: Speaker | None, speaker: Speaker, lexicon: StatementWords) -> bool:
    """ "'You never told the FBI, did you?' Pike asked. 'I was scared,' she replied.": a pronoun that answers the
    question just asked (``asker``: who asked it, if the statement before was a question) is not the one who asked."""
    head = attribution.speaker
    return (
        asker is not None
        and head is not None
        and head.lower_ in lexicon.person_subject_pronouns
        and attribution.cue is not None
        and attribution.cue.lemma_.lower() in lexicon.answer_verbs
        and asker.name == speaker.name
    )


def _speaks_of(
    content: str, head: Token, speaker: Speaker, lexicon: StatementWords, nicknames: Sequence[str] = ()
) -> bool:
    """ "He said, "Andy Warhol was the center of the Zeitgeist"": a pronoun's person named in the third person
    inside the statement is whom the statement is about, not who makes it — by any of their names, the family
    name written first or last ("Mori, he said, had studied video" is not Mori Daisuke's), or a nickname ("Bravo
    is a friend, he says")."""
    if head.lower_ not in lexicon.person_subject_pronouns or not speaker.is_person or len(speaker.name.split()) < 2:
        return False
    names = [w for w in speaker.name.split() if w[:1].isupper() and len(w.strip(".")) > 1] + list(nicknames)
    return any(re.search(rf"\b{re.escape(name)}\b(?!['’]s? (?:own|self))", content) for name in names)


# --- candidates ---------------------------------------------------------------------------------


def _drafts(layout: Layout) -> list[_Draft]:
    direct: dict[int, Attribution] = {}
    for index, quote in enumerate(layout.quotes):
        attribution = attribution_after(layout, index) or attribution_before(layout, index)
        if attribution is not None and _speechlike(layout, quote, attribution):
            direct[index] = attribution
    drafts: list[_Draft] = []
    consumed: set[int] = set()
    for found in reported_clauses(layout):
        clause = _clipped(layout, found)
        if clause is None:
            continue
        inside = [
            i for i, q in enumerate(layout.quotes) if clause.start - 1 <= q.open_at and q.close_end <= clause.end + 1
        ]
        if any(q.open_at <= clause.start and clause.end <= q.close_end for q in layout.quotes):
            continue  # a clause inside a quote belongs to the quote
        if inside and _outside_words(layout, clause.start, clause.end) < 2:
            for i in inside:
                direct.setdefault(i, clause.attribution)
            continue
        own_words = [
            i
            for i in inside
            if not _quoted_name(layout.text[layout.quotes[i].start : layout.quotes[i].end], layout.lexicon)
        ]
        kind: StatementKind = "mixed" if own_words else "indirect"
        consumed.update(inside)
        drafts.append(_Draft(clause.start, clause.end, kind, clause.attribution, inside))
    for index, attribution in direct.items():
        if index not in consumed:
            quote = layout.quotes[index]
            drafts.append(_Draft(quote.start, quote.end, "direct", attribution, [index]))
    drafts.extend(_Draft(b.start, b.end, "direct", b.attribution) for b in block_quotes(layout))
    attributed = consumed | set(direct)
    for index, quote in enumerate(layout.quotes):
        if index not in attributed and _stands_alone(layout, index):
            named_after = identified_after(layout, index)
            drafts.append(
                _Draft(quote.start, quote.end, "direct", named_after, [index], sentence_subject(layout, index))
            )
    return _without_overlaps([d for d in drafts if not _in_headline(layout, d)])


def _clipped(layout: Layout, clause: Clause) -> Clause | None:
    """A reported clause never starts or ends inside a quotation it only partly covers."""
    start, end = clause.start, clause.end
    cue = clause.attribution.cue
    if (
        cue is not None
        and start <= cue.idx < end
        and any(start < q.close_end and q.open_at < end for q in layout.quotes)
    ):
        return None  # a complement wrapped around its own cue: the parts of a split quote
    for quote in layout.quotes:
        if start < quote.open_at < end < quote.close_end:
            lead_in = layout.text[start : quote.open_at].rstrip()
            # `that officials, "… plied …"` runs on into the quote; `: "…"` starts a quotation of its own
            end = quote.open_at if lead_in.endswith(":") else quote.close_end
        elif quote.open_at < start < quote.close_end < end:
            start = quote.close_end
    text = layout.text
    dateline = (
        layout.lexicon.dateline.match(text, start)
        if start == layout.paragraphs[layout.paragraph_of(start)][0]
        else None
    )
    if dateline is not None:
        start = dateline.end()  # "TORONTO — Ontario will …": the wire's place line is not what was said
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if len(re.findall(r"[A-Za-z]+", text[start:end])) < 2:
        return None
    return Clause(start, end, clause.attribution)


def _speechlike(layout: Layout, quote: Quote, attribution: Attribution) -> bool:
    """A quote that reads like something said, not a name or a term in quotation marks."""
    lexicon = layout.lexicon
    tokens = [t for t in layout.tokens(quote.start, quote.end) if not t.is_space]
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return False
    if _reads_as_title(layout, quote, attribution, words):
        return False
    if tokens[-1].text in {".", ",", "!", "?", "…", ";"} or len(words) >= 8:
        return True
    cue = attribution.cue
    if cue is not None and cue.lemma_.lower() in lexicon.naming_cues and len(words) == 1 and evaluative(words[0]):
        return True  # `called the defence "frivolous" and …`: one word of judgement
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in words)
    if attribution.cue is not None and any(t.dep_ in {"dobj", "dative"} and t.head == attribution.cue for t in words):
        return False  # `told "The Times"`: the quote is who was told
    return has_verb and len(words) >= 3


def _reads_as_title(layout: Layout, quote: Quote, attribution: Attribution, words: list[Token]) -> bool:
    """`wrote "The Art of War," a book …`: a capitalised name straight after the verb, without a comma or colon."""
    cue = attribution.cue
    if cue is None or cue.idx > quote.open_at or len(words) < 2 or len(words) > 8:
        return False
    if any(mark in layout.text[cue.idx + len(cue.text) : quote.open_at] for mark in ",:"):
        return False
    content = [t for t in words if not t.is_stop or t.i == words[0].i]
    capitalised = sum(t.text[:1].isupper() for t in content)
    return capitalised == len(content) and not layout.text[quote.start : quote.end].rstrip().endswith((".", "!", "?"))


def _quoted_name(content: str, lexicon: StatementWords) -> bool:
    """ "Freedom Convoy", "Better Idea of Afghan Girls,": a capitalised name in quotation marks, not someone's words."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", content)
    if not words or len(words) > 6 or content.rstrip().endswith((".", "!", "?", "…")):
        return False
    return all(w[0].isupper() for w in words if w.lower() not in lexicon.name_link_words)


def _outside_words(layout: Layout, start: int, end: int) -> int:
    """Letters of the span that lie outside every quotation, ignoring "that"."""
    text = layout.text
    chars = [text[i] for i in range(start, end) if layout.quote_at(i) is None]
    return len(re.sub(r"\bthat\b|[^A-Za-z]", "", "".join(chars)))


def _stands_alone(layout: Layout, index: int) -> bool:
    """A quote that fills its sentence(s) on its own: a candidate for the previous speaker."""
    quote = layout.quotes[index]
    before = layout.tokens(*layout.clause_before(index))
    after = layout.tokens(*layout.clause_after(index))
    if any(not (t.is_punct or t.is_space) for t in before + after):
        return False
    words = [t for t in layout.tokens(quote.start, quote.end) if not (t.is_punct or t.is_space)]
    opens_line = layout.paragraphs[layout.paragraph_of(quote.open_at)][0] >= quote.open_at - 1
    # a short sentence right after a quote in the same paragraph ("It's heartbreaking.") is the same voice
    return len(words) >= (4 if opens_line else 2) and any(t.pos_ in {"VERB", "AUX"} for t in words)


def _may_carry(layout: Layout, draft: _Draft, last_para: int) -> bool:
    para = layout.paragraph_of(draft.start)
    if para == last_para:
        return True
    quote = layout.quotes[draft.quotes[0]]
    return layout.paragraphs[para][0] >= quote.open_at - 1  # the quote opens its paragraph


def _in_headline(layout: Layout, draft: _Draft) -> bool:
    """Headlines and captions: short lines without final punctuation are not reported speech."""
    if draft.attribution is not None and draft.attribution.cue is None:
        return False  # a quote signed with a dash and a name: `"…" - Matthew Ingram`
    cue = draft.attribution.cue if draft.attribution else None
    at = cue.idx if cue is not None else draft.start
    start, end = layout.paragraphs[layout.paragraph_of(at)]
    line = layout.text[start:end].strip()
    if any(not q.closed and start <= q.open_at < end for q in layout.quotes):
        return False  # a quote left open, not a headline
    # a closing mark ends a paragraph only after the sentence's own stop: `… they said."`, not `plan 'on track'`
    unquoted = line.rstrip(CLOSING_MARKS)
    ends = unquoted.endswith(PARAGRAPH_END) if unquoted != line else line.endswith(PARAGRAPH_END)
    return not ends and len(line.split()) < 25


def _without_overlaps(drafts: list[_Draft]) -> list[_Draft]:
    """Drop a statement nested in another (a cue inside reported speech) or mostly overlapping a stronger one."""
    kept: list[_Draft] = []
    ranked = sorted(drafts, key=lambda d: (-(d.end - d.start), -_confidence(d)))
    for draft in ranked:
        clash = False
        for other in kept:
            overlap = min(draft.end, other.end) - max(draft.start, other.start)
            if overlap > 0.5 * (draft.end - draft.start):
                clash = True
                break
        if not clash:
            kept.append(draft)
    return sorted(kept, key=lambda d: d.start)


def _confidence(draft: _Draft) -> float:
    return draft.attribution.confidence if draft.attribution else 0.6


# --- building records ---------------------------------------------------------------------------


def _statement(
    layout: Layout, draft: _Draft, speaker: Speaker, published: str | None, offset: int, previous: Statement | None
) -> Statement:
    """``previous``: the chunk's statement before, whose speaker a pronoun's confidence asks about
    (`chain_confidences` asks again over the whole article)."""
    doc, text, lexicon = layout.doc, layout.text, layout.lexicon
    attribution = draft.attribution
    assert attribution is not None
    cue = None if attribution.from_context else attribution.cue  # "speaker from context": no cue, no mention
    sent_start, sent_end = _evidence(doc, text, draft.start, draft.end, cue)
    basis: StatementBasis = "context" if attribution.from_context else speaker.basis
    distance = _sentences_back(layout, attribution, speaker, offset) if basis in {"pronoun", "description"} else None
    shape = text_shape(layout.text, basis, speaker.entity_id, speaker.name, speaker.mention, lexicon)
    before = speaker_key(previous.speaker_id, previous.speaker) if previous is not None else None
    confidence = speaker_confidence(
        basis,
        distance,
        speaker.entity_id is not None,
        cue is not None,
        shape,
        gender_named=gender_in_name(basis, speaker.mention, speaker.name, lexicon.person_pronouns),
        speaker_before=names_speaker_before(basis, speaker_key(speaker.entity_id, speaker.name), before),
    )
    return Statement(
        start=draft.start + offset,
        end=draft.end + offset,
        text=text[draft.start : draft.end],
        kind=draft.kind,
        speaker=speaker.name,
        speaker_mention=None if attribution.from_context else speaker.mention,
        speaker_id=speaker.entity_id,
        cue=cue_phrase(cue) if cue is not None else None,
        addressee=_addressee(cue, lexicon) if cue is not None else None,
        date=statement_date(cue, published, lexicon) if cue is not None else published,
        sentence=text[sent_start:sent_end],
        sentence_start=sent_start + offset,
        sentence_end=sent_end + offset,
        confidence=confidence,
        basis=basis,
        basis_distance=distance,
    )


def _sentences_back(layout: Layout, attribution: Attribution, speaker: Speaker, offset: int) -> int | None:
    """How many sentences before the words at the cue the mention a pronoun or description stands for is (0: the
    same sentence); quoted sentences do not count. A mention in an earlier chunk is at least the chunk's start."""
    if speaker.antecedent_at is None or attribution.speaker is None:
        return None
    ends = layout.sentence_ends
    at = attribution.speaker.idx
    back = bisect_left(ends, at) - bisect_left(ends, speaker.antecedent_at - offset)
    return max(0, back) + (1 if speaker.antecedent_at < offset else 0)


def _carried(layout: Layout, draft: _Draft, previous: Statement, offset: int, same_paragraph: bool) -> Statement:
    """A quote in the voice of the statement before: it keeps that attribution within its paragraph
    (`"A," Marinović told RSE. "B."`); a paragraph of its own has its speaker from context only."""
    text = layout.text
    sent_start, sent_end = _evidence(layout.doc, text, draft.start, draft.end, None)
    cue = previous.cue if same_paragraph else None
    return Statement(
        start=draft.start + offset,
        end=draft.end + offset,
        text=text[draft.start : draft.end],
        kind="direct",
        speaker=previous.speaker,
        speaker_mention=previous.speaker_mention if same_paragraph else None,
        speaker_id=previous.speaker_id,
        cue=cue,
        addressee=previous.addressee if same_paragraph else None,
        date=previous.date,
        sentence=text[sent_start:sent_end],
        sentence_start=sent_start + offset,
        sentence_end=sent_end + offset,
        confidence=speaker_confidence(
            "carried",
            None,
            previous.speaker_id is not None,
            cue is not None,
            text_shape(text, "carried", previous.speaker_id, previous.speaker, None, layout.lexicon),
        ),
        basis="carried",
    )


def _evidence(doc: Doc, text: str, start: int, end: int, cue: Token | None) -> tuple[int, int]:
    """Characters of the sentence(s) holding the statement and its cue."""
    points = [start, max(start, end - 1)] + ([cue.idx] if cue is not None else [])
    low, high = min(points), max(points)
    first = doc.char_span(low, low + 1, alignment_mode="expand")
    last = doc.char_span(high, high + 1, alignment_mode="expand")
    sent_start = first.sent.start_char if first is not None and len(first) else low
    sent_end = last.sent.end_char if last is not None and len(last) else high + 1
    while sent_end > end and text[sent_end - 1].isspace():  # the line break a sentence ends on is no evidence
        sent_end -= 1
    while sent_start < start and text[sent_start].isspace():
        sent_start += 1
    return sent_start, sent_end


def _spoken_to(cue: Token | None, speaker: Speaker, lexicon: StatementWords) -> bool:
    """Whether a speaker found by a pronoun or a description is the one the cue says the words were said to
    ("she says to McAllister" is not McAllister): nobody is told what they say themselves."""
    if cue is None or speaker.basis not in {"pronoun", "description"}:
        return False
    addressee = _addressee(cue, lexicon)
    names = set(speaker.name.split())
    return addressee is not None and addressee[:1].isupper() and set(addressee.split()) <= names


def _addressee(cue: Token, lexicon: StatementWords) -> str | None:
    """Who or what it was said to: "told RSE", "said to reporters", "in an interview with CNN"."""
    if is_according_to(cue):
        return None
    for child in cue.children:
        if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in lexicon.addressee_verbs and child.pos_ != "PRON":
            return noun_phrase(child).text
        if child.dep_ in {"dobj", "dative"} and child.pos_ == "PRON" and child.lower_ != "it":
            return child.text
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0]).text
        if child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            # "in a filing with the exchange", "in a submission to the inquiry": a document is addressed too
            media = lexicon.medium_nouns | lexicon.source_carrier_nouns
            for medium in (c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in media):
                for prep in (c for c in medium.children if c.dep_ == "prep" and c.lower_ in {"with", "to"}):
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    if objects:
                        return noun_phrase(objects[0]).text
    return None
