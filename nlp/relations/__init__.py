"""Relations between entities found in a sentence's syntax.

May import ``nlp.keys``, ``nlp.lexicon`` and ``nlp.entities`` (mentions); never ``nlp.statements`` or ``nlp.runtime``.
"""
