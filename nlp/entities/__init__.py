"""Entities: finding mentions (NER retyped by rules, the gazetteer, datelines, quoted names, anaphors),
organisations, laws and events named by rule, resolving mentions into canonical entities, and people's roles.

May import ``nlp.keys`` and ``nlp.lexicon``; never ``nlp.statements``, ``nlp.relations`` or ``nlp.runtime``.
"""
