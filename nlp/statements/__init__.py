"""Statements: who said what, when. Quotation marks and paragraph layout, speech cues, attribution of quotes,
reported (indirect) speech, speaker resolution to canonical entities, and statement dates.

May import ``nlp.keys`` and ``nlp.lexicon``; never ``nlp.entities`` internals, ``nlp.relations`` or ``nlp.runtime``
(entities arrive as ``core.records.Entity``).
"""
