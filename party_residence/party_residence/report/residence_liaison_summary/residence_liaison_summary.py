# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

"""Residence Liaison Summary: the figures of the yearly report on Regulation 213 for a residence
committee (or everything under an organization, e.g. a city) and a year."""

import frappe
from frappe import _
from frappe.utils import getdate, today
from party_residence import reports
from party_residence.arguments import Year, report_filters
from party_residence.organizations import sector_names
from party_residence.summary import liaison_summary, percent


def execute(filters=None):
	filters = report_filters(filters, organization=str, year=Year)
	filters.year = filters.year or getdate(today()).year
	figures = liaison_summary(filters.organization, filters.year)
	return columns(), rows(figures), None, chart(figures), summary_cards(figures)


def columns():
	return reports.columns("indicator", "count", "share", count=_("Members"))


def rows(f):
	def row(label, count, whole=None, indent=0):
		return {
			"indicator": label,
			"count": count,
			"share": percent(count, whole) if whole else None,
			"indent": indent,
		}

	names = sector_names()
	data = [row(_("Members introduced to their place of residence"), f.introduced, f.introduced)]
	data += [
		row(names.get(sector) or _(sector), count, f.introduced, 1) for sector, count in f.by_sector.items()
	]
	data += [
		row(_("Received by the residence branch"), f.received, f.introduced),
		row(_("Still being received"), f.in_progress, f.introduced),
		row(_("Returned"), f.returned, f.introduced),
		row(_("Introduced but exempt from residence activity"), f.introduced_exempt, f.introduced),
		row(_("Members exempt from residence activity"), f.exempt_from_activity),
		row(_("Members exempt from introduction"), f.exempt_from_introduction),
		row(_("Review requests"), f.requested, f.requested),
		row(_("Answered"), f.answered, f.requested, 1),
		row(_("Overdue"), f.overdue, f.requested, 1),
		row(_("Confirmed reviews"), f.confirmed, f.confirmed),
		row(_("Proposed for commendation"), f.commend, f.confirmed, 1),
		row(_("Proposed for disciplinary consideration"), f.discipline, f.confirmed, 1),
	]
	return data


def chart(f):
	if not f.introduced:
		return None
	names = sector_names()
	return {
		"data": {
			"labels": [names.get(sector) or _(sector) for sector in f.by_sector],
			"datasets": [{"name": _("Members introduced"), "values": list(f.by_sector.values())}],
		},
		"type": "bar",
	}


def summary_cards(f):
	return [
		{"label": _("Introduced"), "value": f.introduced, "datatype": "Int", "indicator": "blue"},
		{"label": _("Received"), "value": f.received, "datatype": "Int", "indicator": "green"},
		{"label": _("Returned"), "value": f.returned, "datatype": "Int", "indicator": "red"},
		{"label": _("Overdue"), "value": f.overdue, "datatype": "Int", "indicator": "orange"},
	]
