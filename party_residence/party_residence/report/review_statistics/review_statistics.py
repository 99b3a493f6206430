# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

"""Review Statistics: for a year and an organization, how many confirmed reviews chose each level
of each criterion, and each proposal."""

import frappe
from frappe import _
from frappe.utils import getdate, today
from party_residence import reports
from party_residence.arguments import Year, report_filters
from party_residence.reviews import levels

REVIEW = "Residence Review"
RATING = "Residence Review Rating"
PROPOSALS = ("Commend", "No Proposal", "Consider Discipline")


def execute(filters=None):
	filters = report_filters(filters, year=Year, organization=str)
	filters.year = filters.year or getdate(today()).year
	reviews = confirmed_reviews(filters)
	data = criterion_rows(reviews) + proposal_rows(reviews)
	return columns(), data, None, chart(reviews), summary(reviews)


def confirmed_reviews(filters) -> list[frappe._dict]:
	conditions = {"docstatus": 1, "review_year": filters.year}
	or_filters = []
	if filters.organization:
		or_filters = [
			[REVIEW, field, "descendants of (inclusive)", filters.organization]
			for field in ("residence_committee", "residence_branch", "workplace_organization")
		]
	# get_list: only the reviews the user's scope reaches are counted
	return frappe.get_list(
		REVIEW, filters=conditions, or_filters=or_filters, fields=["name", "proposal"], limit=0
	)


def columns():
	return reports.columns("item", "level", "count", "share", count=_("Reviews"))


def criterion_rows(reviews) -> list[dict]:
	if not reviews:
		return []
	rating = frappe.qb.DocType(RATING)
	rows = (
		frappe.qb.from_(rating)
		.select(rating.criterion, rating.criterion_text, rating.rating_options, rating.rating)
		.where((rating.parenttype == REVIEW) & rating.parent.isin([review.name for review in reviews]))
		# the criteria in the order of the form
		.orderby(rating.idx)
	).run(as_dict=True)

	by_criterion: dict[str, dict] = {}
	for row in rows:
		entry = by_criterion.setdefault(
			row.criterion or row.criterion_text,
			{"text": row.criterion_text, "levels": levels(row.rating_options), "counts": {}},
		)
		entry["counts"][row.rating] = entry["counts"].get(row.rating, 0) + 1

	data = []
	for entry in by_criterion.values():
		total = sum(entry["counts"].values())
		data.append({"item": entry["text"], "indent": 0, "count": total, "share": _share(total, total)})
		for level in entry["levels"]:
			count = entry["counts"].get(level, 0)
			data.append(
				{"item": "", "level": level, "count": count, "share": _share(count, total), "indent": 1}
			)
	return data


def proposal_rows(reviews) -> list[dict]:
	if not reviews:
		return []
	counts = {proposal: sum(1 for review in reviews if review.proposal == proposal) for proposal in PROPOSALS}
	total = len(reviews)
	return [{"item": _("Proposal"), "count": total, "share": _share(total, total), "indent": 0}] + [
		{"item": "", "level": _(proposal), "count": count, "share": _share(count, total), "indent": 1}
		for proposal, count in counts.items()
	]


def chart(reviews):
	if not reviews:
		return None
	return {
		"data": {
			"labels": [_(proposal) for proposal in PROPOSALS],
			"datasets": [{"values": [sum(1 for r in reviews if r.proposal == p) for p in PROPOSALS]}],
		},
		"type": "donut",
		"colors": ["#2e7d32", "#90a4ae", "#c62828"],
	}


def summary(reviews):
	return [{"label": _("Confirmed reviews"), "value": len(reviews), "datatype": "Int", "indicator": "blue"}]


def _share(count: int, total: int) -> float:
	return round(100.0 * count / total, 1) if total else 0.0
