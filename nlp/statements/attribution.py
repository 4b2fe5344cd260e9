"""Who a quote belongs to: the cue and speaker of a direct quote, found by where the cue sits.

After the quote (`"…," X said.` / `"…," said X.` / `"…" - Name`), before it (`X said: "…"`, `X told
reporters "…"`, the paragraph before ending in `X said:`, the sentence before being `X issued a statement.`),
between the parts of a split quote, or a colon after a sentence about a person. A paragraph after one
ending in `X denied the allegations:` is a block quote.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Token

from nlp.lexicon.lexicon import StatementWords
from nlp.statements.cues import is_according_to, is_cue_verb, needs_clause
from nlp.statements.layout import Attribution, Clause, Layout
from nlp.statements.quotes import Quote
from nlp.statements.speaker_syntax import entity_span, first_noun_of_line, source_of_according, subject_of

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


def _is_bare(tokens: list[Token]) -> bool:
    """Nothing but punctuation and connectives: the quote starts its own sentence."""
    return all(t.is_punct or t.is_space or t.dep_ == "cc" or t.lower_ in {"and", "but", "so"} for t in tokens)


def _speaker_token(cue: Token, region: list[Token], lexicon: StatementWords) -> Token | None:
    if is_according_to(cue):
        return source_of_according(cue)
    subject = subject_of(cue, lexicon)
    if subject is not None:
        return subject
    # A parse that hangs the attribution off the quote: take the first noun after the cue ("said KCNA").
    after = [t for t in region if t.i > cue.i and t.pos_ in {"PROPN", "NOUN", "PRON"}]
    addressed = cue.lemma_.lower() in lexicon.addressee_verbs  # "said KCNA" is the speaker, "told members" not
    told = after[0] if after else None
    while told is not None and told.dep_ == "compound" and told.head.i > told.i:
        told = told.head  # "told the Tehran Herald": the object is the name's head
    if told is not None and addressed and told.dep_ in {"dobj", "dative"} and told.head.i == cue.i:
        # "…," the club's chair, Jukka-Pekka Heinonen, told members: whom the cue tells is never the speaker,
        # who stands before it however the parse hung the name (a person's name first: an apposition after it
        # names an office's department)
        people = [t for t in region if t.i < cue.i and t.ent_type_ == "PERSON"]
        names = [t for t in region if t.i < cue.i and t.pos_ == "PROPN"]
        nouns = [t for t in region if t.i < cue.i and t.pos_ == "NOUN"]
        before = people or names or nouns
        return before[-1] if before else first_noun_of_line(cue, lexicon)
    if after:
        return after[0]
    return first_noun_of_line(cue, lexicon)


def attribution_after(layout: Layout, index: int) -> Attribution | None:
    """`"…," X said.` / `"…," said X, the Y of Z.` / `"…" - Name`: the cue right after the quote."""
    lexicon = layout.lexicon
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
        spoken_after = hands_over and token.lemma_.lower() in lexicon.after_quote_cues  # `"Why?" she asked.`
        if is_according_to(token) or (
            is_cue_verb(token, lexicon) and (not needs_clause(token, lexicon) or spoken_after)
        ):
            if not runs_on and any(_opens_own_clause(layout, token, c) for c in token.children):
                return None  # "… Rathbun asserted that …": the cue opens a statement of its own
            speaker = _speaker_token(token, region, lexicon)
            if speaker is not None and layout.quote_at(speaker.idx) is None:
                return Attribution(token, speaker, 0.9)
        if (
            token.pos_ in {"VERB", "AUX"}
            and token.dep_ in {"ROOT", "conj", "parataxis"}
            and not is_cue_verb(token, lexicon)
        ):
            if _quoted_as(token):
                continue  # `"…," X was quoted as saying`: the cue is the participle after "as"
            return None  # another verb comes first: the quote belongs to a longer sentence
    return None


def _opens_own_clause(layout: Layout, cue: Token, child: Token) -> bool:
    """A complement after the cue that is not simply the next part of a split quote."""
    if child.dep_ != "ccomp" or child.i < cue.i:
        return False
    edges = [t for t in child.subtree if not t.is_punct]
    return bool(edges) and layout.quote_at(edges[0].idx) is None


def _links_cue_to_quote(cue: Token, between: list[Token], lexicon: StatementWords) -> bool:
    """Every word between the cue and the opening mark belongs to the cue's own frame."""
    frame: set[int] = set()
    for child in cue.children:
        if child.dep_ in LINK_DEPS or child.is_punct:
            frame.update(t.i for t in child.subtree)
    for token in between:
        if (
            token.is_punct
            or token.is_space
            or token.lower_ in lexicon.complement_marks
            or token.dep_ in {"cc", "advmod"}
        ):
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
    return (
        _cue_leading_into(layout, region)
        or _colon_intro(layout, quote, region)
        or _called(layout, quote, region)
        or _second_called(layout, index, region)
    )


