# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

"""The sectors of workplace organizations are records the manager keeps: the seven of the ward
reports are there from the start, a sector the manager adds shows in the sector list, in the
summary and in the yearly report, the officers only read them, and no document stores a sector
that is no record."""

import json

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import getdate
from party_residence import install
from party_residence.liaison_report import compute, results_html
from party_residence.organizations import sector_names, sector_phrases, sectors
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.party_residence.doctype.party_organization.test_party_organization import (
	make_organization,
)
from party_residence.party_residence.report.residence_liaison_summary.residence_liaison_summary import execute
from party_residence.tests.base import RestTestCase
from party_residence.tests.fixtures import act

SECTOR = "Party Sector"
NEW = "Cooperative Union"


def make_sector(name, sector_name=None, **values):
	"""A Party Sector named `name` (its sector name too, unless given)."""
	return frappe.get_doc({"doctype": SECTOR, "sector_name": sector_name or name, **values}).insert(
		set_name=name
	)


class TestPartySector(RestTestCase):
	def tearDown(self):
		# each test starts from the committed world
		frappe.db.rollback()
		super().tearDown()

	def call(self, role, method, path, **kwargs):
		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		return make_request(
			target=getattr(self.client, method), args=(path,), kwargs={"headers": headers, **kwargs}
		)

	def introduce_into_a_new_sector(self) -> tuple[str, int]:
		"""A workplace committee of the new sector, one of its members introduced to a ward: the
		ward's code and the year of the letter."""
		make_organization("PS-CITY", "Thành ủy Khối mới")
		make_organization("PS-WARD", "Đảng ủy phường Khối Mới", side="Residence", parent="PS-CITY")
		make_organization("PS-WP", "Đảng ủy Liên minh HTX", side="Workplace", parent="PS-CITY", sector=NEW)
		make_organization("PS-WP-B1", "Chi bộ Văn phòng Liên minh", "Branch", "Workplace", "PS-WP")
		member = make_member(workplace_organization="PS-WP-B1", residence_committee="PS-WARD")
		self.assertEqual(member.sector, NEW)
		letter = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": member.name,
				"residence_committee": "PS-WARD",
			}
		).insert()
		letter = act("Residence Introduction", letter.name, "Send", "Administrator")
		return "PS-WARD", getdate(letter.introduction_date).year

	def test_the_seven_sectors_of_the_ward_reports_are_there_in_order(self):
		seeded = [name for name, _sector_name, _phrase in install.SECTORS]
		self.assertEqual([sector for sector in sectors() if sector in seeded], seeded)
		self.assertEqual(sector_names()["Enterprise and Cooperative"], "Doanh nghiệp và hợp tác xã")
		self.assertEqual(sector_phrases()["Public Service Unit"], "đơn vị sự nghiệp")

	def test_install_and_migrate_add_a_missing_sector_and_keep_the_managers_text(self):
		frappe.db.set_value(SECTOR, "Police", "sector_name", "Công an nhân dân")
		frappe.db.delete(SECTOR, {"name": "Other"})
		install.ensure_sectors()
		self.assertEqual(sector_names()["Police"], "Công an nhân dân")
		self.assertEqual(sector_names()["Other"], "Khác")

	def test_the_upgrade_gives_every_stored_sector_a_record(self):
		from party_residence.patches.v1_0 import create_party_sectors

		odd = [make_member(workplace_organization="T-WP-Y-B1").name for _ in range(5)]
		# an option an administrator had added to the old list, stored on an organization and a member
		options = "\n".join(["", *sectors(), "Foreign Enterprise"])
		frappe.make_property_setter(
			{"doctype": "Party Organization", "fieldname": "sector", "property": "options", "value": options},
			validate_fields_for_doctype=False,
		)
		frappe.db.set_value("Party Organization", "T-WP-Y-B1", "sector", "Foreign Enterprise")
		frappe.db.set_value("Party Member", self.world.members["M3"], "sector", "Foreign Enterprise")
		# values no record could be named by, stored by hand
		stored = ("  Joint Venture ", "Trade <Union>", "   ", "trade <union>", "\t")
		for member, value in zip(odd, stored, strict=True):
			frappe.db.set_value("Party Member", member, "sector", value, update_modified=False)

		create_party_sectors.execute()
		self.assertEqual(frappe.get_meta("Party Organization").get_field("sector").options, SECTOR)
		self.assertEqual(
			[sector.casefold() for sector in sectors()[-3:]],
			["foreign enterprise", "joint venture", "trade (union)"],
		)
		values = [frappe.db.get_value("Party Member", member, "sector") for member in odd]
		self.assertEqual(values[0], "Joint Venture")
		# both spellings of one value name the one record made for it
		self.assertEqual(values[1], values[3])
		self.assertIn(values[1], sectors())
		self.assertEqual([values[2], values[4]], [None, None])
		member = frappe.get_doc("Party Member", self.world.members["M3"])
		member.job_title = "Bác sĩ"
		member.save()  # its links hold
		self.assertEqual(member.sector, "Foreign Enterprise")

	def test_a_sector_the_manager_adds_shows_in_the_list_and_the_summary(self):
		self.set_user(self.world.users["manager"])
		make_sector(NEW, "Liên minh hợp tác xã")
		self.set_user("Administrator")
		self.assertEqual(sectors()[-1], NEW)  # without an order of its own, it comes last

		ward, year = self.introduce_into_a_new_sector()
		_columns, data, _message, chart, _cards = execute({"organization": ward, "year": year})
		rows = {row["indicator"]: row for row in data}
		self.assertEqual(
			(rows["Liên minh hợp tác xã"]["count"], rows["Liên minh hợp tác xã"]["share"]), (1, 100)
		)
		self.assertEqual(rows["Doanh nghiệp và hợp tác xã"]["count"], 0)
		self.assertEqual(chart["data"]["labels"][-1], "Liên minh hợp tác xã")
		self.assertEqual(chart["data"]["datasets"][0]["values"][-1], 1)

	def test_the_yearly_report_names_a_sector_by_its_phrase(self):
		sector = make_sector(NEW, "Liên minh Hợp tác xã")
		ward, year = self.introduce_into_a_new_sector()
		# no phrase: the sector name in lower case
		html = results_html(compute(ward, year), "Đảng ủy phường Khối Mới")
		self.assertIn("liên minh hợp tác xã 1 đồng chí, chiếm 100,0%", html)
		sector.report_phrase = "các liên minh hợp tác xã & doanh nghiệp"
		sector.save()
		html = results_html(compute(ward, year), "Đảng ủy phường Khối Mới")
		self.assertIn("các liên minh hợp tác xã &amp; doanh nghiệp 1 đồng chí, chiếm 100,0%", html)

	def test_officers_and_members_read_the_sectors_but_only_the_manager_changes_them(self):
		for role in ("workplace", "committee", "secretary", "member"):
			with self.subTest(role=role):
				response = self.call(role, "get", f"/api/resource/{SECTOR}/Police")
				self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
				self.assertEqual(response.json["data"]["sector_name"], "Công an")

				new = {"doctype": SECTOR, "name": "PS-REST", "sector_name": "Khối thử"}
				response = self.call(role, "post", "/api/method/frappe.client.insert", json={"doc": new})
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
				response = self.call(role, "post", f"/api/resource/{SECTOR}", json=new)
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
				response = self.call(
					role, "put", f"/api/resource/{SECTOR}/Police", json={"sector_name": "Khối đổi tên"}
				)
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
				response = self.call(role, "delete", f"/api/resource/{SECTOR}/Military")
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])

		self.assertFalse(frappe.db.exists(SECTOR, "PS-REST"))
		self.assertEqual(sector_names()["Police"], "Công an")
		self.assertTrue(frappe.db.exists(SECTOR, "Military"))

	def test_lists_show_a_members_sector_by_its_sector_name(self):
		# what the list and report views ask for a link shown by its title
		fields = [
			"`tabParty Member`.`name`",
			"`tabParty Member`.`sector`",
			"sector.sector_name as sector_sector_name",
		]
		response = self.call(
			"workplace",
			"post",
			"/api/method/frappe.desk.reportview.get",
			data={
				"doctype": "Party Member",
				"fields": json.dumps(fields),
				"filters": json.dumps([["Party Member", "name", "=", self.world.members["M1"]]]),
			},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		message = response.json["message"]
		row = dict(zip(message["keys"], message["values"][0], strict=True))
		self.assertEqual(
			(row["sector"], row["sector_sector_name"]),
			("Enterprise and Cooperative", "Doanh nghiệp và hợp tác xã"),
		)

	def test_an_unknown_sector_is_refused_with_a_clear_error(self):
		# over REST: a workplace organization that names no sector record
		response = self.call(
			"manager",
			"post",
			"/api/method/frappe.client.insert",
			json={
				"doc": {
					"doctype": "Party Organization",
					"organization_code": "PS-REST-WP",
					"organization_name": "Đảng ủy khối lạ",
					"organization_type": "Committee",
					"side": "Workplace",
					"sector": "No Such Sector",
					"parent_party_organization": "T-CITY",
				}
			},
		)
		self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])
		self.assertEqual(response.json["exc_type"], "LinkValidationError")
		self.assertIn("No Such Sector", response.get_data(as_text=True))
		self.assertFalse(frappe.db.exists("Party Organization", "PS-REST-WP"))

		# a member whose workplace still stores a sector that is no record (a value of before)
		member = make_member(workplace_organization="T-WP-X-B1")
		frappe.db.set_value("Party Organization", "T-WP-X-B1", "sector", "Gone Sector", update_modified=False)
		member.job_title = "Chuyên viên"
		with self.assertRaises(frappe.LinkValidationError):
			member.save()

		# what a client sends for a member's sector is not its to set: it follows the workplace
		other = make_member(workplace_organization="T-WP-Y-B1", sector="No Such Sector")
		self.assertEqual(other.sector, "Public Service Unit")
