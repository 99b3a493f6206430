# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _, _lt
from frappe.model.document import Document
from frappe.utils import getdate
from party_residence import jobs, reviews
from party_residence.job_actions import StartsJobMixin
from party_residence.owned_fields import OwnedFieldsMixin, set_owned
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import can_reach_organization


class ResidenceReviewCampaign(StartsJobMixin, FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.residence_review_campaign_summary.residence_review_campaign_summary import (
			ResidenceReviewCampaignSummary,
		)

		campaign_title: DF.Data | None
		created_count: DF.Int
		due_date: DF.Date | None
		purpose: DF.Literal["Annual Review", "Cadre Work", "Party Admission", "Probationary Member", "Other"]
		review_year: DF.Int
		skipped_count: DF.Int
		status: DF.Literal["Draft", "Queued", "Running", "Completed", "Failed"]
		summary: DF.Table[ResidenceReviewCampaignSummary]
		workplace_organization: DF.Link
	# end: auto-generated types

	# start: the job `run` below sends the requests chunk by chunk
	job = f"{__name__}.run"
	job_argument = "campaign"
	already_running = _lt("This campaign is already running.")

	def validate(self):
		if frappe.db.get_value("Party Organization", self.workplace_organization, "side") != "Workplace":
			frappe.throw(_("Choose a workplace organization."))
		if not can_reach_organization(self.workplace_organization):
			frappe.throw(_("The organization is outside your scope."), frappe.PermissionError)
		if not (2000 <= int(self.review_year or 0) <= getdate().year + 1):
			frappe.throw(_("{0} is not a review year.").format(self.review_year))
		self.set_title()

	def set_title(self):
		"""What the list and the breadcrumbs show: the purpose, the year and the organization's name."""
		organization = frappe.db.get_value(
			"Party Organization", self.workplace_organization, "organization_name"
		)
		self.campaign_title = (
			f"{_(self.purpose)} {self.review_year} - {organization or self.workplace_organization}"
		)


def run(campaign: str, commit: bool = True, lang: str | None = None) -> None:
	"""Background job: a request for every eligible member of the organization and those under it."""
	doc = frappe.get_doc("Residence Review Campaign", campaign)
	with jobs.running(doc, commit, _("Review campaign failed"), lang) as commit_chunk:
		# get_list: the campaign reaches only the members the officer may reach
		members = frappe.get_list(
			"Party Member",
			filters={"workplace_organization": ("descendants of (inclusive)", doc.workplace_organization)},
			pluck="name",
			order_by="name",
			limit=0,
		)
		created, skipped = 0, {}
		for start in range(0, len(members), jobs.CHUNK):
			chunk_created, chunk_skipped = reviews.request_many(
				members[start : start + jobs.CHUNK],
				doc.review_year,
				doc.purpose,
				doc.due_date,
				frappe.session.user,
				campaign=doc.name,
			)
			commit_chunk()
			created += chunk_created
			for reason, count in chunk_skipped.items():
				skipped[reason] = skipped.get(reason, 0) + count
			jobs.progress(doc, start + jobs.CHUNK, len(members), _("Sending review requests"))
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
		jobs.publish_status(doc)
		commit_chunk()
