"""Who issues and who is told about a step: the issuing committee, and the closest officers whose
scope covers the organization, looked up one organization at a time (a single letter) or for
thousands at once (a batch, a campaign)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.organizations import (
	nearest_committee,
	nearest_committees,
	recipients_text,
	recipients_text_each,
)
from party_residence.permissions import users_with_scope_over, users_with_scope_over_each
from party_residence.tests.fixtures import ORGANIZATIONS, ensure_world, make_scoped_user

ROLES = (
	("Residence Branch Secretary",),
	("Residence Committee Officer",),
	("Workplace Party Officer",),
	("Residence Committee Officer", "Residence Branch Secretary"),
)


class TestRecipients(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.codes = [code for code, *_ in ORGANIZATIONS]

	def test_the_closest_officers(self):
		users = self.world.users
		self.assertEqual(
			users_with_scope_over("T-WARD-A-B1", ("Residence Branch Secretary",)), [users["secretary"]]
		)
		# a branch without a secretary of its own: no secretary is told
		self.assertEqual(users_with_scope_over("T-WARD-A-B2", ("Residence Branch Secretary",)), [])
		# the ward officer covers the ward's branches
		self.assertIn(
			users["committee"], users_with_scope_over("T-WARD-A-B1", ("Residence Committee Officer",))
		)
		self.assertEqual(users_with_scope_over("T-WARD-C", ("Residence Committee Officer",)), [])
		self.assertEqual(users_with_scope_over("NO-SUCH-ORGANIZATION", ("Residence Committee Officer",)), [])

	def test_many_at_once_is_each_one_alone(self):
		# a nearer officer on one branch must not hide the farther one of its sibling
		make_scoped_user(
			f"pr.b2.{frappe.generate_hash(length=6)}@example.com",
			"Residence Committee Officer",
			"T-WARD-A-B2",
		)
		for roles in ROLES:
			together = users_with_scope_over_each(self.codes, roles)
			texts = recipients_text_each(self.codes, roles)
			for code in self.codes:
				with self.subTest(organization=code, roles=roles):
					self.assertEqual(together[code], users_with_scope_over(code, roles))
					self.assertEqual(texts[code], recipients_text(code, roles))

	def test_issuing_committees_many_at_once_are_each_one_alone(self):
		together = nearest_committees([*self.codes, "NO-SUCH-ORGANIZATION"])
		self.assertEqual(together["T-WP-X-B1"], "T-WP-X")
		self.assertEqual(together["T-WP-X"], "T-WP-X")
		self.assertIsNone(together["NO-SUCH-ORGANIZATION"])
		for code in self.codes:
			with self.subTest(organization=code):
				self.assertEqual(together[code], self.nearest_by_bounds(code))
				self.assertEqual(nearest_committee(code), together[code])

	def nearest_by_bounds(self, code):
		"""The committee closest above the organization, or itself, read from the tree's bounds."""
		lft, rgt = frappe.db.get_value("Party Organization", code, ["lft", "rgt"])
		above = frappe.get_all(
			"Party Organization",
			filters={"lft": ("<=", lft), "rgt": (">=", rgt), "organization_type": "Committee"},
			order_by="lft desc",
			pluck="name",
			limit=1,
		)
		return above[0] if above else None

	def test_nothing_asked_nothing_found(self):
		self.assertEqual(users_with_scope_over_each([None, ""], ("Residence Branch Secretary",)), {})
		self.assertEqual(recipients_text_each([], ("Residence Branch Secretary",)), {})
		self.assertEqual(nearest_committees([None]), {})
