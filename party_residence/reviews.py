"""Asking for and writing the residence review (Regulation 213, Guidance 33, step 3).

The workplace sends a request (phiếu xin ý kiến); the branch committee, after meeting the Front
work committee, writes the review (phiếu nhận xét) on the criteria of its variant; the commune or
ward committee confirms it, which answers the request; the workplace receives it.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime
from party_residence import bulk, liaison, roles, settings, signatures
from party_residence.exceptions import ReviewError, ReviewRequestRefusedError
from party_residence.naming import reserve_names
from party_residence.organizations import (
	nearest_committee,
	recipients_text,
	recipients_text_each,
	workplace_side,
)
from party_residence.verification import new_code
from party_residence.working_days import add_working_days

REQUEST = "Residence Review Request"
REVIEW = "Residence Review"
CRITERION = "Review Criterion"
ANNUAL = "Annual Review"
STANDARD, EXEMPT = "Standard", "Exempt"
REQUEST_SERIES = "XYK-.YYYY.-.#####"


MEMBER_FIELDS = (
	"name",
	"full_name",
	"workplace_organization",
	"sector",
	"residence_committee",
	"residence_branch",
	"exemption",
	"liaison_status",
)


# Who may be asked about ---------------------------------------------------------------------------


class Refusal(NamedTuple):
	"""Why no review can be requested: `kind` counts the members a campaign skips, `message`
	tells the user who asked for one member."""

	kind: str
	message: str


def request_refusal(member: frappe._dict, purpose: str) -> Refusal | None:
	"""Why no review can be requested for this member and purpose now, or None. The one rule for
	a single request and for a campaign."""
	if member.exemption == liaison.EXEMPT_FROM_INTRODUCTION:
		return Refusal(
			_("Exempt from introduction"),
			_("{0} is exempt from introduction to the place of residence and is not reviewed there.").format(
				member.full_name
			),
		)
	if member.liaison_status != liaison.ACTIVE or not member.residence_branch:
		return Refusal(
			_("Not active at a residence"),
			_("{0} is not active at a residential branch yet: introduce the member first.").format(
				member.full_name
			),
		)
	if purpose == ANNUAL and member.exemption == liaison.EXEMPT_FROM_ACTIVITY:
		return Refusal(
			_("Exempt from residence activity (no annual review)"),
			_(
				"{0} is exempt from residence activity and gets no annual review; ask for a review on demand instead."
			).format(member.full_name),
		)
	return None


def dedupe_key(member: str, year, purpose: str) -> str:
	"""One request per member, year and purpose (a unique column holds it; cancelling frees it)."""
	return f"{member}|{int(year)}|{purpose}"


def get_member(name: str) -> frappe._dict:
	return frappe.db.get_value("Party Member", name, MEMBER_FIELDS, as_dict=True)


def request_details(member: frappe._dict, committees: dict | None = None) -> dict:
	"""What a request copies from the member: the two sides it goes between."""
	return {
		**workplace_side(member, committees),
		"residence_committee": member.residence_committee,
		"residence_branch": member.residence_branch,
	}


def check_request(doc) -> None:
	member = get_member(doc.party_member)
	if refusal := request_refusal(member, doc.purpose):
		frappe.throw(refusal.message, ReviewRequestRefusedError, title=_("Cannot request a review"))
	if doc.review_year and not (2000 <= int(doc.review_year) <= getdate().year + 1):
		frappe.throw(_("{0} is not a review year.").format(doc.review_year), ReviewError)
	_check_unique(doc)


def _check_unique(doc) -> None:
	other = frappe.db.get_value(
		REQUEST,
		{"dedupe_key": dedupe_key(doc.party_member, doc.review_year, doc.purpose), "name": ("!=", doc.name)},
		"name",
	)
	if other:
		frappe.throw(
			_("A {0} request for {1} in {2} already exists ({3}).").format(
				_(doc.purpose), doc.member_name or doc.party_member, doc.review_year, other
			),
			frappe.DuplicateEntryError,
			title=_("Request already exists"),
		)


def due_date_after(start) -> object:
	return add_working_days(getdate(start), settings.days("review_response_days"))


# what the Send step sets on a draft request (send)
SET_WHEN_SENT = ("requested_on", "due_date", "workplace_contacts", "branch_contacts")


def send(doc, due_date=None) -> None:
	"""The request leaves the workplace: date, time limit and who to tell."""
	now = now_datetime()
	doc.requested_on = getdate(now)
	doc.due_date = due_date or due_date_after(now)
	doc.workplace_contacts = recipients_text(
		doc.issuing_committee or doc.workplace_organization, (roles.WORKPLACE_OFFICER,)
	)
	doc.branch_contacts = recipients_text(doc.residence_branch, (roles.BRANCH_SECRETARY,))


# Writing the review ------------------------------------------------------------------------------


def variant_for(member: frappe._dict) -> str:
	return EXEMPT if member.exemption == liaison.EXEMPT_FROM_ACTIVITY else STANDARD


def levels(rating_options: str | None) -> list[str]:
	return [line.strip() for line in (rating_options or "").splitlines() if line.strip()]


def active_criteria(variant: str) -> list[frappe._dict]:
	return frappe.get_all(
		CRITERION,
		filters={"variant": variant, "is_active": 1},
		fields=["name", "criterion", "rating_options"],
		order_by="idx asc, creation asc",
	)


def fill_from_request(review) -> None:
	"""A new review takes the member, both sides and the year from its request, the criteria
	of its variant (their wording kept as it is today) and the meeting figures of the year."""
	request = frappe.get_doc(REQUEST, review.review_request)
	if request.docstatus != 1 or request.workflow_state != "Sent":
		frappe.throw(_("Only a sent request that has no answer yet can be answered."), ReviewError)
	member = get_member(request.party_member)
	review.update(
		{
			"party_member": request.party_member,
			"member_name": request.member_name,
			"review_year": request.review_year,
			"purpose": request.purpose,
			"residence_branch": request.residence_branch,
			"residence_committee": request.residence_committee,
			"workplace_organization": request.workplace_organization,
			"sector": request.sector,
			"variant": variant_for(member),
		}
	)
	if not review.ratings:
		for criterion in active_criteria(review.variant):
			review.append(
				"ratings",
				{
					"criterion": criterion.name,
					"criterion_text": criterion.criterion,
					"rating_options": criterion.rating_options,
				},
			)


def criteria_snapshot(review) -> list[dict]:
	"""The criteria a review was made with, in order: those of its variant active when it was
	created, then what the database holds for it, never what a client sends."""
	if review.is_new():
		return active_snapshot(review.variant)
	before = review.get_doc_before_save() or frappe.get_doc(REVIEW, review.name)
	review.variant = before.variant  # the snapshot is of this variant
	if before.criteria_snapshot:
		return frappe.parse_json(before.criteria_snapshot)
	return snapshot_from_rows(before)


def snapshot_from_rows(review) -> list[dict]:
	"""For a review stored before snapshots were kept: the wording of its rows whose criterion is
	of its variant, once each; the active criteria if none is."""
	of_variant = set(frappe.get_all(CRITERION, filters={"variant": review.variant}, pluck="name"))
	return rows_snapshot(review.ratings, of_variant) or active_snapshot(review.variant)


def rows_snapshot(rows, of_variant: set[str]) -> list[dict]:
	"""The criteria of `rows` (in their order) that belong to the variant, once each."""
	snapshot, seen = [], set()
	for row in rows:
		if row.criterion in of_variant and row.criterion not in seen:
			seen.add(row.criterion)
			snapshot.append(
				{
					"criterion": row.criterion,
					"criterion_text": row.criterion_text,
					"rating_options": row.rating_options,
				}
			)
	return snapshot


def active_snapshot(variant: str) -> list[dict]:
	return [
		{"criterion": c.name, "criterion_text": c.criterion, "rating_options": c.rating_options}
		for c in active_criteria(variant)
	]


def rebuild_ratings(review) -> None:
	"""One row per criterion of the snapshot, in its order, with the snapshot's wording and levels:
	only the level chosen and the comment come from the client. A row for any other criterion, or
	a second row for one, is refused; a row taken away comes back unrated."""
	snapshot = criteria_snapshot(review)
	review.criteria_snapshot = json.dumps(snapshot, ensure_ascii=False)
	by_criterion = {item["criterion"]: item for item in snapshot}
	seen = {}
	for row in review.ratings:
		item = by_criterion.get(row.criterion)
		if not item:
			frappe.throw(
				_("Row {0}: {1} is not a criterion of this review's form ({2}).").format(
					row.idx,
					frappe.bold(frappe.utils.escape_html(row.criterion_text or row.criterion or "?")),
					_(review.variant),
				),
				ReviewError,
				title=_("Criterion not on the form"),
			)
		if row.criterion in seen:
			frappe.throw(
				_("Row {0}: “{1}” is already rated in row {2}.").format(
					row.idx, item["criterion_text"], seen[row.criterion]
				),
				ReviewError,
				title=_("Criterion rated twice"),
			)
		seen[row.criterion] = row.idx
		row.criterion_text = item["criterion_text"]
		row.rating_options = item["rating_options"]
	for item in snapshot:
		if item["criterion"] not in seen:
			review.append("ratings", dict(item))
	order = {criterion: position for position, criterion in enumerate(by_criterion)}
	review.ratings.sort(key=lambda row: order[row.criterion])
	for idx, row in enumerate(review.ratings, start=1):
		row.idx = idx


def set_meeting_figures(review) -> None:
	from party_residence.participation import member_attendance

	figures = member_attendance(review.party_member, int(review.review_year))
	review.meetings_total = figures["meetings"]
	review.meetings_attended = figures["present"]


def check_ratings(review, complete: bool) -> None:
	for row in review.ratings:
		if row.rating and row.rating not in levels(row.rating_options):
			frappe.throw(
				_("Row {0}: {1} is not one of the levels of this criterion ({2}).").format(
					row.idx, frappe.bold(row.rating), ", ".join(levels(row.rating_options))
				),
				ReviewError,
				title=_("Rating not allowed"),
			)
	if complete:
		check_each_criterion_rated_once(review)
	if complete and not review.proposal:
		frappe.throw(_("Choose the proposal: commend, no proposal, or consider discipline."), ReviewError)


def check_each_criterion_rated_once(review) -> None:
	"""Exactly one rated row for every criterion of the snapshot, and a snapshot to rate."""
	snapshot = frappe.parse_json(review.criteria_snapshot or "[]")
	if not snapshot:
		frappe.throw(
			_(
				"This review has no criteria to rate: the criteria of the {0} form must be set up first."
			).format(frappe.bold(_(review.variant))),
			ReviewError,
			title=_("Review incomplete"),
		)
	for item in snapshot:
		rows = [row for row in review.ratings if row.criterion == item["criterion"]]
		if len(rows) != 1:
			frappe.throw(
				_("“{0}” must be rated exactly once.").format(item["criterion_text"]),
				ReviewError,
				title=_("Review incomplete"),
			)
		if not rows[0].rating:
			frappe.throw(
				_("Row {0}: rate “{1}”.").format(rows[0].idx, item["criterion_text"]),
				ReviewError,
				title=_("Review incomplete"),
			)


def check_request_waiting(review) -> None:
	"""A review is written, sent on and confirmed only while its request waits for the answer; the
	request is locked until the review is saved, so it cannot be cancelled in between."""
	stored = frappe.db.get_value(
		REQUEST, review.review_request, ["workflow_state", "cancel_reason"], for_update=True
	)
	if not stored:
		frappe.throw(
			_("There is no review request {0}.").format(
				frappe.bold(frappe.utils.escape_html(review.review_request))
			),
			frappe.LinkValidationError,
		)
	state, cancel_reason = stored
	if state == "Sent":
		return
	if state == "Cancelled":
		frappe.throw(
			_(
				"Review request {0} was cancelled ({1}): its review can no longer be changed, sent for confirmation or confirmed."
			).format(frappe.bold(review.review_request), frappe.utils.escape_html(cancel_reason or "")),
			ReviewError,
			title=_("Request cancelled"),
		)
	frappe.throw(
		_("Review request {0} is no longer waiting for an answer ({1}).").format(
			frappe.bold(review.review_request), _(state or "Draft")
		),
		ReviewError,
		title=_("Request not waiting"),
	)


def check_leaves_branch(review) -> None:
	"""Before the review goes to the committee: complete, and written after meeting the Front."""
	if not review.met_with_front_committee:
		frappe.throw(
			_(
				"The branch committee meets the Front work committee before sending the review; tick it once done."
			),
			ReviewError,
			title=_("Front committee not met"),
		)
	check_ratings(review, complete=True)


def one_review_per_request(review) -> None:
	other = frappe.db.get_value(
		REVIEW, {"review_request": review.review_request, "docstatus": ("<", 2), "name": ("!=", review.name)}
	)
	if other:
		frappe.throw(
			_("The request is already being answered by review {0}.").format(frappe.bold(other)), ReviewError
		)


def on_confirmed(review) -> None:
	"""Confirming the review answers the request (only one still waiting: never a cancelled one)."""
	check_request_waiting(review)
	request = frappe.get_doc(REQUEST, review.review_request)
	request.db_set({"workflow_state": "Answered", "residence_review": review.name}, notify=True)
	request.add_comment("Workflow", _("Answered"))


def contacts(review) -> None:
	review.workplace_contacts = recipients_text(
		nearest_committee(review.workplace_organization) or review.workplace_organization,
		(roles.WORKPLACE_OFFICER,),
	)
	review.committee_contacts = recipients_text(review.residence_committee, (roles.COMMITTEE_OFFICER,))


# Many requests at once (campaigns) -------------------------------------------------------------


def request_many(member_names, year, purpose, due_date, user, campaign=None) -> tuple[int, dict[str, int]]:
	"""Send one request per eligible member, set-wise. Returns (created, {reason: skipped count}).

	The unique duplicate key is written with INSERT IGNORE, so a member never gets two requests
	for one year and purpose, whatever runs at the same time."""
	if not member_names:
		return 0, {}
	members = frappe.get_all(
		"Party Member", filters={"name": ("in", list(member_names))}, fields=list(MEMBER_FIELDS)
	)
	existing = set(
		frappe.get_all(
			REQUEST,
			filters={"dedupe_key": ("in", [dedupe_key(m.name, year, purpose) for m in members])},
			pluck="dedupe_key",
		)
	)
	skipped: dict[str, int] = {}
	eligible = []
	for member in members:
		if dedupe_key(member.name, year, purpose) in existing:
			reason = _("Already requested")
		else:
			refusal = request_refusal(member, purpose)
			reason = refusal.kind if refusal else None
		if reason:
			skipped[reason] = skipped.get(reason, 0) + 1
		else:
			eligible.append(member)

	now = now_datetime()
	due_date = getdate(due_date) if due_date else due_date_after(now)
	names = reserve_names(REQUEST_SERIES, len(eligible))
	committees = {}
	all_details = [request_details(member, committees) for member in eligible]
	issuers = [
		details["issuing_committee"] or member.workplace_organization
		for member, details in zip(eligible, all_details, strict=True)
	]
	# who is told, looked up once for all the organizations of the chunk
	workplace_contacts = recipients_text_each(issuers, (roles.WORKPLACE_OFFICER,))
	branch_contacts = recipients_text_each(
		[member.residence_branch for member in eligible], (roles.BRANCH_SECRETARY,)
	)
	rows = []
	for member, name, details, issuer in zip(eligible, names, all_details, issuers, strict=True):
		rows.append(
			{
				"name": name,
				"party_member": member.name,
				**details,
				"purpose": purpose,
				"review_year": int(year),
				"requested_on": getdate(now),
				"due_date": due_date,
				"campaign": campaign,
				"workflow_state": "Sent",
				"docstatus": 1,
				"dedupe_key": dedupe_key(member.name, year, purpose),
				"verification_code": new_code(),
				"workplace_contacts": workplace_contacts.get(issuer),
				"branch_contacts": branch_contacts.get(member.residence_branch),
				"owner": user,
				"modified_by": user,
				"creation": now,
				"modified": now,
			}
		)
	created = _write_requests(rows, now, user)
	if lost := len(rows) - created:
		# another run took these members between our check and our insert
		skipped[_("Already requested")] = skipped.get(_("Already requested"), 0) + lost
	return created, skipped


def _write_requests(rows: list[dict], now, user) -> int:
	if not rows:
		return 0
	fields = list(rows[0])
	bulk.insert(REQUEST, fields, [[row[f] for f in fields] for row in rows], ignore_duplicates=True)
	written = frappe.get_all(REQUEST, filters={"name": ("in", [row["name"] for row in rows])}, pluck="name")
	# the requests are signed in the background where the issuing committee signs (signatures.py)
	signatures.sign_later(REQUEST, written, user)
	# the history and timeline of each request as its Send step records them, from the draft
	sent = set(written)
	bulk.add_sent_versions(REQUEST, [row for row in rows if row["name"] in sent], SET_WHEN_SENT, user, now)
	bulk.add_comments((("Workflow", REQUEST, name, "Sent") for name in written), user, now)
	return len(written)


def notify_branches(campaign: str, user: str) -> None:
	"""One message per residential branch for the requests a campaign sent it."""
	from party_residence.notify import send_digest

	requests = frappe.get_all(
		REQUEST,
		filters={"campaign": campaign, "docstatus": 1},
		fields=["name", "member_name", "residence_branch", "branch_contacts", "due_date", "review_year"],
		order_by="member_name",
	)
	by_branch: dict[str, list] = {}
	for request in requests:
		by_branch.setdefault(request.residence_branch, []).append(request)
	names = dict(
		frappe.get_all(
			"Party Organization",
			filters={"name": ("in", list(by_branch) or [""])},
			fields=["name", "organization_name"],
			as_list=True,
		)
	)
	for branch, branch_requests in by_branch.items():
		branch_name = names.get(branch, branch)
		send_digest(
			[email.strip() for email in (branch_requests[0].branch_contacts or "").split(",")],
			_("{0} review requests for {1}").format(len(branch_requests), branch_name),
			"party_residence/templates/emails/review_request_batch.html",
			{"requests": branch_requests, "branch_name": branch_name},
			reference=(REQUEST, branch_requests[0].name),
		)
