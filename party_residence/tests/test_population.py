"""The benchmark's population generator, on a tiny population: what it writes in bulk is what the
app's own forms would accept."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.devtools import population
from party_residence.organizations import check_residence_placement
from party_residence.tests.base import slow


@slow
class TestPopulation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.prefix = "GEN" + frappe.generate_hash(length=4).upper()
		cls.result = population.generate(population.TINY, seed=7, prefix=cls.prefix, log=lambda *_: None)

	def members(self):
		return frappe.get_all(
			"Party Member",
			filters={"workplace_organization": ("like", f"{self.prefix}-%")},
			fields=["name", "liaison_status", "residence_committee", "residence_branch", "sector"],
		)

	def test_the_sizes_asked_for(self):
		self.assertEqual(self.result.members, 50)
		self.assertEqual(len(self.members()), 50)
		wards = frappe.get_all(
			"Party Organization",
			filters={"parent_party_organization": self.result.root, "side": "Residence"},
			pluck="name",
		)
		self.assertEqual(len(wards), 1)
		branches = frappe.db.count("Party Organization", {"parent_party_organization": wards[0]})
		self.assertEqual(branches, 3)
		self.assertTrue(self.result.introductions)

	def test_members_pass_the_forms_validation(self):
		sample = random.Random(1).sample(self.members(), 10)
		for row in sample:
			with self.subTest(member=row.name):
				member = frappe.get_doc("Party Member", row.name)
				member.save(ignore_permissions=True)
				self.assertEqual(member.liaison_status, row.liaison_status)
				self.assertEqual(member.residence_committee, row.residence_committee)
				self.assertEqual(member.sector, row.sector)

	def test_organizations_pass_the_forms_validation(self):
		for name in frappe.get_all(
			"Party Organization", filters={"name": ("like", f"{self.prefix}-%")}, pluck="name"
		):
			frappe.get_doc("Party Organization", name).save(ignore_permissions=True)

	def test_the_tree_is_rebuilt(self):
		root = frappe.db.get_value("Party Organization", self.result.root, ["lft", "rgt"], as_dict=True)
		inside = frappe.db.count("Party Organization", {"lft": (">", root.lft), "rgt": ("<", root.rgt)})
		self.assertEqual(inside, self.result.organizations - 1)
		for row in self.members():
			if row.residence_branch:
				self.assertEqual(
					check_residence_placement(row.residence_committee, row.residence_branch),
					row.residence_committee,
				)

	def test_series_go_on_after_the_generated_names(self):
		member = frappe.get_doc(
			{
				"doctype": "Party Member",
				"full_name": "Nguyễn Văn Sau",
				"gender": "Male",
				"date_of_birth": "1990-01-01",
				"date_joined": "2015-01-01",
				"workplace_organization": f"{self.prefix}-KDN-001-CB01",
				"residence_address": "Số 1",
			}
		).insert(ignore_permissions=True)
		generated = [row.name for row in self.members() if row.name != member.name]
		self.assertGreater(member.name, max(generated))
		member.delete(ignore_permissions=True)

	def test_meetings_and_reviews_are_consistent(self):
		for meeting in frappe.get_all(
			"Residence Branch Meeting",
			filters={"residence_branch": ("like", f"{self.prefix}-%"), "docstatus": 1},
			pluck="name",
		):
			doc = frappe.get_doc("Residence Branch Meeting", meeting)
			self.assertEqual(doc.invited_count, len(doc.attendance))
			self.assertEqual(doc.present_count, sum(row.attendance == "Present" for row in doc.attendance))
		for review in frappe.get_all(
			"Residence Review",
			filters={"residence_committee": ("like", f"{self.prefix}-%"), "docstatus": 1},
			fields=["name", "review_request", "workflow_state"],
		):
			request = frappe.db.get_value(
				"Residence Review Request", review.review_request, ["workflow_state", "residence_review"]
			)
			self.assertEqual(request, ("Answered", review.name))

	def test_generating_again_collides_with_nothing_but_its_codes(self):
		with self.assertRaises(population.PopulationError):
			population.generate(population.TINY, seed=7, prefix=self.prefix, log=lambda *_: None)
