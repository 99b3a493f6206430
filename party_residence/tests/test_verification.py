"""The public verification page behind the QR code of every printed document."""

import re

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence import verification
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_world

CODE = re.compile(r"[A-Z2-7]{20}")


class VerificationTestCase(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()

	def setUp(self):
		frappe.cache.delete_keys("rl:")  # rate-limit counters of earlier runs

	def tearDown(self):
		frappe.db.rollback()  # the letters a test sends (the shared world is committed)

	def page(self, code, headers=None, peer="127.0.0.1"):
		response = make_request(
			target=self.client.get,
			args=(f"/verify/{code}",),
			kwargs={"headers": headers or {}, "environ_base": {"REMOTE_ADDR": peer}},
		)
		return response.status_code, response.get_data(as_text=True)

	def code_of(self, key):
		return frappe.db.get_value(
			"Residence Introduction", self.world.introductions[key], verification.FIELD
		)

	def sent_letter(self, member_key="M4", committee="T-WARD-B"):
		letter = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": self.world.members[member_key],
				"residence_committee": committee,
			}
		).insert()
		return apply_workflow(letter, "Send")


class TestVerificationCodes(VerificationTestCase):
	def test_every_document_gets_a_random_code_of_its_own(self):
		codes = {self.code_of(key) for key in ("I1", "I2", "I3")}
		self.assertEqual(len(codes), 3)
		for key in ("I1", "I2", "I3"):
			code = self.code_of(key)
			self.assertRegex(code, CODE)
			# nothing of the name (series, year, number) is in the code
			self.assertNotIn(self.world.introductions[key].rsplit("-", 1)[-1], code)
		many = verification.new_codes(2000)
		self.assertEqual(len(set(many)), 2000)
		self.assertTrue(all(CODE.fullmatch(code) for code in many))

	def test_a_client_cannot_choose_the_code(self):
		letter = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": self.world.members["M4"],
				"residence_committee": "T-WARD-B",
				"verification_code": "AAAAAAAAAAAAAAAAAAAA",
			}
		).insert()
		self.assertNotEqual(letter.verification_code, "AAAAAAAAAAAAAAAAAAAA")
		first = letter.verification_code
		letter.verification_code = "BBBBBBBBBBBBBBBBBBBB"
		letter.save()
		self.assertEqual(letter.verification_code, first)

	def test_an_amended_letter_gets_its_own_code_and_the_cancelled_one_keeps_its_own(self):
		letter = self.sent_letter()
		letter.db_set("cancel_reason", "Nhập nhầm")
		letter = apply_workflow(letter, "Cancel")
		amended = frappe.copy_doc(letter)
		amended.update({"amended_from": letter.name, "docstatus": 0, "workflow_state": "Draft"})
		amended.insert()
		amended = apply_workflow(amended, "Send")
		self.assertTrue(amended.verification_code)
		self.assertNotEqual(amended.verification_code, letter.verification_code)
		old, new = (
			verification.lookup(letter.verification_code),
			verification.lookup(amended.verification_code),
		)
		self.assertTrue(old["cancelled"])
		self.assertEqual(old["status"], "Cancelled")
		self.assertEqual(new["status"], "Sent")
		self.assertEqual(new["number"], old["number"])  # the letter sent in its place keeps its number

	def test_the_patch_gives_codes_to_documents_made_before_them(self):
		from party_residence.patches.v1_0 import give_documents_verification_codes as patch

		letters = [self.sent_letter("M4", "T-WARD-B").name]
		table = frappe.qb.DocType("Residence Introduction")
		frappe.qb.update(table).set(table.verification_code, None).where(table.name.isin(letters)).run()
		before = {
			name: code
			for name, code in frappe.get_all(
				"Residence Introduction", fields=["name", "verification_code"], as_list=True
			)
			if code
		}
		patch.give_codes("Residence Introduction")
		after = dict(
			frappe.get_all("Residence Introduction", fields=["name", "verification_code"], as_list=True)
		)
		self.assertRegex(after[letters[0]], CODE)
		# the codes already given stay as they are
		self.assertEqual({name: after[name] for name in before}, before)
		self.assertEqual(len(set(after.values())), len(after))


