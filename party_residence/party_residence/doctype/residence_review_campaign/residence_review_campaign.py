# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate
from party_residence import reviews
from party_residence.owned_fields import OwnedFieldsMixin, set_owned
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import can_reach_organization

CHUNK = 2000


class ResidenceReviewCampaign(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.residence_review_campaign_summary.residence_review_campaign_summary import (
			ResidenceReviewCampaignSummary,
		)

		created_count: DF.Int
		due_date: DF.Date | None
		purpose: DF.Literal["Annual Review", "Cadre Work", "Party Admission", "Probationary Member", "Other"]
		review_year: DF.Int
		skipped_count: DF.Int
		status: DF.Literal["Draft", "Queued", "Running", "Completed", "Failed"]
		summary: DF.Table[ResidenceReviewCampaignSummary]
		workplace_organization: DF.Link
	# end: auto-generated types

	def validate(self):
		if frappe.db.get_value("Party Organization", self.workplace_organization, "side") != "Workplace":
			frappe.throw(_("Choose a workplace organization."))
		if not can_reach_organization(self.workplace_organization):
			frappe.throw(_("The organization is outside your scope."), frappe.PermissionError)
		if not (2000 <= int(self.review_year or 0) <= getdate().year + 1):
			frappe.throw(_("{0} is not a review year.").format(self.review_year))

	@frappe.whitelist(methods=["POST"])
	def start(self):
		"""Queue the campaign; the job sends the requests chunk by chunk."""
		self.check_permission("write")
		if self.status in ("Queued", "Running"):
			frappe.throw(_("This campaign is already running."))
		self.db_set("status", "Queued")
		frappe.enqueue(
			"party_residence.party_residence.doctype.residence_review_campaign.residence_review_campaign.run",
			queue="long",
			timeout=3600,
			job_id=f"residence-review-campaign::{self.name}",
			deduplicate=True,
			enqueue_after_commit=True,
			now=frappe.flags.in_test,
			campaign=self.name,
			commit=not frappe.flags.in_test,
		)
		return self.status


def run(campaign: str, commit: bool = True) -> None:
	"""Background job: a request for every eligible member of the organization and those under it.
	Each chunk is committed once done (`commit` is off only inside a test's transaction)."""

	def _commit():
		if commit:
			# each chunk stands on its own: a failure later must not undo the members already done
			frappe.db.commit()  # nosemgrep: frappe-manual-commit

	doc = frappe.get_doc("Residence Review Campaign", campaign)
	doc.db_set("status", "Running")
	_commit()
	try:
		# get_list: the campaign reaches only the members the officer may reach
		members = frappe.get_list(
			"Party Member",
			filters={"workplace_organization": ("descendants of (inclusive)", doc.workplace_organization)},
			pluck="name",
			order_by="name",
			limit=0,
		)
		created, skipped = 0, {}
		for start in range(0, len(members), CHUNK):
			chunk_created, chunk_skipped = reviews.request_many(
				members[start : start + CHUNK],
				doc.review_year,
				doc.purpose,
				doc.due_date,
				frappe.session.user,
				campaign=doc.name,
			)
			_commit()
			created += chunk_created
			for reason, count in chunk_skipped.items():
				skipped[reason] = skipped.get(reason, 0) + count
			frappe.publish_progress(
				100 * min(start + CHUNK, len(members)) / max(len(members), 1),
				title=_("Sending review requests"),
				doctype=doc.doctype,
				docname=doc.name,
			)
		reviews.notify_branches(doc.name, frappe.session.user)
		doc.reload()
		set_owned(
			doc,
			{
				"created_count": created,
				"skipped_count": sum(skipped.values()),
				"summary": [
					{"reason": reason, "member_count": count} for reason, count in sorted(skipped.items())
				],
				"status": "Completed",
			},
		)
		doc.save(ignore_permissions=True)  # the job's own bookkeeping
		_commit()
	except Exception:
		frappe.db.rollback()
		doc.log_error(_("Review campaign failed"))
		doc.db_set("status", "Failed", notify=True)
		_commit()
		raise
