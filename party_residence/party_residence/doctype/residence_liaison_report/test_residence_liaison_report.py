# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

"""The yearly report of a ward: section II written from the records (the seed ward's 1,802 letters),
a starting text in the other sections, and a regeneration that keeps what the committee wrote."""

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.exceptions import LiaisonReportError
from party_residence.party_residence.report.residence_liaison_summary.test_residence_liaison_summary import (
	load_seed_population,
)
from party_residence.tests.fixtures import ensure_world

PRINT_FORMAT = "Báo cáo thực hiện Quy định 213"


def make_liaison_report(**kwargs):
	return frappe.get_doc(
		{
			"doctype": "Residence Liaison Report",
			"residence_committee": "S-WARD",
			"report_year": 2025,
			**kwargs,
		}
	).insert()


class TestResidenceLiaisonReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		load_seed_population()

	def test_section_two_carries_the_figures_of_the_year(self):
		report = make_liaison_report()
		figures = frappe.parse_json(report.figures)
		self.assertEqual((figures.introduced, figures.received), (1802, 1590))
		self.assertIn("giới thiệu <b>1.802</b> đảng viên", report.section_2)
		self.assertIn("tiếp nhận <b>1.590</b> đảng viên", report.section_2)
		self.assertIn("doanh nghiệp và hợp tác xã 1.120 đồng chí, chiếm 62,2%", report.section_2)
		self.assertIn("đơn vị sự nghiệp 533 đồng chí, chiếm 29,6%", report.section_2)
		self.assertIn("quân đội 12 đồng chí, chiếm 0,7%", report.section_2)
		self.assertIn("Đảng ủy phường Hải Dương (mẫu)", report.report_title)

	def test_new_report_starts_every_narrative_section_with_a_text(self):
		report = make_liaison_report(section_3="<p>Đánh giá riêng của Ban Thường vụ.</p>")
		self.assertIn("Về công tác lãnh đạo, chỉ đạo", report.section_1)
		self.assertIn("Quy định số 213-QĐ/TW", report.section_4)
		self.assertEqual(report.section_3, "<p>Đánh giá riêng của Ban Thường vụ.</p>")

	def test_regenerating_updates_the_figures_and_keeps_edited_text(self):
		report = make_liaison_report()
		report.section_1 = "<p>Văn bản do Đảng ủy viết.</p>"
		report.section_4 = ""
		report.save()
		sent = frappe.db.get_value(
			"Residence Introduction", {"residence_committee": "S-WARD", "workflow_state": "Sent"}
		)
		frappe.db.set_value("Residence Introduction", sent, "workflow_state", "Acknowledged")
		self.addCleanup(frappe.db.set_value, "Residence Introduction", sent, "workflow_state", "Sent")

		report.reload()
		self.assertIn("tiếp nhận <b>1.590</b>", report.section_2)  # saving alone recomputes nothing
		report.regenerate_figures()
		report.reload()
		self.assertIn("tiếp nhận <b>1.591</b>", report.section_2)
		self.assertEqual(frappe.parse_json(report.figures).received, 1591)
		self.assertEqual(report.section_1, "<p>Văn bản do Đảng ủy viết.</p>")
		self.assertFalse(report.section_4)  # a section emptied on purpose stays empty

	def test_only_a_committee_reports(self):
		with self.assertRaises(LiaisonReportError):
			make_liaison_report(residence_committee="S-WARD-B1")

	def test_print_in_the_party_document_layout(self):
		report = make_liaison_report(document_number=7)
		html = frappe.get_print("Residence Liaison Report", report.name, PRINT_FORMAT)
		for text in (
			"Đảng Cộng sản Việt Nam",
			"Số 7-BC/ĐU",
			"I. Tình hình triển khai thực hiện",
			"II. Về kết quả thực hiện",
			"III. Đánh giá chung",
			"IV. Đề xuất, kiến nghị",
			"giới thiệu <b>1.802</b> đảng viên",
			"T/M Ban Thường vụ",
		):
			with self.subTest(text=text):
				self.assertIn(text, html)

	def test_a_committee_officer_cannot_regenerate_another_wards_report(self):
		report = make_liaison_report()
		frappe.set_user(self.world.users["committee"])  # ward A, not the seed ward
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Residence Liaison Report", report.name).regenerate_figures()
		finally:
			frappe.set_user("Administrator")

	def test_an_issued_report_stays_as_issued_whatever_document_is_sent(self):
		report = make_liaison_report(report_year=2024)
		issued_on = report.issue()
		# the document as a client would send it to the method: edited, and "never issued"
		sent = frappe.get_doc(report.as_dict())
		sent.section_1 = "<p>Sửa sau khi ban hành.</p>"
		sent.issued_on = None
		self.assertEqual(sent.issue(), issued_on)
		stored = frappe.db.get_value(report.doctype, report.name, ["issued_on", "section_1"], as_dict=True)
		self.assertEqual((stored.issued_on, stored.section_1), (issued_on, report.section_1))
