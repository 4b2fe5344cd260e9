"""The reporting-cue lexicon: verbs and phrases that introduce who said what.

Lemmas are matched on spaCy's lemmatiser output, so "said", "says" and "saying" all match "say".
The lists are grouped by how strongly the verb signals speech: a plain speech verb ("say") is
certain, a verb of belief ("think") is only a statement when its subject is the one speaking.
"""

from __future__ import annotations

from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    "accuse acknowledge add admit advise affirm agree allege announce answer argue ask assert assure blog boast brag "
    "caution characterise characterize charge claim clarify comment complain concede conclude concur confirm "
    "confide contend continue counter criticise criticize cry declare demand deny describe disagree disclose elaborate "
    "emphasise emphasize exclaim explain highlight hint imply indicate inform insist joke lament laugh maintain "
    "mention note observe pledge point post predict proclaim promise protest publish question quip reason recall "
    "recommend recount reiterate relate release remark remind repeat reply report respond retort reveal say scream "
    "shout sigh signal specify speculate state stress suggest tell testify theorise theorize threaten tweet underline "
    "underscore urge vow warn whisper write"
)

# Verbs of belief and knowledge: statements only when they carry a reported clause.
BELIEF_VERBS = _words("believe doubt feel reckon think")

# Cues that only count with a clause after them ("X described ..." alone is not speech).
CLAUSE_ONLY = _words(
    "accuse agree ask charge continue criticise criticize cry demand describe disagree indicate laugh "
    "point publish question release signal urge"
)

# Verbs that report with an infinitive: "he claimed to have...", "she denied taking...".
XCOMP_VERBS = _words("admit claim deny insist pledge promise threaten vow")

CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS
QUOTE_OPENERS = "\"“„«‘'"

# "the ministry said in a statement" — nouns that name the medium of a statement, never the speaker.
MEDIUM_NOUNS = _words(
    "blog briefing broadcast conference e-mail email interview letter message op-ed post press release "
    "remarks report speech statement tweet video"
)

# "according to the plan" is not a statement; "according to police" is.
NON_SOURCE_NOUNS = _words(
    "age agreement bible calendar constitution contract custom design guidelines instructions law laws "
    "legend map myth need needs order plan plans policy procedure protocol regulation regulations rule "
    "rules schedule script scripture size standard standards theory timetable tradition type"
)

# Nouns that stand for their source: "according to a report by BIRN" names BIRN as the speaker.
SOURCE_CARRIER_NOUNS = _words(
    "account analysis article data document documents estimate estimates figures filing interview "
    "investigation letter memo note poll post release report statement study survey tweet"
)

# Days and months: never a speaker, whatever the parser says ("Posts … from Friday theorized").
CALENDAR_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight "
    "january february march april june july august september october november december"
)

# Subjects a weak cue ("show", "reveal") needs to count as someone speaking.
WEAK_CUES = _words("suggest indicate signal show reveal find confirm")

# Weak cues that report a finding, never speech, whoever the subject ("researchers found that …").
FINDING_VERBS = _words("find show")
# Unnamed official speakers a weak cue may have ("Police confirmed …", "Officials indicated …").
OFFICIAL_NOUNS = _words(
    "police official authority spokesperson spokesman spokeswoman investigator prosecutor officer "
    "government administration ministry court coroner"
)

# Last words of an organisation's name: "Premier League", "Chief Executives Board" are no titled person.
ORGANISATION_NAME_ENDS = _words(
    "inc ltd corp co group association council party league committee society institute centre center team "
    "service services board agency authority commission union foundation fund trust network"
)

# "the company said": nouns that stand for the organisation named just before.
ORGANISATION_NOUNS = _words(
    "company firm agency organization organisation ministry department union bank university club council "
    "board network foundation corporation retailer manufacturer airline broadcaster charity insurer"
)

# North American news abbreviates titles before a name (AP and CP style); later mentions use the full word.
TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "cpl": "corporal",
    "const": "constable",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "capt": "captain",
    "gen": "general",
    "col": "colonel",
    "dr": "doctor",
    "prof": "professor",
    "coun": "councillor",
    "atty": "attorney",
    "rev": "reverend",
    "amb": "ambassador",
    "adm": "admiral",
}
# Honorifics before a name: "Mr. Alvarez", "Dr. Anita Sharma".
HONORIFICS = _words("mr mrs ms miss dr sir dame lady lord madam")
# Prepositions that name members of a group: "Critics, including Coun. X, argue" — the group speaks, not X.
MEMBER_PREPOSITIONS = frozenset({"including", "like", "such"})
# Determiners an unnamed speaker is written without ("some experts" → "experts").
GROUP_DETERMINERS = {"the", "a", "an", "some", "several", "many"}

