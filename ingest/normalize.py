"""Text, date and URL normalisation, done once before an Article is made.

Every character offset in the system points into ``Article.text``, so the text is normalised here and
nowhere else: Unicode NFC, non-breaking and other exotic spaces to a plain space, CRLF/CR and Unicode
line separators to LF, invisible characters removed, trailing spaces and runs of blank lines trimmed.

URLs come from users and from other people's documents, so ``url_problem`` says why one is not a
well-formed absolute http(s) URL before anything parses, fetches or stores it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

import courlan

logger = logging.getLogger(__name__)

# Spaces that look like a space to a reader but break tokenisers and exact-quote search.
_SPACE_LIKE_CHARS = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f"
_SPACE_LIKE = re.compile(f"[{_SPACE_LIKE_CHARS}]+")
# Invisible characters with no meaning in news text (zero-width space, BOM, soft hyphen, word joiner) and
# control characters. Zero-width (non-)joiners are kept: they change how some scripts are written.
_DELETED = re.compile("[\u200b\ufeff\u00ad\u2060\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACE_RUN = re.compile(r" {2,}")
_SPACES_AROUND_BREAKS = re.compile(r" *\n *")
_BLANK_RUN = re.compile(r"\n{3,}")
_ASCII_TO_SPACE = bytes.maketrans(b"\t\v\f", b"   ")
_ASCII_DELETED = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
# European day-first dates: 02.12.2022. / 2.12.2022 / 02/12/2022 / 02-12-2022
_DAY_FIRST_DATE = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\.?\s*$")
_EARLIEST_YEAR = 1800

WEB_SCHEMES = ("http", "https")
MAX_URL_CHARS = 2048  # the sitemap protocol's limit; article addresses are far shorter
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # C0, DEL, C1, line breaks: no URL holds them
_BRACKETED_HOST = re.compile(r"^\[[^\[\]]+\](?::\d*)?$")  # [IPv6] and an optional port, nothing else
_HOST_LABEL = re.compile(r"^[a-z0-9_-]{1,63}$")  # after IDNA; underscores and hyphens occur in real host names


def normalize_text(text: str) -> str:
    """The one normalisation of article text (see module docstring); idempotent.

    Each regex pass is guarded by a substring test: this runs on every article, most texts need few of
    the changes, and ``in`` is a hundred times faster than a regex scan that finds nothing.
    """
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _LINE_BREAKS.sub("\n", text)
    if text.isascii():
        text = _without_ascii_controls(text)
    else:
        text = unicodedata.normalize("NFC", text)
        if any(char in text for char in _SPACE_LIKE_CHARS):
            text = _SPACE_LIKE.sub(" ", text)
        if not text.replace("\n", "").isprintable():  # control and format characters are unprintable
            text = _DELETED.sub("", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACES_AROUND_BREAKS.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def _without_ascii_controls(text: str) -> str:
    data = text.encode("ascii")
    cleaned = data.translate(_ASCII_TO_SPACE).translate(None, _ASCII_DELETED)
    return text if cleaned == data else cleaned.decode("ascii")


def normalize_inline(value: str | None) -> str | None:
    """A one-line field (title, author, site name): normalised text on one line, or None when empty."""
    if value is None:
        return None
    flat = " ".join(normalize_text(str(value)).split())
    return flat or None


def parse_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, or None.

    ISO dates and European day-first dates (``02.12.2022.``) are read directly; anything else goes to
    dateparser with day-first order. Dates before 1800 or after tomorrow are refused as misreadings.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date())
    if isinstance(value, dt.date):
        return _plausible(value)
    text = str(value).strip()
    if not text:
        return None
    for pattern, order in ((_ISO_DATE, (1, 2, 3)), (_DAY_FIRST_DATE, (3, 2, 1))):
        match = pattern.match(text)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return _plausible(dt.date(year, month, day))
            except ValueError:
                return None
    return _parse_free_date(text)


def _parse_free_date(text: str) -> str | None:
    import dateparser  # imported on first use: it takes a second to load its language data

    parsed = dateparser.parse(
        text[:200],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]},
    )
    return _plausible(parsed.date()) if parsed else None


def _plausible(day: dt.date) -> str | None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    if day.year < _EARLIEST_YEAR or day > tomorrow:
        logger.debug("implausible date %s ignored", day)
        return None
    return day.isoformat()


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed absolute http(s) URL, in one line; None when it is one.

    Syntax only, no network: length, control characters, scheme, host (bracketed IPv6, or a name whose
    labels pass IDNA), port. Whether the address may be fetched is ``ingest.netguard.check_url``'s question.
    """
    if len(url) > MAX_URL_CHARS:
        return f"malformed URL (too long: {len(url):,} characters, the limit is {MAX_URL_CHARS:,})"
    if _URL_CONTROL.search(url):
        return "malformed URL (control characters)"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        return f"malformed URL ({str(e)[:100]})"
    if not _URL_SCHEME.match(url):
        return "not an absolute http(s) URL"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"scheme {parts.scheme.lower()}:// is not fetched, only http and https"
    if not parts.hostname:
        return "no host name"
    if port == 0:
        return "malformed URL (port 0)"
    host_and_port = parts.netloc.rpartition("@")[2]
    if host_and_port.startswith("["):  # urlsplit checked the address between the brackets
        return None if _BRACKETED_HOST.match(host_and_port) else "malformed URL (text after the IPv6 address)"
    return _host_problem(parts.hostname)


def shown_url(url: str, limit: int = 300) -> str:
    """A URL as a one-line, bounded name for a skipped item: control characters escaped, cut at ``limit``."""
    shown = _URL_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", url[:limit])
    return shown + "…" if len(url) > limit else shown


def _host_problem(host: str) -> str | None:
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return "malformed URL (the host is not a valid international domain name)"
    name = host.removesuffix(".")
    if len(name) > 253 or not all(_HOST_LABEL.match(label) for label in name.split(".")):
        return "malformed URL (invalid host name)"
    return None


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL used for identity and deduplication, or None.

    A malformed URL (``url_problem``) gives None, so a bad address in a document drops only that field.
    courlan lower-cases scheme and host, drops default ports, sorts the query and strips tracking
    parameters (utm_*, fbclid, …); the fragment is dropped because it never names another article, and
    credentials (``user:password@``) because they must not be stored.
    """
    if not url:
        return None
    url = url.strip()
    try:
        if base and not _URL_SCHEME.match(url):
            url = courlan.fix_relative_urls(base, url)
        if url_problem(url) is not None:
            return None
        parts = urlsplit(courlan.normalize_url(url))
        host_and_port = parts.netloc.rpartition("@")[2]  # credentials are never part of an article's address
        return urlunsplit(parts._replace(netloc=host_and_port, fragment=""))
    except ValueError:
        return None


def article_id(url: str | None, text_hash: str) -> str:
    """Stable id: from the canonical URL when there is one, else from the content hash."""
    if url:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    return text_hash[:32]
