"""Frappe's own DocTypes that point at the app's records, held to the scope rule.

- File: Frappe lists every file attached to a DocType the user's role may read, whatever record
  it is attached to, and lets anyone make a new File pointing at an existing private file's URL,
  which then downloads. Files attached to the app's records are listed only with their record,
  and a new File may point at a private URL only when the user may already read a file there.
- Tag Link and Document Follow keep, for any record, its title (a member's name) and who
  follows it; Frappe lets every desk user list them. Their rows about the app's records are
  listed only with the record. A follower gets each change of the record by e-mail, hidden fields
  included: a record is followed only by someone who may read all of it.
"""

from __future__ import annotations

import frappe
from frappe import _
from party_residence.compat.endpoints import guarded
from party_residence.permissions import is_unrestricted, query_conditions, scoped_doctypes
from party_residence.privacy import hidden_fields

# DocType -> (its field naming a DocType, its field naming the record)
REFERENCES = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Tag Link": ("document_type", "document_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
}


def reference_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of File, Tag Link and Document Follow."""
	user = user or frappe.session.user
	if is_unrestricted(user) or doctype not in REFERENCES:
		return ""
	type_field, name_field = (f"`tab{doctype}`.`{field}`" for field in REFERENCES[doctype])
	app = ", ".join(frappe.db.escape(name, percent=False) for name in sorted(scoped_doctypes()))
	allowed = [f"ifnull({type_field}, '') not in ({app})"]
	for target in sorted(scoped_doctypes()):
		condition = query_conditions(user, target)
		if condition == "1=0":
			continue
		records = f"select `name` from `tab{target}`" + (f" where {condition}" if condition else "")
		allowed.append(
			f"({type_field} = {frappe.db.escape(target, percent=False)} and {name_field} in ({records}))"
		)
	return "(" + " or ".join(allowed) + ")"


def reference_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission hook of File, Tag Link and Document Follow: the record decides."""
	type_field, name_field = REFERENCES[doc.doctype]
	target, name = doc.get(type_field), doc.get(name_field)
	if not guarded(target) or is_unrestricted(user):
		return None
	if not name or not frappe.db.exists(target, name):
		return False
	return bool(frappe.has_permission(target, "read", doc=name, user=user))


def refuse_copying_private_files(doc, method=None) -> None:
	"""before_insert of File: a new File at an existing private file's URL (a copy, or the same
	bytes uploaded again) only for a user who may read a file already there."""
	if doc.flags.ignore_permissions or is_unrestricted():
		return
	if not doc.file_url or not doc.file_url.startswith("/private/"):
		return
	if not frappe.db.exists("File", {"file_url": doc.file_url}):
		return
	if not frappe.get_list("File", filters={"file_url": doc.file_url}, limit=1):
		frappe.throw(_("You are not permitted to attach this file."), frappe.PermissionError)


def refuse_following(doc, method=None) -> None:
	"""before_insert of Document Follow: a follower is sent each change of the record, old and
	new values alike, so only someone who may read all of the record follows it."""
	if not guarded(doc.ref_doctype) or is_unrestricted(doc.user):
		return
	readable = frappe.db.exists(doc.ref_doctype, doc.ref_docname) and frappe.has_permission(
		doc.ref_doctype, "read", doc=doc.ref_docname, user=doc.user
	)
	if not readable or hidden_fields(doc.ref_doctype, user=doc.user):
		frappe.throw(
			_("This record of {0} cannot be followed by e-mail.").format(_(doc.ref_doctype)),
			frappe.PermissionError,
		)
