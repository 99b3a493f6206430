"""Employees are members, companies are workplaces (integrations/erpnext.py).

These tests need ERPNext (and HRMS's roles) on the site; where ERPNext is not installed every one
of them is skipped with the reason below, and scripts/run-tests.sh reports them as not run."""

import unittest

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence import roles
from party_residence.integrations import erpnext
from party_residence.tests.fixtures import ensure_world, make_scoped_user

NOT_INSTALLED = "ERPNext is not installed on this site: the ERPNext tests were NOT RUN"
HAS_ERPNEXT = "erpnext" in frappe.get_installed_apps()
MEMBER = "Party Member"
EMPLOYEE = "Employee"

OFFICER = "pr.erp.officer@example.com"
HR_USER = "pr.erp.hr@example.com"
COMMITTEE = "pr.erp.committee@example.com"


def ensure_company(name: str, abbr: str) -> str:
	if not frappe.db.exists("Company", name):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": abbr,
				"default_currency": "VND",
				"country": "Vietnam",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)
	return name


def make_employee(company: str, first_name: str, **values) -> str:
	"""An Employee with a name of its own (members are matched by name and date of birth)."""
	tag = frappe.generate_hash(length=6)
	doc = frappe.get_doc(
		{
			"doctype": EMPLOYEE,
			"first_name": first_name,
			"last_name": values.pop("last_name", f"Thử {tag}"),
			"gender": values.pop("gender", "Male"),
			"date_of_birth": values.pop("date_of_birth", "1988-04-02"),
			"date_of_joining": "2015-06-01",
			"company": company,
			"status": "Active",
			"cell_number": "0912345678",
			"personal_email": f"employee.{tag}@example.com",
			"current_address": "Số 5 phố Thử Nghiệm, phường An Thịnh",
			**values,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


@unittest.skipUnless(HAS_ERPNEXT, NOT_INSTALLED)
class TestEmployeesAreMembers(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		erpnext.ensure_custom_fields()
		cls.company = ensure_company("Công ty Xây dựng Thử nghiệm", "CTXDTN")
		cls.other_company = ensure_company("Công ty Bệnh viện Thử nghiệm", "CTBVTN")
		frappe.db.set_value("Party Organization", "T-WP-X", "erpnext_company", cls.company)
		frappe.db.set_value("Party Organization", "T-WP-Y", "erpnext_company", cls.other_company)
		for gender in ("Male", "Female"):
			if not frappe.db.exists("Gender", gender):
				frappe.get_doc({"doctype": "Gender", "gender": gender}).insert(ignore_permissions=True)
		if not frappe.db.exists("User", OFFICER):
			make_scoped_user(OFFICER, roles.WORKPLACE_OFFICER, "T-WP-X")
		frappe.get_doc("User", OFFICER).add_roles("HR User")
		if not frappe.db.exists("User", COMMITTEE):
			make_scoped_user(COMMITTEE, roles.COMMITTEE_OFFICER, "T-WARD-A")
		frappe.get_doc("User", COMMITTEE).add_roles("HR User")
		if not frappe.db.exists("User", HR_USER):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": HR_USER,
					"first_name": "HR",
					"send_welcome_email": 0,
					"roles": [{"role": "HR User"}, {"role": "HR Manager"}],
				}
			).insert(ignore_permissions=True)

	def setUp(self):
		self.employee = make_employee(self.company, "An")

	def tearDown(self):
		frappe.set_user("Administrator")

	def create(self, *employees, joined="2012-03-26"):
		return erpnext.create_members(list(employees), {name: joined for name in employees})

	def member_of(self, employee):
		return frappe.db.get_value(MEMBER, {"employee": employee}, "name")

	# Fields ------------------------------------------------------------------------------------

	def test_the_link_lives_on_the_member_and_only_there(self):
		field = frappe.get_meta(MEMBER).get_field("employee")
		self.assertEqual(
			(field.options, field.read_only, field.unique, field.permlevel), ("Employee", 1, 1, 2)
		)
		self.assertTrue(frappe.get_meta("Party Organization").get_field("erpnext_company"))
		party = {MEMBER, "Party Organization"}
		self.assertEqual([df.fieldname for df in frappe.get_meta(EMPLOYEE).fields if df.options in party], [])

	# The list action ------------------------------------------------------------------------------

	def test_an_officer_creates_members_from_employees_once(self):
		frappe.set_user(OFFICER)
		result = self.create(self.employee)
		self.assertEqual(len(result["created"]), 1, result)
		member = frappe.get_doc(MEMBER, result["created"][0])
		self.assertEqual(member.employee, self.employee)
		self.assertEqual(member.full_name, frappe.db.get_value(EMPLOYEE, self.employee, "employee_name"))
		self.assertEqual((member.gender, str(member.date_of_birth)), ("Male", "1988-04-02"))
		self.assertEqual(member.phone, "0912345678")
		self.assertEqual(member.email, frappe.db.get_value(EMPLOYEE, self.employee, "personal_email"))
		self.assertEqual(member.residence_address, "Số 5 phố Thử Nghiệm, phường An Thịnh")
		self.assertEqual(member.workplace_organization, "T-WP-X")

		again = self.create(self.employee)
		self.assertEqual((again["created"], again["updated"]), ([], [member.name]))
		self.assertEqual(frappe.db.count(MEMBER, {"employee": self.employee}), 1)

	def test_an_employee_of_a_workplace_outside_the_scope_is_refused(self):
		outside = make_employee(self.other_company, "Bình")
		frappe.set_user(OFFICER)
		result = self.create(outside)
		self.assertEqual(result["created"], [])
		self.assertEqual([row["employee"] for row in result["refused"]], [outside])
		self.assertFalse(self.member_of(outside))

	def test_only_who_may_create_members_uses_the_action(self):
		frappe.set_user(COMMITTEE)
		self.assertRaises(frappe.PermissionError, self.create, self.employee)
		frappe.set_user(HR_USER)
		self.assertRaises(frappe.PermissionError, self.create, self.employee)
		frappe.set_user("Administrator")
		self.assertFalse(self.member_of(self.employee))

	def test_a_client_cannot_point_a_member_at_another_employee(self):
		frappe.set_user(OFFICER)
		name = self.create(self.employee)["created"][0]
		other = make_employee(self.company, "Cường")
		member = frappe.get_doc(MEMBER, name)
		member.employee = other
		member.save()
		self.assertEqual(frappe.db.get_value(MEMBER, name, "employee"), self.employee)

	def test_only_a_manager_links_a_workplace_to_a_company(self):
		frappe.set_user(OFFICER)
		organization = frappe.get_doc("Party Organization", "T-WP-X")
		organization.erpnext_company = self.other_company
		self.assertRaises(frappe.PermissionError, organization.save)

	def test_the_default_company_is_not_given_to_new_organizations(self):
		# ERPNext keeps a default Company; a new residence organization must not be linked to it
		frappe.db.set_default("company", self.company)
		code = "T-ERP-" + frappe.generate_hash(length=5).upper()
		organization = frappe.new_doc("Party Organization")
		organization.update(
			{
				"organization_code": code,
				"organization_name": "Chi bộ thử nghiệm",
				"side": "Residence",
				"organization_type": "Branch",
				"parent_party_organization": "T-WARD-A",
			}
		)
		organization.insert()
		self.assertFalse(frappe.db.get_value("Party Organization", organization.name, "erpnext_company"))

	# What HR changes -------------------------------------------------------------------------------

	def linked_member(self):
		frappe.set_user(OFFICER)
		name = self.create(self.employee)["created"][0]
		frappe.set_user(HR_USER)
		return name

	def test_hr_changes_reach_the_member_with_its_history(self):
		name = self.linked_member()
		employee = frappe.get_doc(EMPLOYEE, self.employee)
		employee.cell_number = "0987654321"
		employee.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(MEMBER, name, "phone"), "0987654321")
		changes = frappe.get_all("Version", filters={"ref_doctype": MEMBER, "docname": name}, pluck="data")
		self.assertTrue(any("0987654321" in data for data in changes), changes)

	def test_leaving_the_company_is_a_task_for_the_workplace_officers(self):
		name = self.linked_member()
		employee = frappe.get_doc(EMPLOYEE, self.employee)
		employee.relieving_date = frappe.utils.add_days(frappe.utils.today(), 30)
		frappe.local.message_log = []
		employee.save()
		# the HR user is told nothing of the party side
		self.assertFalse([m for m in frappe.local.message_log if "Party" in str(m) or "đảng" in str(m)])
		frappe.set_user("Administrator")
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": MEMBER, "reference_name": name, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertIn(OFFICER, todos)
		self.assertNotIn(HR_USER, todos)
		self.assertEqual(
			frappe.db.get_value(MEMBER, name, "liaison_status"), frappe.get_doc(MEMBER, name).liaison_status
		)
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": OFFICER, "document_name": name}))

	def test_a_transfer_adds_to_the_officers_open_task(self):
		name = self.linked_member()
		employee = frappe.get_doc(EMPLOYEE, self.employee)
		employee.relieving_date = frappe.utils.add_days(frappe.utils.today(), 10)
		employee.save()
		employee.reload()
		employee.company = self.other_company
		employee.save()
		frappe.set_user("Administrator")
		todos = frappe.get_all(
			"ToDo",
			filters={
				"reference_type": MEMBER,
				"reference_name": name,
				"allocated_to": OFFICER,
				"status": "Open",
			},
			pluck="description",
		)
		self.assertEqual(len(todos), 1)
		self.assertIn(self.other_company, todos[0])
		self.assertIn("reason=Changed+Workplace", todos[0])
		# the member still works where the party record says until an officer records the change
		self.assertEqual(frappe.db.get_value(MEMBER, name, "workplace_organization"), "T-WP-X")

	def test_a_change_the_member_refuses_does_not_stop_hr(self):
		name = self.linked_member()
		employee = frappe.get_doc(EMPLOYEE, self.employee)
		employee.date_of_birth = "2013-01-01"  # after the member joined the party: the member refuses it
		frappe.local.message_log = []
		employee.save()
		self.assertEqual(frappe.local.message_log, [])
		frappe.set_user("Administrator")
		self.assertEqual(str(frappe.db.get_value(EMPLOYEE, self.employee, "date_of_birth")), "2013-01-01")
		self.assertEqual(str(frappe.db.get_value(MEMBER, name, "date_of_birth")), "1988-04-02")
		self.assertTrue(
			frappe.db.exists(
				"Error Log", {"method": "Party Residence: Employee change not applied to the member"}
			)
		)

	def test_a_new_address_suggests_a_residence_change_and_changes_nothing(self):
		name = self.linked_member()
		employee = frappe.get_doc(EMPLOYEE, self.employee)
		employee.current_address = "Số 9 đường Mới, phường Bình Minh"
		employee.save()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(MEMBER, name, "residence_address"), "Số 5 phố Thử Nghiệm, phường An Thịnh"
		)
		description = frappe.db.get_value(
			"ToDo", {"reference_type": MEMBER, "reference_name": name, "allocated_to": OFFICER}, "description"
		)
		self.assertIn("/app/residence-change/new?", description)
		self.assertFalse(frappe.db.exists("Residence Change", {"party_member": name}))

	# HR users see nothing of party membership ---------------------------------------------------------

	def test_an_hr_user_sees_nothing_of_party_membership(self):
		from frappe.desk.reportview import get_count
		from frappe.desk.search import search_link

		name = self.linked_member()
		self.assertEqual(frappe.session.user, HR_USER)
		employee = frappe.get_doc(EMPLOYEE, self.employee)
		employee.check_permission("read")
		self.assertFalse(
			{"employee", "party_member", "workplace_organization"} & set(employee.as_dict()) - {"employee"}
		)
		self.assertNotIn(name, frappe.as_json(employee.as_dict()))
		self.assertRaises(frappe.PermissionError, frappe.get_list, MEMBER)
		self.assertRaises(frappe.PermissionError, frappe.get_doc(MEMBER, name).check_permission, "read")
		frappe.local.form_dict = frappe._dict(doctype=MEMBER, filters={"employee": self.employee})
		self.assertRaises(frappe.PermissionError, get_count)
		try:
			found = search_link(MEMBER, "")
		except frappe.PermissionError:
			found = []
		self.assertEqual(found, [])

	def test_deleting_a_linked_employee_names_no_member(self):
		name = self.linked_member()
		frappe.local.message_log = []
		frappe.delete_doc(EMPLOYEE, self.employee)
		self.assertEqual(frappe.local.message_log, [])
		frappe.set_user("Administrator")
		self.assertTrue(frappe.db.exists(MEMBER, name))
		self.assertFalse(frappe.db.get_value(MEMBER, name, "employee"))
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": name, "allocated_to": OFFICER}))
