"""Who opened, fetched, printed or exported a party member's data, and when (View Log and Access
Log). For the province's organization department only: the logs name every officer's reads."""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_days, getdate
from party_residence import reports
from party_residence.arguments import report_filters
from party_residence.permissions import MEMBER, is_unrestricted, member_field
from party_residence.privacy import member_data_doctypes


def execute(filters: dict | None = None):
	filters = report_filters(filters, party_member=str, from_date=date, to_date=date)
	if not is_unrestricted():
		frappe.throw(
			_("Only a Party Residence Manager sees who read a member's record."), frappe.PermissionError
		)
	if not filters.party_member:
		frappe.throw(_("Select the party member."), frappe.MandatoryError)
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return reports.columns("accessed_on", "user", "full_name", "how", "document_type", "document")


def get_data(filters) -> list[dict]:
	start = getdate(filters.from_date) if filters.from_date else None
	end = add_days(getdate(filters.to_date), 1) if filters.to_date else None
	documents = documents_about(filters.party_member)
	rows = views(filters.party_member, start, end) + accesses(documents, start, end)
	names = frappe.get_all(
		"User", filters={"name": ("in", list({row["user"] for row in rows}))}, fields=["name", "full_name"]
	)
	full_names = {user.name: user.full_name for user in names}
	for row in rows:
		row["full_name"] = full_names.get(row["user"], "")
	return sorted(rows, key=lambda row: row["accessed_on"], reverse=True)


def documents_about(member: str) -> dict[str, list[str]]:
	"""The member's record and every document of the app about them, by DocType."""
	documents = {MEMBER: [member]}
	for doctype in sorted(member_data_doctypes() - {MEMBER}):
		# every document, whoever may see it: the report is about all reads, for a manager
		documents[doctype] = frappe.get_all(doctype, filters={member_field(doctype): member}, pluck="name")
	return {doctype: names for doctype, names in documents.items() if names}


def _between(column, start, end):
	condition = column.isnotnull()
	if start:
		condition &= column >= start
	if end:
		condition &= column < end
	return condition


def views(member: str, start, end) -> list[dict]:
	view_log = DocType("View Log")
	rows = (
		frappe.qb.from_(view_log)
		.select(view_log.creation, view_log.viewed_by)
		.where(
			(view_log.reference_doctype == MEMBER)
			& (view_log.reference_name == member)
			& _between(view_log.creation, start, end)
		)
	).run()
	return [
		{
			"accessed_on": creation,
			"user": user,
			"how": _("Opened the form"),
			"doctype": MEMBER,
			"document_type": _(MEMBER),
			"document": member,
		}
		for creation, user in rows
	]


def accesses(documents: dict[str, list[str]], start, end) -> list[dict]:
	access_log = DocType("Access Log")
	how = {
		("REST", None): _("Fetched over the API"),
		("Print", "HTML"): _("Print preview"),
		# Frappe logs its print page and PDFs before it checks permission: refused tries are listed too
		("Print", "PDF"): _("Print page or PDF (also when refused)"),
		("Export", None): _("Exported"),
	}
	rows = []
	for doctype, names in documents.items():
		rows += (
			frappe.qb.from_(access_log)
			.select(
				access_log.creation,
				access_log.user,
				access_log.method,
				access_log.file_type,
				access_log.export_from,
				access_log.reference_document,
			)
			.where(
				(access_log.export_from == doctype)
				& access_log.reference_document.isin(names)
				& _between(access_log.creation, start, end)
			)
		).run(as_dict=True)
	return [
		{
			"accessed_on": row.creation,
			"user": row.user,
			"how": how.get((row.method, row.file_type)) or how.get((row.method, None)) or row.method or "",
			"doctype": row.export_from,
			"document_type": _(row.export_from),
			"document": row.reference_document,
		}
		for row in rows
	]
