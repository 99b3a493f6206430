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
	for doctype in DOCTYPES:
		# spaces alone name no sector (the database compares them equal to an empty value)
		frappe.db.sql(f"update `tab{doctype}` set sector = null where trim(sector) = ''")
	# names compare as the database compares them, without regard to case
	known = {name.casefold() for name in frappe.get_all(SECTOR, pluck="name")}
	for doctype in DOCTYPES:
		for value in frappe.get_all(
			doctype, filters={"sector": ("is", "set")}, pluck="sector", distinct=True, order_by="sector asc"
		):
			name = record_name(value)
			if name != value:
				# a value no record may be named: the documents take the name their record gets
				# (every spelling the database takes for the same value)
				for stored_in in DOCTYPES:
					frappe.db.sql(
						f"update `tab{stored_in}` set sector = %s where sector = %s", (name or None, value)
					)
			if not name or name.casefold() in known:
				continue
			frappe.get_doc({"doctype": SECTOR, "sector_name": name}).insert(
				ignore_permissions=True, set_name=name
			)
			known.add(name.casefold())


def record_name(value: str) -> str:
	"""The name of the record for a stored value, as Frappe takes a name: without the spaces
	around it and without angle brackets."""
	return value.strip().replace("<", "(").replace(">", ")")
