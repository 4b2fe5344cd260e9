"""Common first names with the gender a following 'he' or 'she' suggests, read once per process."""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path

from core.names import fold

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


def given_name_gender(word: str) -> str | None:
    """The gender `first_name_genders` gives ``word`` as a given name ("" for one both bear), None if it is none.
    A word written with accents the list lacks is looked up without them ("Jérôme" as "jerome"); one written without
    accents is not looked up with them: "Tan", "Son" and "Hung" are family names or words far more often than the
    Vietnamese given names "Tân", "Sơn" and "Hùng" printed bare. A name English news often prints bare is in the list
    in both spellings ("Néstor" and "Nestor", "Étienne" and "Etienne"); "Michal", the Polish "Michał" bare and a
    Hebrew woman's name, as one of either gender."""
    genders = first_name_genders()
    written = word.lower().strip(".")
    gender = genders.get(written)
    return gender if gender is not None else genders.get(fold(written)) if fold(written) != written else None
