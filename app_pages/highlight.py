"""The article reader's highlighted text: statements and entity mentions marked, each linking to its record;
a statement whose attribution is uncertain is marked apart (red, dashed) and says why in the list.

Everything from the article is escaped with ``html_text`` (bidi controls shown as their code) before it is wrapped in
the few tags added here; the page then shows the HTML with ``st.html``, which sanitises once more.
"""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import quote

from app_pages.attribution import attribution_mark, attribution_sentence, is_confident
from app_pages.common import html_text

TYPE_COLOURS = {
    "Person": "#cfe2f3",
    "Organization": "#fde5cc",
    "Location": "#d9ead3",
    "Law": "#f4cccc",
    "Event": "#e6d5ee",
}
STYLE = """<style>
.ng-article { line-height: 1.7; font-size: 1.02rem; white-space: pre-wrap; }
.ng-article .stmt { background: #fff2a8; border-bottom: 2px solid #e0b400; text-decoration: none; color: inherit; }
.ng-article .stmt.uncertain { background: #fde0dc; border-bottom: 2px dashed #c0392b; }
.ng-article .ent { border-radius: 3px; padding: 0 2px; text-decoration: none; color: inherit; }
</style>"""


def spans(
    text: str, statements: list[dict[str, Any]], mentions: list[dict[str, Any]]
) -> list[tuple[int, int, str, Any]]:
    """(start, end, kind, record) for every statement and mention that lies inside the text."""
    found: list[tuple[int, int, str, Any]] = []
    for number, statement in enumerate(sorted(statements, key=lambda s: (s["start"], s["end"])), start=1):
        if 0 <= statement["start"] < statement["end"] <= len(text):
            found.append((statement["start"], statement["end"], "statement", {**statement, "number": number}))
    for mention in mentions:
        for start, end in zip(mention.get("starts") or [], mention.get("ends") or [], strict=False):
            if 0 <= start < end <= len(text):
                found.append((start, end, "mention", mention))
    return found


def highlighted_html(text: str, statements: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> str:
    """The article text as HTML: statements link to their entry below the text, mentions to profiles."""
    marks = spans(text, statements, mentions)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    parts = [STYLE, '<div class="ng-article">']
    for left, right in itertools.pairwise(cuts):
        piece = html_text(text[left:right])
        mention = _covering(marks, left, right, "mention")
        statement = _covering(marks, left, right, "statement")
        if mention is not None:
            colour = TYPE_COLOURS.get(mention["type"], "#eeeeee")
            title = html_text(f"{mention['name']} ({mention['type']})")
            href = f"entity?id={quote(mention['id'], safe='')}"
            piece = (
                f'<a class="ent" style="background:{colour}" href="{href}" target="_self" title="{title}">{piece}</a>'
            )
        if statement is not None:
            speaker = statement.get("speaker") or "unknown speaker"
            confident = is_confident(statement.get("confidence"), statement.get("basis"))
            mark = "" if confident else f" ({attribution_mark(statement.get('confidence'), statement.get('basis'))})"
            title = html_text(f"Statement {statement['number']}: {speaker}{mark}")
            css = "stmt" if confident else "stmt uncertain"
            piece = f'<a class="{css}" href="#statement-{statement["number"]}" title="{title}">{piece}</a>'
        parts.append(piece)
    parts.append("</div>")
    return "".join(parts)


def _covering(marks: list[tuple[int, int, str, Any]], left: int, right: int, kind: str) -> Any:
    for start, end, mark_kind, record in marks:
        if mark_kind == kind and start <= left and right <= end:
            return record
    return None


def statement_list_html(statements: list[dict[str, Any]]) -> str:
    """Numbered statements with anchors the highlighted text links to; speakers link to their profiles."""
    items = []
    for number, s in enumerate(sorted(statements, key=lambda s: (s["start"], s["end"])), start=1):
        speaker = html_text(s.get("speaker") or "unknown speaker")
        if s.get("speaker_id"):
            speaker = f'<a href="entity?id={quote(s["speaker_id"], safe="")}" target="_self">{speaker}</a>'
        detail = html_text(f"{s.get('kind') or ''}, {s.get('cue') or 'no cue'}, {s.get('date') or 'undated'}")
        trust = ""
        if not is_confident(s.get("confidence"), s.get("basis")):
            trust = f' <span style="color:#a93226">⚠ {html_text(attribution_sentence(s))}</span>'
        items.append(f'<li id="statement-{number}">{speaker} <small>({detail})</small>{trust}</li>')
    return "<ol>" + "".join(items) + "</ol>"
