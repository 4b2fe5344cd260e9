"""Finding the attribution of quotes and the reported clauses of indirect speech in a parsed chunk.

Direct quotes are attributed by where the cue sits: after the quote (`"…," X said.` / `"…," said X.`),
before it (`X said: "…"`, `X told reporters "…"`, the paragraph before ending in `X said:`, the sentence
before being `X issued a statement.`), between the parts of a split quote, or as a dash and a name after
it. Indirect speech comes from the dependency parse: a reporting verb with a clausal complement
("X said (that) C", "C, X said", "C1, said X, C2", "As X told Y, C", "X told Y in a statement that C"),
an infinitive after claim-like verbs, and "according to X, C". A paragraph after one ending in
`X denied the allegations:` is a block quote. The parser often runs a sentence across a line break; a cue
that lost its subject that way takes the first noun of its own line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from nlp.cues import (
    AFTER_QUOTE_ONLY,
    MEDIUM_NOUNS,
    NON_SOURCE_NOUNS,
    SAYING_NOUNS,
    WEAK_CUES,
    XCOMP_VERBS,
    is_according_to,
    is_belief,
    is_cue_verb,
    needs_clause,
)
from nlp.quotes import Quote, paragraph_spans
from nlp.speakers import entity_span, source_of_according, subject_of

SENTENCE_END = {".", "!", "?", "…"}
DASHES = {"-", "–", "—", "--"}
# Tokens allowed between a cue and the quote it introduces ("said in a statement on Friday: …").
LINK_DEPS = {
    "dobj",
    "dative",
    "prep",
    "advmod",
    "npadvmod",
    "prt",
    "agent",
    "nsubj",
    "pobj",
    "appos",
    "dep",
    "xcomp",
    "advcl",
}
COMPLEMENT_MARKS = {"that", "whether", "if"}


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Token | None  # the reporting verb or "according"; None for `"…" - Name`
    speaker: Token | None  # the token naming the speaker at the cue
    confidence: float
    from_context: bool = False  # the speaker comes from the sentence before, not from a cue of this quote


@dataclass(frozen=True, slots=True)
class Clause:
    """Reported content found by the parse: doc character span plus its attribution."""

    start: int
    end: int
    attribution: Attribution


class Layout:
    """Paragraphs, quotes and sentence ends of one doc, for region arithmetic in characters."""

    def __init__(self, doc: Doc, quotes: list[Quote], text: str) -> None:
        self.doc = doc
        self.text = text
        self.quotes = quotes
        self.paragraphs = paragraph_spans(text) or [(0, len(text))]
        self._para_starts = [s for s, _ in self.paragraphs]
        self._quote_starts = [q.open_at for q in quotes]
        self.sentence_ends = [t.idx for t in doc if t.text in SENTENCE_END and self.quote_at(t.idx) is None]

    def paragraph_of(self, at: int) -> int:
        return max(0, bisect_right(self._para_starts, at) - 1)

    def quote_at(self, at: int) -> Quote | None:
        """The quote whose marks enclose character ``at``."""
        i = bisect_right(self._quote_starts, at) - 1
        if i >= 0 and self.quotes[i].open_at <= at < self.quotes[i].close_end:
            return self.quotes[i]
        return None

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        return [t for t in span if start <= t.idx < end] if span is not None else []

    def clause_before(self, index: int) -> tuple[int, int]:
        """Characters from the start of the clause holding quote ``index`` up to its opening mark."""
        quote = self.quotes[index]
        para_start = self.paragraphs[self.paragraph_of(quote.open_at)][0]
        start = para_start
        if index > 0 and self.quotes[index - 1].close_end > start:
            start = self.quotes[index - 1].close_end
        i = bisect_right(self.sentence_ends, quote.open_at) - 1
        if i >= 0 and self.sentence_ends[i] + 1 > start:
            start = self.sentence_ends[i] + 1
        return start, quote.open_at

    def clause_after(self, index: int) -> tuple[int, int]:
        """Characters from the closing mark of quote ``index`` to the end of its sentence."""
        quote = self.quotes[index]
        end = self.paragraphs[self.paragraph_of(max(quote.start, quote.close_end - 1))][1]
        if index + 1 < len(self.quotes) and self.quotes[index + 1].open_at < end:
            end = self.quotes[index + 1].open_at
        i = bisect_right(self.sentence_ends, quote.close_end - 1)
        if i < len(self.sentence_ends) and self.sentence_ends[i] + 1 < end:
            end = self.sentence_ends[i] + 1
        return quote.close_end, end


def _is_bare(tokens: list[Token]) -> bool:
    """Nothing but punctuation and connectives: the quote starts its own sentence."""
    return all(t.is_punct or t.is_space or t.dep_ == "cc" or t.lower_ in {"and", "but", "so"} for t in tokens)


def _speaker_token(cue: Token, region: list[Token]) -> Token | None:
    if is_according_to(cue):
        return source_of_according(cue)
    subject = subject_of(cue)
    if subject is not None:
        return subject
    # A parse that hangs the attribution off the quote: take the first noun after the cue ("said KCNA").
    after = [t for t in region if t.i > cue.i and t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if after:
        return after[0]
    return first_noun_of_line(cue)


def first_noun_of_line(cue: Token) -> Token | None:
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
            return token if token.lemma_.lower() not in MEDIUM_NOUNS else None
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass", "advcl", "amod"}:
            return None  # a verb before any noun: not a subject-first clause
    return None


def _crosses_line(cue: Token) -> bool:
    """The parser attached the cue to a word on another line."""
    head = cue
    while head.dep_ in {"conj", "advcl", "xcomp", "ccomp", "parataxis"} and head.head.i != head.i:
        head = head.head
        low, high = sorted((head.i, cue.i))
        if any("\n" in t.text or "\n" in t.whitespace_ for t in cue.doc[low:high]):
            return True
    return False


def attribution_after(layout: Layout, index: int) -> Attribution | None:
    """`"…," X said.` / `"…," said X, the Y of Z.` / `"…" - Name`: the cue right after the quote."""
    quote = layout.quotes[index]
    before = layout.tokens(*layout.clause_before(index))
    if not _is_bare(before):
        return None
    region = [t for t in layout.tokens(*layout.clause_after(index)) if not t.is_space]
    if not region:
        return None
    if region[0].text in DASHES or (region[0].is_punct and len(region) > 1 and region[1].text in DASHES):
        names = [t for t in region[:4] if t.ent_type_ == "PERSON"]  # an outlet after a dash is a source list
        signed = layout.text[quote.start : quote.end].rstrip().endswith((".", "!", "?", "…"))  # not a headline
        if names and signed:
            return Attribution(None, names[0], 0.75)
    runs_on = layout.text[quote.start : quote.close_end].rstrip("\"”’»' ").endswith(",")
    hands_over = layout.text[quote.start : quote.close_end].rstrip("\"”’»' ").endswith((",", "?", "!"))
    for token in region:
        spoken_after = hands_over and token.lemma_.lower() in AFTER_QUOTE_ONLY  # `"Why?" she asked.`
        if is_according_to(token) or (is_cue_verb(token) and (not needs_clause(token) or spoken_after)):
            if not runs_on and any(_opens_own_clause(layout, token, c) for c in token.children):
                return None  # "… Rathbun asserted that …": the cue opens a statement of its own
            speaker = _speaker_token(token, region)
            if speaker is not None and layout.quote_at(speaker.idx) is None:
                return Attribution(token, speaker, 0.9)
        if token.pos_ in {"VERB", "AUX"} and token.dep_ in {"ROOT", "conj", "parataxis"} and not is_cue_verb(token):
            return None  # another verb comes first: the quote belongs to a longer sentence
    return None


def _opens_own_clause(layout: Layout, cue: Token, child: Token) -> bool:
    """A complement after the cue that is not simply the next part of a split quote."""
    if child.dep_ != "ccomp" or child.i < cue.i:
        return False
    edges = [t for t in child.subtree if not t.is_punct]
    return bool(edges) and layout.quote_at(edges[0].idx) is None


def _links_cue_to_quote(cue: Token, between: list[Token]) -> bool:
    """Every word between the cue and the opening mark belongs to the cue's own frame."""
    frame: set[int] = set()
    for child in cue.children:
        if child.dep_ in LINK_DEPS or child.is_punct:
            frame.update(t.i for t in child.subtree)
    for token in between:
        if token.is_punct or token.is_space or token.lower_ in COMPLEMENT_MARKS or token.dep_ in {"cc", "advmod"}:
            continue
        if token.i not in frame:
            return False
    return True