def _quoted_as(verb: Token) -> bool:
    """ "was quoted as saying": the verb of the reporter, not of the speaker."""
    return verb.lemma_.lower() == "quote" and any(c.lower_ == "as" and c.dep_ == "prep" for c in verb.children)


def _called(layout: Layout, quote: Quote, region: list[Token]) -> Attribution | None:
    """`The governor called the decision "deeply flawed."`: the speaker's own words for something, quoted as the
    complement of "call" (or of "describe … as")."""
    lexicon = layout.lexicon
    words = [t for t in layout.tokens(quote.start, quote.end) if t.is_alpha]
    if not words or all(t.text[:1].isupper() for t in words if not t.is_stop):
        return None  # capitalised words are a name (`called the project "Green Streets."`)
    if len(words) == 1 and not evaluative(words[0]):
        return None  # one word that judges nothing is a label
    inside = {t.i for t in words}
    roots = [t for t in words if t.head.i not in inside]
    if len(roots) != 1:
        return None
    verb = roots[0].head
    if verb.lower_ == "as" and verb.dep_ == "prep":
        verb = verb.head
    named_thing = any(c.dep_ == "dobj" and c.idx < quote.open_at for c in verb.children) or _object_taken_in(
        verb, roots[0], quote
    )
    if verb.lemma_.lower() not in lexicon.naming_cues or not named_thing or verb.i not in {t.i for t in region}:
        return None
    if roots[0].dep_ not in {"oprd", "xcomp", "ccomp", "acomp", "pobj", "dobj", "amod"}:
        return None
    speaker = subject_of(verb, lexicon)
    if speaker is None or layout.quote_at(speaker.idx) is not None:
        return None
    return Attribution(verb, speaker, 0.7)


def _second_called(layout: Layout, index: int, region: list[Token]) -> Attribution | None:
    """`called the ruling "dangerous" and "ideological"`: a quoted word coordinated with the quote before it
    shares that quote's naming cue."""
    lexicon = layout.lexicon
    if index == 0 or any(not (t.is_punct or t.dep_ == "cc") for t in region):
        return None
    before = layout.quotes[index - 1]
    words = [t for t in layout.tokens(layout.quotes[index].start, layout.quotes[index].end) if t.is_alpha]
    if not any(t.dep_ == "conj" and before.start <= t.head.idx < before.end for t in words):
        return None
    first = attribution_before(layout, index - 1)
    return (
        first
        if first is not None and first.cue is not None and first.cue.lemma_.lower() in lexicon.naming_cues
        else None
    )


def _object_taken_in(verb: Token, complement: Token, quote: Quote) -> bool:
    """`called the ruling "disappointing."`: the parser took the object for a modifier of the quoted word."""
    return any(not c.is_punct and verb.i < c.i and c.idx < quote.open_at for c in complement.children)


def evaluative(word: Token) -> bool:
    """`called the ruling "disappointing"`: one lowercase adjective is the speaker's judgement, not a label."""
    return word.text.islower() and (word.pos_ == "ADJ" or word.tag_ in {"JJ", "JJR", "JJS"})


