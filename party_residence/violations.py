"""Violations at the place of residence (Regulation 213 step 5): the residence side notifies the
member's workplace, which handles it; the member sees the outcome once it is resolved."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import format_date, getdate, now_datetime, today
from party_residence import roles
from party_residence.exceptions import ViolationError
from party_residence.members import copy_member_details
from party_residence.organizations import nearest_committee, recipients_text

STAMPS = {"Sent": "sent_on", "Acknowledged": "acknowledged_on", "Resolved": "resolved_on"}


def set_member_details(doc) -> None:
	member = copy_member_details(doc, ("residence_committee", "residence_branch", "workplace_organization"))
	if not member:
		return
	if not doc.residence_committee:
		frappe.throw(_("{0} has no place of residence on record.").format(member.full_name), ViolationError)


def check_date(doc) -> None:
	if doc.occurred_on and getdate(doc.occurred_on) > getdate(today()):
		frappe.throw(
			_("The violation cannot have happened after today ({0}).").format(format_date(today())),
			ViolationError,
		)


def take_step(doc) -> None:
	state = doc.workflow_state
	if state == "Resolved" and not (doc.resolution or "").strip():
		frappe.throw(_("Record how the violation was handled before resolving the notice."), ViolationError)
	if field := STAMPS.get(state):
		doc.set(field, now_datetime())
	doc.workplace_contacts = recipients_text(
		nearest_committee(doc.workplace_organization) or doc.workplace_organization,
		(roles.WORKPLACE_OFFICER,),
	)
	doc.committee_contacts = recipients_text(doc.residence_committee, (roles.COMMITTEE_OFFICER,))
