"""Frappe's Data Import brings the organization tree (parents first) and members from a spreadsheet;
bad rows are reported with their row number and reason, good rows are kept."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

HEADER = (
	"Organization Code,Organization Name,Organization Type,Side,Sector,Parent Organization,Residential Area\n"
)

# Frappe's Data Import checks every link before it imports a file, so a tree comes in level by
# level: each sheet's parents exist already.
ORGANIZATION_LEVELS = (
	HEADER + "DI-CITY,Thành ủy Nhập Liệu,Committee,,,,\n",
	HEADER
	+ "DI-WARD,Đảng ủy phường Nhập Liệu,Committee,Residence,,DI-CITY,\n"
	+ "DI-WP,Đảng ủy Công ty Nhập Liệu,Committee,Workplace,Enterprise and Cooperative,DI-CITY,\n",
	HEADER
	+ "DI-WARD-B1,Chi bộ tổ dân phố số 1,Branch,Residence,,DI-WARD,Tổ dân phố số 1\n"
	+ "DI-WP-B0,Chi bộ khu dân cư lạc chỗ,Branch,Residence,,DI-WP,\n"
	+ "DI-WP-B1,Chi bộ Phòng Kinh doanh,Branch,Workplace,,DI-WP,\n",
)

MEMBERS_CSV = """Full Name,Gender,Date of Birth,Date Joined,Date Official,Party Card Number,Citizen ID (CCCD),Workplace Organization,Residence Address,Residence Committee,Residence Branch
Đinh Văn Nhập,Male,1980-04-02,2005-06-01,2006-06-01,DI.000001,030080000001,DI-WP-B1,Số 1 phố Nhập Liệu,DI-WARD,DI-WARD-B1
Mai Thị Liệu,Female,1985-09-15,2010-03-03,2011-03-03,DI.000002,03008500002,DI-WP-B1,Số 2 phố Nhập Liệu,DI-WARD,DI-WARD-B1
Tạ Văn Đúng,Male,1979-01-20,2003-02-03,2004-02-03,DI.000003,030079000003,DI-WP-B1,Số 3 phố Nhập Liệu,,
Lưu Thị Trùng,Female,1990-12-01,2016-07-01,2017-07-01,DI.000003,030190000004,DI-WP-B1,Số 4 phố Nhập Liệu,,
"""


def run_import(doctype, content, file_name):
	file = frappe.get_doc(
		{"doctype": "File", "file_name": file_name, "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	frappe.db.commit()  # the importer commits per row; keep the Data Import itself
	data_import.start_import()
	return frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name},
		fields=["success", "row_indexes", "messages", "exception", "docname"],
		order_by="log_index",
	)


def failed_rows(logs):
	"""row number -> the messages the import log shows for it."""
	return {
		index: " ".join(message.get("message", "") for message in json.loads(log.messages or "[]"))
		for log in logs
		if not log.success
		for index in json.loads(log.row_indexes)
	}


class TestDataImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# the importer commits, so clean what an earlier run on this site left
		frappe.db.delete("Party Member", {"party_card_number": ("like", "DI.%")})
		for code in ("DI-WP-B1", "DI-WP-B0", "DI-WP", "DI-WARD-B1", "DI-WARD", "DI-CITY"):
			if frappe.db.exists("Party Organization", code):
				frappe.delete_doc("Party Organization", code, force=True)
		frappe.db.commit()

	def test_tree_then_members(self):
		for level, content in enumerate(ORGANIZATION_LEVELS, start=1):
			logs = run_import("Party Organization", content, f"to-chuc-cap-{level}.csv")
			failed = failed_rows(logs)
			expected = {3} if level == 3 else set()
			self.assertEqual(set(failed), expected, f"level {level}: {failed}")
		# row 3 of the last sheet puts a residence branch under a workplace committee
		# the import speaks the user's language
		self.assertIn(
			frappe._(
				"A residence branch must be placed under a residence committee (commune, ward or special zone)."
			),
			failed[3],
		)
		self.assertFalse(frappe.db.exists("Party Organization", "DI-WP-B0"))
		for code in ("DI-CITY", "DI-WARD", "DI-WARD-B1", "DI-WP", "DI-WP-B1"):
			self.assertTrue(frappe.db.exists("Party Organization", code), code)
		self.assertEqual(
			frappe.db.get_value("Party Organization", "DI-WP-B1", "sector"), "Enterprise and Cooperative"
		)
		ward = frappe.db.get_value("Party Organization", "DI-WARD", ["lft", "rgt"], as_dict=True)
		branch = frappe.db.get_value("Party Organization", "DI-WARD-B1", ["lft", "rgt"], as_dict=True)
		self.assertTrue(ward.lft < branch.lft < branch.rgt < ward.rgt)

		logs = run_import("Party Member", MEMBERS_CSV, "dang-vien.csv")
		failed = failed_rows(logs)
		# row 3: an 11-digit CCCD; row 5: the party card number of row 4 again
		self.assertEqual(set(failed), {3, 5})
		self.assertIn(
			frappe._("The citizen ID (CCCD) must be exactly 12 digits; {0} is not.").format(
				frappe.bold("03008500002")
			),
			failed[3],
		)
		self.assertIn(
			frappe._("Another party member already has party card number {0}.").format(
				frappe.bold("DI.000003")
			),
			failed[5],
		)
		imported = frappe.get_all(
			"Party Member", filters={"party_card_number": ("like", "DI.%")}, pluck="party_card_number"
		)
		self.assertEqual(sorted(imported), ["DI.000001", "DI.000003"])
		self.assertEqual(
			frappe.db.get_value("Party Member", {"party_card_number": "DI.000001"}, "liaison_status"),
			"Not Introduced",
		)
