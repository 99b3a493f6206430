"""Reminders before a time limit runs out, and warnings once it has.

Each step of the procedure that has a time limit is listed by a *source*: a function returning
the open items (what, its due date, which organization must act, and with which roles). Once a
day every responsible officer gets one message listing their items that fall due within the
reminder lead days of Settings, and those already late; for late items the officers of the
committee above the late organization are told as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import getdate, today
from party_residence import roles
from party_residence.notify import send_digest
from party_residence.organizations import recipients
from party_residence.working_days import working_days_between


@dataclass(frozen=True)
class DeadlineItem:
	doctype: str
	name: str
	title: str
	step: str
	due_date: object
	organization: str  # the organization that must act
	roles: tuple[str, ...]  # the roles that act for it
	parties: tuple[str, ...] = ()  # every organization it is between, on both sides


@dataclass
class Digest:
	due_soon: list = field(default_factory=list)
	overdue: list = field(default_factory=list)
	escalated: list = field(default_factory=list)


def introduction_deadlines() -> Iterable[DeadlineItem]:
	"""Letters waiting to be received or assigned (the residence committee) or acknowledged (the branch)."""
	rows = frappe.get_all(
		"Residence Introduction",
		filters={"docstatus": 1, "workflow_state": ("in", ("Sent", "Received", "Assigned"))},
		fields=[
			"name",
			"member_name",
			"workflow_state",
			"due_date",
			"workplace_organization",
			"issuing_committee",
			"residence_committee",
			"residence_branch",
		],
	)
	for row in rows:
		if not row.due_date:
			continue
		at_branch = row.workflow_state == "Assigned"
		step = _("to acknowledge") if at_branch else _("to receive and assign")
		yield _residence_item("Residence Introduction", row, step, at_branch=at_branch)


def review_deadlines() -> Iterable[DeadlineItem]:
	"""Requests waiting for their answer: the branch writes the review, then the committee confirms it."""
	rows = frappe.get_all(
		"Residence Review Request",
		filters={"docstatus": 1, "workflow_state": "Sent"},
		fields=[
			"name",
			"member_name",
			"due_date",
			"workplace_organization",
			"issuing_committee",
			"residence_committee",
			"residence_branch",
		],
	)
	pending = (
		dict(
			frappe.get_all(
				"Residence Review",
				filters={
					"review_request": ("in", [row.name for row in rows]),
					"workflow_state": "Pending Confirmation",
				},
				fields=["review_request", "name"],
				as_list=True,
			)
		)
		if rows
		else {}
	)
	for row in rows:
		if not row.due_date:
			continue
		with_committee = row.name in pending
		step = _("to confirm the review") if with_committee else _("to write the review")
		yield _residence_item("Residence Review Request", row, step, at_branch=not with_committee)


def _residence_item(doctype: str, row, step: str, at_branch: bool) -> DeadlineItem:
	"""A letter or request waiting on the residence side: at the branch (its secretary acts) or at
	the committee (its officers act)."""
	return DeadlineItem(
		doctype=doctype,
		name=row.name,
		title=row.member_name,
		step=step,
		due_date=getdate(row.due_date),
		organization=row.residence_branch if at_branch else row.residence_committee,
		roles=(roles.BRANCH_SECRETARY,) if at_branch else (roles.COMMITTEE_OFFICER,),
		parties=_parties(row),
	)


def _parties(row) -> tuple[str, ...]:
	"""The organizations on both sides of a letter or request, whichever must act now."""
	fields = ("workplace_organization", "issuing_committee", "residence_committee", "residence_branch")
	return tuple(row[field] for field in fields if row.get(field))


SOURCES: list[Callable[[], Iterable[DeadlineItem]]] = [introduction_deadlines, review_deadlines]


def collect(on_date=None) -> dict[str, Digest]:
	"""recipient (user or organization e-mail) -> what to tell them on `on_date`."""
	on_date = getdate(on_date or today())
	lead = int(frappe.db.get_single_value("Party Residence Settings", "reminder_lead_days") or 0)
	digests: dict[str, Digest] = defaultdict(Digest)
	for source in SOURCES:
		for item in source():
			if item.due_date < on_date:
				for recipient in recipients(item.organization, item.roles):
					digests[recipient].overdue.append(item)
				for recipient in _above(item.organization):
					digests[recipient].escalated.append(item)
			elif working_days_between(on_date, item.due_date) <= lead:
				for recipient in recipients(item.organization, item.roles):
					digests[recipient].due_soon.append(item)
	return digests


def _above(organization: str) -> list[str]:
	"""The officers of the committee above the late organization (a late branch: its ward)."""
	parent = frappe.db.get_value("Party Organization", organization, "parent_party_organization")
	if not parent:
		return []
	return recipients(parent, roles.STAFF)


def send_reminders(on_date=None) -> int:
	"""Daily job: one message per recipient. Returns how many recipients were told."""
	on_date = getdate(on_date or today())
	digests = collect(on_date)
	for recipient, digest in digests.items():
		first = (digest.overdue or digest.escalated or digest.due_soon)[0]
		send_digest(
			[recipient],
			_subject(digest),
			"party_residence/templates/emails/deadline_digest.html",
			{"digest": digest, "on_date": on_date},
			reference=(first.doctype, first.name),
		)
	return len(digests)


def _subject(digest: Digest) -> str:
	late = len(digest.overdue) + len(digest.escalated)
	if late:
		return _("{0} overdue and {1} due soon in the residence liaison procedure").format(
			late, len(digest.due_soon)
		)
	return _("{0} due soon in the residence liaison procedure").format(len(digest.due_soon))
