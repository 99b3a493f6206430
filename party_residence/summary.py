"""The figures of the yearly report on Regulation 213 (seed report structure, section II), computed
once for the Residence Liaison Summary report, the Residence Liaison Report document and the
workspace: for the residence committees under an organization and a year, within the user's scope.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today
from party_residence.permissions import query_conditions

SECTORS = (
	"Enterprise and Cooperative",
	"Public Service Unit",
	"Police",
	"State Agency",
	"Party Agency",
	"Military",
	"Other",
)
IN_PROGRESS = ("Sent", "Received", "Assigned")


def liaison_summary(organization: str | None, year: int, user: str | None = None) -> frappe._dict:
	"""Every figure of the report, as counts; `organization` None means everything in scope."""
	year = int(year)
	subtree = _subtree_condition(organization, "residence_committee")
	intro_scope = _scope("Residence Introduction", user)
	letters = frappe.db.sql(
		f"""
		select
			count(*) as introduced,
			sum(i.workflow_state = 'Acknowledged') as received,
			sum(i.workflow_state = 'Returned') as returned,
			sum(i.workflow_state in ('Sent', 'Received', 'Assigned')) as in_progress,
			sum(i.exempt_from_activity = 1) as introduced_exempt
		from `tabResidence Introduction` i
		where i.docstatus = 1 and i.introduction_date between %(start)s and %(end)s {subtree} {intro_scope}
		""",
		{"year": year, "start": f"{year}-01-01", "end": f"{year}-12-31"},
		as_dict=True,
	)[0]
	by_sector = {sector: 0 for sector in SECTORS}
	for row in frappe.db.sql(
		f"""
		select ifnull(nullif(o.sector, ''), 'Other') as sector, count(*) as count
		from `tabResidence Introduction` i
		left join `tabParty Organization` o on o.name = i.workplace_organization
		where i.docstatus = 1 and i.introduction_date between %(start)s and %(end)s {subtree} {intro_scope}
		group by 1
		""",
		{"year": year, "start": f"{year}-01-01", "end": f"{year}-12-31"},
		as_dict=True,
	):
		by_sector[row.sector if row.sector in by_sector else "Other"] += int(row.count)

	member_subtree = _subtree_condition(organization, "residence_committee", alias="m")
	exempt = dict.fromkeys(("Exempt from Residence Activity", "Exempt from Introduction"), 0)
	for row in frappe.db.sql(
		f"""
		select m.exemption, count(*) as count from `tabParty Member` m
		where ifnull(m.exemption, '') != '' {member_subtree} {_scope("Party Member", user, "m")}
		group by m.exemption
		""",
		as_dict=True,
	):
		exempt[row.exemption] = int(row.count)

	request_subtree = _subtree_condition(organization, "residence_committee", alias="r")
	requests = frappe.db.sql(
		f"""
		select
			count(*) as requested,
			sum(r.workflow_state = 'Answered') as answered,
			sum(r.workflow_state = 'Sent' and r.due_date < %(today)s) as overdue
		from `tabResidence Review Request` r
		where r.docstatus = 1 and r.review_year = %(year)s {request_subtree}
			{_scope("Residence Review Request", user, "r")}
		""",
		{"year": year, "today": getdate(today())},
		as_dict=True,
	)[0]

	review_subtree = _subtree_condition(organization, "residence_committee", alias="v")
	proposals = frappe.db.sql(
		f"""
		select
			sum(v.proposal = 'Commend') as commend,
			sum(v.proposal = 'Consider Discipline') as discipline,
			count(*) as confirmed
		from `tabResidence Review` v
		where v.docstatus = 1 and v.review_year = %(year)s {review_subtree} {_scope("Residence Review", user, "v")}
		""",
		{"year": year},
		as_dict=True,
	)[0]

	return frappe._dict(
		year=year,
		organization=organization,
		introduced=int(letters.introduced or 0),
		received=int(letters.received or 0),
		returned=int(letters.returned or 0),
		in_progress=int(letters.in_progress or 0),
		introduced_exempt=int(letters.introduced_exempt or 0),
		by_sector=by_sector,
		exempt_from_activity=exempt["Exempt from Residence Activity"],
		exempt_from_introduction=exempt["Exempt from Introduction"],
		requested=int(requests.requested or 0),
		answered=int(requests.answered or 0),
		overdue=int(requests.overdue or 0),
		confirmed=int(proposals.confirmed or 0),
		commend=int(proposals.commend or 0),
		discipline=int(proposals.discipline or 0),
	)


def percent(part: int, whole: int) -> float:
	"""Share in percent to one decimal, as the report writes it (62.2)."""
	return round(100.0 * part / whole, 1) if whole else 0.0


def _subtree_condition(organization: str | None, field: str, alias: str = "i") -> str:
	if not organization:
		return ""
	bounds = frappe.db.get_value("Party Organization", organization, ["lft", "rgt"], as_dict=True)
	if not bounds:
		frappe.throw(_("{0} is not a party organization.").format(organization))
	return (
		f" and {alias}.{field} in (select name from `tabParty Organization` "
		f"where lft >= {int(bounds.lft)} and rgt <= {int(bounds.rgt)})"
	)


def _scope(doctype: str, user: str | None, alias: str = "i") -> str:
	"""The scope rule's condition for the user, on the aliased table."""
	condition = query_conditions(user or frappe.session.user, doctype)
	if not condition:
		return ""
	return " and " + condition.replace(f"`tab{doctype}`.", f"{alias}.")
