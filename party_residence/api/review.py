"""Whitelisted actions on review requests and reviews."""

import frappe
from frappe import _
from party_residence import reviews
from party_residence.arguments import Text, typed


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


@frappe.whitelist(methods=["POST"])
@typed
def set_return_reason(name: str, reason: Text) -> None:
	"""Keep the committee's reason before it returns a review for revision."""
	if not reason:
		frappe.throw(_("Give the reason."), frappe.MandatoryError)
	doc = frappe.get_doc(reviews.REVIEW, name)
	doc.check_permission("write")
	from frappe.model.workflow import get_transitions

	if "Return for Revision" not in {transition.action for transition in get_transitions(doc)}:
		frappe.throw(_("You cannot return this review now."), frappe.PermissionError)
	doc.db_set("return_reason", reason)
	doc.add_comment("Info", _("Returned for revision: {0}").format(frappe.utils.escape_html(reason)))


@frappe.whitelist(methods=["POST"])
@typed
def set_request_cancel_reason(name: str, reason: Text) -> None:
	"""Keep the workplace's reason before it cancels a review request."""
	if not reason:
		frappe.throw(_("Give the reason."), frappe.MandatoryError)
	doc = frappe.get_doc(reviews.REQUEST, name)
	doc.check_permission("cancel")
	from frappe.model.workflow import get_transitions

	if "Cancel" not in {transition.action for transition in get_transitions(doc)}:
		frappe.throw(_("You cannot cancel this review request now."), frappe.PermissionError)
	doc.db_set("cancel_reason", reason)
