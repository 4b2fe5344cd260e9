"""Running the NLP stage: loading the spaCy pipeline with the project's components, extraction over a stream of
articles, the JSON Lines contract of `newsgraph extract`, statement embeddings and language detection.

May import every room of nlp; the rooms never import it.
"""
