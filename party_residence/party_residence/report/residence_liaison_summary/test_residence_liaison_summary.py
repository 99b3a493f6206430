# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

"""The ward report of seed 000: 1,802 members introduced in 2025, 1,590 received, by sector
1,120 / 533 / 65 / 41 / 31 / 12. The summary gives exactly those figures."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime
from party_residence.organizations import sector_names
from party_residence.party_residence.doctype.party_organization.test_party_organization import (
	make_organization,
)
from party_residence.party_residence.report.residence_liaison_summary.residence_liaison_summary import execute
from party_residence.tests.fixtures import ensure_world, make_scoped_user

SEED = (
	# sector, introduced, of which received
	("Enterprise and Cooperative", 1120, 990),
	("Public Service Unit", 533, 470),
	("Police", 65, 57),
	("State Agency", 41, 36),
	("Party Agency", 31, 27),
	("Military", 12, 10),
)


def load_seed_population():
	"""1,802 members and their 2025 letters to ward S-WARD, written in bulk (the ORM would take
	minutes); every value is what the app's own forms would store."""
	make_organization("S-CITY", "Thành ủy Hải Phòng (mẫu)")
	make_organization("S-WARD", "Đảng ủy phường Hải Dương (mẫu)", side="Residence", parent="S-CITY")
	make_organization("S-WARD-B1", "Chi bộ tổ dân phố số 1 (mẫu)", "Branch", "Residence", "S-WARD")
	now = now_datetime()
	members, letters = [], []
	serial = 0
	for sector, introduced, received in SEED:
		code = "S-WP-" + "".join(word[0] for word in sector.split())
		make_organization(code, f"Đảng ủy {sector}", side="Workplace", parent="S-CITY", sector=sector)
		make_organization(f"{code}-B1", f"Chi bộ {sector}", "Branch", "Workplace", code)
		for index in range(introduced):
			serial += 1
			member = f"S-DV-{serial:05d}"
			state = "Acknowledged" if index < received else ("Returned" if index == received else "Sent")
			members.append(
				[
					member,
					f"Đảng viên mẫu {serial}",
					"Male",
					"1980-01-01",
					"2005-01-01",
					f"{code}-B1",
					sector,
					"Số 1 phố Mẫu",
					"S-WARD",
					"S-WARD-B1" if state == "Acknowledged" else None,
					"Active" if state == "Acknowledged" else "Introduced",
					now,
					now,
					"Administrator",
					"Administrator",
				]
			)
			letters.append(
				[
					f"S-GT-{serial:05d}",
					member,
					f"Đảng viên mẫu {serial}",
					f"{code}-B1",
					code,
					"S-WARD",
					"S-WARD-B1" if state == "Acknowledged" else None,
					"2025-03-15",
					state,
					1,
					now,
					now,
					"Administrator",
					"Administrator",
				]
			)
	frappe.db.bulk_insert(
		"Party Member",
		[
			"name",
			"full_name",
			"gender",
			"date_of_birth",
			"date_joined",
			"workplace_organization",
			"sector",
			"residence_address",
			"residence_committee",
			"residence_branch",
			"liaison_status",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		members,
	)
	frappe.db.bulk_insert(
		"Residence Introduction",
		[
			"name",
			"party_member",
			"member_name",
			"workplace_organization",
			"issuing_committee",
			"residence_committee",
			"residence_branch",
			"introduction_date",
			"workflow_state",
			"docstatus",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		letters,
	)


class TestResidenceLiaisonSummary(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		load_seed_population()

	def rows(self, **filters):
		_columns, data, _message, chart, cards = execute({"organization": "S-WARD", "year": 2025, **filters})
		return {row["indicator"]: row for row in data}, chart, cards

	def test_the_figures_of_the_ward_report(self):
		rows, chart, _cards = self.rows()
		self.assertEqual(rows["Members introduced to their place of residence"]["count"], 1802)
		self.assertEqual(rows["Received by the residence branch"]["count"], 1590)
		expected = {
			"Enterprise and Cooperative": (1120, 62.2),
			"Public Service Unit": (533, 29.6),
			"Police": (65, 3.6),
			"State Agency": (41, 2.3),
			"Party Agency": (31, 1.7),
			"Military": (12, 0.7),
			"Other": (0, 0.0),
		}
		names = sector_names()  # the rows name each sector as the records do
		for sector, (count, share) in expected.items():
			with self.subTest(sector=sector):
				row = rows[names[sector]]
				self.assertEqual((row["count"], row["share"]), (count, share))
		self.assertEqual(rows["Doanh nghiệp và hợp tác xã"]["count"], 1120)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1120, 533, 65, 41, 31, 12, 0])

	def test_totals_equal_the_sum_of_their_parts(self):
		rows, _chart, _cards = self.rows()
		names = sector_names()
		self.assertEqual(len(names), 7)
		self.assertEqual(sum(rows[name]["count"] for name in names.values()), 1802)
		states = (
			rows["Received by the residence branch"]["count"]
			+ rows["Still being received"]["count"]
			+ rows["Returned"]["count"]
		)
		self.assertEqual(states, 1802)

	def test_a_whole_city_and_another_year(self):
		rows, _chart, _cards = self.rows(organization="S-CITY")
		self.assertEqual(rows["Members introduced to their place of residence"]["count"], 1802)
		rows, _chart, _cards = self.rows(year=2024)
		self.assertEqual(rows["Members introduced to their place of residence"]["count"], 0)

	def test_officers_see_only_their_scope(self):
		officer = make_scoped_user(
			f"pr.s-ward.{frappe.generate_hash(length=6)}@example.com", "Residence Committee Officer", "S-WARD"
		)
		frappe.set_user(officer)
		try:
			rows, _chart, _cards = self.rows(organization="S-CITY")
			self.assertEqual(rows["Members introduced to their place of residence"]["count"], 1802)
			frappe.set_user(self.world.users["committee"])  # ward A: none of these
			rows, _chart, _cards = self.rows(organization="S-CITY")
			self.assertEqual(rows["Members introduced to their place of residence"]["count"], 0)
		finally:
			frappe.set_user("Administrator")

	def test_the_root_of_the_whole_tree_counts_every_letter_with_a_committee(self):
		from unittest.mock import patch

		from party_residence import summary

		lft, rgt = frappe.db.get_value("Party Organization", "S-CITY", ["lft", "rgt"])
		sql = frappe.db.sql

		def as_if_s_city_were_the_root(query, *args, **kwargs):
			if str(query).startswith("select min(lft), max(rgt)"):
				return [(lft, rgt)]
			return sql(query, *args, **kwargs)

		with patch.object(frappe.db, "sql", as_if_s_city_were_the_root):
			whole = summary.liaison_summary("S-CITY", 2025)
		everything = frappe.db.count(
			"Residence Introduction",
			{
				"docstatus": 1,
				"introduction_date": ("between", ("2025-01-01", "2025-12-31")),
				"residence_committee": ("is", "set"),
			},
		)
		self.assertEqual(whole.introduced, everything)
		self.assertEqual(summary.liaison_summary("S-CITY", 2025).introduced, 1802)

	def test_each_count_is_answered_from_an_index_that_holds_its_columns(self):
		from party_residence.summary import COVERING_INDEXES

		for doctype, columns in COVERING_INDEXES.items():
			indexed = frappe.db.sql(
				"""select column_name from information_schema.statistics
				where table_schema = database() and table_name = %s and index_name = 'liaison_summary_index'
				order by seq_in_index""",
				f"tab{doctype}",
				pluck=True,
			)
			self.assertEqual(tuple(indexed), columns, doctype)
