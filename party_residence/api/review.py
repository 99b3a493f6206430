"""Whitelisted actions on review requests and reviews."""

import frappe
from frappe import _
from party_residence import reviews
from party_residence.arguments import typed


@frappe.whitelist()
@typed
def make_review(request: str) -> dict:
	"""A new, unsaved review for a request, filled from it (the form's "Write Review" button)."""
	doc = frappe.get_doc(reviews.REQUEST, request)
	doc.check_permission("read")
	frappe.has_permission(reviews.REVIEW, "create", throw=True)
	existing = frappe.db.get_value(reviews.REVIEW, {"review_request": request, "docstatus": ("<", 2)})
	if existing:
		return frappe.get_doc(reviews.REVIEW, existing).as_dict()
	review = frappe.new_doc(reviews.REVIEW)
	review.review_request = request
	reviews.fill_from_request(review)
	reviews.set_meeting_figures(review)
	return review.as_dict()
