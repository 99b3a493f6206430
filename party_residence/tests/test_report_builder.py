"""Report Builder over the app's records: the fields a report groups and filters by are there,
indexed and offered as filters, and a grouped report counts only what the user's scope holds."""

import frappe
from frappe.desk.reportview import execute as report_view
from frappe.tests.utils import FrappeTestCase
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_world

# DocType -> the fields reports filter and group it by
REPORT_FIELDS = {
	"Party Member": ("workplace_organization", "sector", "residence_committee", "liaison_status"),
	"Residence Introduction": (
		"workplace_organization",
		"sector",
		"residence_committee",
		"workflow_state",
		"introduction_date",
		"due_date",
	),
	"Residence Branch Meeting": ("residence_branch", "meeting_date"),
	"Residence Activity": ("residence_branch", "activity_date"),
	"Residence Review Request": (
		"workplace_organization",
		"sector",
		"residence_committee",
		"workflow_state",
		"review_year",
		"purpose",
		"due_date",
	),
	"Residence Review": (
		"workplace_organization",
		"sector",
		"residence_committee",
		"workflow_state",
		"review_year",
	),
	"Member Self Report": ("review_year", "residence_branch"),
	"Violation Notice": ("workplace_organization", "residence_committee", "workflow_state"),
	"Residence Change": ("workplace_organization", "workflow_state"),
	"Residence Liaison Report": ("residence_committee", "report_year"),
}


class TestReportBuilder(PartyResidenceTestCase):
	def test_report_fields_are_indexed_filters(self):
		for doctype, fields in REPORT_FIELDS.items():
			meta = frappe.get_meta(doctype)
			for fieldname in fields:
				with self.subTest(doctype=doctype, field=fieldname):
					df = meta.get_field(fieldname)
					self.assertIsNotNone(df, f"{doctype} has no field {fieldname}")
					self.assertTrue(df.search_index, f"{doctype}.{fieldname} is not indexed")

	def test_introductions_carry_the_members_sector(self):
		introductions = self.world.introductions
		self.assertEqual(
			frappe.db.get_value("Residence Introduction", introductions["I1"], "sector"),
			"Enterprise and Cooperative",
		)
		self.assertEqual(
			frappe.db.get_value("Residence Introduction", introductions["I3"], "sector"),
			"Public Service Unit",
		)

	def test_grouped_report_counts_only_the_scope(self):
		def by_sector():
			rows = report_view(
				"Residence Introduction",
				fields=["sector", "count(*) as count"],
				group_by="sector",
				order_by="sector asc",
			)
			return {row.sector: row.count for row in rows}

		oracle = {
			row.sector: row.count
			for row in frappe.get_all(
				"Residence Introduction",
				filters={"residence_committee": "T-WARD-A", "docstatus": 1},
				fields=["sector", "count(*) as count"],
				group_by="sector",
			)
		}
		frappe.set_user(self.world.users["committee"])
		self.assertEqual(by_sector(), oracle)
		self.assertGreaterEqual(oracle.get("Public Service Unit", 0), 1)  # I3, sent to ward A
		frappe.set_user(self.world.users["noscope"])
		self.assertEqual(by_sector(), {})
