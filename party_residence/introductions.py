"""Introducing a member to their place of residence (Regulation 213, Guidance 33, step 1).

Draft -> Sent (workplace) -> Received (residence committee) -> Assigned (committee picks a branch)
-> Acknowledged (branch); Returned with a reason from Sent or Received; Cancelled with a reason.
The controller calls these functions on each step; the batch path uses the same checks set-wise.
"""

from __future__ import annotations

import re
import unicodedata

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, now_datetime
from party_residence import bulk, liaison, portal, roles, settings, signatures
from party_residence.exceptions import IntroductionRefusedError, OpenIntroductionExistsError
from party_residence.naming import reserve_names
from party_residence.notify import send_digest
from party_residence.organizations import (
	nearest_committees,
	organization_names,
	recipients_text,
	recipients_text_each,
	workplace_side,
)
from party_residence.owned_fields import set_owned
from party_residence.verification import new_code
from party_residence.working_days import add_working_days

DOCTYPE = "Residence Introduction"

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


# Assigning a received letter to a branch -------------------------------------------------------

ASSIGN = "Assign to Branch"


def can_assign(doc) -> bool:
	"""May the user assign this received letter to a branch now (the form's one-step button)?"""
	if doc.workflow_state != "Received" or doc.docstatus != 1:
		return False
	from frappe.model.workflow import get_workflow

	allowed = {
		t.allowed for t in get_workflow(DOCTYPE).transitions if t.state == "Received" and t.action == ASSIGN
	}
	return bool(allowed & set(frappe.get_roles())) and bool(doc.has_permission("write"))


def assign_to_branch(doc, branch: str, warned: bool = False) -> None:
	"""Choose the branch and take the Assign step in one go (the workflow's own action, checked
	by it: state, role, condition). `warned`: the officer has seen the address warning already."""
	from frappe.model.workflow import apply_workflow

	doc.residence_branch = branch
	doc.flags.address_warned = warned
	doc.save()
	apply_workflow(doc, ASSIGN)


def _plain(text: str | None) -> str:
	"""Lower case, without accents or punctuation, abbreviations spelt out: "Tổ dân phố số 7" and
	"TDP 7" both read "to dan pho 7"."""
	text = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
	text = "".join(char for char in text if not unicodedata.combining(char))
	text = re.sub(r"[^\w]+", " ", text)
	for short, full in (("tdp", "to dan pho"), ("kp", "khu pho")):
		text = re.sub(rf"\b{short}\b", full, text)
	text = re.sub(r"\bso\b", " ", text)  # "số 7" and "7"
	return " ".join(text.split())


def branch_address_mismatch(branch: str | None, address: str | None) -> str | None:
	"""A warning when the member's residence address does not name the branch's residential area
	(thôn, tổ dân phố); None when it does, or when either is unknown (nothing to compare)."""
	if not branch or not (address or "").strip():
		return None
	row = frappe.db.get_value(
		"Party Organization", branch, ["residential_area", "organization_name"], as_dict=True
	)
	if not row or not (row.residential_area or "").strip():
		return None
	if re.search(rf"\b{re.escape(_plain(row.residential_area))}\b", _plain(address)):
		return None
	return _(
		"The member's residence address ({0}) does not name {1}, the area of {2}: check that the branch is the right one."
	).format(
		frappe.bold(escape_html(address.strip())),
		frappe.bold(escape_html(row.residential_area.strip())),
		frappe.bold(escape_html(row.organization_name or branch)),
	)


def warn_if_elsewhere(doc) -> None:
	"""Tell (without refusing) the officer who picks a branch that the address says otherwise."""
	if doc.flags.address_warned:
		return
	if warning := branch_address_mismatch(doc.residence_branch, doc.residence_address):
		frappe.msgprint(warning, title=_("Branch and address differ"), indicator="orange", alert=False)


# What an introduction copies from the member ----------------------------------------------------


def member_details(member: frappe._dict, committees: dict | None = None) -> dict:
	"""The values an introduction takes from the member record when it is drafted."""
	return {
		**workplace_side(member, committees),
		"residence_address": member.residence_address,
		"exempt_from_activity": int(member.exemption == liaison.EXEMPT_FROM_ACTIVITY),
	}


