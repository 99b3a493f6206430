# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt


import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from party_residence import participation
from party_residence.exceptions import MeetingError
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

DOCTYPE = "Residence Branch Meeting"


def make_active_member(branch="T-WARD-A-B2", committee="T-WARD-A", status="Active", **kwargs):
	"""A member who has gone through the introduction and sits in `branch` (set directly)."""
	member = make_member(workplace_organization="T-WP-Y-B1", **kwargs)
	frappe.db.set_value(
		"Party Member",
		member.name,
		{"residence_committee": committee, "residence_branch": branch, "liaison_status": status},
	)
	return member.name


def make_meeting(branch="T-WARD-A-B2", meeting_date="2026-03-15", **kwargs):
	return frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"residence_branch": branch,
			"meeting_type": "Monthly Branch Meeting",
			"meeting_date": meeting_date,
			"meeting_time": "19:30",
			"place": "Nhà văn hóa tổ dân phố số 2",
			"agenda": "Sinh hoạt chi bộ định kỳ tháng 3",
			**kwargs,
		}
	).insert()


def mark_all(meeting, attendance="Present"):
	for row in meeting.attendance:
		row.attendance = attendance
	meeting.save()
	return meeting


class TestResidenceBranchMeeting(PartyResidenceTestCase):
	def test_attendance_is_prefilled_with_the_branch_active_members(self):
		active = make_active_member(full_name="Đào Văn Có Mặt")
		moved = make_active_member(status="Moved Away")
		introduced = make_active_member(status="Introduced")
		exempt = make_active_member(
			exemption="Exempt from Residence Activity", exemption_reason="Đi biển dài ngày"
		)
		elsewhere = make_active_member(branch="T-WARD-A-B1")

		listed = {row.party_member for row in make_meeting().attendance}
		self.assertIn(active, listed)
		self.assertFalse({moved, introduced, exempt, elsewhere} & listed)

	def test_members_of_the_branch_can_be_added_by_hand_but_not_twice(self):
		# an exempt member owes no attendance, so is not listed, but may come
		exempt = make_active_member(
			exemption="Exempt from Residence Activity", exemption_reason="Công tác xa dài ngày"
		)
		meeting = make_meeting()
		self.assertNotIn(exempt, [row.party_member for row in meeting.attendance])
		meeting.append("attendance", {"party_member": exempt})
		meeting.save()
		meeting.append("attendance", {"party_member": exempt})
		self.assertRaises(MeetingError, meeting.save)

	def test_members_of_other_branches_cannot_be_listed(self):
		# they would be invited, and marked absent against their own review
		other = make_active_member(branch="T-WARD-A-B1")
		meeting = make_meeting()
		meeting.append("attendance", {"party_member": other, "attendance": "Absent"})
		self.assertRaises(MeetingError, meeting.save)
		meeting.reload()
		self.assertNotIn(other, [row.party_member for row in meeting.attendance])
		self.assertRaises(MeetingError, make_meeting, attendance=[{"party_member": other}])

	def test_only_the_branch_and_its_committee_edit(self):
		make_active_member()
		frappe.set_user(self.world.users["secretary"])  # secretary of branch A-B1
		self.assertRaises(frappe.PermissionError, make_meeting, "T-WARD-A-B2")
		make_meeting("T-WARD-A-B1")
		frappe.set_user(self.world.users["committee"])  # ward A covers both branches
		make_meeting("T-WARD-A-B2")
		frappe.set_user(self.world.users["workplace"])
		self.assertRaises(frappe.PermissionError, make_meeting, "T-WARD-A-B1")

	def test_every_attendance_is_marked_before_submitting_and_then_locked(self):
		make_active_member()
		meeting = make_meeting()
		self.assertRaises(MeetingError, meeting.submit)
		meeting.reload()
		mark_all(meeting, "Excused").submit()
		self.assertEqual(meeting.excused_count, len(meeting.attendance))

		meeting.reload()
		meeting.attendance[0].attendance = "Present"
		self.assertRaises(frappe.UpdateAfterSubmitError, meeting.save)

	def test_invitations_and_moves_reach_the_members(self):
		with_email = make_active_member(email=f"dv.{frappe.generate_hash(length=6)}@example.com")
		exempt = make_active_member(
			email=f"dv.{frappe.generate_hash(length=6)}@example.com",
			exemption="Exempt from Residence Activity",
			exemption_reason="Đi biển",
		)
		meeting = make_meeting(meeting_date=add_days(today(), 14))
		meeting.append("attendance", {"party_member": exempt})  # added by hand: still no invitation
		meeting.save()

		queue = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": DOCTYPE, "reference_name": meeting.name},
			pluck="name",
		)
		self.assertEqual(len(queue), 1)
		recipients = frappe.get_all("Email Queue Recipient", filters={"parent": queue[0]}, pluck="recipient")
		email = frappe.db.get_value("Party Member", with_email, "email")
		self.assertIn(email, recipients)
		self.assertNotIn(frappe.db.get_value("Party Member", exempt, "email"), recipients)
		message = frappe.db.get_value("Email Queue", queue[0], "message")
		self.assertIn("BEGIN:VCALENDAR", message)

		meeting.meeting_date = add_days(today(), 21)
		meeting.save()
		self.assertEqual(
			frappe.db.count("Email Queue", {"reference_doctype": DOCTYPE, "reference_name": meeting.name}), 2
		)

	def test_a_meeting_recorded_afterwards_invites_nobody(self):
		make_active_member(email=f"dv.{frappe.generate_hash(length=6)}@example.com")
		meeting = make_meeting(meeting_date=add_days(today(), -7))
		self.assertTrue(meeting.attendance)
		self.assertEqual(
			frappe.db.count("Email Queue", {"reference_doctype": DOCTYPE, "reference_name": meeting.name}), 0
		)

	def test_attendance_counts_by_year(self):
		member = make_active_member()
		mark_all(make_meeting(meeting_date="2025-12-20"), "Present").submit()
		mark_all(make_meeting(meeting_date="2026-01-10"), "Absent").submit()
		draft = make_meeting(meeting_date="2026-02-14")  # not held yet: not counted
		self.assertTrue(draft.attendance)

		self.assertEqual(
			participation.member_attendance(member, 2025),
			{"meetings": 1, "present": 1, "excused": 0, "absent": 0},
		)
		self.assertEqual(
			participation.member_attendance(member, 2026),
			{"meetings": 1, "present": 0, "excused": 0, "absent": 1},
		)
		self.assertEqual(participation.member_attendance(member, 2024)["meetings"], 0)

	def test_meeting_belongs_to_a_residential_branch(self):
		self.assertRaises(MeetingError, make_meeting, "T-WARD-A")
		self.assertRaises(MeetingError, make_meeting, "T-WP-X-B1")

	def test_a_secretary_of_one_branch_starts_a_meeting_in_it(self):
		from party_residence.api.meeting import default_branch

		self.set_user(self.secretary)
		self.assertEqual(default_branch(), "T-WARD-A-B1")
		# the ward officer has several branches and picks one; the manager has the whole tree
		self.set_user(self.committee)
		self.assertIsNone(default_branch())
		self.set_user("Administrator")
		self.assertIsNone(default_branch())
		# a workplace officer records no meetings
		self.set_user(self.workplace)
		self.assertRaises(frappe.PermissionError, default_branch)

	def test_the_attendance_grid_shows_each_members_name(self):
		make_active_member(full_name="Đào Thị Hiện Tên")
		meeting = make_meeting()
		grid = [df.fieldname for df in frappe.get_meta("Meeting Attendance").fields if df.in_list_view]
		self.assertEqual(grid, ["party_member", "member_name", "attendance", "note"])
		self.assertIn("Đào Thị Hiện Tên", [row.member_name for row in meeting.attendance])
