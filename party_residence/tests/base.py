"""The base class of the integration tests, and the mark of the slow ones."""

import os
import unittest

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world


class PartyResidenceTestCase(FrappeTestCase):
	"""The shared world of the tests (fixtures.ensure_world: organizations, members, one officer of
	each kind as `workplace`, `committee` and `secretary`), an outgoing e-mail account, and the
	user set back to Administrator after each test, so a test may call `self.set_user()` freely."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		ensure_outgoing_email_account()
		cls.workplace = cls.world.users["workplace"]
		cls.committee = cls.world.users["committee"]
		cls.secretary = cls.world.users["secretary"]

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def set_user(self, user: str) -> None:
		"""Act as `user` until the test ends (or the next call)."""
		frappe.set_user(user)


class RestTestCase(PartyResidenceTestCase):
	"""Tests that call the site over HTTP: the shared world is committed first (the requests read
	through connections of their own), and `self.client` is the test client."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.db.commit()
		cls.client = get_test_client()


# Tests that take minutes (the demo played twice, the benchmark's population): the test command runs
# them in a tier of their own (scripts/run-tests.sh sets the variable for that tier and for a run of
# chosen modules); a plain `bench run-tests --app party_residence` reports them as skipped.
SLOW_TESTS = "PARTY_RESIDENCE_SLOW_TESTS"
slow = unittest.skipUnless(
	os.environ.get(SLOW_TESTS) == "1", f"slow: run by the test command's slow tier ({SLOW_TESTS}=1)"
)
