import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from party_residence.verification import lookup

no_cache = 1


def get_context(context):
	code = frappe.form_dict.code or frappe.form_dict.q
	context.code = (code or "").strip()[:40]
	context.result = _checked_lookup(context.code) if context.code else None
	context.title = _("Check a document")
	context.no_breadcrumbs = True
	return context


@rate_limit(limit=30, seconds=60)
def _checked_lookup(code):
	"""At most 30 look-ups a minute from one address: codes cannot be tried one after another."""
	return lookup(code)
