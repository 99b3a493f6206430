"""Frappe's own DocTypes that point at the app's records, held to the scope rule.

- File: Frappe lists every file attached to a DocType the user's role may read, whatever record
  it is attached to (an e-mail's attachments included, whatever record the e-mail is about), and lets anyone make a new File pointing at an existing private file's URL,
  which then downloads (an e-mail's attachments and `add_attachments` copy any File named to
  them, with permissions ignored). Files attached to the app's records are listed only with their
  record, and a new File may point at a private URL only when the user may already read a file
  there, whoever's code saves it.
- Tag Link and Document Follow keep, for any record, its title (a member's name) and who
  follows it; Frappe lets every desk user list them. Their rows about the app's records are
  listed only with the record. A follower gets each change of the record by e-mail, hidden fields
  included: a record is followed only by someone who may read all of it.
- A ToDo (an assignment) writes its assignee on the record and a comment on its timeline, and
  Frappe lets anyone make one about any record: only on a record the user reaches.
- A stored File keeps its URL, content and attachment (Frappe moves and deletes the stored file by
  the URL's last part), and the files of the app's records stay private.
"""

from __future__ import annotations

import posixpath

import frappe
from frappe import _
from party_residence.compat.endpoints import guarded
from party_residence.permissions import is_unrestricted, may_read, query_conditions, scoped_doctypes
from party_residence.privacy import hidden_fields

# DocType -> (its field naming a DocType, its field naming the record)
REFERENCES = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Tag Link": ("document_type", "document_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	# an assignment writes the assignee on the record and a comment on its timeline
	"ToDo": ("reference_type", "reference_name"),
}
# what making, changing or removing one asks of the user on the record (else: read)
CHANGES_NEED = {"File": "write"}


def reference_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of File, Tag Link and Document Follow."""
	user = user or frappe.session.user
	if is_unrestricted(user) or doctype not in REFERENCES:
		return ""
	type_field, name_field = (f"`tab{doctype}`.`{field}`" for field in REFERENCES[doctype])
	condition = _about_reachable_records(type_field, name_field, user)
	if doctype == "File":
		# an e-mail's attachments hang on its Communication: listed only with the record it is about
		e_mails = _about_reachable_records(
			"`tabCommunication`.`reference_doctype`", "`tabCommunication`.`reference_name`", user
		)
		condition += (
			f" and (ifnull({type_field}, '') != 'Communication'"
			f" or {name_field} in (select `name` from `tabCommunication` where {e_mails}))"
		)
	return condition


def _about_reachable_records(type_field: str, name_field: str, user: str) -> str:
	"""SQL: the row (naming a DocType and a record in these columns) is about no record of the app,
	or about one the user reaches."""
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
	"""has_permission hook of File, Tag Link, Document Follow and ToDo: one about an app record
	outside the user's reach is refused; otherwise Frappe's own rule for it decides (None)."""
	type_field, name_field = REFERENCES[doc.doctype]
	target, name = doc.get(type_field), doc.get(name_field)
	if not guarded(target) or is_unrestricted(user):
		return None
	if not name or not frappe.db.exists(target, name):
		return False
	# reading the record shows its files; changing or removing one is a change of the record
	reading = ptype in (None, "read", "select", "print", "email", "export")
	needed = "read" if reading else CHANGES_NEED.get(doc.doctype, "read")
	return None if frappe.has_permission(target, needed, doc=name, user=user) else False


# what a File is: the stored file it stands for, and the record it is attached to
FILE_IDENTITY = ("file_url", "content_hash", "attached_to_doctype", "attached_to_name", "attached_to_field")


def refuse_copying_private_files(doc, method=None) -> None:
	"""before_insert of File: a new File at an existing private file's URL (a copy, or the same
	bytes uploaded again) only for a user who may read a file already there. A URL is written as
	Frappe writes one: Frappe finds the stored file by the URL's last part, so `/private/files//x`
	would reach the private file `x` under another spelling.

	It holds when Frappe's own code saves the File with permissions ignored, as it does for the
	attachments of an e-mail (`communication.email.make`) and `file_manager.add_attachments`, both
	named by File: a copy is the copier's, and its owner may download it."""
	if is_unrestricted():
		return
	if doc.file_url and doc.file_url.startswith("/") and posixpath.normpath(doc.file_url) != doc.file_url:
		frappe.throw(_("The file's address is not valid."), frappe.PermissionError)
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
	if not may_read(doc.ref_doctype, doc.ref_docname, user=doc.user) or hidden_fields(
		doc.ref_doctype, user=doc.user
	):
		frappe.throw(
			_("This record of {0} cannot be followed by e-mail.").format(_(doc.ref_doctype)),
			frappe.PermissionError,
		)


def keep_file_identity(doc, method=None) -> None:
	"""before_validate of File: a stored File keeps the stored file it stands for and the record it
	is attached to; the files of the app's records stay private. Frappe finds and moves the stored
	file by the URL's last part: a File whose URL a user rewrote could make another's private file
	public, or delete it. (Frappe rewrites the URL itself when a file is made private or public,
	after this.)"""
	if doc.flags.ignore_permissions or is_unrestricted():
		return
	if guarded(doc.attached_to_doctype) and not doc.is_private:
		frappe.throw(
			_("The files of {0} stay private.").format(_(doc.attached_to_doctype)), frappe.PermissionError
		)
	if doc.is_new():
		return
	stored = frappe.db.get_value("File", doc.name, FILE_IDENTITY, as_dict=True)
	if stored and any((doc.get(field) or None) != (stored.get(field) or None) for field in FILE_IDENTITY):
		frappe.throw(
			_("A file's address, content and the record it is attached to do not change: upload it again."),
			frappe.PermissionError,
		)