class TestVerificationPage(VerificationTestCase):
	def test_a_sent_letter_shows_that_it_is_genuine_and_nothing_personal(self):
		status, html = self.page(self.code_of("I1"))
		self.assertEqual(status, 200)
		self.assertIn("Đảng ủy Công ty Xây dựng số 1", html)
		self.assertIn("1-GGT/ĐU", html)
		self.assertIn(verification.grouped(self.code_of("I1")), html)
		# not the member's name, citizen ID, date of birth or address
		self.assertNotIn("Nguyễn Văn An", html)
		self.assertNotIn("001090000001", html)
		self.assertNotIn("1985", html)
		self.assertNotIn("Thử Nghiệm", html)

	def test_the_code_is_found_however_it_is_typed(self):
		code = self.code_of("I1")
		self.assertTrue(verification.lookup(verification.grouped(code).lower())["found"])
		self.assertTrue(verification.lookup(" " + " ".join(code) + " ")["found"])

	def test_the_document_name_verifies_nothing(self):
		for name in (self.world.introductions["I1"], self.world.introductions["I1"].lower()):
			self.assertFalse(verification.lookup(name)["found"])
			_status, html = self.page(name)
			self.assertNotIn("1-GGT/ĐU", html)
			self.assertNotIn("Đảng ủy Công ty Xây dựng số 1", html)

	def test_unknown_and_draft_codes_look_the_same(self):
		unknown_code = "A" * 20
		draft_code = self.code_of("I2")  # never sent
		_status, unknown = self.page(unknown_code)
		_status, draft = self.page(draft_code)
		_status, garbage = self.page("<script>alert(1)</script>")
		# a guest sees the site's language
		language = frappe.db.get_single_value("System Settings", "language") or "en"
		self.assertIn(frappe._("No document with this verification code was issued.", lang=language), unknown)
		self.assertNotIn("Trần Thị Bình", draft)
		self.assertEqual(unknown.replace(unknown_code, "X"), draft.replace(draft_code, "X"))
		self.assertNotIn("<script>alert(1)</script>", garbage)
		# the same answer, key for key, whatever the code
		self.assertEqual(set(verification.lookup(unknown_code)), set(verification.ANSWER_KEYS))
		self.assertEqual(set(verification.lookup(self.code_of("I1"))), set(verification.ANSWER_KEYS))


class TestRateLimit(VerificationTestCase):
	def test_lookups_are_rate_limited(self):
		statuses = [self.page("A" * 19 + "B")[0] for _n in range(31)]
		self.assertEqual(statuses[:30], [200] * 30)
		self.assertEqual(statuses[30], 429)

	def test_a_forged_forwarded_for_does_not_escape_the_limit(self):
		# behind our proxy (the peer is loopback) the proxy appends the client's address last;
		# whatever the client put first changes nothing
		statuses = [
			self.page("A" * 20, headers={"X-Forwarded-For": f"10.0.{n}.1, 203.0.113.7"})[0] for n in range(31)
		]
		self.assertEqual(statuses[30], 429)
		# another client behind the same proxy has its own count
		self.assertEqual(self.page("A" * 20, headers={"X-Forwarded-For": "203.0.113.8"})[0], 200)

	def test_a_client_that_reaches_the_server_directly_is_counted_by_its_own_address(self):
		statuses = [
			self.page("A" * 20, headers={"X-Forwarded-For": f"10.0.{n}.1"}, peer="198.51.100.4")[0]
			for n in range(31)
		]
		self.assertEqual(statuses[30], 429)

	def test_the_counted_address(self):
		with self.subTest("behind the proxy"):
			self.assertEqual(self.address("127.0.0.1", "1.1.1.1, 203.0.113.7"), "203.0.113.7")
		with self.subTest("a header that is not an address"):
			self.assertEqual(self.address("127.0.0.1", "1.1.1.1, junk"), "127.0.0.1")
		with self.subTest("no proxy"):
			self.assertEqual(self.address("198.51.100.4", "203.0.113.7"), "198.51.100.4")
		with self.subTest("a trusted proxy named in the site config"):
			with self.trusted_proxies(["10.1.0.0/16"]):
				self.assertEqual(self.address("10.1.2.3", "1.1.1.1, 203.0.113.7"), "203.0.113.7")

	def address(self, peer, forwarded):
		from werkzeug.test import EnvironBuilder
		from werkzeug.wrappers import Request

		environ = EnvironBuilder(
			headers={"X-Forwarded-For": forwarded}, environ_base={"REMOTE_ADDR": peer}
		).get_environ()
		request = frappe.local.request = Request(environ)
		try:
			return verification.client_address()
		finally:
			del frappe.local.request
			self.assertIsNotNone(request)

	def trusted_proxies(self, networks):
		from contextlib import contextmanager

		@contextmanager
		def patched():
			old = frappe.conf.get("trusted_proxies")
			frappe.conf["trusted_proxies"] = networks
			try:
				yield
			finally:
				frappe.conf["trusted_proxies"] = old

		return patched()
