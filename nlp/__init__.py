"""The NLP stage: articles in, entities, roles, relations and statements out, with character offsets.

Rooms, and what each may import (besides spaCy and the kernel ``core.records/errors/settings``):

- ``nlp.keys``: name folding and canonical entity ids. Imports nothing of nlp.
- ``nlp.naming``: customs of personal names that entities and statements both read (which bearer a bare family
  name has). Imports ``nlp.keys``.
- ``nlp.lexicon``: the word lists and tables the rules consult (gazetteer, first names). Imports ``nlp.keys``.
- ``nlp.entities``: mentions and their types, organisations, laws, events, anaphors, resolution, roles.
  Imports ``nlp.keys``, ``nlp.naming``, ``nlp.lexicon``.
- ``nlp.statements``: quotes, layout, cues, attribution, reported speech, speakers, statement dates.
  Imports ``nlp.keys``, ``nlp.naming``, ``nlp.lexicon``.
- ``nlp.relations``: typed relations between entities. Imports ``nlp.keys``, ``nlp.lexicon``, ``nlp.entities``.
- ``nlp.runtime``: the spaCy pipeline and components, extraction, the extract contract, embeddings, language.
  Imports every room; no room imports it.

Nothing in nlp imports ``graph``, ``queries`` or the app; ``ingest`` is never imported either.
"""
