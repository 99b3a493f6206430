"""The workplace sectors are records of Party Sector, no longer the options of five Select fields.
Create them before anything saves a document again, one more for every other value a site stored
(an option an administrator added through Customize Form), so that every stored sector names a
record; and drop such customized option lists, which would now stand where the linked DocType
belongs."""

import frappe
from party_residence.install import ensure_sectors
from party_residence.organizations import SECTOR

DOCTYPES = (
	"Party Organization",
	"Party Member",
	"Residence Introduction",
	"Residence Review",
	"Residence Review Request",
)


def execute():
	frappe.db.delete(
		"Property Setter",
		{"doc_type": ("in", DOCTYPES), "field_name": "sector", "property": ("in", ("options", "fieldtype"))},
	)
	for doctype in DOCTYPES:
		frappe.clear_cache(doctype=doctype)

	ensure_sectors()
	# names compare as the database compares them, without regard to case
	known = {name.casefold() for name in frappe.get_all(SECTOR, pluck="name")}
	for doctype in DOCTYPES:
		for value in frappe.get_all(
			doctype, filters={"sector": ("is", "set")}, pluck="sector", distinct=True, order_by="sector asc"
		):
			if value.casefold() in known:
				continue
			frappe.get_doc({"doctype": SECTOR, "sector_name": value}).insert(
				ignore_permissions=True, set_name=value
			)
			known.add(value.casefold())
