"""Whether the main text trafilatura found in a page is an article, and if not, what the page is instead.

trafilatura extracts the main text of any page it is given: on a cookie wall it returns the consent notice, on
a 404 page the apology, on a section front the teasers, on a menu page the menu. It has no notion of a page
without an article, so that judgement is made here, on the text it found and the page it came from.

Length alone cannot make it: a correction notice is 30 words, a consent notice 300. The tests are on what the
sentences are: a page is refused when every sentence-like line of its text is a link's text, a teaser next to
a link to another article, or the site speaking to the reader about cookies, a missing page or signing in.
A brief, a wire item or a correction has at least one sentence that is none of these.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

MIN_ARTICLE_WORDS = 20
MIN_SENTENCE_WORDS = 8

NO_MAIN_TEXT = "no main text found in the page"
ONLY_LINKS = "only links and navigation"
TEASERS = "a list of other articles' teasers"

# The site addressing its reader: notices are written to "you" about "our" site; news sentences rarely are.
_ADDRESSES_READER = re.compile(r"\b(?:we|we're|our|us|you|you're|your)\b", re.IGNORECASE)
_NOTICES = (
    (
        "a cookie or consent notice, not an article",
        re.compile(
            r"\bcookies?\b|\bconsent\b|\bpartners\b|privacy (?:settings|policy|options)|personali[sz]ed"
            r"|accept all|reject all|manage (?:options|preferences|settings)|\btracking\b",
            re.IGNORECASE,
        ),
    ),
    (
        "an error page (page not found), not an article",
        re.compile(
            r"\b404\b|not (?:be )?found|(?:could|can)(?:not|n't| not) (?:be )?f(?:ou)?nd|no longer (?:available|exists)"
            r"|does(?:n't| not) exist|been (?:re)?moved|deleted|the (?:address|url|link)\b|home ?page|search"
            r"|something went wrong|an error",
            re.IGNORECASE,
        ),
    ),
    (
        "a sign-in or subscription page, not an article",
        re.compile(
            r"\b(?:sign|log)(?:ged)?[ -]?(?:in|on|up)\b|subscri(?:be|ber|bers|ption)|password|\baccount\b"
            r"|\bregister\b|unlimited access|(?:keep|continue) reading",
            re.IGNORECASE,
        ),
    ),
)
_HEADLINE_LINKS = (
    "//*[self::h1 or self::h2 or self::h3 or self::h4][.//a[@href]]"
    " | //a[@href]/*[self::h1 or self::h2 or self::h3 or self::h4]"
)


def no_article_reason(text: str | None, page: HtmlElement) -> str | None:
    """None when ``text`` reads as an article; otherwise what the page is, for a ``no article: …`` skip."""
    lines = _sentence_lines(text)
    if not lines:
        return NO_MAIN_TEXT
    links = _link_texts(page)
    prose = [line for line in lines if line not in links]
    if not prose:
        return ONLY_LINKS
    notice = _notice_kind(prose)
    if notice:
        return notice
    if _all_teasers(prose, page):
        return TEASERS
    return None


def _sentence_lines(text: str | None) -> list[str]:
    """The lines long enough to be sentences, whitespace collapsed; none when the text is too short overall."""
    if not text or len(text.split(None, MIN_ARTICLE_WORDS)) < MIN_ARTICLE_WORDS:
        return []
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if len(line.split(None, MIN_SENTENCE_WORDS)) >= MIN_SENTENCE_WORDS]


def _link_texts(page: HtmlElement) -> set[str]:
    return {" ".join(link.text_content().split()) for link in page.iter("a")}


def _notice_kind(prose: list[str]) -> str | None:
    """The kind of notice every line is, when each addresses the reader in a notice's words."""
    if not all(_ADDRESSES_READER.search(line) for line in prose):
        return None
    for reason, words in _NOTICES:
        if all(words.search(line) for line in prose):
            return reason
    # A notice of two kinds (a sign-in wall that also mentions cookies): each line belongs to one of them.
    if all(any(words.search(line) for _, words in _NOTICES) for line in prose):
        counts = [(sum(bool(words.search(line)) for line in prose), reason) for reason, words in _NOTICES]
        return max(counts, key=lambda count: count[0])[1]
    return None


def _all_teasers(prose: list[str], page: HtmlElement) -> bool:
    """Every line sits in a block led by a headline that links elsewhere, and there are several such blocks.

    An article page may link its own headline (one block holding the whole story) and may show cards of
    related stories beside it; only a page whose every sentence is in one of several cards is an index.
    """
    blocks = []
    for headline in page.xpath(_HEADLINE_LINKS):
        block = headline.getparent()
        if block is not None and block.tag == "a":
            block = block.getparent()
        if block is not None:
            blocks.append(" ".join(block.text_content().split()))
    if len(set(blocks)) < 2:
        return False
    return all(any(line in block for block in blocks) for line in prose)
