"""Once a document is signed, its stored signed PDF is what every download and e-mail serves:
never a new rendering, which would carry no signature (signatures.py). These replace Frappe's
print download and the e-mail composer's print attachment (hooks.override_whitelisted_methods)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils.print_format import download_pdf as frappe_download_pdf
from frappe.www.printview import validate_print_permission
from party_residence import signatures
from party_residence.arguments import Refused, argument_label, parse, refuse, typed
from party_residence.verification import VERIFIABLE


def signed_file(doctype: str | None, name: str | None) -> frappe._dict | None:
	"""The File of the document's current signed PDF, or None."""
	if doctype not in VERIFIABLE or not name or not isinstance(name, str):
		return None
	entry = signatures.current_entry(doctype, name)
	if not entry:
		return None
	return frappe.db.get_value(
		"File",
		{"file_url": entry.signed_pdf, "attached_to_doctype": doctype, "attached_to_name": name},
		["name", "file_url"],
		as_dict=True,
	)


@frappe.whitelist()
@typed
def download_pdf(
	doctype: str,
	name: str,
	format: str | None = None,
	doc: str | None = None,
	no_letterhead: int = 0,
	language: str | None = None,
	letterhead: str | None = None,
	pdf_generator: str | None = None,
):
	"""frappe.utils.print_format.download_pdf, serving the signed PDF of a signed document. Frappe
	takes `doc` as a document object, from server code: a request prints a saved document."""
	if doc is not None:
		refuse(argument_label("doc"), Refused(_("{0} is not taken from a request: print a saved document.")))
	file = signed_file(doctype, name)
	if not file:
		return frappe_download_pdf(
			doctype,
			name,
			format=format,
			no_letterhead=no_letterhead,
			language=language,
			letterhead=letterhead,
			pdf_generator=pdf_generator,
		)
	validate_print_permission(frappe.get_doc(doctype, name))
	frappe.local.response.filename = f"{name}.pdf"
	frappe.local.response.filecontent = signatures.read_private_file(file.file_url)
	frappe.local.response.type = "pdf"


@frappe.whitelist(methods=["POST"])
def make_communication(**kwargs):
	"""frappe.core.doctype.communication.email.make: a print of a signed document is sent as the
	stored signed PDF (attached as it is), not as a new rendering."""
	from frappe.core.doctype.communication.email import make

	kwargs.pop("cmd", None)
	file = signed_file(kwargs.get("doctype"), kwargs.get("name")) if kwargs.get("print_format") else None
	if file:
		attachments = kwargs.get("attachments") or []
		attachments = parse(argument_label("attachments"), attachments, list)
		kwargs["attachments"] = [*attachments, file.name]
		kwargs["print_format"] = None
		kwargs["print_html"] = None
	return make(**kwargs)
