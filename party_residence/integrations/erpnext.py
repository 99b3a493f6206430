"""ERPNext and HRMS, when the site has them: employees are members, companies are workplaces.

Nothing here imports ERPNext: every entry point first asks whether `erpnext` is installed on the
site and does nothing when it is not, so the app installs and runs without it.

- Custom fields (added on install, on migrate and when ERPNext is installed after the app; removed
  before ERPNext or the app is uninstalled): `Party Member.employee` (one member per Employee, set
  only by the code below; the link lives on the member, so an HR user sees nothing of it on the
  Employee) and `Party Organization.erpnext_company` / `.erpnext_department` (the workplace a Company, or one of
  its departments, maps to; set by a manager).
- `create_members`: the Employee list's action for workplace officers.
- `on_employee_update` / `on_employee_trash`: HR-owned fields flow from the Employee to the member
  (never back); leaving the company, a transfer and a new current address become tasks for the
  workplace committee's officers. Nothing of the party record is changed for those: an officer
  acts on them through the procedure's own steps.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import escape_html, get_url_to_form, getdate
from party_residence import roles
from party_residence.arguments import parse, typed
from party_residence.owned_fields import set_owned
from party_residence.permissions import (
	MEMBER,
	ORGANIZATION,
	get_scope,
	is_unrestricted,
	users_with_scope_over,
)

EMPLOYEE = "Employee"
# how many Employees one call of the list action takes
MAX_EMPLOYEES = 200

# the member's fields that the HR record owns: copied from the Employee on every change of it
SYNCED_FIELDS = ("full_name", "gender", "date_of_birth", "phone", "email")

CUSTOM_FIELDS = {
	MEMBER: [
		{
			"fieldname": "employee",
			"label": "Employee",
			"fieldtype": "Link",
			"options": EMPLOYEE,
			"insert_after": "workplace_organization",
			# set by create_members alone (owned_fields.py resets what a client sends), read at the
			# level of the member's date of birth
			"read_only": 1,
			"permlevel": 2,
			"unique": 1,
			"no_copy": 1,
			"search_index": 1,
			"ignore_user_permissions": 1,
			"description": "The HR record this member's name, birth date and contact come from.",
		}
	],
	# not `company` / `department`: Frappe fills fields of those names with the site's default Company
	ORGANIZATION: [
		{
			"fieldname": "erpnext_company",
			"label": "Company",
			"fieldtype": "Link",
			"options": "Company",
			"insert_after": "sector",
			"depends_on": "eval:doc.side=='Workplace'",
			"no_copy": 1,
			"ignore_user_permissions": 1,
			"description": "The Company whose employees are members of this workplace organization.",
		},
		{
			"fieldname": "erpnext_department",
			"label": "Department",
			"fieldtype": "Link",
			"options": "Department",
			"insert_after": "erpnext_company",
			"depends_on": "eval:doc.side=='Workplace' && doc.erpnext_company",
			"no_copy": 1,
			"ignore_user_permissions": 1,
			"description": "Only the employees of this department (a branch of the company's committee).",
		},
	],
}


def is_active() -> bool:
	return "erpnext" in frappe.get_installed_apps()


# Custom fields -------------------------------------------------------------------------------------


def ensure_custom_fields() -> None:
	"""Add the fields (idempotent); run on install and migrate of the app."""
	if not is_active():
		return
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(CUSTOM_FIELDS, update=True)


def remove_custom_fields() -> None:
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)


def after_app_install(app: str) -> None:
	if app == "erpnext":
		ensure_custom_fields()


def before_app_uninstall(app: str) -> None:
	"""The links to ERPNext's DocTypes go before they do."""
	if app in ("erpnext", "party_residence"):
		remove_custom_fields()


# Companies and workplaces ----------------------------------------------------------------------------


def workplace_for(company: str | None, department: str | None = None) -> str | None:
	"""The workplace organization of a Company's department, else of the Company."""
	if not company:
		return None
	if department:
		found = frappe.db.get_value(
			ORGANIZATION, {"erpnext_company": company, "erpnext_department": department, "side": "Workplace"}
		)
		if found:
			return found
	return frappe.db.get_value(
		ORGANIZATION,
		{"erpnext_company": company, "erpnext_department": ("is", "not set"), "side": "Workplace"},
	)


