# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _, _lt
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import format_date, now_datetime
from party_residence import bulk, introductions, jobs
from party_residence.job_actions import StartsJobMixin
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import can_reach_organization, readable_names

DOCTYPE = "Residence Introduction Batch"
MEMBER_ROW = "Residence Introduction Batch Member"
# the event the batch form listens to (besides Frappe's own doc_update) while the job runs


class ResidenceIntroductionBatch(StartsJobMixin, FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.residence_introduction_batch_member.residence_introduction_batch_member import (
			ResidenceIntroductionBatchMember,
		)

		batch_title: DF.Data | None
		created_count: DF.Int
		error_count: DF.Int
		introduction_date: DF.Date
		members: DF.Table[ResidenceIntroductionBatchMember]
		skipped_count: DF.Int
		status: DF.Literal["Draft", "Queued", "Running", "Completed", "Failed"]
		workplace_organization: DF.Link
	# end: auto-generated types

	# start: the job `run` below introduces the members chunk by chunk
	job = f"{__name__}.run"
	job_argument = "batch"
	already_running = _lt("This batch is already running.")

	def set_new_name(self, force=False, set_name=None, set_child_names=True):
		named_already = self.flags.name_set and not force
		super().set_new_name(force, set_name, set_child_names=False)
		if set_child_names and not named_already:
			# a batch may list thousands of members: their rows are named together
			bulk.name_rows(self.members)

	def db_insert(self, *args, **kwargs):
		result = super().db_insert(*args, **kwargs)
		# a batch may list thousands of members: their rows are written together
		bulk.insert_rows(self.members)
		return result

	def validate(self):
		self.validate_organization()
		self.remove_duplicate_members()
		self.validate_members_in_scope()
		self.set_title()

	def set_title(self):
		"""What the list and the breadcrumbs show: the date and the organization's name."""
		organization = frappe.db.get_value(
			"Party Organization", self.workplace_organization, "organization_name"
		)
		day = format_date(self.introduction_date or self.creation or now_datetime(), "dd/MM/yyyy")
		# the date first: a narrow list column still shows it
		self.batch_title = f"{day} - {organization or self.workplace_organization}"

	def validate_organization(self):
		side = frappe.db.get_value("Party Organization", self.workplace_organization, "side")
		if side != "Workplace":
			frappe.throw(_("Choose a workplace organization."))
		if not can_reach_organization(self.workplace_organization):
			frappe.throw(_("The organization is outside your scope."), frappe.PermissionError)

	def remove_duplicate_members(self):
		seen = set()
		for row in list(self.members):
			if row.party_member in seen:
				self.remove(row)
			seen.add(row.party_member)

	def validate_members_in_scope(self):
		"""Only members the officer may see can be listed (and their names shown in the rows)."""
		names = {row.party_member for row in self.members}
		if not names:
			return
		visible = readable_names("Party Member", names)
		outside = [row.idx for row in self.members if row.party_member not in visible]
		if outside:
			frappe.throw(
				_("Rows {0}: these members do not exist or are outside your scope.").format(
					", ".join(str(idx) for idx in outside)
				),
				frappe.PermissionError,
				title=_("Members outside your scope"),
			)

	@frappe.whitelist()
	def destinations(self) -> dict:
		"""Where the batch would send each member (the confirmation before it starts)."""
		self.check_permission("read")
		members, outside_scope = _members_to_introduce(
			self, {row.party_member: row.name for row in self.members}
		)
		return introductions.destinations([name for name in members if name not in outside_scope])


def run(batch: str, commit: bool = True, lang: str | None = None) -> None:
	"""Background job: introduce the batch's members, keeping the good ones when some fail.
	`lang`: the language of the officer who started it, for the reasons written in the rows."""
	doc, listed = _load(batch)
	with jobs.running(doc, commit, _("Introduction batch failed"), lang) as commit_chunk:
		members, outside_scope = _members_to_introduce(doc, listed)
		results = []
		for start in range(0, len(members), jobs.CHUNK):
			chunk = members[start : start + jobs.CHUNK]
			chunk_results = introductions.introduce_many(
				[name for name in chunk if name not in outside_scope],
				doc.introduction_date,
				frappe.session.user,
			)
			chunk_results += [_outside_scope(name) for name in chunk if name in outside_scope]
			commit_chunk()
			results += chunk_results
			jobs.progress(doc, start + jobs.CHUNK, len(members), _("Introducing members"))
		_save_results(doc, listed, members, results)
		jobs.set_status(doc, "Completed")
		commit_chunk()
	# one message per committee for the whole batch, however many chunks it took, queued once the
	# batch stands: a queue that refuses it leaves the batch Completed (the job's failure is logged)
	introductions.notify_committees_later(
		[row["residence_introduction"] for row in results if row["result"] == introductions.CREATED]
	)
	if commit:
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - queues the message


def _load(batch: str) -> tuple[Document, dict[str, str]]:
	"""The batch without its rows, and the members its rows list with the rows' names: a batch may
	list thousands, which the job reads as values rather than as documents."""
	values = frappe.db.get_value(DOCTYPE, batch, "*", as_dict=True)
	if not values:
		raise frappe.DoesNotExistError(doctype=DOCTYPE)
	rows = frappe.get_all(
		MEMBER_ROW,
		filters={"parent": batch, "parenttype": DOCTYPE, "parentfield": "members"},
		fields=["name", "party_member"],
		order_by="idx",
	)
	return frappe.get_doc({**values, "doctype": DOCTYPE}), {row.party_member: row.name for row in rows}


def _members_to_introduce(doc, listed: dict[str, str]) -> tuple[list[str], set[str]]:
	"""The members to introduce (those `listed`, or else every member of the organization not yet
	introduced), and those among them the officer may not reach."""
	if listed:
		names = list(listed)
	else:
		names = frappe.get_all(
			"Party Member",
			filters={
				"workplace_organization": ("descendants of (inclusive)", doc.workplace_organization),
				"liaison_status": ("in", ("Not Introduced", "Moved Away")),
			},
			order_by="full_name",
			pluck="name",
		)
	if not names:
		return [], set()
	# the job runs as the officer who started it: what they may not see, they may not introduce
	reachable = readable_names("Party Member", names)
	return names, set(names) - reachable


def _outside_scope(name):
	return {
		"party_member": name,
		"result": introductions.ERROR,
		"residence_introduction": None,
		"message": _("The member is outside your scope."),
	}


RESULT_FIELDS = ["member_name", "result", "residence_introduction", "message", "modified_by", "modified"]


def _save_results(doc, listed: dict[str, str], members, results) -> None:
	"""One row per member with its result, written in bulk (a batch may hold thousands): the rows
	the form listed are updated in place, the rows of a batch made for the whole organization are
	added."""
	by_member = {row["party_member"]: row for row in results}
	user, now = frappe.session.user, now_datetime()
	fields = ["name", "parent", "parenttype", "parentfield", "idx", "party_member", "owner", "creation"]
	rows = []
	for idx, member in enumerate(members, start=1):
		result = by_member[member]
		rows.append(
			[
				listed.get(member) or make_autoname("hash", MEMBER_ROW),
				doc.name,
				doc.doctype,
				"members",
				idx,
				member,
				user,
				now,
				# no name for a member who has left the officer's scope since the batch was made
				result.get("member_name"),
				result["result"],
				result["residence_introduction"],
				result["message"],
				user,
				now,
			]
		)
	bulk.insert(MEMBER_ROW, fields + RESULT_FIELDS, rows, update_on_duplicate=RESULT_FIELDS)
	counts = {
		key: sum(1 for row in results if row["result"] == key) for key in ("Created", "Skipped", "Error")
	}
	doc.db_set(
		{
			"created_count": counts["Created"],
			"skipped_count": counts["Skipped"],
			"error_count": counts["Error"],
		}
	)
