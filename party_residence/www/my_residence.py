import frappe
from frappe import _
from party_residence.portal import overview

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-residence"
		raise frappe.Redirect
	context.no_breadcrumbs = True
	context.show_sidebar = True
	context.title = _("My Residence Record")
	context.record = overview()
	return context