def check_company_link(doc, method=None) -> None:
	"""Party Organization validate: a manager links a workplace to a Company (the link decides whose
	HR records its officers may turn into members); each Company and department to one workplace."""
	if not is_active() or not doc.meta.has_field("erpnext_company"):
		return
	before = doc.get_doc_before_save()
	changed = (doc.erpnext_company or None, doc.erpnext_department or None) != (
		(before.erpnext_company or None, before.erpnext_department or None) if before else (None, None)
	)
	if not changed:
		return
	if not is_unrestricted():
		frappe.throw(_("Only a manager links a workplace organization to a Company."), frappe.PermissionError)
	if doc.erpnext_department and not doc.erpnext_company:
		frappe.throw(_("Choose the Company of the department."))
	if doc.erpnext_company and doc.side != "Workplace":
		frappe.throw(_("Only a workplace organization is linked to a Company."))
	if doc.erpnext_company:
		taken = frappe.db.get_value(
			ORGANIZATION,
			{
				"erpnext_company": doc.erpnext_company,
				"erpnext_department": doc.erpnext_department or ("is", "not set"),
				"name": ("!=", doc.name or ""),
			},
		)
		if taken:
			frappe.throw(
				_("{0} is already linked to this Company and department.").format(frappe.bold(taken))
			)


# Members from Employees ------------------------------------------------------------------------------


def member_values(employee) -> dict:
	"""The member's HR-owned fields, as the Employee has them."""
	return {
		"full_name": " ".join((employee.employee_name or "").split()),
		"gender": employee.gender if employee.gender in ("Male", "Female") else "",
		"date_of_birth": getdate(employee.date_of_birth) if employee.date_of_birth else None,
		"phone": employee.cell_number or None,
		"email": employee.personal_email or None,
	}


def changed_values(member, values: dict) -> dict:
	def same(a, b):
		if isinstance(a, date) or isinstance(b, date):
			return (getdate(a) if a else None) == (getdate(b) if b else None)
		return (a or None) == (b or None)

	return {field: value for field, value in values.items() if not same(member.get(field), value)}


def member_of(employee: str) -> str | None:
	return frappe.db.get_value(MEMBER, {"employee": employee}, "name")


def in_scope(organization: str) -> bool:
	return is_unrestricted() or organization in get_scope()


@frappe.whitelist(methods=["POST"])
@typed
def create_members(employees: list[str], dates_joined: dict | None = None) -> dict:
	"""Create or bring up to date the Party Members of the chosen Employees (the Employee list's
	action). Idempotent: an Employee that has a member updates it; an unlinked member of the same
	workplace with the same name and date of birth is linked rather than duplicated.

	`dates_joined`: {employee: date the member joined the party}, needed for a new member only.
	Returns the names created, updated, and the Employees refused with the reason."""
	if not is_active():
		frappe.throw(_("ERPNext is not installed on this site."))
	if not frappe.has_permission(MEMBER, "create"):
		frappe.throw(_("You may not create party members."), frappe.PermissionError)
	if len(employees) > MAX_EMPLOYEES:
		frappe.throw(_("Choose at most {0} employees at a time.").format(MAX_EMPLOYEES))
	dates_joined = dates_joined or {}
	result = {"created": [], "updated": [], "refused": []}
	for name in dict.fromkeys(employees):
		try:
			outcome, member = _member_from_employee(name, dates_joined.get(name))
		except (frappe.ValidationError, frappe.PermissionError) as error:
			frappe.clear_last_message()
			result["refused"].append({"employee": name, "reason": frappe.utils.strip_html(str(error))})
			continue
		result[outcome].append(member)
	return result


def _member_from_employee(name: str, joined) -> tuple[str, str]:
	# an Employee the user may not read is "not found", as one that does not exist
	if not frappe.db.exists(EMPLOYEE, name) or not frappe.has_permission(EMPLOYEE, "read", name):
		frappe.throw(_("No employee {0} that you may read.").format(name))
	employee = frappe.get_doc(EMPLOYEE, name)
	workplace = workplace_for(employee.company, employee.department)
	if not workplace or not in_scope(workplace):
		frappe.throw(_("The employee's company is not a workplace organization in your scope."))
	values = member_values(employee)

	existing = member_of(name) or _unlinked_match(workplace, values)
	if existing:
		member = frappe.get_doc(MEMBER, existing)
		member.check_permission("write")
		member.update(changed_values(member, values))
		set_owned(member, {"employee": name})
		member.save()
		return "updated", member.name

	member = frappe.new_doc(MEMBER)
	member.update(values)
	member.update(
		{
			"workplace_organization": workplace,
			"date_joined": parse(_("Date joined of {0}").format(name), joined, date),
			"residence_address": (employee.current_address or employee.permanent_address or "").strip(),
			"job_title": employee.get("designation"),
		}
	)
	set_owned(member, {"employee": name})
	member.insert()
	return "created", member.name


def _unlinked_match(workplace: str, values: dict) -> str | None:
	if not values["full_name"] or not values["date_of_birth"]:
		return None
	found = frappe.get_all(
		MEMBER,
		filters={
			"workplace_organization": workplace,
			"full_name": values["full_name"],
			"date_of_birth": values["date_of_birth"],
			"employee": ("is", "not set"),
		},
		pluck="name",
		limit=2,
	)
	return found[0] if len(found) == 1 else None


