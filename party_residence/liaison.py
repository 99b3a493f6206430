"""The member's liaison status and how the procedure moves it.

Not Introduced -> Introduced (letter sent) -> Active (branch acknowledged) -> Moved Away;
Exempt for members exempt from introduction.
"""

NOT_INTRODUCED = "Not Introduced"
INTRODUCED = "Introduced"
ACTIVE = "Active"
EXEMPT = "Exempt"
MOVED_AWAY = "Moved Away"

EXEMPT_FROM_INTRODUCTION = "Exempt from Introduction"
EXEMPT_FROM_ACTIVITY = "Exempt from Residence Activity"


def initial_liaison_status(exemption: str | None) -> str:
	"""The status of a member when their record is created."""
	return EXEMPT if exemption == EXEMPT_FROM_INTRODUCTION else NOT_INTRODUCED


def status_after_exemption(current: str, exemption: str | None) -> str:
	"""Exemption from introduction moves a member who was never introduced to Exempt and back."""
	if exemption == EXEMPT_FROM_INTRODUCTION and current == NOT_INTRODUCED:
		return EXEMPT
	if exemption != EXEMPT_FROM_INTRODUCTION and current == EXEMPT:
		return NOT_INTRODUCED
	return current


def status_after_introduction(state: str, current: str) -> str:
	"""The member's status once their introduction reaches `state`."""
	if state in ("Sent", "Received", "Assigned"):
		return INTRODUCED
	if state == "Acknowledged":
		return ACTIVE
	if state in ("Returned", "Cancelled") and current == INTRODUCED:
		return NOT_INTRODUCED
	return current


def status_after_residence_change(current: str) -> str:
	"""Moving house, changing workplace or retiring closes the residence record."""
	return EXEMPT if current == EXEMPT else MOVED_AWAY
