# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.exceptions import OrganizationSideError, OrganizationTreeError


def make_organization(code, name=None, organization_type="Committee", side="", parent=None, **kwargs):
	"""Create (or return) a Party Organization with the given code."""
	if frappe.db.exists("Party Organization", code):
		return frappe.get_doc("Party Organization", code)
	return frappe.get_doc(
		{
			"doctype": "Party Organization",
			"organization_code": code,
			"organization_name": name or code,
			"organization_type": organization_type,
			"side": side,
			"parent_party_organization": parent,
			**kwargs,
		}
	).insert()


class TestPartyOrganization(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_organization("O-CITY", "Thành ủy O")
		make_organization("O-WARD", "Đảng ủy phường O", side="Residence", parent="O-CITY")
		make_organization("O-WARD-B1", "Chi bộ tổ dân phố O1", "Branch", "Residence", "O-WARD")
		make_organization(
			"O-WP",
			"Đảng ủy Công ty O",
			side="Workplace",
			parent="O-CITY",
			sector="Enterprise and Cooperative",
		)

	def test_branch_cannot_have_children(self):
		with self.assertRaises(OrganizationTreeError):
			make_organization("O-UNDER-BRANCH", "Dưới chi bộ", "Branch", "Residence", "O-WARD-B1")

	def test_committee_with_children_cannot_become_a_branch(self):
		ward = frappe.get_doc("Party Organization", "O-WARD")
		ward.organization_type = "Branch"
		self.assertRaises(OrganizationTreeError, ward.save)

	def test_branch_needs_a_parent_and_a_side(self):
		self.assertRaises(
			OrganizationTreeError, make_organization, "O-LONE", "Chi bộ lẻ", "Branch", "Residence"
		)
		self.assertRaises(
			OrganizationSideError, make_organization, "O-NOSIDE", "Chi bộ", "Branch", "", "O-WARD"
		)

	def test_residence_branch_sits_under_a_residence_committee(self):
		# not directly under the city committee, nor under a workplace committee
		with self.assertRaises(OrganizationSideError):
			make_organization("O-B-CITY", "Chi bộ thôn", "Branch", "Residence", "O-CITY")
		with self.assertRaises(OrganizationSideError):
			make_organization("O-B-WP", "Chi bộ thôn", "Branch", "Residence", "O-WP")

	def test_children_keep_their_parents_side(self):
		with self.assertRaises(OrganizationSideError):
			make_organization("O-WP-UNDER-WARD", "Chi bộ cơ quan", "Branch", "Workplace", "O-WARD")

	def test_sector_only_on_the_workplace_side(self):
		with self.assertRaises(OrganizationSideError):
			make_organization(
				"O-WARD-SECTOR", "Đảng ủy xã", side="Residence", parent="O-CITY", sector="Police"
			)

	def test_child_without_sector_inherits_it(self):
		branch = make_organization("O-WP-B1", "Chi bộ Phòng Kế toán", "Branch", "Workplace", "O-WP")
		self.assertEqual(branch.sector, "Enterprise and Cooperative")
		self.assertTrue(branch.lft > frappe.db.get_value("Party Organization", "O-WP", "lft"))

	def test_changing_a_committee_sector_reaches_inheriting_children_and_members(self):
		from party_residence.party_residence.doctype.party_member.test_party_member import make_member

		make_organization(
			"O-WP2",
			"Đảng ủy Công ty P",
			side="Workplace",
			parent="O-CITY",
			sector="Enterprise and Cooperative",
		)
		branch = make_organization("O-WP2-B1", "Chi bộ Phòng Vật tư", "Branch", "Workplace", "O-WP2")
		own = make_organization(
			"O-WP2-B2", "Chi bộ Công an kinh tế", "Branch", "Workplace", "O-WP2", sector="Police"
		)
		member = make_member(workplace_organization=branch.name)
		self.assertEqual(member.sector, "Enterprise and Cooperative")

		committee = frappe.get_doc("Party Organization", "O-WP2")
		committee.sector = "State Agency"
		committee.save()

		self.assertEqual(frappe.db.get_value("Party Organization", branch.name, "sector"), "State Agency")
		self.assertEqual(frappe.db.get_value("Party Member", member.name, "sector"), "State Agency")
		self.assertEqual(frappe.db.get_value("Party Organization", own.name, "sector"), "Police")

	def test_branch_is_not_a_group_and_committee_is(self):
		self.assertEqual(frappe.db.get_value("Party Organization", "O-WARD-B1", "is_group"), 0)
		self.assertEqual(frappe.db.get_value("Party Organization", "O-WARD", "is_group"), 1)

	def test_error_message_is_translated(self):
		frappe.local.lang = "vi"
		try:
			with self.assertRaises(OrganizationTreeError) as raised:
				make_organization("O-UNDER-BRANCH-VI", "Dưới chi bộ", "Branch", "Residence", "O-WARD-B1")
			self.assertIn("chi bộ", str(raised.exception).lower())
			self.assertNotIn("branch", str(raised.exception).lower())
		finally:
			frappe.local.lang = "en"
