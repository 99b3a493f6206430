"""The columns of the app's script reports. Each column's label, type and width is said once, in
report_columns.json, so that a column shown by several reports looks the same in each; a report
names the columns it shows, in order."""

import json
import os
from functools import cache

from frappe import _


@cache
def vocabulary() -> dict[str, dict]:
	"""fieldname -> the column's label (in English, translated when shown), type, width and, where
	it needs them, options or precision."""
	with open(os.path.join(os.path.dirname(__file__), "report_columns.json")) as f:
		return json.load(f)


def columns(*fieldnames: str, **labels: str) -> list[dict]:
	"""The named columns, in order; `labels` names a column otherwise in one report
	(`count=_("Members")`)."""
	shown = []
	for fieldname in fieldnames:
		spec = vocabulary()[fieldname]
		english = spec["label"]
		shown.append({**spec, "fieldname": fieldname, "label": labels.get(fieldname) or _(english)})
	return shown


def column(fieldname: str, label: str, fieldtype: str, width: int, **extra) -> dict:
	"""A column made on the spot (one per duty, say): `options` of a link, `precision` of a number
	and the like go in `extra`. The label is given already translated."""
	return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, **extra, "width": width}
