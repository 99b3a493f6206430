"""The demo command: data in the stated ranges that pass the app's rules, a second run that adds
nothing, and one login per role that sees what its role should see.

The demo commits, so the test removes what it created (and restores the site settings it changed)
when it ends; a site that had the demo before keeps it.
"""

import contextlib
import io
from datetime import date
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, password_strength, today
from frappe.utils.password import check_password
from party_residence import demo
from party_residence.permissions import clear_scope_cache

ORGANIZATION = "Party Organization"
MEMBER = "Party Member"
DELETE = {"force": True, "ignore_permissions": True, "ignore_missing": True, "delete_permanently": True}
COUNTED = (ORGANIZATION, MEMBER, "User", "User Permission", "Has Role", "Version")
LOGINS = {
	login: (demo.demo_email(login), password, role, scope)
	for login, password, _n, role, scope in demo.DEMO_USERS
}


def run_demo() -> str:
	output = io.StringIO()
	with contextlib.redirect_stdout(output):
		demo.setup_demo(force=True)  # the shared test records may be on the site already
	return output.getvalue()


def record_counts() -> dict:
	return {doctype: frappe.db.count(doctype) for doctype in COUNTED}


def subtree(root: str) -> list[str]:
	"""The organization and everything under it."""
	bounds = frappe.db.get_value(ORGANIZATION, root, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	return frappe.get_all(
		ORGANIZATION,
		filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)},
		pluck="name",
		order_by="lft desc",
	)


class TestDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not frappe.db.exists(ORGANIZATION, demo.CITY):
			settings = frappe.get_doc("System Settings")
			cls.addClassCleanup(remove_demo, {field: settings.get(field) for field in demo.SITE_SETTINGS})
		run_demo()
		cls.counts_after_first_run = record_counts()
		cls.second_output = run_demo()
		cls.city = subtree(demo.CITY)
		cls.members = frappe.get_all(
			MEMBER,
			filters={"workplace_organization": ("in", cls.city)},
			fields=["*"],
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	# the data ------------------------------------------------------------------------------------

	def test_two_wards_with_four_or_five_residential_branches(self):
		wards = frappe.get_all(
			ORGANIZATION,
			filters={"parent_party_organization": demo.CITY, "side": "Residence"},
			fields=["name", "organization_type", "address", "phone"],
		)
		self.assertEqual(len(wards), 2)
		for ward in wards:
			self.assertEqual(ward.organization_type, "Committee")
			self.assertTrue(ward.address and ward.phone)
			branches = frappe.get_all(
				ORGANIZATION,
				filters={"parent_party_organization": ward.name},
				fields=["organization_type", "side", "residential_area", "address", "phone"],
			)
			self.assertIn(len(branches), (4, 5), ward.name)
			for branch in branches:
				self.assertEqual((branch.organization_type, branch.side), ("Branch", "Residence"))
				self.assertTrue(branch.residential_area and branch.address and branch.phone)

	def test_a_ward_in_another_province(self):
		other = frappe.get_all(
			ORGANIZATION,
			filters={"side": "Residence", "organization_type": "Committee", "name": ("not in", self.city)},
			pluck="name",
		)
		self.assertTrue(set(other) & set(subtree(demo.OTHER_PROVINCE)))
		self.assertTrue(any(member.residence_committee in other for member in self.members))

	def test_workplace_committees_in_four_sectors_or_more(self):
		committees = frappe.get_all(
			ORGANIZATION,
			filters={"parent_party_organization": demo.CITY, "side": "Workplace"},
			fields=["name", "sector"],
		)
		self.assertGreaterEqual(len({committee.sector for committee in committees}), 4)
		for committee in committees:
			branches = frappe.get_all(
				ORGANIZATION,
				filters={"parent_party_organization": committee.name},
				fields=["organization_type", "sector"],
			)
			self.assertIn(len(branches), (2, 3), committee.name)
			self.assertTrue(all(branch.organization_type == "Branch" for branch in branches))
			self.assertTrue(all(branch.sector == committee.sector for branch in branches))

	def test_about_three_hundred_members(self):
		self.assertTrue(250 <= len(self.members) <= 350, len(self.members))

	def test_citizen_ids_are_twelve_digits_unique_and_match_gender_and_birth(self):
		ids = [member.citizen_id for member in self.members]
		self.assertEqual(len(ids), len(set(ids)))
		for member in self.members:
			self.assertRegex(member.citizen_id, r"^[0-9]{12}$")
			birth = getdate(member.date_of_birth)
			century_and_gender = (birth.year // 100 - 19) * 2 + (member.gender == "Female")
			self.assertEqual(member.citizen_id[3:6], f"{century_and_gender}{birth.year % 100:02d}")

	def test_party_cards_are_unique_and_only_official_members_have_one(self):
		cards = [member.party_card_number for member in self.members if member.party_card_number]
		self.assertEqual(len(cards), len(set(cards)))
		for member in self.members:
			if member.date_official:
				self.assertRegex(member.party_card_number, r"^[0-9]{2}\.[0-9]{6}$")
			else:
				self.assertIsNone(member.party_card_number)

	def test_dates(self):
		on_probation = [member for member in self.members if not member.date_official]
		self.assertTrue(0.02 <= len(on_probation) / len(self.members) <= 0.08, len(on_probation))
		now = getdate(today())
		for member in self.members:
			birth, joined = getdate(member.date_of_birth), getdate(member.date_joined)
			self.assertTrue(date(1960, 1, 1) <= birth <= date(2000, 12, 31))
			age = joined.year - birth.year - ((joined.month, joined.day) < (birth.month, birth.day))
			self.assertTrue(18 <= age <= 40, (member.full_name, birth, joined))
			self.assertLessEqual(joined, now)
			if member.date_official:
				official = getdate(member.date_official)
				self.assertLessEqual(official, now)
				self.assertIn((official - joined).days, (365, 366))

	def test_names_are_vietnamese_and_match_the_gender(self):
		family_names = [member.full_name.split()[0] for member in self.members]
		self.assertEqual(max(set(family_names), key=family_names.count), "Nguyễn")
		for member in self.members:
			words = member.full_name.split()
			self.assertTrue(3 <= len(words) <= 4, member.full_name)
			self.assertNotIn("Thị" if member.gender == "Male" else "Văn", words[1:-1])

	def test_residence(self):
		without = [member for member in self.members if not member.residence_committee]
		self.assertTrue(0.05 <= len(without) / len(self.members) <= 0.15, len(without))
		self.assertTrue(all(member.residence_address for member in self.members))

	def test_exemptions(self):
		exempt = {}
		for member in self.members:
			if member.exemption:
				self.assertTrue(member.exemption_reason)
				exempt.setdefault(member.exemption, []).append(member)
		self.assertGreaterEqual(len(exempt["Exempt from Residence Activity"]), 3)
		self.assertIn(len(exempt["Exempt from Introduction"]), (1, 2))
		self.assertTrue(
			all(member.liaison_status == "Exempt" for member in exempt["Exempt from Introduction"])
		)

	def test_refuses_a_site_with_members_of_its_own(self):
		with patch.object(frappe.db, "get_default", return_value=None):
			self.assertRaises(frappe.ValidationError, demo.setup_demo)
		self.assertTrue(frappe.db.get_default(demo.DEMO_MARK))

	def test_a_second_run_adds_nothing(self):
		self.assertEqual(record_counts(), self.counts_after_first_run)
		self.assertRegex(
			self.second_output, r"party organizations \(0 new\).*party members \(0 new\).*logins \(0 new\)"
		)

	def test_the_site_speaks_vietnamese(self):
		settings = frappe.get_doc("System Settings")
		for field, value in demo.SITE_SETTINGS.items():
			self.assertEqual(settings.get(field), value, field)
		self.assertTrue(settings.setup_complete)

	# the logins ----------------------------------------------------------------------------------

	def test_each_login_has_its_role_a_strong_password_and_vietnamese(self):
		for email, password, role, _scope in LOGINS.values():
			self.assertIn(email, self.second_output)
			self.assertIn(password, self.second_output)
			user = frappe.get_doc("User", email)
			self.assertEqual([row.role for row in user.roles], [role])
			self.assertEqual(user.language, "vi")
			self.assertEqual(check_password(email, password), email)
			self.assertGreaterEqual(password_strength.test_password_strength(password)["score"], 3)

	def test_portal_login_has_no_desk(self):
		email = LOGINS["dangvien"][0]
		self.assertEqual(frappe.db.get_value("User", email, "user_type"), "Website User")

	def test_manager_sees_every_member(self):
		self.assertEqual(self.visible_to("quanly"), set(frappe.get_all(MEMBER, pluck="name")))

	def test_workplace_officer_sees_the_members_working_in_their_committee(self):
		committee = LOGINS["coquan"][3]
		working_there = self.names(workplace_organization=("in", subtree(committee)))
		self.assertTrue(working_there)
		self.assertEqual(self.visible_to("coquan"), working_there)

	def test_ward_officer_sees_the_members_living_in_their_ward(self):
		living_there = self.names(residence_committee=LOGINS["phuong"][3])
		self.assertTrue(living_there)
		self.assertEqual(self.visible_to("phuong"), living_there)

	def test_branch_secretary_sees_the_members_of_their_branch(self):
		in_branch = self.names(residence_branch=LOGINS["chibo"][3])
		self.assertTrue(in_branch)
		self.assertEqual(self.visible_to("chibo"), in_branch)

	def test_portal_member_sees_their_own_record_in_the_secretarys_branch(self):
		own = self.names(user=LOGINS["dangvien"][0])
		self.assertEqual(len(own), 1)
		self.assertEqual(frappe.db.get_value(MEMBER, next(iter(own)), "residence_branch"), LOGINS["chibo"][3])
		self.assertEqual(self.visible_to("dangvien"), own)

	def visible_to(self, login: str) -> set[str]:
		frappe.set_user(LOGINS[login][0])
		try:
			return set(frappe.get_list(MEMBER, pluck="name", limit=0))
		finally:
			frappe.set_user("Administrator")

	@staticmethod
	def names(**filters) -> set[str]:
		return set(frappe.get_all(MEMBER, filters=filters, pluck="name"))


def remove_demo(settings: dict) -> None:
	"""Take the demo off the site again (it committed): members, logins, organizations, settings."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	organizations = subtree(demo.CITY) + subtree(demo.OTHER_PROVINCE)
	members = frappe.get_all(MEMBER, filters={"workplace_organization": ("in", organizations)}, pluck="name")
	frappe.db.delete("Version", {"ref_doctype": MEMBER, "docname": ("in", members or [""])})
	frappe.db.delete(MEMBER, {"name": ("in", members or [""])})
	emails = [email for email, *_ in LOGINS.values()]
	frappe.db.delete("User Permission", {"user": ("in", emails)})
	for email in emails:
		frappe.delete_doc("User", email, **DELETE)
	for contact in frappe.get_all("Contact", filters={"email_id": ("in", emails)}, pluck="name"):
		frappe.delete_doc("Contact", contact, **DELETE)
	for name in organizations:  # children first
		frappe.delete_doc(ORGANIZATION, name, **DELETE)
	frappe.defaults.clear_default(demo.DEMO_MARK, parent="__default")
	system_settings = frappe.get_doc("System Settings")
	system_settings.update(settings)
	system_settings.save(ignore_permissions=True)
	frappe.db.commit()
	clear_scope_cache()
	frappe.clear_cache()
