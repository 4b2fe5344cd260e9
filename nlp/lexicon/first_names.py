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
    """Lower-case first name → "f", "m", or "" for a name given to both (the file's "either": "Hillary", "Jean",
    "Andrea"; a name in more than one list reads as the last); empty if the file is unreadable. Every key is a
    given name, whatever its gender."""
    try:
        data = json.loads(FIRST_NAMES_FILE.read_text(encoding="utf-8"))
        genders = {name: "f" for name in data["female"]} | {name: "m" for name in data["male"]}
        return genders | {name: "" for name in data.get("either", [])}
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning(
            "first names list %s unreadable (%s): names are not read for gender or personhood", FIRST_NAMES_FILE, e
        )
        return {}
