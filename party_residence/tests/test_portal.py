"""The member portal: a member sees their own record and nothing else, on every path."""

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence.portal import overview
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world


class TestMemberPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		ensure_outgoing_email_account()
		cls.client = get_test_client()
		cls.m1, cls.m3 = cls.world.members["M1"], cls.world.members["M3"]

	def tearDown(self):
		frappe.set_user("Administrator")

	def rest(self, role, path):
		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		return make_request(target=self.client.get, args=(path,), kwargs={"headers": headers})

	def test_each_member_sees_only_their_own_record(self):
		frappe.set_user(self.world.users["member"])
		mine = overview()
		self.assertEqual(mine.member.name, self.m1)
		self.assertEqual(mine.branch_name, "Chi bộ tổ dân phố số 1")
		self.assertIn(self.world.introductions["I1"], {row.name for row in mine.introductions})
		self.assertTrue(mine.attendance)  # the January meeting of the shared world
		frappe.set_user(self.world.users["member3"])
		theirs = overview()
		self.assertEqual(theirs.member.name, self.m3)
		self.assertNotIn(self.world.introductions["I1"], {row.name for row in theirs.introductions})

	def test_rest_refuses_the_other_members_records(self):
		for doctype, name, allowed in (
			("Party Member", self.m1, 200),
			("Party Member", self.m3, 403),
			("Residence Introduction", self.world.introductions["I1"], 200),
			("Residence Introduction", self.world.introductions["I3"], 403),  # M3's letter
			("Residence Activity", self.world.activities["A1"], 200),
		):
			with self.subTest(doctype=doctype, name=name):
				self.assertEqual(self.rest("member", f"/api/resource/{doctype}/{name}").status_code, allowed)
		listed = self.rest("member", "/api/resource/Party Member").json["data"]
		self.assertEqual([row["name"] for row in listed], [self.m1])

	def test_guest_goes_to_the_login_page(self):
		response = make_request(target=self.client.get, args=("/my-residence",))
		self.assertIn(response.status_code, (301, 302))
		self.assertIn("/login", response.headers["Location"])

	def test_members_have_no_desk(self):
		self.assertEqual(frappe.db.get_value("User", self.world.users["member"], "user_type"), "Website User")
		self.assertEqual(self.rest("member", "/app/party-member").status_code, 403)

	def test_portal_page_shows_the_member(self):
		from frappe.utils import set_request
		from frappe.website.serve import get_response

		frappe.set_user(self.world.users["member"])
		set_request(path="/my-residence")
		html = get_response("/my-residence").get_data(as_text=True)
		self.assertIn("Nguyễn Văn An", html)
		self.assertNotIn("Lê Văn Cường", html)  # M3
		self.assertNotIn("001090000001", html)  # no CCCD on the page


class TestSelfReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		ensure_outgoing_email_account()

	def tearDown(self):
		frappe.set_user("Administrator")

	def report(self, year, member=None, **duties):
		frappe.set_user(self.world.users["member"])
		return frappe.get_doc(
			{"doctype": "Member Self Report", "review_year": year, "party_member": member, **duties}
		).insert()

	def test_report_is_about_oneself_whatever_the_request_says(self):
		report = self.report(2023, member=self.world.members["M3"], duty_3="Dự đủ 12 buổi sinh hoạt")
		self.assertEqual(report.party_member, self.world.members["M1"])
		self.assertEqual(report.residence_branch, "T-WARD-A-B1")
		self.assertIn("Dự đủ 12 buổi sinh hoạt", report.content)

	def test_one_report_per_year(self):
		self.report(2022)
		self.assertRaises(frappe.DuplicateEntryError, self.report, 2022)

	def test_branch_and_workplace_read_it(self):
		report = self.report(2021, duty_6="Tham gia ngày chủ nhật xanh")
		for role in ("secretary", "workplace"):
			frappe.set_user(self.world.users[role])
			self.assertIn(report.name, frappe.get_list("Member Self Report", pluck="name"))
		frappe.set_user(self.world.users["member3"])
		self.assertNotIn(report.name, frappe.get_list("Member Self Report", pluck="name"))

	def test_locked_once_the_review_is_confirmed(self):
		from party_residence.party_residence.doctype.residence_review.test_residence_review import (
			act,
			rate_all,
		)
		from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
			make_request,
		)

		report = self.report(2020, duty_1="Gương mẫu")
		report.duty_1 = "Gương mẫu, nhiệt tình"
		report.save()  # still open

		frappe.set_user("Administrator")
		request = make_request(self.world.members["M1"], purpose="Annual Review", year=2020, send=True)
		frappe.set_user(self.world.users["secretary"])
		review = rate_all(
			frappe.get_doc({"doctype": "Residence Review", "review_request": request.name}).insert()
		)
		review.save()
		act(review.name, "Send for Confirmation", self.world.users["secretary"])
		act(review.name, "Confirm", self.world.users["committee"])

		frappe.set_user(self.world.users["member"])
		report.reload()
		report.duty_1 = "Sửa sau khi đã xác nhận"
		self.assertRaises(frappe.ValidationError, report.save)
