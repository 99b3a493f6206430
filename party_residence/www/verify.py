import frappe
from frappe import _
from party_residence.signature_check import MAX_BYTES, check_pdf
from party_residence.verification import check_rate_limit, lookup

no_cache = 1


def get_context(context):
	context.title = _("Check a document")
	context.no_breadcrumbs = True
	context.result = context.check = None
	context.too_large = False
	code = frappe.form_dict.code or frappe.form_dict.q
	context.code = (code or "").strip()[:40] if isinstance(code, str) else ""
	if frappe.request and frappe.request.method == "POST":
		check_uploaded_pdf(context)
	elif context.code:
		check_rate_limit()  # at most 30 look-ups a minute from one address
		context.result = lookup(context.code)
	return context


def check_uploaded_pdf(context):
	"""A PDF sent with the form: its signatures, checked against the configured trust roots."""
	check_rate_limit()  # the same count as look-ups by code
	upload = frappe.request.files.get("pdf")
	if not upload:
		return
	data = upload.stream.read(MAX_BYTES + 1)
	if len(data) > MAX_BYTES:
		context.too_large = True
		return
	context.check = check_pdf(data)
