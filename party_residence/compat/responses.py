"""Fields a user may not read are taken out of every answer, whichever endpoint built it.

Frappe strips the fields of a level the user may not read from a document it answers with over
REST and in lists, but not everywhere: run_doc_method returns the document whole after any of its
whitelisted methods (add_comment, which every document has, among them), frappe.client.set_value,
save, submit, cancel and insert return it whole after the change, and the form's history (the
Versions in `docinfo`) lists the old and new values of every field. An after_request hook goes
through the JSON of each answer to a restricted user and removes, from every document of a
guarded DocType it holds, the fields the user may not read, and from its history the changes of
those fields.
"""

from __future__ import annotations

import json

import frappe
from party_residence.permissions import is_unrestricted, scoped_doctypes
from party_residence.privacy import hidden_fields


def strip_hidden_fields(response=None, request=None) -> None:
	"""after_request hook."""
	if response is None or frappe.session.user == "Guest" or is_unrestricted():
		return
	if response.mimetype != "application/json" or response.direct_passthrough:
		return
	hidden = {doctype: fields for doctype in scoped_doctypes() if (fields := hidden_fields(doctype))}
	if not hidden:
		return
	body = response.get_data()
	if not any(doctype.encode() in body for doctype in hidden):
		return
	try:
		data = json.loads(body)
	except ValueError:
		return
	if _strip(data, hidden):
		response.set_data(json.dumps(data, default=str, separators=(",", ":")))


def _strip(value, hidden: dict[str, set[str]], doctype: str | None = None) -> bool:
	"""Remove hidden fields in place; True when anything was removed."""
	changed = False
	if isinstance(value, dict):
		doctype = value.get("doctype") if isinstance(value.get("doctype"), str) else doctype
		for field in hidden.get(doctype, ()) & value.keys():
			if value.get("doctype") == doctype:
				value.pop(field)
				changed = True
		if isinstance(value.get("docinfo"), dict) and isinstance(value.get("docs"), list) and value["docs"]:
			changed |= _strip_versions(value["docinfo"], hidden.get(value["docs"][0].get("doctype"), set()))
		for item in value.values():
			changed |= _strip(item, hidden, doctype)
	elif isinstance(value, list):
		for item in value:
			changed |= _strip(item, hidden, doctype)
	return changed


def _strip_versions(docinfo: dict, fields: set[str]) -> bool:
	changed = False
	for version in docinfo.get("versions") or []:
		try:
			data = json.loads(version.get("data") or "{}")
		except ValueError:
			continue
		kept = [change for change in data.get("changed") or [] if change and change[0] not in fields]
		if len(kept) != len(data.get("changed") or []):
			data["changed"] = kept
			version["data"] = json.dumps(data)
			changed = True
	return changed