# What HR changes ------------------------------------------------------------------------------------


def on_employee_update(doc, method=None) -> None:
	"""Employee on_update: HR-owned fields to the member; leaving, transfers and moves to the
	committee's officers. The HR user learns nothing of it (no message, no error of the party side)."""
	if not is_active():
		return
	member = member_of(doc.name)
	if not member:
		return
	before = doc.get_doc_before_save()
	with unseen():
		_sync(member, doc)
	with unseen():
		_raise_tasks(member, doc, before)


def on_employee_trash(doc, method=None) -> None:
	"""Employee on_trash: the member stays; its link goes (Frappe would otherwise refuse the delete
	naming the member) and the officers hear of it."""
	if not is_active():
		return
	member = member_of(doc.name)
	if not member:
		return
	with unseen():
		record = frappe.get_doc(MEMBER, member)
		set_owned(record, {"employee": None})
		# the HR user holds no party role: the unlink is the system's, on behalf of the HR record
		record.flags.ignore_permissions = True
		record.save()
		_assign(
			record,
			_("The HR record {0} of {1} was deleted; the member is no longer linked to an employee.").format(
				escape_html(doc.name), escape_html(record.full_name)
			),
		)


def _sync(member: str, employee) -> None:
	record = frappe.get_doc(MEMBER, member)
	changes = changed_values(record, member_values(employee))
	if not changes:
		return
	record.update(changes)
	# the HR user holds no party role: HR-owned fields are copied by the system, and the member's
	# Version history names the change (always: Frappe would skip it under tests)
	record.flags.ignore_permissions = True
	record.save(ignore_version=False)


def _raise_tasks(member: str, employee, before) -> None:
	record = frappe.get_doc(MEMBER, member)
	name = escape_html(record.full_name)
	left = employee.status == "Left" and (before is None or before.status != "Left")
	relieved = employee.relieving_date and (
		before is None or before.relieving_date != employee.relieving_date
	)
	if left or relieved:
		_assign(
			record,
			_(
				"{0} is leaving the company (relieving date {1}). End the member's liaison or record their new workplace: {2}."
			).format(
				name,
				frappe.format(employee.relieving_date, {"fieldtype": "Date"}) or "-",
				_change_link(record, "Changed Workplace"),
			),
		)
	if before is not None and before.company != employee.company:
		_assign(
			record,
			_("{0} was transferred to another company ({1}). Record the change of workplace: {2}.").format(
				name, escape_html(employee.company), _change_link(record, "Changed Workplace")
			),
		)
	new_address = (employee.current_address or "").strip()
	if before is not None and new_address and new_address != (before.current_address or "").strip():
		_assign(
			record,
			_(
				"The HR record of {0} has a new current address: {1}. If the member moved house: {2} (a draft for you to check)."
			).format(name, escape_html(new_address), _change_link(record, "Moved", new_address)),
		)


def _change_link(record, reason: str, address: str | None = None) -> str:
	options = {"party_member": record.name, "reason": reason}
	if address:
		options["new_residence_address"] = address
	url = "/app/residence-change/new?" + urlencode(options)
	return f'<a href="{escape_html(url)}">{escape_html(_("create a Residence Change"))}</a>'


def _assign(record, description: str) -> None:
	"""A task on the member for each officer of its workplace (an assignment: a ToDo and a
	notification); an officer who has one open already gets the news added to it."""
	from frappe.desk.form.assign_to import add

	# the workplace committee's own officers (one query, as every step of the procedure finds them)
	for officer in users_with_scope_over(record.workplace_organization, (roles.WORKPLACE_OFFICER,)):
		open_todo = frappe.db.get_value(
			"ToDo",
			{
				"reference_type": MEMBER,
				"reference_name": record.name,
				"allocated_to": officer,
				"status": "Open",
			},
		)
		if open_todo:
			todo = frappe.get_doc("ToDo", open_todo)
			todo.description = f"{todo.description or ''}<hr>{description}"
			todo.save(ignore_permissions=True)
			continue
		add(
			{"assign_to": [officer], "doctype": MEMBER, "name": record.name, "description": description},
			ignore_permissions=True,
		)


@contextmanager
def unseen():
	"""What happens on the party side stays there: no message reaches the HR user, and a failure is
	logged (for the administrator) instead of stopping the save of the HR record."""
	messages = len(frappe.local.message_log)
	frappe.db.savepoint("party_residence_employee")
	try:
		yield
	except Exception:
		frappe.db.rollback(save_point="party_residence_employee")
		frappe.log_error(title="Party Residence: Employee change not applied to the member")
	finally:
		del frappe.local.message_log[messages:]
