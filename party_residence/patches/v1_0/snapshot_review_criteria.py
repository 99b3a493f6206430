"""Reviews keep the criteria they were made with (wording and levels) apart from their rows, so
that a client cannot rewrite them; record that snapshot for the reviews made before it was kept,
from the wording their rows were written with."""

import json

import frappe
from party_residence.reviews import REVIEW, snapshot_from_rows


def execute():
	for name in frappe.get_all(REVIEW, filters={"criteria_snapshot": ("is", "not set")}, pluck="name"):
		review = frappe.get_doc(REVIEW, name)
		snapshot = json.dumps(snapshot_from_rows(review), ensure_ascii=False)
		frappe.db.set_value(REVIEW, name, "criteria_snapshot", snapshot, update_modified=False)