# "had a simple message for voters:", "gave a blunt answer:" — objects that announce the subject's own words.
SAYING_NOUNS = frozenset({"message", "answer", "response", "reply", "warning", "advice", "word", "words", "view"})
# Cues that need a clause before reported speech but report the quote they follow (`"Why?" she asked.`,
# `"…," he continued.`).
AFTER_QUOTE_ONLY = frozenset({"ask", "continue", "agree", "demand", "laugh", "cry", "question", "urge", "disagree"})

# Words that open a reported clause and are not part of it ("said that …", "asked whether …").
COMPLEMENT_MARKS = frozenset({"that", "whether", "if"})

# "the Sudbury native told reporters", "the grandmother said": words news uses for a person it has named.
DESCRIPTION_NOUNS = _words(
    "native resident veteran mother father grandmother grandfather son daughter wife husband widow widower "
    "retiree evacuee volunteer graduate"
)
# People and offices that may be someone not yet named ("the victim said", "the mayor said"): they stand for
# the person named before only with a modifier ("the three-term congresswoman", "the Winnipeg man").
OFFICE_NOUNS = _words(
    "man woman person teen teenager girl boy sister brother parent owner homeowner tenant neighbour neighbor "
    "victim survivor patient student witness voter commuter shopper fan bystander passenger customer caregiver "
    "protester demonstrator driver farmer worker employee nurse doctor physician surgeon paramedic teacher "
    "principal professor lawyer attorney officer constable sergeant detective firefighter politician lawmaker "
    "legislator congressman congresswoman senator councillor councilor alderman mayor premier minister leader "
    "candidate incumbent chief executive founder chairman chairwoman chair director manager coach player athlete "
    "swimmer skater economist analyst scientist researcher author artist musician singer actor actress activist "
    "advocate organizer organiser entrepreneur mp mpp mla spokesman spokeswoman justice judge governor president"
)
PERSON_NOUNS = DESCRIPTION_NOUNS | OFFICE_NOUNS
FEMALE_NOUNS = _words(
    "woman girl mother grandmother daughter wife widow sister congresswoman chairwoman actress spokeswoman"
)
MALE_NOUNS = _words("man boy father grandfather son husband widower brother congressman chairman actor spokesman")

# Verbs that quote the speaker's own words for something: `called the ruling "dangerous"`, `described the plan
# as "reckless"`.
NAMING_CUES = _words("call describe characterize characterise label brand")

# Words never taken as the speaker themselves.
NON_SPEAKER_WORDS = _words("it one that there this what which")


def is_cue_verb(token: Token) -> bool:
    """A token that can introduce reported speech: a speech verb or a verb of belief."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"}:
        return _mistagged_cue(token)
    lemma = token.lemma_.lower()
    if lemma == "point":
        return any(child.lower_ == "out" for child in token.children)
    if lemma == "call":
        return any(child.lower_ == "for" for child in token.children)  # "call for", never "call X Y"
    if lemma == "read":  # "the statement read", never "the sign read" or "she read the report"
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in MEDIUM_NOUNS | SOURCE_CARRIER_NOUNS for c in token.children
        )
    return lemma in CUE_LEMMAS


def _mistagged_cue(token: Token) -> bool:
    """ "The Department notes, "…"": a present-tense cue the tagger read as a plural noun, right before a quote."""
    doc = token.doc
    lemma = token.lemma_.lower()
    if token.tag_ != "NNS" or lemma not in SPEECH_VERBS or lemma in CLAUSE_ONLY or token.i + 2 >= len(doc):
        return False
    return doc[token.i + 1].text in {",", ":"} and doc[token.i + 2].text[:1] in QUOTE_OPENERS


def needs_clause(token: Token) -> bool:
    """True for cues that only report speech when followed by a clause."""
    lemma = token.lemma_.lower()
    return lemma in CLAUSE_ONLY or lemma in BELIEF_VERBS


def is_belief(token: Token) -> bool:
    return token.lemma_.lower() in BELIEF_VERBS


def is_according_to(token: Token) -> bool:
    """ "according" heading "to X": the attribution of a whole clause to X."""
    if token.lower_ != "according":
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ == "to"


def cue_phrase(token: Token) -> str:
    """The cue as written: the verb, with its particle for phrasal cues ("pointed out")."""
    if is_according_to(token):
        return f"{token.text} {token.nbor(1).text}"
    particles = [c for c in token.children if c.i == token.i + 1 and (c.dep_ == "prt" or c.lower_ == "for")]
    if particles:
        return f"{token.text} {particles[0].text}"
    return token.text
