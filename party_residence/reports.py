"""What the app's script reports share: their columns, one line each."""


def column(fieldname: str, label: str, fieldtype: str, width: int, **extra) -> dict:
	"""A report column: `options` of a link, `precision` of a number and the like go in `extra`.
	The label is given already translated."""
	return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, **extra, "width": width}
