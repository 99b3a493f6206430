"""The public check of a document by its tracking code (the QR code on every printed document).

It answers only: the kind of document, its number, the issuing organization, the date, the
current status and the member's name. Nothing else, and the same shape for a code that does
not exist, so the page cannot be used to find out anything more.
"""

from __future__ import annotations

import re

import frappe
from frappe import _
from frappe.utils import formatdate
from party_residence.printing import document_number

# a series name, and "-1", "-2"… for an amended document
CODE = re.compile(r"[A-Z]{2,4}-\d{4}-\d{1,7}(-\d{1,3})?")

# tracking-code prefix -> (DocType, document type shown, number symbol, issuer field, date field)
VERIFIABLE = {
	"GT": ("Residence Introduction", "Giấy giới thiệu", "GGT/ĐU", "issuing_committee", "introduction_date"),
	"XYK": ("Residence Review Request", "Phiếu xin ý kiến", "PXYK/ĐU", "issuing_committee", "requested_on"),
	"NX": ("Residence Review", "Phiếu nhận xét", "PNX/CB", "residence_branch", "confirmed_on"),
}


def lookup(code: str | None) -> dict | None:
	code = (code or "").strip().upper()
	if not CODE.fullmatch(code):
		return None
	kind = VERIFIABLE.get(code.split("-", 1)[0])
	if not kind:
		return None
	doctype, title, symbol, issuer_field, date_field = kind
	# a public page: read with no user permissions, and only these fields
	row = frappe.db.get_value(
		doctype,
		code,
		["name", "member_name", "workflow_state", "docstatus", issuer_field, date_field],
		as_dict=True,
	)
	if not row or row.docstatus == 0:  # a draft has not been issued (a review: not confirmed)
		return None
	issuer = frappe.db.get_value("Party Organization", row.get(issuer_field), "organization_name")
	return {
		"code": row.name,
		"document_type": title,
		"number": document_number(row.name, symbol),
		"issuer": issuer,
		"date": formatdate(row.get(date_field), "dd/MM/yyyy"),
		"status": _(row.workflow_state),
		"member_name": row.member_name,
		"cancelled": row.docstatus == 2,
	}
