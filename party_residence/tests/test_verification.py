"""The public verification page behind the QR code of every printed document."""

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence.tests.fixtures import ensure_world


class TestVerificationPage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.client = get_test_client()

	def setUp(self):
		frappe.cache.delete_keys("rl:")  # rate-limit counters of earlier runs

	def page(self, code):
		response = make_request(target=self.client.get, args=(f"/verify/{code}",))
		return response.status_code, response.get_data(as_text=True)

	def test_a_sent_letter_shows_its_status_and_nothing_personal(self):
		code = self.world.introductions["I1"]
		status, html = self.page(code)
		self.assertEqual(status, 200)
		self.assertIn("Nguyễn Văn An", html)
		self.assertIn("Đảng ủy Công ty Xây dựng số 1", html)
		self.assertIn("1-GGT/ĐU", html)
		# no citizen ID, date of birth or address of the member
		self.assertNotIn("001090000001", html)
		self.assertNotIn("1985", html)
		self.assertNotIn("Thử Nghiệm", html)

	def test_unknown_and_draft_codes_look_the_same(self):
		_status, unknown = self.page("GT-2026-99999")
		_status, draft = self.page(self.world.introductions["I2"])  # never sent
		_status, garbage = self.page("<script>alert(1)</script>")
		# a guest sees the site's language
		language = frappe.db.get_single_value("System Settings", "language") or "en"
		self.assertIn(frappe._("No document with this tracking code was issued.", lang=language), unknown)
		self.assertNotIn("Trần Thị Bình", draft)
		self.assertEqual(
			unknown.replace("GT-2026-99999", "X"), draft.replace(self.world.introductions["I2"], "X")
		)
		self.assertNotIn("<script>alert(1)</script>", garbage)

	def test_cancelled_letter_says_so(self):
		from frappe.model.workflow import apply_workflow
		from party_residence.verification import lookup

		letter = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": self.world.members["M4"],
				"residence_committee": "T-WARD-B",
			}
		).insert()
		letter = apply_workflow(letter, "Send")
		letter.db_set("cancel_reason", "Nhập nhầm")
		apply_workflow(letter, "Cancel")
		result = lookup(letter.name.lower())
		self.assertEqual(result["status"], "Cancelled")
		self.assertTrue(result["cancelled"])
		self.assertEqual(
			set(result),
			{"code", "document_type", "number", "issuer", "date", "status", "member_name", "cancelled"},
		)

		# the letter sent again in its place keeps its number, and its own code checks
		amended = frappe.copy_doc(letter)
		amended.update({"amended_from": letter.name, "docstatus": 0, "workflow_state": "Draft"})
		amended.insert()
		amended = apply_workflow(amended, "Send")
		self.assertTrue(amended.name.startswith(letter.name + "-"))
		result = lookup(amended.name)
		self.assertEqual(result["status"], "Sent")
		self.assertEqual(result["number"], lookup(letter.name)["number"])

	def test_lookups_are_rate_limited(self):
		statuses = [self.page(f"GT-2026-{n:05d}")[0] for n in range(31)]
		self.assertEqual(statuses[:30], [200] * 30)
		self.assertEqual(statuses[30], 429)
