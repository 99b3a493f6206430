"""The member portal: a member sees their own record and nothing else, on every path."""

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence.portal import overview
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world


class TestMemberPortal(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()
		cls.m1, cls.m3 = cls.world.members["M1"], cls.world.members["M3"]

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

	def test_an_introduction_shows_when_each_side_took_it(self):
		frappe.set_user(self.world.users["member"])
		letter = next(row for row in overview().introductions if row.name == self.world.introductions["I1"])
		self.assertTrue(letter.sent_on and letter.received_on and letter.acknowledged_on)
		_status, html = page("/my-residence")
		section = html[html.index(letter.name) :]
		for label, value in (
			("Sent On", letter.sent_on),
			("Received On", letter.received_on),
			("Acknowledged On", letter.acknowledged_on),
		):
			self.assertRegex(section, rf"{label}: <b>{frappe.utils.formatdate(value)}</b>")

	def test_a_member_exempt_from_residence_activity_is_told_the_meetings_are_not_owed(self):
		from frappe.utils import add_days, today
		from party_residence.liaison import EXEMPT_FROM_ACTIVITY
		from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
			make_meeting,
		)

		meeting = make_meeting("T-WARD-A-B1", meeting_date=add_days(today(), 9), place="Nhà văn hóa số 1")
		frappe.set_user(self.world.users["member"])
		_status, html = page("/my-residence")
		self.assertIn("Nhà văn hóa số 1", html)
		self.assertNotIn("You are exempt from residence activity", html)

		until = add_days(today(), 200)
		frappe.db.set_value(
			"Party Member", self.m1, {"exemption": EXEMPT_FROM_ACTIVITY, "exemption_until": until}
		)
		try:
			self.assertFalse(overview().meetings_required)
			_status, html = page("/my-residence")
			self.assertIn("Nhà văn hóa số 1", html)  # still listed, for information
			self.assertIn(
				f"You are exempt from residence activity until {frappe.utils.formatdate(until)}: "
				"you need not attend these meetings.",
				html,
			)
		finally:
			frappe.db.set_value("Party Member", self.m1, {"exemption": "", "exemption_until": None})
			frappe.set_user("Administrator")
			frappe.delete_doc(meeting.doctype, meeting.name, force=True)

	def test_the_page_is_light_and_installable(self):
		# no website bundle, icon sprite or website script: the page and its own stylesheet only
		frappe.set_user(self.world.users["member"])
		status, html = page("/my-residence")
		self.assertEqual(status, 200)
		for heavy in ("website.bundle", "frappe-web.bundle", "website_script.js", "<svg"):
			self.assertNotIn(heavy, html)
		self.assertLess(len(html.encode()), 40_000)
		self.assertIn('rel="manifest"', html)
		self.assertIn("/my-residence-sw.js", html)

	def test_the_service_worker_keeps_only_the_members_page(self):
		from party_residence.portal_pages import PAGES

		frappe.set_user("Guest")
		status, script = page("/my-residence-sw.js")
		self.assertEqual(status, 200)
		self.assertIn("caches.open", script)
		self.assertEqual(PAGES, ("/my-residence",))
		# a redirect (a signed-out visit) is never kept
		self.assertIn("!response.redirected", script)

	def test_the_portal_menu_lists_the_members_pages_for_members_only(self):
		from frappe.website.utils import get_portal_sidebar_items

		routes = {"/my-residence", "/member-self-report", "/residence-change"}
		for user, expected in (
			(self.world.users["member"], routes),
			(self.world.users["workplace"], set()),
			(self.world.users["committee"], set()),
		):
			with self.subTest(user=user):
				frappe.cache.hdel("portal_menu_items", user)
				frappe.set_user(user)
				self.assertEqual({item["route"] for item in get_portal_sidebar_items()} & routes, expected)

		frappe.cache.hdel("portal_menu_items", self.world.users["member"])
		frappe.set_user(self.world.users["member"])
		frappe.local.lang = "vi"
		try:
			_status, html = page("/my-residence")
		finally:
			frappe.local.lang = "en"
		sidebar = html[html.index('class="web-sidebar"') :]
		for route, title in (
			("/my-residence", "Hồ sơ nơi cư trú của tôi"),
			("/member-self-report", "Báo cáo thực hiện nhiệm vụ"),
			("/residence-change", "Báo chuyển nơi cư trú"),
		):
			self.assertRegex(sidebar, rf'href="{route}"[^>]*>\s*{title}\s*</a>')


