"""Common first names with the gender a following 'he' or 'she' suggests, read once per process."""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

FIRST_NAMES_FILE = Path(__file__).resolve().parent / "first_names.json"


@cache
def first_name_genders() -> dict[str, str]:
    """Lower-case first name → "f" or "m" (a name in both lists reads as "m"); empty if the file is unreadable."""
    try:
        data = json.loads(FIRST_NAMES_FILE.read_text(encoding="utf-8"))
        return {name: "f" for name in data["female"]} | {name: "m" for name in data["male"]}
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning(
            "first names list %s unreadable (%s): names are not read for gender or personhood", FIRST_NAMES_FILE, e
        )
        return {}
