"""Bytes to text: declared encodings first, then UTF-8, then detection; binary data is refused.

Serbian, Croatian and Bosnian news still circulates in Windows-1250, ISO-8859-2 and Windows-1251, so
those must come back right, not as mojibake. charset_normalizer does the detection; one tie it cannot
break (Windows-1250 against ISO-8859-2, identical except for a few letters) is settled here.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from core.errors import IngestError

logger = logging.getLogger(__name__)

# Legacy encodings worth considering for news text, most likely first; detection is limited to them
# because charset_normalizer's full list picks exotic code pages (cp1257, cp775) for short texts.
CANDIDATE_ENCODINGS = ("cp1250", "iso8859_2", "cp1251", "iso8859_5", "koi8_r", "cp1252", "iso8859_15")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# Bytes 0x80-0x9F are letters in Windows-1250 (š ž Š Ž ś ź …) but unused controls in ISO-8859-2;
# ISO-8859-2 puts š ž Š Ž at 0xB9 0xBE 0xA9 0xAE, where Windows-1250 has ą ľ © ®.
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_LATIN2_ONLY_LETTERS = re.compile(rb"[\xa9\xae\xb9\xbe]")
_SNIFF_BYTES = 4096
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))  # text never holds these
_MAX_CHAOS = 0.2
_UTF8_LETTERS_PER_BAD_BYTE = 10


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The encoding a document declares: BOM, HTTP charset, XML declaration or HTML meta tag."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    candidates: list[str] = []
    if content_type and "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'"))
    head = data[:_SNIFF_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            candidates.append(match.group(1).decode("ascii"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            logger.debug("unknown declared encoding %r ignored", name)
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes near the start: an image, archive or executable, not text."""
    head = data[:_SNIFF_BYTES]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, content_type: str | None = None) -> str:
    """Decode a document, or raise IngestError with the reason (``binary: …`` / ``undecodable: …``)."""
    if looks_binary(data):
        raise IngestError("binary: the content is not text")
    declared = declared_encoding(data, content_type)
    if declared and declared.startswith(("utf-16", "utf-32")) and not data.startswith(tuple(b for b, _ in _BOMS)):
        # a meta tag written in ASCII cannot be UTF-16 (whose markup is half NUL bytes, refused above as binary)
        logger.info("the declared encoding %s cannot be that of this text; detecting", declared)
        declared = None
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            logger.info("content does not match its declared encoding %s; detecting", declared)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    if _mostly_utf8(data, text):
        logger.info("UTF-8 content with a few undecodable bytes; they are replaced with U+FFFD")
        return text
    return data.decode(_detect_legacy_encoding(data))


def _mostly_utf8(data: bytes, text: str) -> bool:
    """UTF-8 with a few stray bytes (a bad copy, a cut character), not a legacy encoding read as UTF-8.

    In Windows-1250 or -1251 text almost every non-ASCII byte is invalid UTF-8; in damaged UTF-8 the valid
    multi-byte letters far outnumber the bad bytes. Reading it as a legacy encoding would garble every letter.
    """
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    letters = sum(1 for character in text if character > "\x7f") - text.count("\ufffd")
    return letters >= _UTF8_LETTERS_PER_BAD_BYTE * bad


def _detect_legacy_encoding(data: bytes) -> str:
    matches = list(from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)))
    matches = [m for m in matches if m.chaos <= _MAX_CHAOS]
    if not matches:
        raise IngestError("undecodable: not UTF-8 and no known encoding fits")
    matches.sort(key=lambda m: (m.chaos, -m.coherence))
    best = codecs.lookup(matches[0].encoding).name
    if best in ("cp1250", "iso8859-2"):
        best = _cp1250_or_latin2(data)
    logger.debug("detected encoding %s", best)
    return best


def _cp1250_or_latin2(data: bytes) -> str:
    if _C1_BYTES.search(data) is None and _LATIN2_ONLY_LETTERS.search(data):
        return "iso8859-2"
    return "cp1250"