def page(path: str, **query) -> tuple[int, str]:
	"""A portal page rendered for the session user, as the browser gets it."""
	from frappe.utils import set_request
	from frappe.website.serve import get_response

	set_request(method="GET", path=path, query_string=query)
	frappe.local.form_dict = frappe._dict(query)
	response = get_response(path)
	return response.status_code, response.get_data(as_text=True)


class TestMemberIsolation(PartyResidenceTestCase):
	"""A member reaches nothing of another member's: not by REST, print view, web form or file URL."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()
		# M1's records; member3 (M3) is the other member
		cls.review = cls.world.reviews["RV1"]
		cls.self_report = cls.world.self_reports["SR1"]

		frappe.local.form_dict = frappe._dict()

	def rest(self, role, path):
		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		return make_request(target=self.client.get, args=(path,), kwargs={"headers": headers})

	def test_rest_refuses_the_other_members_review_and_self_report(self):
		# M1 reads their own report (their review only once it is confirmed: RV1 is still a draft)
		self.assertEqual(
			self.rest("member", f"/api/resource/Member Self Report/{self.self_report}").status_code, 200
		)
		for doctype, name in (("Residence Review", self.review), ("Member Self Report", self.self_report)):
			with self.subTest(doctype=doctype):
				self.assertEqual(self.rest("member3", f"/api/resource/{doctype}/{name}").status_code, 403)
				listed = self.rest("member3", f"/api/resource/{doctype}?limit_page_length=0").json["data"]
				self.assertNotIn(name, [row["name"] for row in listed])

	def test_print_view_refuses_the_other_member(self):
		for doctype, name in (("Residence Review", self.review), ("Member Self Report", self.self_report)):
			with self.subTest(doctype=doctype):
				frappe.set_user(self.world.users["member3"])
				status, html = page("/printview", doctype=doctype, name=name)
				self.assertEqual(status, 403)
				self.assertNotIn("Nguyễn Văn An", html)  # M1

	def test_web_form_does_not_open_the_other_members_report(self):
		from frappe.website.doctype.web_form.web_form import accept, get_form_data

		frappe.set_user(self.world.users["member"])
		status, _html = page(f"/member-self-report/{self.self_report}/edit", name=self.self_report)
		self.assertEqual(status, 200)

		frappe.set_user(self.world.users["member3"])
		status, html = page(f"/member-self-report/{self.self_report}/edit", name=self.self_report)
		self.assertEqual(status, 403)
		self.assertNotIn("Dự đầy đủ sinh hoạt chi bộ tổ dân phố", html)
		# nor the data the form loads, nor saving over it
		self.assertRaises(
			frappe.PermissionError,
			get_form_data,
			"Member Self Report",
			self.self_report,
			"residence-duties-self-report",
		)
		data = {"doctype": "Member Self Report", "name": self.self_report, "duty_3": "Ghi đè"}
		frappe.local.request_ip = "127.0.0.1"
		self.assertRaises(
			frappe.PermissionError, accept, "residence-duties-self-report", frappe.as_json(data)
		)
		self.assertEqual(
			frappe.db.get_value("Member Self Report", self.self_report, "duty_3"),
			"Dự đầy đủ sinh hoạt chi bộ tổ dân phố",
		)

	def test_the_other_members_attachment_is_not_downloadable(self):
		from werkzeug.exceptions import Forbidden

		from frappe.utils import set_request
		from frappe.utils.response import download_private_file

		for doctype, name in (("Residence Review", self.review), ("Member Self Report", self.self_report)):
			with self.subTest(doctype=doctype):
				file = frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"nhan-xet-{frappe.generate_hash(length=8)}.txt",
						"content": b"Noi dung rieng cua dang vien",
						"is_private": 1,
						"attached_to_doctype": doctype,
						"attached_to_name": name,
					}
				).insert(ignore_permissions=True)
				try:
					set_request(method="GET", path=file.file_url)
					if doctype == "Member Self Report":  # M1's own: downloadable by M1
						frappe.set_user(self.world.users["member"])
						self.assertEqual(download_private_file(file.file_url).status_code, 200)
					frappe.set_user(self.world.users["member3"])
					self.assertRaises(Forbidden, download_private_file, file.file_url)
					self.assertFalse(frappe.has_permission("File", "read", file))
					self.assertNotIn(file.name, frappe.get_list("File", pluck="name"))
				finally:
					frappe.set_user("Administrator")
					file.delete()  # removes it from the disk too


class TestSelfReport(PartyResidenceTestCase):
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


class TestResidenceChangeForm(FrappeTestCase):
	"""The member's form for moving house or changing workplace."""

	WEB_FORM = "report-a-residence-change"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		ensure_outgoing_email_account()

	def tearDown(self):
		frappe.set_user("Administrator")

	def submit(self, **data):
		from frappe.website.doctype.web_form.web_form import accept

		frappe.set_user(self.world.users["member"])
		frappe.local.request_ip = "127.0.0.1"
		return accept(self.WEB_FORM, frappe.as_json({"doctype": "Residence Change", **data}))

	def test_the_form_lists_only_what_the_member_proposes(self):
		from frappe.website.doctype.web_form.web_form import get_form_data

		frappe.set_user(self.world.users["member"])
		form = get_form_data("Residence Change", None, self.WEB_FORM).web_form
		fields = {field.fieldname: field for field in form.web_form_fields}
		self.assertEqual(
			set(fields),
			{
				"reason",
				"effective_date",
				"new_residence_address",
				"new_residence_committee",
				"new_workplace_organization",
				"note",
			},
		)
		# no organization comes with the page: the pickers ask as the member types
		for fieldname in ("new_residence_committee", "new_workplace_organization"):
			self.assertEqual(frappe.parse_json(fields[fieldname].options or "[]"), [])

	def test_the_reason_starts_empty_and_must_be_chosen(self):
		from frappe.website.doctype.web_form.web_form import get_form_data

		frappe.set_user(self.world.users["member"])
		form = get_form_data("Residence Change", None, self.WEB_FORM).web_form
		reason = next(field for field in form.web_form_fields if field.fieldname == "reason")
		# a phone's select shows its first choice: that choice is "nothing chosen yet"
		self.assertEqual(reason.options.split("\n")[0], "")
		self.assertFalse(reason.default)
		self.assertRaises(
			frappe.MandatoryError,
			self.submit,
			reason="",
			effective_date=frappe.utils.today(),
			new_residence_address="12 Lý Thường Kiệt",
		)

	def test_the_pickers_offer_the_right_kind_of_organization(self):
		from party_residence.api.portal import residence_committees, workplace_organizations

		frappe.set_user(self.world.users["member"])
		committees = {row["value"] for row in residence_committees("")}
		self.assertTrue({"T-WARD-A", "T-WARD-B", "T-WARD-C"} <= committees)
		self.assertFalse({"T-WARD-A-B1", "T-WP-X", "T-WP-Y-B1", "T-CITY"} & committees)
		self.assertEqual([row["value"] for row in residence_committees("Bình Minh")], ["T-WARD-B"])

		found = workplace_organizations("Khoa Nội")
		self.assertEqual(
			[(row["value"], row["description"]) for row in found],
			[("T-WP-Y-B1", "Đảng ủy Bệnh viện Đa khoa")],
		)
		self.assertFalse({"T-WARD-A", "T-WARD-A-B1"} & {row["value"] for row in workplace_organizations("")})

		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, residence_committees, "")

	def test_changing_workplace_on_the_form(self):
		change = self.submit(
			reason="Changed Workplace",
			effective_date=frappe.utils.today(),
			new_workplace_organization="T-WP-Y-B1",
			workflow_state="Approved",  # not on the form: ignored
			workplace_organization="T-WP-Y",  # not on the form: ignored
		)
		self.assertEqual(
			(change.party_member, change.workflow_state, change.workplace_organization),
			(self.world.members["M1"], "Pending Approval", "T-WP-X-B1"),
		)
		self.assertEqual(change.new_workplace_organization, "T-WP-Y-B1")
		self.assertRaises(
			frappe.ValidationError,
			self.submit,
			reason="Changed Workplace",
			effective_date=frappe.utils.today(),
			new_workplace_organization="T-WARD-A-B1",
		)


