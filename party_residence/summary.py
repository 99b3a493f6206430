"""The figures of the yearly report on Regulation 213 (seed report structure, section II), computed
once for the Residence Liaison Summary report, the Residence Liaison Report document and the
workspace: for the residence committees under an organization and a year, within the user's scope.

Every count is a grouped frappe.get_list, so the scope rule applies as on any list.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today
from party_residence.organizations import OTHER_SECTOR, sectors

IN_PROGRESS = ("Sent", "Received", "Assigned")

# What the summary counts, per DocType: indexes that hold every column its query reads, so that the
# database answers from the index alone instead of reading whole tables (added by each DocType's
# on_doctype_update, at install and migrate)
COVERING_INDEXES = {
	"Residence Introduction": (
		"docstatus",
		"introduction_date",
		"residence_committee",
		"workflow_state",
		"workplace_organization",
		"exempt_from_activity",
	),
	# the state before the committee: the overdue count (state "Sent") then reads this index alone,
	# where MariaDB otherwise merged two single-column indexes and read every row from the table
	"Residence Review Request": (
		"review_year",
		"docstatus",
		"workflow_state",
		"residence_committee",
		"due_date",
	),
	"Residence Review": ("review_year", "docstatus", "residence_committee", "proposal"),
	"Party Member": ("exemption", "residence_committee"),
}


INDEX = "liaison_summary_index"


def add_covering_index(doctype: str) -> None:
	"""Add the index, or make it again when its columns are not those of COVERING_INDEXES."""
	columns = list(COVERING_INDEXES[doctype])
	found = [
		row.Column_name
		for row in frappe.db.sql(f"show index from `tab{doctype}` where Key_name = %s", INDEX, as_dict=True)
	]
	if found == columns:
		return
	if found:
		frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{INDEX}`")
	frappe.db.add_index(doctype, columns, index_name=INDEX)


def liaison_summary(organization: str | None, year: int, user: str | None = None) -> frappe._dict:
	"""Every figure of the report, as counts; `organization` None means everything in scope."""
	year = int(year)
	user = user or frappe.session.user
	if organization and not frappe.db.exists("Party Organization", organization):
		frappe.throw(_("{0} is not a party organization.").format(organization))
	under = _under(organization)
	period = ("between", (f"{year}-01-01", f"{year}-12-31"))

	letters = _grouped(
		"Residence Introduction",
		{"docstatus": 1, "introduction_date": period, **under},
		("workflow_state", "workplace_organization", "exempt_from_activity"),
		user,
	)
	sector_of = _sectors({row.workplace_organization for row in letters})
	by_sector = dict.fromkeys(sectors(), 0)
	for row in letters:
		# organizations without a sector count under Other, even once its record is gone
		sector = sector_of.get(row.workplace_organization) or OTHER_SECTOR
		by_sector[sector] = by_sector.get(sector, 0) + row.count

	exempt = {
		row.exemption: row.count
		for row in _grouped("Party Member", {"exemption": ("is", "set"), **under}, ("exemption",), user)
	}
	requests = _grouped(
		"Residence Review Request", {"docstatus": 1, "review_year": year, **under}, ("workflow_state",), user
	)
	overdue = _grouped(
		"Residence Review Request",
		{
			"docstatus": 1,
			"review_year": year,
			"workflow_state": "Sent",
			"due_date": ("<", getdate(today())),
			**under,
		},
		(),
		user,
	)
	reviews = _grouped(
		"Residence Review", {"docstatus": 1, "review_year": year, **under}, ("proposal",), user
	)

	def total(rows, **match) -> int:
		return sum(row.count for row in rows if all(row.get(k) in v for k, v in match.items()))

	return frappe._dict(
		year=year,
		organization=organization,
		introduced=total(letters),
		received=total(letters, workflow_state=("Acknowledged",)),
		returned=total(letters, workflow_state=("Returned",)),
		in_progress=total(letters, workflow_state=IN_PROGRESS),
		introduced_exempt=total(letters, exempt_from_activity=(1,)),
		by_sector=by_sector,
		exempt_from_activity=exempt.get("Exempt from Residence Activity", 0),
		exempt_from_introduction=exempt.get("Exempt from Introduction", 0),
		requested=total(requests),
		answered=total(requests, workflow_state=("Answered",)),
		overdue=total(overdue),
		confirmed=total(reviews),
		commend=total(reviews, proposal=("Commend",)),
		discipline=total(reviews, proposal=("Consider Discipline",)),
	)


def _under(organization: str | None) -> dict:
	"""The filter on the residence committee for `organization` and those under it."""
	if not organization:
		return {}
	lft, rgt = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"])
	first, last = frappe.db.sql("select min(lft), max(rgt) from `tabParty Organization`")[0]
	if (lft, rgt) == (first, last):
		# the whole tree: every record with a committee, without a list of thousands of names that
		# MariaDB would compare each row with
		return {"residence_committee": ("is", "set")}
	return {"residence_committee": ("descendants of (inclusive)", organization)}


def percent(part: int, whole: int) -> float:
	"""Share in percent to one decimal, as the report writes it (62.2)."""
	return round(100.0 * part / whole, 1) if whole else 0.0


def _grouped(doctype: str, filters: dict, group_by: tuple[str, ...], user: str) -> list[frappe._dict]:
	"""Counts of `doctype` per combination of `group_by`, as `user` may see them."""
	rows = frappe.get_list(
		doctype,
		filters=filters,
		fields=[*group_by, "count(*) as count"],
		group_by=", ".join(group_by) or None,
		order_by=", ".join(f"{field} asc" for field in group_by) or None,
		user=user,
		limit=0,
	)
	for row in rows:
		row.count = int(row.count or 0)
	return rows


def _sectors(organizations: set[str]) -> dict[str, str]:
	# names of organizations already counted above; their sector is not personal data
	if not organizations:
		return {}
	return dict(
		frappe.get_all(
			"Party Organization",
			filters={"name": ("in", list(organizations))},
			fields=["name", "sector"],
			as_list=True,
		)
	)
