"""The lexicon: word lists and tables the rules consult, as data files beside this module (the gazetteer with
the user's aliases file over it, common first names).

May import ``nlp.keys`` only.
"""