def _colon_intro(layout: Layout, quote: Quote, region: list[Token]) -> Attribution | None:
    """`Union president Lana Payne put it bluntly: "Workers are fed up."`: a sentence about a person that
    opens a full quoted sentence with a colon introduces that person's words, whatever its verb."""
    lexicon = layout.lexicon
    if region[-1].text != ":" or not layout.text[quote.start : quote.end].endswith((".", "!", "?", "…")):
        return None
    inside = {t.i for t in region}
    roots = [t for t in region if t.pos_ in {"VERB", "AUX"} and (t.head.i == t.i or t.head.i not in inside)]
    if len(roots) != 1 or any(c.dep_ == "neg" for c in roots[0].children):
        return None
    objects = [c for c in roots[0].children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if any(c.lemma_.lower() not in lexicon.medium_nouns | lexicon.saying_nouns for c in objects):
        return None  # `the Guardian cited one question as an example: "…"` quotes a text, not the subject's words
    subjects = [c for c in roots[0].children if c.dep_ == "nsubj" and layout.quote_at(c.idx) is None]
    if not subjects or not (
        subjects[0].ent_type_ in {"PERSON", "ORG"} or subjects[0].lower_ in lexicon.person_subject_pronouns
    ):
        return None
    return Attribution(None, subjects[0], 0.7)


def _cue_leading_into(layout: Layout, region: list[Token]) -> Attribution | None:
    """The cue at the end of ``region`` whose frame runs up to what follows (a quote or a block quote)."""
    lexicon = layout.lexicon
    for token in reversed(region):
        if layout.quote_at(token.idx) is not None:
            break
        if not (is_cue_verb(token, lexicon) or is_according_to(token)) or token.dep_ == "amod":
            continue
        between = [t for t in region if t.i > token.i]
        if is_according_to(token):
            source = source_of_according(token)
            ok = source is not None and all(t.is_punct or t.i in {s.i for s in source.subtree} for t in between)
            return Attribution(token, source, 0.8) if ok else None
        if _links_cue_to_quote(token, between, lexicon):
            speaker = _speaker_token(token, [], lexicon)
            if speaker is not None and layout.quote_at(speaker.idx) is not None:
                speaker = _earlier_speaker(layout, region, token)  # `"A," X said, before adding, "B."`
            return Attribution(token, speaker, 0.85) if speaker is not None else None
        return None
    return None


def _earlier_speaker(layout: Layout, region: list[Token], cue: Token) -> Token | None:
    """The speaker of an earlier cue in the region, when the parse gave ``cue`` a subject inside a quote."""
    lexicon = layout.lexicon
    for token in reversed([t for t in region if t.i < cue.i]):
        if is_cue_verb(token, lexicon) and layout.quote_at(token.idx) is None:
            subject = subject_of(token, lexicon)
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
    lexicon = layout.lexicon
    tokens = layout.tokens(start, end)
    for sent in {t.sent.start: t.sent for t in tokens}.values():
        if sent.start_char <= start:
            continue
        for token in sent:
            subject = subject_of(token, lexicon) if is_cue_verb(token, lexicon) else None
            if subject is not None and subject.lower_ not in lexicon.first_person_subjects:
                return sent.start_char
    return end


def _sentence_before(layout: Layout, index: int) -> tuple[int, int] | None:
    """Characters of the sentence just before quote ``index``: within its paragraph, or the last sentence of the
    paragraph before when the quote opens its own paragraph."""
    quote = layout.quotes[index]
    para = layout.paragraph_of(quote.open_at)
    para_start = layout.paragraphs[para][0]
    i = bisect_right(layout.sentence_ends, quote.open_at) - 1
    if i < 0:
        return None
    if layout.sentence_ends[i] >= para_start:
        start = layout.sentence_ends[i - 1] + 1 if i > 0 and layout.sentence_ends[i - 1] >= para_start else para_start
        return start, layout.sentence_ends[i]
    if para == 0 or layout.text[para_start : quote.open_at].strip():
        return None
    prev_start, prev_end = layout.paragraphs[para - 1]
    end = layout.sentence_ends[i]
    if end < prev_start or layout.text[end + 1 : prev_end].strip():
        return None  # the paragraph before does not end with that sentence
    start = layout.sentence_ends[i - 1] + 1 if i > 0 and layout.sentence_ends[i - 1] >= prev_start else prev_start
    return start, end


def sentence_subject(layout: Layout, index: int) -> Attribution | None:
    """`Smith was blunt. "This is a disaster."`: a bare quote after a sentence whose subject is a person."""
    bounds = _sentence_before(layout, index)
    if bounds is None:
        return None
    tokens = layout.tokens(*bounds)
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    people = {e.start for t in tokens if t.ent_type_ == "PERSON" and (e := entity_span(t)) is not None}
    if len(roots) != 1 or len(people) > 1:
        return None  # two people in the sentence before: no telling whose words these are
    pronouns = layout.lexicon.person_subject_pronouns
    subjects = [
        c
        for c in roots[0].children
        if c.dep_ == "nsubj"
        and (c.ent_type_ == "PERSON" or (not people and (c.pos_ == "PROPN" or c.lower_ in pronouns)))
    ]
    return Attribution(None, subjects[0], 0.5, from_context=True) if subjects else None


def identified_after(layout: Layout, index: int) -> Attribution | None:
    """ "'She's the only scientist who washes up her own mug.' / That is Col Brennan, the skipper, …": a quote that
    ends its paragraph, and the next paragraph opens by saying whose words they were ("That is …", "That was …",
    "This is …") and names a person. Features bring in a voice this way, after its words."""
    quote = layout.quotes[index]
    para = layout.paragraph_of(max(quote.start, quote.close_end - 1))
    if para + 1 >= len(layout.paragraphs) or layout.text[quote.close_end : layout.paragraphs[para][1]].strip():
        return None
    start, end = layout.paragraphs[para + 1]
    tokens = [t for t in layout.tokens(start, end) if not t.is_space]
    if len(tokens) < 3 or tokens[0].lower_ not in {"that", "this"} or tokens[1].lemma_ != "be":
        return None
    named = next((t for t in tokens[2:] if t.dep_ == "attr" and t.head.i == tokens[1].i), None)
    if named is None or named.ent_type_ != "PERSON":
        return None  # "That is the problem", "That was 1995"
    return Attribution(None, named, 0.5, from_context=True)


def _announced_before(layout: Layout, index: int) -> Attribution | None:
    """`Cornyn issued a statement. "Like many Texans, …"`: the sentence before names who speaks and how."""
    lexicon = layout.lexicon
    bounds = _sentence_before(layout, index)
    if bounds is None:
        return None
    for token in layout.tokens(*bounds):
        verb = token.head
        if token.dep_ == "dobj" and token.lemma_.lower() in lexicon.medium_nouns and verb.pos_ == "VERB":
            subject = subject_of(verb, lexicon)
            if subject is not None and layout.quote_at(subject.idx) is None:
                return Attribution(verb, subject, 0.7, from_context=True)
    return None
