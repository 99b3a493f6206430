"""Where organizations sit in the tree, as the procedure needs to know it."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from party_residence.exceptions import MemberOrganizationError

ORGANIZATION = "Party Organization"
SECTOR = "Party Sector"
# more levels than a party tree has (centre, province, committee, grass-roots, branch, cell)
MAX_DEPTH = 20
# where an organization without a sector is counted
OTHER_SECTOR = "Other"
_FIELDS = (
	"name",
	"organization_name",
	"organization_type",
	"side",
	"parent_party_organization",
	"lft",
	"rgt",
	"email",
)


def sectors() -> tuple[str, ...]:
	"""The sectors a workplace organization belongs to (the names every `sector` field links to),
	in their order."""
	return tuple(sector.name for sector in sector_records())


def sector_names() -> dict[str, str]:
	"""sector -> the sector name forms and reports show, in the order of the sectors."""
	return {sector.name: sector.sector_name for sector in sector_records()}


def sector_phrases() -> dict[str, str]:
	"""sector -> how the yearly report names it within a sentence: its phrase, or else its sector
	name in lower case."""
	return {
		sector.name: sector.report_phrase or (sector.sector_name or sector.name).lower()
		for sector in sector_records()
	}


def sector_records() -> list[frappe._dict]:
	# master data that every role of the app reads and that holds no one's data: the same list
	# whoever computes a report, a background job included
	return frappe.get_all(
		SECTOR, fields=["name", "sector_name", "report_phrase"], order_by="position asc, name asc"
	)


def get_organization(name: str | None) -> frappe._dict | None:
	if not name:
		return None
	return frappe.db.get_value(ORGANIZATION, name, _FIELDS, as_dict=True)


def is_under(child: frappe._dict, ancestor: frappe._dict) -> bool:
	return ancestor.lft < child.lft and child.rgt < ancestor.rgt


def nearest_committee(name: str | None) -> str | None:
	"""The organization itself when it is a committee, else the closest committee above it."""
	return nearest_committees([name]).get(name) if name else None


def workplace_side(member: frappe._dict, committees: dict | None = None) -> dict:
	"""What a letter or a request copies from the member's workplace side: the member's name, the
	workplace organization, its sector and the committee that issues the paper. `committees`
	caches the issuing committee per workplace organization for the bulk paths."""
	committees = {} if committees is None else committees
	if member.workplace_organization not in committees:
		committees[member.workplace_organization] = nearest_committee(member.workplace_organization)
	return {
		"member_name": member.full_name,
		"workplace_organization": member.workplace_organization,
		"sector": member.sector,
		"issuing_committee": committees[member.workplace_organization],
	}


def nearest_committees(names) -> dict[str, str | None]:
	"""nearest_committee() of many organizations at once (the batch paths): a walk up the tree,
	one query by primary key per level, where a nested-set join would read every committee."""
	names = sorted({name for name in names if name})
	# organization -> the organization on its way up that is looked at next
	climbing = {name: name for name in names}
	nearest: dict[str, str | None] = dict.fromkeys(names)
	org = DocType(ORGANIZATION)
	for _level in range(MAX_DEPTH):
		if not climbing:
			break
		rows = (
			frappe.qb.from_(org)
			.select(org.name, org.organization_type, org.parent_party_organization)
			.where(org.name.isin(sorted(set(climbing.values()))))
		).run()
		found = {name: (kind, parent) for name, kind, parent in rows}
		for name, at in list(climbing.items()):
			kind, parent = found.get(at, (None, None))
			if kind == "Committee":
				nearest[name] = at
			if kind == "Committee" or not parent:
				del climbing[name]
			else:
				climbing[name] = parent
	return nearest


def check_residence_placement(committee_name: str | None, branch_name: str | None) -> str | None:
	"""A residence committee, and a residential branch under it. Returns the committee (filled
	from the branch's parent when only the branch is given)."""
	committee = get_organization(committee_name)
	branch = get_organization(branch_name)
	if committee and (committee.side != "Residence" or committee.organization_type != "Committee"):
		frappe.throw(
			_("{0} is not a residence committee (commune, ward or special zone).").format(
				frappe.bold(committee.organization_name)
			),
			MemberOrganizationError,
		)
	if not branch:
		return committee.name if committee else None
	if branch.side != "Residence" or branch.organization_type != "Branch":
		frappe.throw(
			_("{0} is not a residential branch.").format(frappe.bold(branch.organization_name)),
			MemberOrganizationError,
		)
	if not committee:
		committee = get_organization(branch.parent_party_organization)
	if not is_under(branch, committee):
		frappe.throw(
			_("The residence branch {0} does not belong to the residence committee {1}.").format(
				frappe.bold(branch.organization_name), frappe.bold(committee.organization_name)
			),
			MemberOrganizationError,
		)
	return committee.name


def organization_names(codes) -> dict[str, str]:
	"""code -> name of the organization, for reports that show names rather than codes."""
	codes = [code for code in set(codes) if code]
	if not codes:
		return {}
	rows = frappe.get_all(ORGANIZATION, filters={"name": ("in", codes)}, fields=["name", "organization_name"])
	return {row.name: row.organization_name for row in rows}


def recipients(organization: str | None, roles) -> list[str]:
	"""Who is told about a step that concerns `organization`: the closest officers with one of
	`roles` whose scope covers it, and the organization's own e-mail address."""
	if not organization:
		return []
	return recipients_each([organization], roles)[organization]


def recipients_each(organizations, roles) -> dict[str, list[str]]:
	"""recipients() of many organizations at once, in two queries (the batch paths)."""
	from party_residence.permissions import users_with_scope_over_each

	names = sorted({name for name in organizations if name})
	if not names:
		return {}
	people = users_with_scope_over_each(names, roles)
	emails = dict(
		frappe.get_all(ORGANIZATION, filters={"name": ("in", names)}, fields=["name", "email"], as_list=True)
	)
	return {name: list(dict.fromkeys([*people[name], *filter(None, [emails.get(name)])])) for name in names}


def recipients_text(organization: str | None, roles) -> str | None:
	"""recipients() as the comma-separated text kept on a document for its notifications."""
	return ", ".join(recipients(organization, roles)) or None


def recipients_text_each(organizations, roles) -> dict[str, str | None]:
	"""recipients_text() of many organizations at once."""
	return {name: ", ".join(people) or None for name, people in recipients_each(organizations, roles).items()}
