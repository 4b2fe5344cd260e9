"""The kernel every stage imports: typed records (``records``), the exception root (``errors``) and the one
settings object (``settings``), and the reading of dates every stage shares (``dates``, ``dateline``). It imports
nothing of the project; the stages and the shell import it."""

__version__ = "0.2.0"
