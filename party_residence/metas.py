"""What the app derives from a DocType's meta (its owned fields, the links its rows check, the
fields a Version compares), worked out once per meta rather than once per record: a batch asks for
it for each of its thousands of rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import frappe

T = TypeVar("T")


def per_meta(what: str, doctype: str, build: Callable[[frappe.model.meta.Meta], T]) -> T:
	"""`build(meta)` for the current meta of `doctype`, kept in the request or job for as long as that
	meta is: a change to the DocType or its custom fields makes a new meta, and the value is built
	again."""
	meta = frappe.get_meta(doctype)
	kept = frappe.local_cache("party_residence:per_meta", what, dict)
	entry = kept.get(doctype)
	if entry is None or entry[0] is not meta:
		entry = kept[doctype] = (meta, build(meta))
	return entry[1]
