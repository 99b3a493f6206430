"""Which of Frappe's routes a request takes, read in one place for every check that depends on it.

Frappe 15 answers the same call under several names:
- a `cmd` in the form is run whatever the path (frappe.app.application looks at it before any
  /api route);
- /api/…, /api/v1/… (the same routes) and /api/v2/…;
- a whitelisted function under every module path it can be imported from, and frappe.handler's
  own names for its document method (`run_doc_method`, and its old name `runserverobj`).
A check keyed on one of these names alone would let the same call pass under another. The checks
of `payloads.py`, `privacy.py` and `compat/requests.py` read the route here; tests/test_attacks.py
sends each call under each name.
"""

from __future__ import annotations

import json
import re

import frappe

_METHOD = re.compile(r"^/api/(?:(v1|v2)/)?method/(.+?)/?$")
_RESOURCE = re.compile(r"^/api/(?:v1/)?resource/([^/]+)(?:/(.+?))?/?$")
_V2_DOCUMENT = re.compile(r"^/api/v2/document/([^/]+)(?:/(.+?))?/?$")
_V2_DOCTYPE = re.compile(r"^/api/v2/doctype/([^/]+)/(count|meta)/?$")

# the name of the v2 API's own document method, which takes `document` where v1's takes `docs`
V2_DOC_METHOD = "run_doc_method (v2)"


def _path() -> str:
	request = getattr(frappe.local, "request", None)
	return request.path if request else ""


def sent_method():
	"""The method the request calls, as it names it: a `cmd` in the form (of whatever type it was
	sent), else the method of an /api/…/method/ path; None for any other request."""
	if cmd := frappe.form_dict.get("cmd"):
		return cmd
	if match := _METHOD.match(_path()):
		return match.group(2)
	return None


def method() -> str | None:
	"""The method the request calls, named by the path of the function Frappe runs for it (see the
	module's docstring); what was sent when it names no function."""
	sent = sent_method()
	if not isinstance(sent, str):
		return None
	v2 = not frappe.form_dict.get("cmd") and _path().startswith("/api/v2/")
	if v2 and sent == "run_doc_method":
		return V2_DOC_METHOD
	if v2 and "/" in sent:
		# /api/v2/method/<doctype>/<method>: a function of the DocType's controller module
		doctype, name = sent.split("/", 1)
		try:
			from frappe.modules.utils import load_doctype_module

			sent = f"{load_doctype_module(doctype).__name__}.{name}"
		except Exception:
			return sent
	elif not v2:
		sent = sent.split("/")[0]  # frappe.api.v1.handle_rpc_call keeps the first segment
	return path_of(function_named(sent, v2)) or sent


def function_named(name: str, v2: bool = False):
	"""The function Frappe runs for a method name, or None. A bare name is one of frappe.handler's
	own (v1) or of the frappe module (v2)."""
	if "." not in name:
		if v2:
			return getattr(frappe, name, None)
		from frappe import handler

		return getattr(handler, name, None)
	return resolve(name)


def resolve(method: str):
	"""The function at a dotted path, or None. A name without an installed app is None without
	asking frappe.get_attr, whose refusal would reach the user as a message even when caught."""
	if not isinstance(method, str) or "." not in method:
		return None
	if method.split(".", 1)[0] not in frappe.get_installed_apps():
		return None
	try:
		return frappe.get_attr(method)
	except Exception:
		return None


def path_of(function) -> str | None:
	module = getattr(function, "__module__", None)
	name = getattr(function, "__name__", None)
	return f"{module}.{name}" if module and name else None


def document() -> tuple[str, str | None, str] | None:
	"""(DocType, name or None, "v1" or "v2") of a REST document or list request
	(/api[/v1]/resource/…, /api/v2/document/…); None for anything else, a `cmd` included."""
	if frappe.form_dict.get("cmd"):
		return None
	path = _path()
	if match := _RESOURCE.match(path):
		return match.group(1), match.group(2), "v1"
	if match := _V2_DOCUMENT.match(path):
		return match.group(1), match.group(2), "v2"
	return None


# the arguments that carry a number card or a chart sent whole, which names the DocType it counts
COUNTING_DOCUMENTS = ("doc", "chart")


def counted_doctype():
	"""The `document_type` of a number card or chart the request sends whole (as it was sent: not
	always text); None when it sends none."""
	for key in COUNTING_DOCUMENTS:
		document = frappe.form_dict.get(key)
		if isinstance(document, str | bytes):
			try:
				document = json.loads(document)
			except ValueError:
				continue
		if isinstance(document, dict) and document.get("document_type"):
			return document["document_type"]
	return None


def doctype_endpoint() -> tuple[str, str] | None:
	"""(DocType, "count" or "meta") of /api/v2/doctype/<doctype>/count|meta; None for anything else."""
	if frappe.form_dict.get("cmd"):
		return None
	if match := _V2_DOCTYPE.match(_path()):
		return match.group(1), match.group(2)
	return None