MEMBER_FIELDS = (
	"name",
	"full_name",
	"workplace_organization",
	"sector",
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
	return add_working_days(getdate(start), settings.days(days_field))


def stamp(doc, state: str) -> None:
	"""Set the step's timestamp and the due date of the next step."""
	stamp_field, _days = STEPS.get(state, (None, None))
	now = now_datetime()
	if stamp_field:
		doc.set(stamp_field, now)
	doc.due_date = due_date_for(state, now)


# what the Send step sets on a draft (stamp and refresh_contacts)
SET_WHEN_SENT = ("sent_on", "due_date", "workplace_contacts", "residence_contacts", "branch_contacts")


def refresh_contacts(doc) -> None:
	"""Who is told about each step: officers whose scope covers the organization, and its e-mail."""
	doc.workplace_contacts = recipients_text(
		doc.issuing_committee or doc.workplace_organization, (roles.WORKPLACE_OFFICER,)
	)
	doc.residence_contacts = recipients_text(doc.residence_committee, (roles.COMMITTEE_OFFICER,))
	doc.branch_contacts = (
		recipients_text(doc.residence_branch, (roles.BRANCH_SECRETARY,)) if doc.residence_branch else None
	)


def move_member(doc, state: str) -> None:
	"""Carry the step over to the member's record (status, residence committee and branch)."""
	member = frappe.get_doc("Party Member", doc.party_member)
	before = (member.liaison_status, member.residence_committee, member.residence_branch)
	set_owned(member, {"liaison_status": liaison.status_after_introduction(state, member.liaison_status)})
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
	member.flags.ignore_permissions = True  # a step of the procedure, done by whoever may take it
	member.add_comment(
		"Info",
		_("Residence introduction {0}: {1}").format(doc.name, _(state)),
	)
	member.save()


# Many members at once --------------------------------------------------------------------------

NAMING_SERIES = "GT-.YYYY.-.#####"
CREATED, SKIPPED, ERROR = "Created", "Skipped", "Error"


def introduce_many(member_names: list[str], introduction_date, user: str) -> list[dict]:
	"""Draft and send an introduction for each member, set-wise: the same checks as one letter,
	one query per kind of check, one bulk insert. Returns one result per member, in order.

	Members already introduced (an open letter, or active at a residence) are skipped, so running
	the same batch again creates nothing twice."""
	members = {row.name: row for row in _load_members(member_names)}
	already_open = open_introductions(list(members))
	drafts = draft_letters(already_open.values())
	committees = _residence_committees({row.residence_committee for row in members.values()})

	results, to_create = [], []
	for name in member_names:
		member = members.get(name)
		outcome = _batch_outcome(name, member, already_open, committees, drafts)
		results.append({**outcome, "member_name": member.full_name if member else None})
		if outcome["result"] == CREATED:
			to_create.append(member)

	names = reserve_names(NAMING_SERIES, len(to_create))
	now = now_datetime()
	due_date = due_date_for("Sent", now)
	caches = _lookups(to_create)
	rows = [
		_introduction_row(member, name, introduction_date, now, due_date, user, caches)
		for member, name in zip(to_create, names, strict=True)
	]
	_write_introductions(rows, to_create, now, user)
	# the letters are signed in the background where the issuing committee signs (signatures.py)
	signatures.sign_later(DOCTYPE, [row["name"] for row in rows], user)
	created = dict(zip((member.name for member in to_create), names, strict=True))
	for outcome in results:
		if outcome["result"] == CREATED:
			outcome["residence_introduction"] = created[outcome["party_member"]]
	return results


def _lookups(members) -> dict:
	"""The issuing committee of each workplace organization and who is told at each committee,
	looked up once for the whole chunk (not once per organization)."""
	committees = nearest_committees({member.workplace_organization for member in members})
	issuers = {committee or workplace for workplace, committee in committees.items()}
	contacts = recipients_text_each(
		{member.residence_committee for member in members}, (roles.COMMITTEE_OFFICER,)
	)
	contacts.update(recipients_text_each(issuers, (roles.WORKPLACE_OFFICER,)))
	return {"committees": committees, "contacts": contacts}


def _load_members(names):
	if not names:
		return []
	# locked as the single-letter path locks them, so two batches cannot introduce a member twice;
	# the caller has checked that the user may reach these members
	member = frappe.qb.DocType("Party Member")
	return (
		frappe.qb.from_(member)
		.select(*(member[field] for field in MEMBER_FIELDS))
		.where(member.name.isin(names))
		.for_update()
	).run(as_dict=True)


def _residence_committees(names) -> set[str]:
	names = [name for name in names if name]
	if not names:
		return set()
	return set(
		frappe.get_all(
			"Party Organization",
			filters={"name": ("in", names), "side": "Residence", "organization_type": "Committee"},
			pluck="name",
		)
	)


def destinations(member_names: list[str]) -> dict:
	"""Where a batch would send each member, before it runs (the confirmation the officer reads):
	the receiving residence committees with their members, and the members it would leave out
	with the reason. The same checks as introduce_many, without writing or locking anything.
	The caller passes only members the user may see."""
	# every record named, whoever asks: the caller has limited the names to the user's scope
	members = (
		{
			row.name: row
			for row in frappe.get_all(
				"Party Member", filters={"name": ("in", list(member_names))}, fields=list(MEMBER_FIELDS)
			)
		}
		if member_names
		else {}
	)
	already_open = open_introductions(list(members))
	drafts = draft_letters(already_open.values())
	committees = _residence_committees({row.residence_committee for row in members.values()})
	committee_names = (
		dict(
			frappe.get_all(
				"Party Organization",
				filters={"name": ("in", list(committees))},
				fields=["name", "organization_name"],
				as_list=True,
			)
		)
		if committees
		else {}
	)
	going: dict[str, dict] = {}
	left_out = []
	for name in member_names:
		member = members.get(name)
		outcome = _batch_outcome(name, member, already_open, committees, drafts)
		full_name = member.full_name if member else None
		if outcome["result"] == CREATED:
			committee = going.setdefault(
				member.residence_committee,
				{
					"committee": member.residence_committee,
					"committee_name": committee_names.get(member.residence_committee),
					"members": [],
				},
			)
			committee["members"].append({"party_member": name, "member_name": full_name})
		else:
			left_out.append({**outcome, "member_name": full_name})
	for committee in going.values():
		committee["count"] = len(committee["members"])
	return {
		"total": len(member_names),
		"committees": sorted(going.values(), key=lambda row: (-row["count"], row["committee_name"] or "")),
		"left_out": left_out,
	}


def draft_letters(letters) -> set[str]:
	"""The letters among `letters` that are still drafts (written, never sent)."""
	letters = [name for name in letters if name]
	if not letters:
		return set()
	# every letter named, whoever asks: only their state is read, to word a reason
	return set(
		frappe.get_all(DOCTYPE, filters={"name": ("in", letters), "workflow_state": "Draft"}, pluck="name")
	)


def _batch_outcome(name, member, already_open, committees, drafts=frozenset()) -> dict:
	outcome = {"party_member": name, "result": CREATED, "residence_introduction": None, "message": None}
	if not member:
		return {**outcome, "result": ERROR, "message": _("No such party member.")}
	if reason := refusal_reason(member):
		return {**outcome, "result": SKIPPED, "message": reason}
	if name in already_open and already_open[name] in drafts:
		# the letter someone began: the batch does not send it for them, it points at it
		return {
			**outcome,
			"result": SKIPPED,
			"residence_introduction": already_open[name],
			"message": _(
				"An unsent draft letter ({0}) is waiting: open it and send it, or delete it."
			).format(already_open[name]),
		}
	if name in already_open:
		return {
			**outcome,
			"result": SKIPPED,
			"residence_introduction": already_open[name],
			"message": _("Already has an open introduction."),
		}
	if member.liaison_status == liaison.ACTIVE:
		return {**outcome, "result": SKIPPED, "message": _("Already active at the place of residence.")}
	if not member.residence_committee:
		return {
			**outcome,
			"result": ERROR,
			"message": _(
				"The member record has no residence committee: fill in where the member lives first."
			),
		}
	if member.residence_committee not in committees:
		return {
			**outcome,
			"result": ERROR,
			"message": _("{0} is not a residence committee (commune, ward or special zone).").format(
				member.residence_committee
			),
		}
	return outcome


def _introduction_row(member, name, introduction_date, now, due_date, user, caches) -> dict:
	details = member_details(member, caches["committees"])
	contacts = caches["contacts"]
	workplace = details["issuing_committee"] or member.workplace_organization
	for organization, officers in (
		(member.residence_committee, (roles.COMMITTEE_OFFICER,)),
		(workplace, (roles.WORKPLACE_OFFICER,)),
	):
		if organization not in contacts:
			contacts[organization] = recipients_text(organization, officers)
	return {
		"name": name,
		"party_member": member.name,
		**details,
		"residence_committee": member.residence_committee,
		"introduction_date": introduction_date,
		"sent_on": now,
		"due_date": due_date,
		"workflow_state": "Sent",
		"docstatus": 1,
		"verification_code": new_code(),
		"owner": user,
		"modified_by": user,
		"creation": now,
		"modified": now,
		"residence_contacts": contacts[member.residence_committee],
		"workplace_contacts": contacts[workplace],
	}


def _write_introductions(rows: list[dict], members: list, now, user) -> None:
	"""`members`: the members of the letters as loaded (and locked) before."""
	if not rows:
		return
	fields = list(rows[0])
	bulk.insert(DOCTYPE, fields, [[row[field] for field in fields] for row in rows])

	bulk.update(
		"Party Member",
		members,
		{"liaison_status": liaison.INTRODUCED, "residence_branch": None},
		user,
		now,
	)
	# what each member's portal page shows changed, as a single letter's save would tell it
	portal.forget_members(row["party_member"] for row in rows)
	# the history of each letter as its Send step records it, from the draft it would have been
	bulk.add_sent_versions(DOCTYPE, rows, SET_WHEN_SENT, user, now)
	# the timeline of each letter and of each member, as the single-letter path writes it
	sent, on_member = _("Sent"), _("Residence introduction {0}: {1}")
	bulk.add_comments(
		(
			entry
			for row in rows
			for entry in (
				("Workflow", DOCTYPE, row["name"], "Sent"),
				(
					"Info",
					"Party Member",
					row["party_member"],
					on_member.format(row["name"], sent),
				),
			)
		),
		user,
		now,
	)


def notify_committees_later(letters: list[str]) -> None:
	"""Tell the committees that receive `letters` once they are committed, in a job of its own:
	building the messages does not hold up the batch, and a message that fails leaves the letters
	sent. The job runs as the officer who sent them, in the officer's language."""
	if not letters:
		return
	frappe.enqueue(
		"party_residence.introductions.notify_committees",
		queue="short",
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		letters=letters,
		lang=frappe.local.lang,
	)


def notify_committees(letters: list[str], lang: str | None = None) -> None:
	"""One message per receiving committee for the letters a batch sent (not one per letter)."""
	if lang:
		frappe.local.lang = lang
	rows = frappe.get_all(
		DOCTYPE,
		filters={"name": ("in", letters)},
		fields=["name", "member_name", "residence_committee", "residence_contacts", "due_date"],
		order_by="name",
	)
	by_committee: dict[str, list] = {}
	for letter in rows:
		by_committee.setdefault(letter.residence_committee, []).append(letter)
	names = organization_names(by_committee)
	for committee, committee_letters in by_committee.items():
		recipients = [email.strip() for email in (committee_letters[0].residence_contacts or "").split(",")]
		frappe.db.savepoint("committee_message")
		try:
			send_digest(
				recipients,
				_("{0} party members introduced to {1}").format(len(committee_letters), names.get(committee)),
				"party_residence/templates/emails/introduction_batch.html",
				{"letters": committee_letters, "committee_name": names.get(committee)},
				reference=(DOCTYPE, committee_letters[0].name),
			)
		except Exception:
			# one committee's message that fails, undone, leaves the others to go out
			frappe.db.rollback(save_point="committee_message")
			frappe.log_error(_("Introduction batch: message to {0} failed").format(committee))
