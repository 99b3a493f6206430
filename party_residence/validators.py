"""Checks of member data that need no database: used by the controllers and by the import path.

Each check returns a problem code (a short English key) or None, so the callers choose the error
class and the translated message, and the checks stay testable without Frappe.
"""

from __future__ import annotations

import re
from datetime import date

CITIZEN_ID_LENGTH = 12
_CITIZEN_ID = re.compile(r"[0-9]{12}")
_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_citizen_id(value: str | None) -> str:
	"""Drop the spaces, dots and dashes people type between digit groups."""
	return _SEPARATORS.sub("", value or "")


def is_valid_citizen_id(value: str | None) -> bool:
	"""A CCCD is exactly 12 ASCII digits (after normalisation)."""
	return bool(_CITIZEN_ID.fullmatch(normalize_citizen_id(value)))


def normalize_party_card_number(value: str | None) -> str:
	return " ".join((value or "").split())


def member_dates_problem(
	date_of_birth: date | None,
	date_joined: date | None,
	date_official: date | None,
	today: date,
) -> str | None:
	"""date_of_birth < date_joined <= date_official <= today; missing dates are not compared."""
	if date_of_birth and date_of_birth >= today:
		return "birth_not_past"
	if date_joined and date_joined > today:
		return "joined_in_future"
	if date_official and date_official > today:
		return "official_in_future"
	if date_of_birth and date_joined and date_joined <= date_of_birth:
		return "joined_before_birth"
	if date_joined and date_official and date_official < date_joined:
		return "official_before_joined"
	if date_official and not date_joined:
		return "official_without_joined"
	return None
