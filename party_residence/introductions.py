"""Introducing a member to their place of residence (Regulation 213, Guidance 33, step 1).

Draft -> Sent (workplace) -> Received (residence committee) -> Assigned (committee picks a branch)
-> Acknowledged (branch); Returned with a reason from Sent or Received; Cancelled with a reason.
The controller calls these functions on each step; the batch path uses the same checks set-wise.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime
from party_residence import liaison
from party_residence.exceptions import IntroductionRefusedError, OpenIntroductionExistsError
from party_residence.organizations import get_organization, nearest_committee
from party_residence.permissions import users_with_scope_over
from party_residence.working_days import add_working_days

DOCTYPE = "Residence Introduction"
SETTINGS = "Party Residence Settings"

OPEN_STATES = ("Draft", "Sent", "Received", "Assigned")
# state -> (timestamp field, settings field giving the working days to the next step)
STEPS = {
	"Sent": ("sent_on", "introduction_receipt_days"),
	"Received": ("received_on", "introduction_acknowledge_days"),
	"Assigned": ("assigned_on", "introduction_acknowledge_days"),
	"Acknowledged": ("acknowledged_on", None),
	"Returned": (None, None),
	"Cancelled": (None, None),
}

WORKPLACE_ROLES = ("Workplace Party Officer",)
RESIDENCE_ROLES = ("Residence Committee Officer",)
BRANCH_ROLES = ("Residence Branch Secretary",)


# Who may be introduced ---------------------------------------------------------------------------


def refusal_reason(member: frappe._dict) -> str | None:
	"""Why a member cannot be introduced now, or None. `member` has exemption, liaison_status."""
	if member.exemption == liaison.EXEMPT_FROM_INTRODUCTION:
		return _("{0} is exempt from introduction to the place of residence.").format(
			frappe.bold(member.full_name)
		)
	return None


def check_can_introduce(member: frappe._dict) -> None:
	if reason := refusal_reason(member):
		frappe.throw(reason, IntroductionRefusedError, title=_("Cannot introduce"))


def open_introductions(members: list[str], exclude: str | None = None) -> dict[str, str]:
	"""member -> their open introduction, for those who have one."""
	if not members:
		return {}
	filters = {"party_member": ("in", members), "workflow_state": ("in", OPEN_STATES), "docstatus": ("<", 2)}
	if exclude:
		filters["name"] = ("!=", exclude)
	# all documents, whoever may see them: the rule is about the member, not the user
	rows = frappe.get_all(DOCTYPE, filters=filters, fields=["party_member", "name"])
	return {row.party_member: row.name for row in rows}


def check_one_open(doc) -> None:
	# lock the member row so two officers cannot open two introductions at the same moment
	frappe.db.get_value("Party Member", doc.party_member, "name", for_update=True)
	if other := open_introductions([doc.party_member], exclude=doc.name).get(doc.party_member):
		frappe.throw(
			_("{0} already has an open introduction ({1}). Finish or cancel it first.").format(
				frappe.bold(doc.member_name or doc.party_member), frappe.bold(other)
			),
			OpenIntroductionExistsError,
			title=_("Introduction already open"),
		)


# What an introduction copies from the member ----------------------------------------------------


def member_details(member: frappe._dict) -> dict:
	"""The values an introduction takes from the member record when it is drafted."""
	return {
		"member_name": member.full_name,
		"workplace_organization": member.workplace_organization,
		"issuing_committee": nearest_committee(member.workplace_organization),
		"residence_address": member.residence_address,
		"exempt_from_activity": int(member.exemption == liaison.EXEMPT_FROM_ACTIVITY),
	}


MEMBER_FIELDS = (
	"name",
	"full_name",
	"workplace_organization",
	"residence_address",
	"residence_committee",
	"residence_branch",
	"exemption",
	"liaison_status",
)


def get_member(name: str) -> frappe._dict:
	return frappe.db.get_value("Party Member", name, MEMBER_FIELDS, as_dict=True)


# Each step -------------------------------------------------------------------------------------


def due_date_for(state: str, start) -> str | None:
	_stamp, days_field = STEPS.get(state, (None, None))
	if not days_field:
		return None
	days = frappe.db.get_single_value(SETTINGS, days_field) or 3
	return add_working_days(getdate(start), int(days))


def stamp(doc, state: str) -> None:
	"""Set the step's timestamp and the due date of the next step."""
	stamp_field, _days = STEPS.get(state, (None, None))
	now = now_datetime()
	if stamp_field:
		doc.set(stamp_field, now)
	doc.due_date = due_date_for(state, now)


def refresh_contacts(doc) -> None:
	"""Who is told about each step: officers whose scope covers the organization, and its e-mail."""
	doc.workplace_contacts = _contacts(doc.issuing_committee or doc.workplace_organization, WORKPLACE_ROLES)
	doc.residence_contacts = _contacts(doc.residence_committee, RESIDENCE_ROLES)
	doc.branch_contacts = _contacts(doc.residence_branch, BRANCH_ROLES) if doc.residence_branch else None


def _contacts(organization: str | None, roles) -> str | None:
	if not organization:
		return None
	recipients = users_with_scope_over(organization, roles)
	if email := (get_organization(organization) or {}).get("email"):
		recipients.append(email)
	return ", ".join(dict.fromkeys(recipients)) or None


def move_member(doc, state: str) -> None:
	"""Carry the step over to the member's record (status, residence committee and branch)."""
	member = frappe.get_doc("Party Member", doc.party_member)
	before = (member.liaison_status, member.residence_committee, member.residence_branch)
	member.liaison_status = liaison.status_after_introduction(state, member.liaison_status)
	if state == "Sent":
		member.residence_committee = doc.residence_committee
		member.residence_branch = None
	elif state in ("Assigned", "Acknowledged"):
		member.residence_committee = doc.residence_committee
		member.residence_branch = doc.residence_branch
	elif state in ("Returned", "Cancelled") and member.residence_committee == doc.residence_committee:
		if member.liaison_status == liaison.NOT_INTRODUCED:
			member.residence_committee = None
			member.residence_branch = None
	if (member.liaison_status, member.residence_committee, member.residence_branch) == before:
		return
	member.flags.liaison_status_by_procedure = True
	member.flags.ignore_permissions = True  # a step of the procedure, done by whoever may take it
	member.add_comment(
		"Info",
		_("Residence introduction {0}: {1}").format(doc.name, _(state)),
	)
	member.save()