def attribution_before(layout: Layout, index: int) -> Attribution | None:
    """`X said: "…"`, `X told reporters "…"`, `…," he said, "…"`, or a paragraph ending `X stated:`."""
    quote = layout.quotes[index]
    start, end = layout.clause_before(index)
    region = [t for t in layout.tokens(start, end) if not t.is_space]
    para = layout.paragraph_of(quote.open_at)
    if not region and layout.paragraphs[para][0] >= quote.open_at - 1 and para > 0:
        prev_start, prev_end = layout.paragraphs[para - 1]
        tail = [t for t in layout.tokens(prev_start, prev_end) if not t.is_space]
        if tail and tail[-1].text in {",", ":"}:
            region = tail
    if not region:
        return _announced_before(layout, index)
    return _cue_leading_into(layout, region) or _colon_intro(layout, quote, region)


def _colon_intro(layout: Layout, quote: Quote, region: list[Token]) -> Attribution | None:
    """`Union president Lana Payne put it bluntly: "Workers are fed up."`: a sentence about a person that
    opens a full quoted sentence with a colon introduces that person's words, whatever its verb."""
    if region[-1].text != ":" or not layout.text[quote.start : quote.end].endswith((".", "!", "?", "…")):
        return None
    inside = {t.i for t in region}
    roots = [t for t in region if t.pos_ in {"VERB", "AUX"} and (t.head.i == t.i or t.head.i not in inside)]
    if len(roots) != 1 or any(c.dep_ == "neg" for c in roots[0].children):
        return None
    objects = [c for c in roots[0].children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if any(c.lemma_.lower() not in MEDIUM_NOUNS | SAYING_NOUNS for c in objects):
        return None  # `the Guardian cited one question as an example: "…"` quotes a text, not the subject's words
    subjects = [c for c in roots[0].children if c.dep_ == "nsubj" and layout.quote_at(c.idx) is None]
    if not subjects or not (subjects[0].ent_type_ in {"PERSON", "ORG"} or subjects[0].lower_ in {"he", "she"}):
        return None
    return Attribution(None, subjects[0], 0.7)


def _cue_leading_into(layout: Layout, region: list[Token]) -> Attribution | None:
    """The cue at the end of ``region`` whose frame runs up to what follows (a quote or a block quote)."""
    for token in reversed(region):
        if layout.quote_at(token.idx) is not None:
            break
        if not (is_cue_verb(token) or is_according_to(token)) or token.dep_ == "amod":
            continue
        between = [t for t in region if t.i > token.i]
        if is_according_to(token):
            source = source_of_according(token)
            ok = source is not None and all(t.is_punct or t.i in {s.i for s in source.subtree} for t in between)
            return Attribution(token, source, 0.8) if ok else None
        if _links_cue_to_quote(token, between):
            speaker = _speaker_token(token, [])
            if speaker is not None and layout.quote_at(speaker.idx) is not None:
                speaker = _earlier_speaker(layout, region, token)  # `"A," X said, before adding, "B."`
            return Attribution(token, speaker, 0.85) if speaker is not None else None
        return None
    return None


def _earlier_speaker(layout: Layout, region: list[Token], cue: Token) -> Token | None:
    """The speaker of an earlier cue in the region, when the parse gave ``cue`` a subject inside a quote."""
    for token in reversed([t for t in region if t.i < cue.i]):
        if is_cue_verb(token) and layout.quote_at(token.idx) is None:
            subject = subject_of(token)
            if subject is not None and layout.quote_at(subject.idx) is None:
                return subject
    return None


def block_quotes(layout: Layout) -> Iterator[Clause]:
    """A paragraph without quotation marks after one ending `the Church denied these allegations:`."""
    for para in range(1, len(layout.paragraphs)):
        start, end = layout.paragraphs[para]
        prev_start, prev_end = layout.paragraphs[para - 1]
        if not layout.text[prev_start:prev_end].rstrip().endswith(":"):
            continue
        if any(
            start <= q.close_end and q.open_at < end for q in layout.quotes if q.end - q.start > 0.5 * (end - start)
        ):
            continue  # the paragraph is itself in quotation marks
        tail = [t for t in layout.tokens(prev_start, prev_end) if not t.is_space]
        attribution = _cue_leading_into(layout, tail)
        if attribution is None:
            continue
        end = _narrative_resumes(layout, start, end)
        body = layout.text[start:end].strip()
        if body.endswith((".", "!", "?", "…")) and len(body.split()) >= 4:
            first = start + (len(layout.text[start:end]) - len(layout.text[start:end].lstrip()))
            yield Clause(first, first + len(body), attribution)


def _narrative_resumes(layout: Layout, start: int, end: int) -> int:
    """Where a block quote stops: at the first sentence reporting someone else ("They also claimed …")."""
    tokens = layout.tokens(start, end)
    for sent in {t.sent.start: t.sent for t in tokens}.values():
        if sent.start_char <= start:
            continue
        for token in sent:
            subject = subject_of(token) if is_cue_verb(token) else None
            if subject is not None and subject.lower_ not in {"i", "we"}:
                return sent.start_char
    return end


def _sentence_before(layout: Layout, index: int) -> tuple[int, int] | None:
    """Characters of the sentence just before quote ``index``, within its paragraph."""
    quote = layout.quotes[index]
    para_start = layout.paragraphs[layout.paragraph_of(quote.open_at)][0]
    i = bisect_right(layout.sentence_ends, quote.open_at) - 1
    if i < 0 or layout.sentence_ends[i] < para_start:
        return None
    start = layout.sentence_ends[i - 1] + 1 if i > 0 and layout.sentence_ends[i - 1] >= para_start else para_start
    return start, layout.sentence_ends[i]


def sentence_subject(layout: Layout, index: int) -> Attribution | None:
    """`Smith was blunt. "This is a disaster."`: a bare quote after a sentence whose subject is a person."""
    bounds = _sentence_before(layout, index)
    if bounds is None:
        return None
    tokens = layout.tokens(*bounds)
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    people = {e.start for t in tokens if t.ent_type_ == "PERSON" and (e := entity_span(t)) is not None}
    if len(roots) != 1 or len(people) != 1:
        return None  # two people in the sentence before: no telling whose words these are
    subjects = [c for c in roots[0].children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"]
    return Attribution(None, subjects[0], 0.5, from_context=True) if subjects else None


def _announced_before(layout: Layout, index: int) -> Attribution | None:
    """`Cornyn issued a statement. "Like many Texans, …"`: the sentence before names who speaks and how."""
    bounds = _sentence_before(layout, index)
    if bounds is None:
        return None
    for token in layout.tokens(*bounds):
        verb = token.head
        if token.dep_ == "dobj" and token.lemma_.lower() in MEDIUM_NOUNS and verb.pos_ == "VERB":
            subject = subject_of(verb)
            if subject is not None and layout.quote_at(subject.idx) is None:
                return Attribution(verb, subject, 0.7, from_context=True)
    return None


def _content_bounds(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of a reported clause, without a leading "that" or trailing punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (
        tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in COMPLEMENT_MARKS or tokens[0].dep_ == "cc"
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


def _complement(cue: Token) -> list[Token] | None:
    """The reported clause governed by a cue verb, if it has one."""
    complements = [c for c in cue.children if c.dep_ == "ccomp" and not _absolute(c)]
    if any(c.i > cue.i for c in complements):
        complements = [c for c in complements if c.i > cue.i]  # "X said that C" before "C, X said"
    if not complements and cue.lemma_.lower() in XCOMP_VERBS:
        complements = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if complements:
        clause = complements[0]
        marks = [c for c in clause.children if c.dep_ == "mark"]
        if marks and marks[0].lower_ in {"whether", "if"} and cue.lemma_.lower() != "ask":
            return None  # "did not say whether …" reports nothing; "asked whether …" reports a question
        tokens = [t for c in complements for t in c.subtree]
        # "C, he said, adding…" — the cue's own words never belong to what was said.
        own = {cue.i} | {t.i for c in cue.children if c not in complements for t in c.subtree}
        own |= {t.i for c in complements for p in _trailing_participles(c) for t in (cue.doc[p.i - 1], *p.subtree)}
        return [t for t in tokens if t.i not in own]
    if cue.dep_ == "parataxis" and cue.head.i < cue.i and cue.head.pos_ in {"VERB", "AUX"}:
        return [t for t in cue.head.subtree if t.i < cue.left_edge.i]
    if _interjected(cue):
        # "Recipients, said Maurer, must …" / "As Heald told the Post, ozone has dropped."
        left, right = _attribution_edges(cue)
        if any(c.lower_ == "as" for c in cue.children):
            left, right = cue.left_edge.i, cue.right_edge.i
        return [t for t in (*cue.head.subtree, *cue.subtree) if not left <= t.i <= right]
    return _medium_clause(cue)


def _absolute(clause: Token) -> bool:
    """ "…," she said, her voice breaking: a participle without auxiliary or subordinator is no reported clause."""
    return clause.tag_ == "VBG" and not any(
        c.dep_ in {"aux", "auxpass", "mark"} or (c.dep_ == "nsubj" and c.pos_ == "PRON") for c in clause.children
    )


def _trailing_participles(clause: Token) -> list[Token]:
    """ "said the road would reopen, adding that C" / "stressed that A and cautioned that C": a second cue
    inside the reported clause reports C on its own."""
    return [
        t
        for t in clause.subtree
        if t.dep_ in {"advcl", "conj", "xcomp"} and t.i > clause.i and (is_participial_cue(t) or _second_cue(t))
    ]


def is_participial_cue(token: Token) -> bool:
    """ ", adding that …" / ", noting that …": a speech verb's participle set off by a comma, with a clause."""
    doc = token.doc
    return (
        token.tag_ == "VBG"
        and token.i > 0
        and doc[token.i - 1].text == ","
        and is_cue_verb(token)
        and any(c.dep_ == "ccomp" for c in token.children)
    )


def _second_cue(token: Token) -> bool:
    """ "… and cautioned that C": a coordinated cue without a subject of its own, with its own clause."""
    doc = token.doc
    return (
        token.dep_ == "conj"
        and token.i > 0
        and doc[token.i - 1].dep_ == "cc"
        and is_cue_verb(token)
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
        and any(c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in token.children)
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


def _medium_clause(cue: Token) -> list[Token] | None:
    """ "told LA Weekly in a statement that C" / "confirmed to CBC News that C": the parser hung the clause
    from the medium or the addressee, not from the verb."""
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for medium in (
            c for c in prep.children if c.dep_ == "pobj" and (c.lemma_.lower() in MEDIUM_NOUNS or prep.lower_ == "to")
        ):
            for clause in medium.children:
                if clause.dep_ in {"acl", "ccomp", "relcl"} and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    return list(clause.subtree)
    return None


def _animate_enough(cue: Token, speaker: Token) -> bool:
    """Belief verbs and weak cues need a person, organisation or personal pronoun as subject."""
    if not (is_belief(cue) or cue.lemma_.lower() in WEAK_CUES):
        return True
    return speaker.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or speaker.lower_ in {"he", "she", "they", "we"}


def reported_clauses(layout: Layout) -> Iterator[Clause]:
    """Indirect (and mixed) speech: every cue outside quotes with a reported clause."""
    for token in layout.doc:
        if layout.quote_at(token.idx) is not None:
            continue
        if is_according_to(token):
            clause = _according_clause(layout, token)
            if clause is not None:
                yield clause
            continue
        if not is_cue_verb(token) or token.dep_ == "amod" or any(c.dep_ == "neg" for c in token.children):
            continue
        if (
            token.tag_ == "VBN"
            and token.dep_ in {"advcl", "acl"}
            and not any(c.dep_.startswith("aux") for c in token.children)
        ):
            continue  # "Asked whether …, the minister said": the question was put to the speaker, not by them
        tokens = _complement(token)
        if tokens and token.dep_ == "acl" and not any(t.lower_ == "that" and t.dep_ == "mark" for t in tokens):
            continue  # "people claiming asylum …": a noun's modifier, not someone reporting
        speaker = subject_of(token) or (first_noun_of_line(token) if _crosses_line(token) else None)
        if not tokens or speaker is None or not _animate_enough(token, speaker):
            continue
        if is_belief(token) and not any(is_according_to(c) for c in token.children):
            continue  # "X believes …" is a view, a statement only when "according to" places it with a source
        bounds = _content_bounds(_in_paragraph(layout, token, tokens))
        if bounds is not None:
            yield Clause(*bounds, Attribution(token, speaker, 0.6 if is_belief(token) else 0.8))


def _in_paragraph(layout: Layout, cue: Token, tokens: list[Token]) -> list[Token]:
    start, end = layout.paragraphs[layout.paragraph_of(cue.idx)]
    return [t for t in tokens if start <= t.idx < end]


def _according_clause(layout: Layout, according: Token) -> Clause | None:
    source = source_of_according(according)
    if source is None or source.lower_ in NON_SOURCE_NOUNS or source.lemma_.lower() in NON_SOURCE_NOUNS:
        return None
    head = according.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    if head.i == according.i or head.dep_ == "relcl" or (is_cue_verb(head) and _complement(head)):
        return None  # "According to X, Y said that …": the verb's own subject is the speaker
    own = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in own]
    bounds = _content_bounds(_in_paragraph(layout, according, tokens))
    return Clause(*bounds, Attribution(according, source, 0.75)) if bounds is not None else None
