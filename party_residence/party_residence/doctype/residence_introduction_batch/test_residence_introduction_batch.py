# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.party_residence.doctype.residence_introduction.test_residence_introduction import act
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

BATCH = "Residence Introduction Batch"


def make_batch(workplace_organization="T-WP-X", members=(), user=None):
	frappe.set_user(user or frappe.session.user)
	return frappe.get_doc(
		{
			"doctype": BATCH,
			"workplace_organization": workplace_organization,
			"members": [{"party_member": name} for name in members],
		}
	).insert()


class TestResidenceIntroductionBatch(PartyResidenceTestCase):
	def results(self, batch):
		rows = frappe.get_all(
			"Residence Introduction Batch Member",
			filters={"parent": batch},
			fields=["party_member", "result", "residence_introduction", "message"],
			order_by="idx",
		)
		return {row.party_member: row for row in rows}

	def test_a_whole_workplace_organization_once_and_only_once(self):
		ready = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(3)
		]
		no_residence = make_member(workplace_organization="T-WP-X-B1").name
		exempt = make_member(
			workplace_organization="T-WP-X-B1",
			residence_committee="T-WARD-B",
			exemption="Exempt from Introduction",
			exemption_reason="Ốm dài ngày",
		).name

		batch = make_batch(user=self.workplace)
		batch.start()
		batch.reload()
		self.assertEqual(batch.status, "Completed")
		results = self.results(batch.name)

		for member in ready:
			self.assertEqual(results[member].result, "Created")
			letter = frappe.get_doc("Residence Introduction", results[member].residence_introduction)
			self.assertEqual((letter.workflow_state, letter.docstatus), ("Sent", 1))
			self.assertEqual(letter.issuing_committee, "T-WP-X")
			self.assertTrue(letter.due_date)
			self.assertEqual(frappe.db.get_value("Party Member", member, "liaison_status"), "Introduced")
		self.assertEqual(results[no_residence].result, "Error")
		self.assertIn("no residence committee", results[no_residence].message)
		# exempt members are not candidates; M2 of the shared world has a draft letter open
		self.assertNotIn(exempt, results)
		self.assertEqual(results[self.world.members["M2"]].result, "Skipped")
		self.assertEqual(batch.created_count, 3)

		# a letter written in bulk goes on like any other
		act(results[ready[0]].residence_introduction, "Receive", self.world.users["committee"])

		# running it again creates nothing twice
		again = make_batch(user=self.workplace)
		again.start()
		again.reload()
		self.assertEqual(again.created_count, 0)
		self.assertEqual(
			frappe.db.count("Residence Introduction", {"party_member": ("in", ready), "docstatus": 1}), 3
		)

	def test_members_outside_scope_are_refused_without_their_names(self):
		mine = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		theirs = make_member(workplace_organization="T-WP-Y-B1", residence_committee="T-WARD-A")
		frappe.clear_messages()  # what the refusal itself tells
		with self.assertRaises(frappe.PermissionError) as refused:
			make_batch(members=[mine, theirs.name], user=self.workplace)
		self.assertIn("2", str(refused.exception))  # the row, not the member
		self.assertNotIn(theirs.full_name, str(refused.exception))
		self.assertNotIn(theirs.full_name, str(frappe.message_log))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Party Member", theirs.name, "liaison_status"), "Not Introduced")

	def test_the_member_list_selection_keeps_only_members_in_scope(self):
		from party_residence.api.introduction import create_batch

		mine = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		theirs = make_member(workplace_organization="T-WP-Y-B1", residence_committee="T-WARD-A").name
		frappe.set_user(self.workplace)
		batch = frappe.get_doc(BATCH, create_batch([mine, theirs]))
		self.assertEqual([row.party_member for row in batch.members], [mine])
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Party Member", theirs, "liaison_status"), "Not Introduced")

	def test_names_continue_the_series(self):
		members = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(2)
		]
		batch = make_batch(members=members, user=self.workplace)
		batch.start()
		names = sorted(row.residence_introduction for row in self.results(batch.name).values())
		single = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": make_member(
					workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A"
				).name,
			}
		).insert()
		prefix = names[0].rsplit("-", 1)[0]
		self.assertEqual(single.name.rsplit("-", 1)[0], prefix)
		self.assertGreater(single.name, names[-1])

	def test_letters_are_announced_to_the_receiving_committee(self):
		members = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(2)
		]
		batch = make_batch(members=members, user=self.workplace)
		batch.start()
		committee = self.world.users["committee"]
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": committee, "subject": ("like", "2 %")})
		)

	def test_the_committees_are_told_once_the_batch_is_committed(self):
		from unittest.mock import patch

		from party_residence.party_residence.doctype.residence_introduction_batch import (
			residence_introduction_batch as controller,
		)

		members = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(2)
		]
		batch = make_batch(members=members, user=self.workplace)
		logs = frappe.db.count("Notification Log")
		with patch.object(controller.frappe, "enqueue") as enqueue:
			controller.run(batch.name, commit=False)
		batch.reload()
		self.assertEqual(batch.status, "Completed")
		# a job of its own, queued only when the letters are committed: no message for a letter
		# that a failure rolls back, and a message that fails does not fail the batch
		told = [
			call
			for call in enqueue.call_args_list
			if call.args[0].endswith("introductions.notify_committees")
		]
		self.assertEqual(len(told), 1)
		self.assertTrue(told[0].kwargs["enqueue_after_commit"])
		results = self.results(batch.name)
		self.assertEqual(
			sorted(told[0].kwargs["letters"]),
			sorted(results[name].residence_introduction for name in members),
		)
		# nothing is told before then
		self.assertEqual(frappe.db.count("Notification Log"), logs)

	def test_a_queue_that_refuses_the_message_leaves_the_batch_completed(self):
		from unittest.mock import patch

		from party_residence import introductions
		from party_residence.party_residence.doctype.residence_introduction_batch import (
			residence_introduction_batch as controller,
		)

		member = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		batch = make_batch(members=[member], user=self.workplace)

		def refuse(*args, **kwargs):
			raise ConnectionError("the queue is down")

		with patch.object(introductions, "notify_committees_later", refuse):
			self.assertRaises(ConnectionError, controller.run, batch.name, commit=False)
		batch.reload()
		self.assertEqual(batch.status, "Completed")
		self.assertEqual(self.results(batch.name)[member].result, "Created")

	def test_a_committee_whose_message_fails_leaves_the_others_told(self):
		from unittest.mock import patch

		from party_residence import introductions

		members = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee=ward).name
			for ward in ("T-WARD-A", "T-WARD-B")
		]
		batch = make_batch(members=members, user=self.workplace)
		batch.start()
		letters = [self.results(batch.name)[name].residence_introduction for name in members]
		sent = []

		def send(recipients, subject, template, context, reference=None):
			if not sent:
				sent.append(None)
				raise frappe.OutgoingEmailError("no route to the mail server")
			sent.append(context["committee_name"])

		errors = frappe.db.count("Error Log")
		with patch.object(introductions, "send_digest", send):
			introductions.notify_committees(letters)
		self.assertEqual(len(sent), 2)  # the second committee was told after the first failed
		self.assertEqual(frappe.db.count("Error Log"), errors + 1)

	def test_batch_from_the_member_list_selection(self):
		from party_residence.api.introduction import create_batch

		members = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(2)
		]
		frappe.set_user(self.workplace)
		name = create_batch(members)
		batch = frappe.get_doc(BATCH, name)
		self.assertEqual(batch.workplace_organization, "T-WP-X-B1")
		self.assertEqual(batch.created_count, 2)

	def test_no_batch_for_an_organization_outside_scope(self):
		self.assertRaises(frappe.PermissionError, make_batch, "T-WP-Y", (), self.workplace)

	def test_a_member_with_a_draft_letter_is_pointed_to_it(self):
		# M2 of the shared world has a letter written and never sent: the list says "not introduced",
		# and the batch says why it leaves the member out, with the letter to send
		m2 = self.world.members["M2"]
		draft = frappe.db.get_value("Residence Introduction", {"party_member": m2, "workflow_state": "Draft"})
		self.assertTrue(draft)
		batch = make_batch(members=[m2], user=self.workplace)
		batch.start()
		result = self.results(batch.name)[m2]
		self.assertEqual((result.result, result.residence_introduction), ("Skipped", draft))
		self.assertIn("draft", result.message)
		self.assertIn(draft, result.message)

	def test_the_reasons_are_written_in_the_language_of_who_started_it(self):
		from unittest.mock import patch

		from party_residence import jobs
		from party_residence.party_residence.doctype.residence_introduction_batch import (
			residence_introduction_batch as controller,
		)

		no_residence = make_member(workplace_organization="T-WP-X-B1").name
		batch = make_batch(members=[no_residence], user=self.workplace)
		lang = frappe.local.lang
		try:
			# the officer's session is in Vietnamese: the job is told so
			frappe.local.lang = "vi"
			with patch.object(controller.frappe, "enqueue") as enqueue:
				batch.start()
			self.assertEqual(enqueue.call_args.kwargs["lang"], "vi")
			# the worker starts in the site's language; the job writes the reasons in the officer's
			frappe.local.lang = "en"
			controller.run(batch.name, commit=False, lang="vi")
		finally:
			frappe.local.lang = lang
		self.assertEqual(
			self.results(batch.name)[no_residence].message,
			"Hồ sơ đảng viên chưa có đảng ủy nơi cư trú: hãy điền nơi cư trú trước.",
		)

	def test_each_status_is_told_to_the_open_form(self):
		from unittest.mock import patch

		from party_residence import jobs
		from party_residence.party_residence.doctype.residence_introduction_batch import (
			residence_introduction_batch as controller,
		)

		member = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		batch = make_batch(members=[member], user=self.workplace)
		with patch.object(controller.frappe, "publish_realtime") as publish:
			batch.start()
		told = [
			(call.args[1]["status"], call.kwargs["docname"])
			for call in publish.call_args_list
			if call.args[0] == jobs.status_event("Residence Introduction Batch")
		]
		self.assertEqual(told, [(s, batch.name) for s in ("Queued", "Running", "Completed")])
		# Frappe's own doc_update follows each change too (an open form reloads on it)
		self.assertTrue([c for c in publish.call_args_list if c.args[0] == "doc_update"])

	def test_the_listed_members_are_kept_once_with_their_names(self):
		# the rows are written together with the batch; a later save in the same request updates them
		members = [make_member(workplace_organization="T-WP-X-B1").name for _ in range(3)]
		batch = make_batch(members=[member.lower() for member in members])
		batch.introduction_date = frappe.utils.add_days(batch.introduction_date, 1)
		batch.save()
		rows = frappe.get_all(
			"Residence Introduction Batch Member",
			filters={"parent": batch.name},
			fields=["party_member", "member_name"],
			order_by="idx",
		)
		self.assertEqual([row.party_member for row in rows], members)
		self.assertEqual(
			[row.member_name for row in rows],
			[frappe.db.get_value("Party Member", member, "full_name") for member in members],
		)

	def test_the_listed_rows_take_their_results_in_place(self):
		members = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(2)
		]
		no_residence = make_member(workplace_organization="T-WP-X-B1").name
		self.set_user(self.workplace)
		batch = frappe.get_doc(
			{
				"doctype": BATCH,
				"workplace_organization": "T-WP-X",
				# a name the client makes up for a row is not kept: the row is named as Frappe names it
				"members": [
					{"party_member": name, "name": f"forged-{i}"}
					for i, name in enumerate([*members, no_residence])
				],
			}
		).insert()
		listed = [(row.name, row.party_member) for row in batch.members]
		self.assertFalse([name for name, _m in listed if name.startswith("forged")])
		self.assertEqual(len({name for name, _m in listed}), 3)
		batch.start()
		rows = frappe.get_all(
			"Residence Introduction Batch Member",
			filters={"parent": batch.name},
			fields=["name", "party_member", "idx", "result", "residence_introduction"],
			order_by="idx",
		)
		self.assertEqual([(row.name, row.party_member) for row in rows], listed)
		self.assertEqual([row.idx for row in rows], [1, 2, 3])
		self.assertEqual([row.result for row in rows], ["Created", "Created", "Error"])
		self.assertTrue(all(row.residence_introduction for row in rows[:2]))

	def test_a_batch_is_titled_by_its_organization_and_date(self):
		batch = make_batch(user=self.workplace)
		batch.db_set("introduction_date", "2026-03-05")
		batch.reload()
		batch.save()
		name = frappe.db.get_value("Party Organization", "T-WP-X", "organization_name")
		self.assertEqual(batch.batch_title, f"05/03/2026 - {name}")

	def test_the_confirmation_says_where_each_member_goes(self):
		from party_residence.api.introduction import preview_batch

		to_a = [
			make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
			for _ in range(2)
		]
		to_b = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-B").name
		nowhere = make_member(workplace_organization="T-WP-X-B1").name
		theirs = make_member(workplace_organization="T-WP-Y-B1", residence_committee="T-WARD-A")
		frappe.set_user(self.workplace)
		preview = preview_batch([*to_a, to_b, nowhere, theirs.name])
		by_committee = {row["committee"]: row for row in preview["committees"]}
		self.assertEqual(by_committee["T-WARD-A"]["count"], 2)
		self.assertEqual({row["party_member"] for row in by_committee["T-WARD-A"]["members"]}, set(to_a))
		self.assertEqual(by_committee["T-WARD-B"]["count"], 1)
		self.assertTrue(by_committee["T-WARD-A"]["committee_name"])
		self.assertEqual([row["party_member"] for row in preview["left_out"]], [nowhere])
		# a member outside the officer's scope is neither counted nor named
		self.assertEqual(preview["total"], 4)
		self.assertNotIn(theirs.full_name, frappe.as_json(preview))
		# nothing was sent
		self.assertEqual(frappe.db.count("Residence Introduction", {"party_member": ("in", to_a)}), 0)

		# the batch form asks the same before it starts
		batch = make_batch(members=[*to_a, to_b], user=self.workplace)
		self.assertEqual(sum(row["count"] for row in batch.destinations()["committees"]), 3)
