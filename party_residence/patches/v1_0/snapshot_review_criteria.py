"""Reviews keep the criteria they were made with (wording and levels) apart from their rows, so
that a client cannot rewrite them; record that snapshot for the reviews made before it was kept,
from the wording their rows were written with.

Set-wise: a city holds a hundred thousand reviews, nearly all with the same wording, so the rows
are read in chunks and each distinct snapshot is written with one UPDATE per chunk of names."""

import json
from collections import defaultdict

import frappe
from frappe.utils import create_batch
from party_residence.reviews import CRITERION, REVIEW, active_snapshot, rows_snapshot

RATING = "Residence Review Rating"
CHUNK = 5000


def execute():
	reviews = frappe.get_all(
		REVIEW, filters={"criteria_snapshot": ("is", "not set")}, fields=["name", "variant"]
	)
	if not reviews:
		return
	of_variant = defaultdict(set)
	for criterion in frappe.get_all(CRITERION, fields=["name", "variant"]):
		of_variant[criterion.variant].add(criterion.name)
	fallback = {}
	by_snapshot = defaultdict(list)
	for chunk in create_batch(reviews, CHUNK):
		rows = defaultdict(list)
		for row in frappe.get_all(
			RATING,
			filters={"parenttype": REVIEW, "parent": ("in", [review.name for review in chunk])},
			fields=["parent", "criterion", "criterion_text", "rating_options"],
			order_by="parent asc, idx asc",
		):
			rows[row.parent].append(row)
		for review in chunk:
			snapshot = rows_snapshot(rows[review.name], of_variant[review.variant])
			if not snapshot:
				if review.variant not in fallback:
					fallback[review.variant] = active_snapshot(review.variant)
				snapshot = fallback[review.variant]
			by_snapshot[json.dumps(snapshot, ensure_ascii=False)].append(review.name)

	table = frappe.qb.DocType(REVIEW)
	for snapshot, names in by_snapshot.items():
		for part in create_batch(names, CHUNK):
			frappe.qb.update(table).set(table.criteria_snapshot, snapshot).where(table.name.isin(part)).run()
