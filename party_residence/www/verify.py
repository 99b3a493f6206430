import frappe
from frappe import _
from party_residence.verification import check_rate_limit, lookup

no_cache = 1


def get_context(context):
	code = frappe.form_dict.code or frappe.form_dict.q
	context.code = (code or "").strip()[:40]
	if context.code:
		check_rate_limit()  # at most 30 look-ups a minute from one address
		context.result = lookup(context.code)
	else:
		context.result = None
	context.title = _("Check a document")
	context.no_breadcrumbs = True
	return context
