"""Message extractors for files Frappe's own extractors do not read (see babel_extractors.csv)."""

import json


def extract_workflow(fileobj, *args, **kwargs):
	"""States and actions of a Workflow JSON file: the form shows them as buttons and indicators."""
	data = json.load(fileobj)
	name = data.get("name")
	for row in data.get("states", []):
		yield None, "_", row["state"], [f"State of the workflow '{name}'"]
		if row.get("message"):
			yield (
				None,
				"_",
				row["message"],
				[f"Message of the state '{row['state']}' in the workflow '{name}'"],
			)
	for row in data.get("transitions", []):
		yield None, "_", row["action"], [f"Action of the workflow '{name}'"]


def extract_report_columns(fileobj, *args, **kwargs):
	"""The column labels of the app's reports (report_columns.json)."""
	for fieldname, column in json.load(fileobj).items():
		yield None, "_", column["label"], [f"Label of the report column '{fieldname}'"]
