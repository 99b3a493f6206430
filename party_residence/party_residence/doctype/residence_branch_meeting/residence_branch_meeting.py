# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from party_residence import meetings
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class ResidenceBranchMeeting(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.meeting_attendance.meeting_attendance import (
			MeetingAttendance,
		)

		absent_count: DF.Int
		agenda: DF.SmallText | None
		amended_from: DF.Link | None
		attendance: DF.Table[MeetingAttendance]
		excused_count: DF.Int
		invited_count: DF.Int
		meeting_date: DF.Date
		meeting_time: DF.Time | None
		meeting_title: DF.Data | None
		meeting_type: DF.Literal[
			"Monthly Branch Meeting", "Meeting with Working Members", "People's Meeting", "Other"
		]
		place: DF.Data | None
		present_count: DF.Int
		residence_branch: DF.Link
	# end: auto-generated types

	def validate(self):
		meetings.check_branch(self)
		if self.is_new() and not self.attendance:
			meetings.fill_attendance(self)
		meetings.check_members(self)
		meetings.check_rows(self, submitting=False)
		meetings.tally(self)
		self.meeting_title = meetings.title(self)

	def before_submit(self):
		meetings.check_rows(self, submitting=True)

	def after_insert(self):
		meetings.invite(self)

	def on_update(self):
		if not self.flags.in_insert and meetings.schedule_changed(self):
			meetings.invite(self, moved=True)

	@frappe.whitelist(methods=["POST"])
	def load_members(self):
		"""Add the branch's active members who are not listed yet (form button)."""
		self.check_permission("write")
		meetings.fill_attendance(self)
		meetings.tally(self)
		return self.as_dict()
