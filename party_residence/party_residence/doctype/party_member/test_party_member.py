# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import random

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from party_residence.exceptions import (
	DuplicateCitizenIdError,
	DuplicatePartyCardError,
	InvalidCitizenIdError,
	MemberDatesError,
	MemberOrganizationError,
)
from party_residence.party_residence.doctype.party_organization.test_party_organization import (
	make_organization,
)


def make_test_organizations():
	make_organization("M-CITY", "Thành ủy M")
	make_organization("M-WARD", "Đảng ủy phường M", side="Residence", parent="M-CITY")
	make_organization("M-WARD-B1", "Chi bộ tổ dân phố M1", "Branch", "Residence", "M-WARD")
	make_organization("M-WARD2", "Đảng ủy phường N", side="Residence", parent="M-CITY")
	make_organization("M-WARD2-B1", "Chi bộ tổ dân phố N1", "Branch", "Residence", "M-WARD2")
	make_organization("M-WP", "Đảng ủy Sở M", side="Workplace", parent="M-CITY", sector="State Agency")
	make_organization("M-WP-B1", "Chi bộ Văn phòng Sở", "Branch", "Workplace", "M-WP")


def make_member(save=True, **kwargs):
	"""A valid Party Member; kwargs override any field. Identifiers are random unless given."""
	make_test_organizations()
	doc = frappe.get_doc(
		{
			"doctype": "Party Member",
			"full_name": "Vũ Thị Hạnh",
			"gender": "Female",
			"date_of_birth": "1988-02-10",
			"date_joined": "2012-05-19",
			"date_official": "2013-05-19",
			"party_card_number": f"TM.{random.randint(0, 10**9):09d}",
			"citizen_id": f"0301{random.randint(0, 10**8 - 1):08d}",
			"workplace_organization": "M-WP-B1",
			"residence_address": "Số 5 ngõ 10 phố Thanh Niên",
			**kwargs,
		}
	)
	return doc.insert() if save else doc


class TestPartyMember(FrappeTestCase):
	def test_valid_member_is_saved_not_introduced(self):
		member = make_member(residence_committee="M-WARD", residence_branch="M-WARD-B1")
		self.assertEqual(member.liaison_status, "Not Introduced")
		self.assertEqual(member.sector, "State Agency")

	def test_citizen_id_must_be_twelve_digits(self):
		for bad in ("03019000000", "0301900000012", "03019000000A", "０３０１９００００００１"):
			with self.subTest(citizen_id=bad):
				self.assertRaises(InvalidCitizenIdError, make_member, citizen_id=bad)

	def test_citizen_id_separators_are_dropped(self):
		member = make_member(citizen_id="030 190 000 777")
		self.assertEqual(member.citizen_id, "030190000777")

	def test_citizen_id_is_unique(self):
		make_member(citizen_id="030190000123")
		self.assertRaises(DuplicateCitizenIdError, make_member, citizen_id="030190000123")

	def test_duplicate_message_does_not_name_the_other_member(self):
		make_member(full_name="Người Đã Có", citizen_id="030190000124")
		with self.assertRaises(DuplicateCitizenIdError) as raised:
			make_member(citizen_id="030190000124")
		self.assertNotIn("Người Đã Có", str(raised.exception))

	def test_party_card_number_is_unique(self):
		make_member(party_card_number="TM.777")
		self.assertRaises(DuplicatePartyCardError, make_member, party_card_number="TM.777")

	def test_empty_identifiers_never_collide(self):
		first = make_member(party_card_number="", citizen_id="")
		second = make_member(party_card_number="", citizen_id="")
		self.assertIsNone(first.party_card_number)
		self.assertIsNone(second.citizen_id)

	def test_dates_in_order(self):
		cases = {
			"joined before birth": dict(date_of_birth="1990-01-01", date_joined="1989-12-31"),
			"joined on birthday": dict(date_of_birth="1990-01-01", date_joined="1990-01-01"),
			"official before joined": dict(date_joined="2012-05-19", date_official="2012-05-18"),
			"official in future": dict(date_official=add_days(today(), 1)),
			"joined in future": dict(date_joined=add_days(today(), 1), date_official=None),
			"born in future": dict(date_of_birth=add_days(today(), 1)),
		}
		for case, dates in cases.items():
			with self.subTest(case=case):
				self.assertRaises(MemberDatesError, make_member, **dates)

	def test_official_on_joining_day_and_today_are_allowed(self):
		make_member(date_joined="2012-05-19", date_official="2012-05-19")
		make_member(date_joined="2025-01-02", date_official=today())

	def test_workplace_organization_on_the_workplace_side(self):
		self.assertRaises(MemberOrganizationError, make_member, workplace_organization="M-WARD-B1")

	def test_residence_branch_under_residence_committee(self):
		self.assertRaises(
			MemberOrganizationError,
			make_member,
			residence_committee="M-WARD",
			residence_branch="M-WARD2-B1",
		)

	def test_residence_committee_must_be_a_residence_committee(self):
		self.assertRaises(MemberOrganizationError, make_member, residence_committee="M-WP")
		self.assertRaises(MemberOrganizationError, make_member, residence_committee="M-WARD-B1")

	def test_branch_alone_fills_its_committee(self):
		member = make_member(residence_branch="M-WARD2-B1")
		self.assertEqual(member.residence_committee, "M-WARD2")

	def test_liaison_status_cannot_be_set_by_hand(self):
		member = make_member(liaison_status="Active")
		self.assertEqual(member.liaison_status, "Not Introduced")

		member.liaison_status = "Active"
		member.save()
		member.reload()
		self.assertEqual(member.liaison_status, "Not Introduced")

	def test_exempt_from_introduction(self):
		member = make_member(exemption="Exempt from Introduction", exemption_reason="Sức khỏe yếu")
		self.assertEqual(member.liaison_status, "Exempt")

		member.exemption = ""
		member.exemption_reason = "Đã khỏe lại"
		member.save()
		self.assertEqual(member.liaison_status, "Not Introduced")

	def test_exemption_needs_a_reason(self):
		self.assertRaises(frappe.MandatoryError, make_member, exemption="Exempt from Residence Activity")
