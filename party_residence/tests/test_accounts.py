"""Accounts: a strong password policy and login lockout from the install, two-factor
authentication for the officers' roles, short sessions on the member portal."""

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_test_client, now
from party_residence.accounts import MEMBER_SESSION_EXPIRY
from party_residence.install import ensure_account_security
from party_residence.tests.fixtures import PASSWORD, ensure_world


class TestAccounts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()

	def test_install_asks_for_strong_passwords(self):
		from frappe.core.doctype.user.user import test_password_strength

		self.assertEqual(frappe.db.get_single_value("System Settings", "enable_password_policy"), 1)
		self.assertGreaterEqual(
			int(frappe.db.get_single_value("System Settings", "minimum_password_score")), 3
		)
		frappe.local.system_settings = frappe.get_doc("System Settings")

		def accepted(password):
			return test_password_strength(password)["feedback"]["password_policy_validation_passed"]

		self.assertFalse(accepted("abc12345"))
		self.assertFalse(accepted("12345678"))
		self.assertTrue(accepted("Tổ-dân-phố số 1, Hải Dương!"))

	def test_account_settings_are_only_ever_made_stricter(self):
		keys = ("minimum_password_score", "allow_consecutive_login_attempts", "allow_login_after_fail")
		saved = {key: frappe.db.get_single_value("System Settings", key) for key in keys}
		self.addCleanup(
			lambda: [frappe.db.set_single_value("System Settings", k, v) for k, v in saved.items()]
		)
		frappe.db.set_single_value("System Settings", "minimum_password_score", "4")
		frappe.db.set_single_value("System Settings", "allow_consecutive_login_attempts", 3)
		frappe.db.set_single_value("System Settings", "allow_login_after_fail", 60)
		ensure_account_security()
		ensure_account_security()  # twice: nothing changes the second time
		settings = frappe.db.get_singles_dict("System Settings")
		self.assertEqual(str(settings.minimum_password_score), "4")
		self.assertEqual(int(settings.allow_consecutive_login_attempts), 3)
		self.assertEqual(int(settings.allow_login_after_fail), 300)
		self.assertEqual(frappe.db.get_value("Role", "Residence Branch Secretary", "two_factor_auth"), 1)
		self.assertEqual(frappe.db.get_value("Role", "Party Member", "two_factor_auth"), 0)

	def test_a_portal_session_ends_after_two_idle_hours(self):
		client = get_test_client()
		login = make_request(
			target=client.post,
			args=("/api/method/login",),
			kwargs={"data": {"usr": self.world.users["member"], "pwd": PASSWORD}},
		)
		self.assertEqual(login.status_code, 200, login.text)
		sid = client.get_cookie("sid").value
		session = frappe.cache.hget("session", sid)
		self.assertEqual(session["data"]["session_expiry"], MEMBER_SESSION_EXPIRY)

		def logged_user():
			response = make_request(target=client.get, args=("/api/method/frappe.auth.get_logged_user",))
			return response.json.get("message") if response.status_code == 200 else None

		self.assertEqual(logged_user(), self.world.users["member"])
		session["data"]["last_updated"] = add_to_date(now(), hours=-3, as_string=True)
		frappe.cache.hset("session", sid, session)
		self.assertIsNone(logged_user())

	def test_officers_keep_the_site_wide_session_length(self):
		client = get_test_client()
		login = make_request(
			target=client.post,
			args=("/api/method/login",),
			kwargs={"data": {"usr": self.world.users["committee"], "pwd": PASSWORD}},
		)
		self.assertEqual(login.status_code, 200, login.text)
		session = frappe.cache.hget("session", client.get_cookie("sid").value)
		self.assertNotEqual(session["data"]["session_expiry"], MEMBER_SESSION_EXPIRY)