class TestMemberPageKept(PartyResidenceTestCase):
	"""The member's page is kept per member between visits, and made again after what changes it."""

	def setUp(self):
		from unittest.mock import patch

		from party_residence.portal import PAGE_CACHE

		self.m1, self.m3 = self.world.members["M1"], self.world.members["M3"]
		for member in (self.m1, self.m3):
			self.addCleanup(frappe.cache.delete_value, PAGE_CACHE + member)
		# a visit reads in a transaction that wrote nothing: only then is the page kept
		writes = patch.object(frappe.db, "transaction_writes", 0)
		writes.start()
		self.addCleanup(writes.stop)

	def visit(self, who="member"):
		from party_residence.portal import cached_overview

		frappe.set_user(self.world.users[who])
		try:
			return cached_overview()
		finally:
			frappe.set_user("Administrator")

	def test_each_member_gets_their_own_kept_page(self):
		self.assertEqual(self.visit("member").member.name, self.m1)
		self.assertEqual(self.visit("member3").member.name, self.m3)
		self.assertEqual(self.visit("member").member.name, self.m1)

	def test_kept_until_the_record_changes(self):
		address = frappe.db.get_value("Party Member", self.m1, "residence_address")
		first = self.visit()
		self.assertEqual(first.member.residence_address, address)
		# a change straight in the database tells nobody: the kept page is shown until it expires
		frappe.db.set_value("Party Member", self.m1, "residence_address", "Số 1 phố Khác")
		self.assertEqual(self.visit().member.residence_address, address)
		self.assertEqual(self.visit().updated_at, first.updated_at)
		# a save of the record (from a form, a workflow step) is seen on the next visit
		member = frappe.get_doc("Party Member", self.m1)
		member.residence_address = "Số 2 phố Mới"
		member.save()
		self.assertEqual(self.visit().member.residence_address, "Số 2 phố Mới")

	def test_a_new_meeting_of_the_branch_shows_on_the_next_visit(self):
		from frappe.utils import add_days, today
		from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
			make_meeting,
		)

		before = {row.name for row in self.visit().upcoming}
		meeting = make_meeting("T-WARD-A-B1", meeting_date=add_days(today(), 11), place="Nhà văn hóa mới")
		self.addCleanup(frappe.delete_doc, meeting.doctype, meeting.name, force=True)
		self.assertEqual({row.name for row in self.visit().upcoming} - before, {meeting.name})

	def test_a_renamed_branch_shows_on_the_next_visit(self):
		branch = frappe.db.get_value("Party Member", self.m1, "residence_branch")
		self.visit()
		organization = frappe.get_doc("Party Organization", branch)
		organization.organization_name = "Chi bộ tổ dân phố số 1 (mới)"
		organization.save()
		self.assertEqual(self.visit().branch_name, "Chi bộ tổ dân phố số 1 (mới)")
