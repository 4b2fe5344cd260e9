"""Text from articles, users and errors is shown as written: Markdown in it never formats or links."""

from __future__ import annotations

import re

import pytest

from app_pages.common import html_text, md_text
from app_pages.highlight import highlighted_html

WORD_JOINER = "\u2060"


def _unescaped(shown: str) -> str:
    return re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "")


@pytest.mark.parametrize(
    "text",
    [
        "__init__ and __main__",
        "*star* **bold** _under_",
        "[link](https://evil.example) ![img](x.png)",
        "`code` ~~gone~~ $x^2$ <b>tag</b> # heading",
        "see https://evil.example, www.evil.example or mallory@evil.example",
        "1. item\n- item\n> quote | table |",
    ],
)
def test_markdown_is_escaped_and_reads_back_as_written(text):
    shown = md_text(text)
    assert _unescaped(shown) == text.replace("\n", " ")
    assert not re.search(r"(?<!\\)[*_`\[\]<>~$#|]", shown)  # every special character is escaped


def test_web_and_mail_addresses_cannot_become_links():
    shown = md_text("https://evil.example www.evil.example mallory@evil.example HTTP://X.EXAMPLE")
    assert "https://" not in shown.replace("\\", "") and "HTTP://" not in shown.replace("\\", "")
    assert f"https{WORD_JOINER}\\:" in shown and f"www{WORD_JOINER}\\." in shown and f"y{WORD_JOINER}@" in shown
    assert md_text(None) == ""


def test_character_references_and_carriage_returns_stay_as_written():
    # "&#8238;" would be drawn as a right-to-left override and "&amp;" as "&"; a lone \r ends a Markdown line
    text = "AT&amp;T &#8238;exe.txt &copy;\rsecond line\r\n==="
    shown = md_text(text)
    assert not re.search(r"(?<!\\)&", shown) and "\r" not in shown and "\n" not in shown
    assert _unescaped(shown) == "AT&amp;T &#8238;exe.txt &copy; second line ==="


def test_bidi_controls_are_shown_as_their_code_not_obeyed():
    # "\u202e" reverses what follows on screen: "invoice\u202etxt.exe" would read "invoiceexe.txt"
    text = "invoice\u202etxt.exe \u2066isolated\u2069"
    assert _unescaped(md_text(text)) == "invoice\\u202etxt.exe \\u2066isolated\\u2069"
    assert html_text(text) == "invoice\\u202etxt.exe \\u2066isolated\\u2069"
    marked = highlighted_html("Title \u202eesrever", [], [])
    assert "\u202e" not in marked and "\\u202e" in marked
    assert "\u200f" in md_text("right-to-left mark \u200f kept")  # a mark reorders nothing after it
