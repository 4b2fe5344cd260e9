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
from collections.abc import Iterator

from lxml.html import HtmlElement

MIN_ARTICLE_WORDS = 20
MIN_SENTENCE_WORDS = 8
# Menus and teaser lists that trafilatura keeps as main text are short; reading a page's links and headlines
# costs up to a fifth of the extraction time, so longer texts are only checked for notices.
LINKS_CHECKED_BELOW_WORDS = 400

NO_MAIN_TEXT = "no main text found in the page"
ONLY_LINKS = "only links and navigation"
TEASERS = "a list of other articles' teasers"
_SEPARATORS = ("|", "·", "•", "/", "-", "–", "—", "")

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
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HEADLINES = frozenset(_HEADINGS[:4])


def no_article_reason(text: str | None, page: HtmlElement) -> str | None:
    """None when ``text`` reads as an article; otherwise what the page is, for a ``no article: …`` skip."""
    if not text or len(text.split(None, MIN_ARTICLE_WORDS)) < MIN_ARTICLE_WORDS:
        return NO_MAIN_TEXT
    if len(text.split(None, LINKS_CHECKED_BELOW_WORDS)) > LINKS_CHECKED_BELOW_WORDS:
        # Only a notice could pass for a long article; the first sentence not spoken to the reader settles it.
        if not all(_ADDRESSES_READER.search(line) for line in _sentence_lines(text)):
            return None
        return _notice_kind(list(_sentence_lines(text)))
    lines = list(_sentence_lines(text))
    if not lines:
        return NO_MAIN_TEXT
    labels, teaser_blocks = _labels_and_teaser_blocks(page)
    prose = [line for line in lines if line not in labels]
    if not prose:
        return ONLY_LINKS
    notice = _notice_kind(prose)
    if notice:
        return notice
    if _all_teasers(prose, teaser_blocks):
        return TEASERS
    return None


def _sentence_lines(text: str) -> Iterator[str]:
    """The lines long enough to be sentences, whitespace collapsed."""
    for line in text.splitlines():
        words = line.split()
        if len(words) >= MIN_SENTENCE_WORDS:
            yield " ".join(words)


def _labels_and_teaser_blocks(page: HtmlElement) -> tuple[set[str], set[str]]:
    """The texts of links and headings, and of the blocks led by a headline that is a link (one pass)."""
    labels, blocks = set(), set()
    for element in page.iter("a", *_HEADINGS):
        labels.add(" ".join(element.text_content().split()))
        if element.tag == "a" or element.tag not in _HEADLINES:
            continue
        parent = element.getparent()
        if parent is not None and parent.tag == "a":
            block = parent.getparent()
        elif element.find(".//a[@href]") is not None:
            block = parent
        else:
            continue
        if block is not None:
            blocks.add(" ".join(block.text_content().split()))
    return labels, blocks


def without_link_edges(text: str, page: HtmlElement) -> str:
    """The text without the lines of link text it starts or ends with: menus and link lists around the story.

    trafilatura's fallbacks take a table layout's whole cell or column, menus and "most read" links included;
    the story's own lines are never a link's whole text.
    """
    lines = text.splitlines()
    if not lines or all(len(lines[at].split(None, MIN_SENTENCE_WORDS)) > MIN_SENTENCE_WORDS for at in (0, -1)):
        return text  # the usual case, decided without reading the page's links
    links = {" ".join(link.text_content().split()) for link in page.iter("a")}
    links.update(_SEPARATORS)
    start, end = 0, len(lines)
    while start < end and " ".join(lines[start].split()) in links:
        start += 1
    while end > start and " ".join(lines[end - 1].split()) in links:
        end -= 1
    return "\n".join(lines[start:end]) if start < end else text


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


def _all_teasers(prose: list[str], blocks: set[str]) -> bool:
    """Every line sits in a block led by a headline that links elsewhere, and there are several such blocks.

    An article page may link its own headline (one block holding the whole story) and may show cards of
    related stories beside it; only a page whose every sentence is in one of several cards is an index.
    """
    return len(blocks) >= 2 and all(any(line in block for block in blocks) for line in prose)
