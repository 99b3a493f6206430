"""Party Residence Settings, read with the defaults its DocType declares."""

import frappe
from frappe.utils import cint

SETTINGS = "Party Residence Settings"


def days(fieldname: str) -> int:
	"""A number of working days set in Settings; when left empty (or 0), the default of its field."""
	value = cint(frappe.db.get_single_value(SETTINGS, fieldname))
	return value or cint(frappe.get_meta(SETTINGS).get_field(fieldname).default)
