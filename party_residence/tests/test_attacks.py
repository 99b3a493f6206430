"""The attack suite: what a logged-in officer or member with a REST client tries, generated from the
DocTypes and the scope table (test_scope.VISIBLE), against the shared records of fixtures.py.

Each REST request runs in its own connection and commits, as a real client's would; the stored
values are read afterwards in a fresh snapshot (`stored()`).
"""

import json
from unittest.mock import patch

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from party_residence.owned_fields import OwnedFieldsMixin, fetched_fields, owned_fields
from party_residence.permissions import (
	MEMBER,
	member_field,
	organization_fields,
	scoped_doctypes,
	source_links,
)
from party_residence.tests.test_scope import CAN, IN_OWN_SCOPE, NO_ACCESS, ROLES, VISIBLE, ScopeTestCase

STAFF = ("workplace", "committee", "secretary")

# an organization in each role's scope, and one outside every scoped user's scope
OWN_ORGANIZATION = {"workplace": "T-WP-X-B1", "committee": "T-WARD-A", "secretary": "T-WARD-A-B1"}
FOREIGN_ORGANIZATION = "T-WARD-C"


def stored(doctype: str, name: str, fields=None) -> frappe._dict:
	"""The record as committed now (a new snapshot: what the client's requests wrote is seen)."""
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, fields or "*", as_dict=True)


def hostile_value(df, current):
	"""A value of the field's own type that differs from `current`, as a client would send it."""
	if df.fieldtype in table_fields:
		return [{"reason": "tampered", "member_count": 99}] if not current else []
	if df.fieldtype == "Link":
		others = frappe.get_all(df.options, filters={"name": ("!=", current or "")}, pluck="name", limit=1)
		return others[0] if others else "tampered"
	if df.fieldtype == "Select":
		options = [option for option in (df.options or "").split("\n") if option and option != current]
		return options[0] if options else None
	if df.fieldtype == "Check":
		return 0 if current else 1
	if df.fieldtype in ("Int", "Float", "Currency", "Percent"):
		return 987654
	if df.fieldtype == "Date":
		return "2001-02-03"
	if df.fieldtype == "Datetime":
		return "2001-02-03 04:05:06"
	if df.fieldtype == "Time":
		return "04:05:06"
	if df.fieldtype == "JSON":
		return {"tampered": 1}
	return "tampered"


class AttackTestCase(ScopeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()

	def request(self, role, method, path, **kwargs):
		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		return make_request(
			target=getattr(self.client, method), args=(path,), kwargs={"headers": headers, **kwargs}
		)

	def assertNoServerError(self, response):
		self.assertLess(response.status_code, 500, response.get_data(as_text=True)[:500])


class TestOwnedFields(AttackTestCase):
	"""Fields the procedure owns (read-only or hidden in the form) are never set by a client."""

	def test_every_controller_keeps_owned_fields(self):
		for doctype in frappe.get_all("DocType", filters={"module": "Party Residence"}, pluck="name"):
			with self.subTest(doctype=doctype):
				controller = frappe.get_doc({"doctype": doctype}).__class__
				self.assertTrue(issubclass(controller, OwnedFieldsMixin), controller)

	def fields_to_try(self, doctype):
		meta = frappe.get_meta(doctype)
		names = list(owned_fields(doctype)) + [field for field, _link in fetched_fields(doctype)]
		return [meta.get_field(name) for name in names]

	def records_to_try(self):
		# as the manager (who may write every DocType): no role may set what the procedure owns
		for doctype in VISIBLE:
			yield doctype, self.record(doctype, IN_OWN_SCOPE[doctype]["manager"])

	def test_rest_update_keeps_every_owned_field(self):
		tried = 0
		for doctype, name in self.records_to_try():
			before = stored(doctype, name)
			for df in self.fields_to_try(doctype):
				if df.fieldtype in table_fields:
					before[df.fieldname] = frappe.get_all(df.options, filters={"parent": name}, pluck="name")
				value = hostile_value(df, before.get(df.fieldname))
				if value is None:
					continue
				with self.subTest(doctype=doctype, field=df.fieldname, value=value):
					response = self.request(
						"manager", "put", f"/api/resource/{doctype}/{name}", json={df.fieldname: value}
					)
					self.assertNoServerError(response)
					after = stored(doctype, name)
					if df.fieldtype in table_fields:
						rows = frappe.get_all(df.options, filters={"parent": name}, pluck="name")
						self.assertEqual(rows, before[df.fieldname])
					else:
						self.assertKept(df, before[df.fieldname], after[df.fieldname], value)
					tried += 1
		self.assertGreater(tried, 80)

	def test_set_value_and_the_desk_save_keep_owned_fields(self):
		for doctype, name in self.records_to_try():
			fields = [df for df in self.fields_to_try(doctype) if df.fieldtype not in table_fields]
			before = stored(doctype, name)
			hostile = {df.fieldname: hostile_value(df, before.get(df.fieldname)) for df in fields}
			hostile = {field: value for field, value in hostile.items() if value is not None}
			with self.subTest(doctype=doctype, path="frappe.client.set_value"):
				response = self.request(
					"manager",
					"post",
					"/api/method/frappe.client.set_value",
					data={"doctype": doctype, "name": name, "fieldname": json.dumps(hostile, default=str)},
				)
				self.assertNoServerError(response)
				self.assertAllKept(fields, before, stored(doctype, name), hostile)
			with self.subTest(doctype=doctype, path="savedocs"):
				document = frappe.get_doc(doctype, name).as_dict()
				document.update(hostile)
				action = "Update" if document.docstatus == 1 else "Save"
				response = self.request(
					"manager",
					"post",
					"/api/method/frappe.desk.form.save.savedocs",
					data={"doc": json.dumps(document, default=str), "action": action},
				)
				self.assertNoServerError(response)
				self.assertAllKept(fields, before, stored(doctype, name), hostile)

	def assertKept(self, df, before, after, sent):
		"""The stored value is what it was; a time the server stamps on every save (a self-report's
		submitted_on) may have moved on, but is never the time the client sent."""
		if df.fieldtype == "Datetime" and after != before:
			self.assertNotEqual(str(after), str(sent), df.fieldname)
			self.assertGreater(after, before, df.fieldname)
		else:
			self.assertEqual(after, before, df.fieldname)

	def assertAllKept(self, fields, before, after, sent):
		for df in fields:
			if df.fieldname in sent:
				self.assertKept(df, before[df.fieldname], after[df.fieldname], sent[df.fieldname])

	def test_child_rows_keep_their_owned_fields(self):
		for doctype, key, table in (
			("Residence Review", "RV1", "ratings"),
			("Residence Branch Meeting", "MT1", "attendance"),
		):
			name = self.record(doctype, key)
			child = frappe.get_meta(doctype).get_field(table).options
			fields = [frappe.get_meta(child).get_field(f) for f in owned_fields(child)]
			fields += [frappe.get_meta(child).get_field(f) for f, _link in fetched_fields(child)]
			stored(doctype, name)
			rows = frappe.get_doc(doctype, name).get(table)
			sent = [
				{**row.as_dict(), **{df.fieldname: hostile_value(df, row.get(df.fieldname)) for df in fields}}
				for row in rows
			]
			with self.subTest(doctype=doctype, table=table):
				response = self.request(
					"manager",
					"put",
					f"/api/resource/{doctype}/{name}",
					data=json.dumps({table: sent}, default=str),
				)
				self.assertNoServerError(response)
				stored(doctype, name)
				after = frappe.get_doc(doctype, name).get(table)
				for old, new in zip(rows, after, strict=True):
					for df in fields:
						self.assertEqual(new.get(df.fieldname), old.get(df.fieldname), df.fieldname)

	def test_tree_bounds_cannot_widen_an_officers_scope(self):
		# with lft and rgt wide open, the officer's own committee would cover the whole tree
		own = OWN_ORGANIZATION["workplace"]
		self.as_user("workplace")
		members_before = set(frappe.get_list("Party Member", pluck="name", limit=0))
		frappe.set_user("Administrator")
		bounds = stored("Party Organization", own, ["lft", "rgt", "old_parent"])
		for payload in ({"lft": 1, "rgt": 99999999}, {"old_parent": "T-OTHER"}):
			with self.subTest(payload=payload):
				response = self.request(
					"workplace", "put", f"/api/resource/Party Organization/{own}", json=payload
				)
				self.assertNoServerError(response)
				self.assertEqual(stored("Party Organization", own, ["lft", "rgt", "old_parent"]), bounds)
		frappe.cache.delete_value("party_residence:scope")
		self.as_user("workplace")
		self.assertEqual(set(frappe.get_list("Party Member", pluck="name", limit=0)), members_before)

	def test_a_new_organization_takes_its_bounds_from_the_tree(self):
		response = self.request(
			"manager",
			"post",
			"/api/resource/Party Organization",
			json={
				"organization_code": "T-ATTACK-NEW",
				"organization_name": "Chi bộ thử tấn công",
				"organization_type": "Branch",
				"side": "Residence",
				"parent_party_organization": "T-WARD-B",
				"lft": 1,
				"rgt": 99999999,
				"is_group": 1,
			},
		)
		try:
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
			new = stored("Party Organization", "T-ATTACK-NEW", ["lft", "rgt", "is_group"])
			parent = stored("Party Organization", "T-WARD-B", ["lft", "rgt"])
			self.assertTrue(parent.lft < new.lft < new.rgt < parent.rgt, (new, parent))
			self.assertEqual(new.is_group, 0)  # a branch
		finally:
			frappe.delete_doc("Party Organization", "T-ATTACK-NEW", force=True, ignore_missing=True)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit - undo what the request committed


class TestWritesNeedBothEnds(AttackTestCase):
	"""A write is allowed only when the record is in the user's scope as stored AND as it would
	become: nobody moves a record into their scope, or out of it."""

	def writable(self):
		for doctype, actions in CAN.items():
			for role in (*STAFF, "member"):
				if role in actions.get("write", ()) and VISIBLE[doctype][role] is not NO_ACCESS:
					yield doctype, role

	def move_into_scope(self, doctype, role):
		"""Every organization link pointed at the user's own organization, and the member replaced
		by one the user may see."""
		values = {}
		if organization := OWN_ORGANIZATION.get(role):
			if doctype == "Party Organization":
				values["parent_party_organization"] = organization
			else:
				values.update(dict.fromkeys(organization_fields(doctype), organization))
		field = member_field(doctype)
		if field and field != "name" and VISIBLE["Party Member"][role]:
			values[field] = self.world.members[sorted(VISIBLE["Party Member"][role])[0]]
		return values

	def test_a_record_outside_scope_cannot_be_moved_into_it(self):
		tried = 0
		for doctype, role in self.writable():
			outside = sorted(set(self.names[doctype]) - set(VISIBLE[doctype][role]))
			for key in outside:
				name = self.record(doctype, key)
				payload = self.move_into_scope(doctype, role)
				with self.subTest(doctype=doctype, role=role, record=key, payload=payload):
					before = stored(doctype, name)
					response = self.request(role, "put", f"/api/resource/{doctype}/{name}", json=payload)
					self.assertIn(response.status_code, (403, 404), response.get_data(as_text=True)[:300])
					self.assertNotIn("data", response.json or {})  # nothing of the record comes back
					after = stored(doctype, name)
					self.assertEqual(
						{field: after[field] for field in payload},
						{field: before[field] for field in payload},
					)
					self.assertEqual(after.modified, before.modified)
					tried += 1
		self.assertGreater(tried, 15)

	def test_a_record_in_scope_cannot_be_moved_out_of_it(self):
		# the save may be refused, or succeed with the links the procedure derives: either way the
		# record stays where the user's scope reaches it
		for doctype, role in self.writable():
			if role not in OWN_ORGANIZATION:
				continue
			for key in sorted(VISIBLE[doctype][role]):
				name = self.record(doctype, key)
				payload = dict.fromkeys(
					(field for field in organization_fields(doctype) if field != "name"), FOREIGN_ORGANIZATION
				)
				if doctype == "Party Organization":
					payload = {"parent_party_organization": FOREIGN_ORGANIZATION}
				if not payload:
					continue
				with self.subTest(doctype=doctype, role=role, record=key):
					response = self.request(role, "put", f"/api/resource/{doctype}/{name}", json=payload)
					self.assertNoServerError(response)
					stored(doctype, name)
					self.as_user(role)
					self.assertIn(name, frappe.get_list(doctype, filters={"name": name}, pluck="name"))
					frappe.set_user("Administrator")

	def test_the_desk_save_is_held_to_the_same_rule(self):
		# savedocs builds the document from what the client sends, stored record or not
		outside = self.world.members["M4"]
		document = frappe.get_doc("Party Member", outside).as_dict()
		document["workplace_organization"] = OWN_ORGANIZATION["workplace"]
		response = self.request(
			"workplace",
			"post",
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(document, default=str), "action": "Save"},
		)
		self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
		self.assertEqual(
			stored("Party Member", outside, "workplace_organization").workplace_organization, "T-WP-Y-B1"
		)

	def test_a_member_is_moved_by_hand_only_within_reach(self):
		# both ends of the member stay in scope through the other side: the rule is on the organization
		m1, m2, m3 = (self.world.members[key] for key in ("M1", "M2", "M3"))
		fields = ["workplace_organization", "residence_committee", "residence_branch", "liaison_status"]
		kept = {member: stored(MEMBER, member, fields) for member in (m1, m2, m3)}

		def status(member, value):
			frappe.db.set_value(MEMBER, member, "liaison_status", value, update_modified=False)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit - the client reads committed data

		def move(role, member, values, expected):
			response = self.request(role, "put", f"/api/resource/{MEMBER}/{member}", json=values)
			self.assertEqual(response.status_code, expected, response.get_data(as_text=True)[:300])
			return stored(MEMBER, member, list(values))

		try:
			to_ward_a = {"residence_committee": "T-WARD-A", "residence_branch": None}
			tries = (
				# a ward officer does not move a member of its ward to another workplace
				("committee", m3, None, {"workplace_organization": "T-WP-X-B1"}, 403),
				# a workplace officer does not move a member in liaison to another ward
				("workplace", m2, "Active", to_ward_a, 403),
				("workplace", m2, "Introduced", {"residence_committee": "T-WARD-A"}, 403),
				# before the liaison starts, the workplace declares where its member lives
				("workplace", m2, "Not Introduced", to_ward_a, 200),
				# the ward moves a member between its own branches
				("committee", m1, "Active", {"residence_branch": "T-WARD-A-B2"}, 200),
			)
			for role, member, liaison_status, values, expected in tries:
				with self.subTest(role=role, member=member, liaison_status=liaison_status, values=values):
					before = stored(MEMBER, member, list(values))
					if liaison_status:
						status(member, liaison_status)
					after = move(role, member, values, expected)
					self.assertEqual(after, values if expected == 200 else before)
		finally:
			for member, values in kept.items():
				frappe.db.set_value(MEMBER, member, values, update_modified=False)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit - the shared records as they were

	def test_only_the_manager_places_an_organization_at_the_top(self):
		for role, own in (("workplace", "T-WP-X"), ("committee", "T-WARD-A")):
			parent = stored("Party Organization", own, ["parent_party_organization"])
			with self.subTest(role=role, organization=own):
				try:
					response = self.request(
						role,
						"put",
						f"/api/resource/Party Organization/{own}",
						json={"parent_party_organization": ""},
					)
					self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
					self.assertEqual(stored("Party Organization", own, ["parent_party_organization"]), parent)
				finally:
					if stored("Party Organization", own, ["parent_party_organization"]) != parent:
						frappe.set_user("Administrator")
						organization = frappe.get_doc("Party Organization", own)
						organization.parent_party_organization = parent.parent_party_organization
						organization.save(ignore_permissions=True)
						frappe.db.commit()  # nosemgrep: frappe-manual-commit - the shared tree as it was
			with self.subTest(role=role, new=True):
				response = self.request(
					role,
					"post",
					"/api/resource/Party Organization",
					json={
						"organization_code": f"T-ROOT-{role}",
						"organization_name": "Đảng bộ tự lập",
						"organization_type": "Committee",
						"side": "Workplace",
					},
				)
				self.assertIn(response.status_code, (403, 417), response.get_data(as_text=True)[:300])
				self.assertFalse(frappe.db.exists("Party Organization", f"T-ROOT-{role}"))

	def test_a_draft_of_the_other_side_cannot_be_submitted_into_view(self):
		# the ward sees a letter once it is sent: submitting the workplace's draft would show it
		draft = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": self.world.members["M5"],  # works in T-WP-Y, not introduced yet
				"residence_committee": "T-WARD-A",
			}
		).insert(ignore_permissions=True)
		committee = self.world.users["committee"]
		self.assertFalse(frappe.has_permission(draft.doctype, "read", doc=draft, user=committee))
		draft.docstatus = 1
		for ptype in ("submit", "write"):
			with self.subTest(ptype=ptype):
				self.assertFalse(frappe.has_permission(draft.doctype, ptype, doc=draft, user=committee))


class TestRecordsNamedAnew(AttackTestCase):
	"""A document names a member, or a document it answers, only where its author reaches that
	record: the server fills in organizations, names and addresses from it, and naming one's own
	organization beside another's member must not open that member."""

	def sources(self, doctype, role, unlike=None):
		"""(field, a record outside the role's scope, one inside) for each member or document the
		DocType names, where the role reaches one of that kind and not another; the record outside
		is not the one `unlike` (a stored record) names already."""
		for field, target in source_links(doctype):
			if target not in VISIBLE or not VISIBLE[target][role]:
				continue
			outside = [
				self.record(target, key)
				for key in sorted(set(self.names[target]) - set(VISIBLE[target][role]))
				if not unlike or self.record(target, key) != unlike[field]
			]
			if outside:
				yield field, outside[0], self.record(target, sorted(VISIBLE[target][role])[0])

	def own_organizations(self, doctype, role):
		return dict.fromkeys(organization_fields(doctype), OWN_ORGANIZATION[role])

	def test_a_new_document_cannot_name_a_record_outside_scope(self):
		tried = 0
		for doctype, actions in CAN.items():
			for role in STAFF:
				if role not in actions.get("create", ()):
					continue
				for field, outside, inside in self.sources(doctype, role):
					payload = {**self.own_organizations(doctype, role), field: outside}
					with self.subTest(doctype=doctype, role=role, field=field):
						count = frappe.db.count(doctype)
						comments = frappe.db.count("Comment", {"reference_name": outside})
						response = self.request(role, "post", f"/api/resource/{doctype}", json=payload)
						self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
						self.assertNotIn(outside, response.get_data(as_text=True).replace(f'"{field}"', ""))
						frappe.db.rollback()
						self.assertEqual(frappe.db.count(doctype), count)
						self.assertEqual(frappe.db.count("Comment", {"reference_name": outside}), comments)
						# the same request naming a record the role reaches is not refused for scope (it may
						# lack what the procedure asks for)
						response = self.request(
							role, "post", f"/api/resource/{doctype}", json={**payload, field: inside}
						)
						self.assertNotEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
						frappe.db.rollback()
						tried += 1
		self.assertGreaterEqual(tried, 5)

	def test_a_stored_document_cannot_be_pointed_at_a_record_outside_scope(self):
		tried = 0
		for doctype, actions in CAN.items():
			for role in STAFF:
				if role not in actions.get("write", ()) or not VISIBLE[doctype][role]:
					continue
				name = self.record(doctype, sorted(VISIBLE[doctype][role])[0])
				for field, outside, _inside in self.sources(doctype, role, unlike=stored(doctype, name)):
					with self.subTest(doctype=doctype, role=role, field=field):
						before = stored(doctype, name)
						response = self.request(
							role,
							"post",
							"/api/method/frappe.client.set_value",
							data={"doctype": doctype, "name": name, "fieldname": field, "value": outside},
						)
						after = stored(doctype, name)
						self.assertEqual(after[field], before[field])
						if field in owned_fields(doctype):
							# the procedure's own link: the save goes on with the link it had
							self.assertNotIn(outside, response.get_data(as_text=True))
						else:
							self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
							self.assertEqual(after.modified, before.modified)
							tried += 1
		self.assertGreaterEqual(tried, 5)


class TestRowsAndAssignments(AttackTestCase):
	"""Rows are written through their document; an assignment is made only on a record in reach."""

	def test_rows_are_not_written_on_their_own(self):
		meeting = self.world.meetings["MT1"]
		row = frappe.get_all("Meeting Attendance", filters={"parent": meeting}, pluck="name", limit=1)[0]
		outside = self.world.members["M4"]
		rows_before = frappe.get_all("Meeting Attendance", filters={"parent": meeting}, pluck="name")
		tries = [
			(
				"secretary",
				"post",
				"/api/resource/Meeting Attendance",
				{
					"parent": meeting,
					"parenttype": "Residence Branch Meeting",
					"parentfield": "attendance",
					"party_member": outside,
					"attendance": "Present",
				},
			),
			("secretary", "put", f"/api/resource/Meeting Attendance/{row}", {"party_member": outside}),
			("secretary", "delete", f"/api/resource/Meeting Attendance/{row}", None),
			(
				"workplace",
				"post",
				"/api/resource/Residence Introduction Batch Member",
				{
					"parent": self.record("Residence Introduction Batch", "B1"),
					"parenttype": "Residence Introduction Batch",
					"parentfield": "members",
					"party_member": outside,
				},
			),
		]
		for role, verb, path, body in tries:
			with self.subTest(role=role, verb=verb, path=path):
				response = self.request(role, verb, path, **({"json": body} if body else {}))
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
				self.assertNotIn(
					frappe.db.get_value(MEMBER, outside, "full_name"), response.get_data(as_text=True)
				)
		self.assertEqual(
			stored("Meeting Attendance", row, "party_member").party_member, self.world.members["M1"]
		)
		self.assertEqual(
			frappe.get_all("Meeting Attendance", filters={"parent": meeting}, pluck="name"), rows_before
		)

	def test_a_document_does_not_take_another_documents_rows(self):
		# Frappe saves a named row by its name alone: a row of another branch's meeting, sent in the
		# secretary's own draft under its name, would move into the draft
		foreign_meeting = self.world.meetings["MT2"]
		foreign_rows = frappe.get_all(
			"Meeting Attendance", filters={"parent": foreign_meeting}, fields=["name", "party_member"]
		)
		created = self.request(
			"secretary",
			"post",
			"/api/resource/Residence Branch Meeting",
			json={
				"residence_branch": OWN_ORGANIZATION["secretary"],
				"meeting_type": "Monthly Branch Meeting",
				"meeting_date": "2026-02-15",
				"attendance": [{"party_member": self.world.members["M1"], "attendance": "Present"}],
			},
		)
		self.assertEqual(created.status_code, 200, created.get_data(as_text=True)[:300])
		draft = created.json["data"]
		try:
			for role in ("secretary", "manager"):
				with self.subTest(role=role):
					rows = [dict(row) for row in draft["attendance"]]
					rows[-1]["name"] = foreign_rows[0].name
					response = self.request(
						role,
						"put",
						f"/api/resource/Residence Branch Meeting/{draft['name']}",
						json={"attendance": rows},
					)
					self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
					self.assertEqual(
						stored("Meeting Attendance", foreign_rows[0].name, ["parent", "party_member"]),
						{"parent": foreign_meeting, "party_member": foreign_rows[0].party_member},
					)
					self.assertEqual(
						frappe.get_all(
							"Meeting Attendance", filters={"parent": foreign_meeting}, pluck="name"
						),
						[row.name for row in foreign_rows],
					)
					self.assertEqual(
						frappe.get_all("Meeting Attendance", filters={"parent": draft["name"]}, pluck="name"),
						[row["name"] for row in draft["attendance"]],
					)
			# a row of its own, sent back with its name, is saved as before
			rows = [{**row, "attendance": "Excused"} for row in draft["attendance"]]
			response = self.request(
				"secretary",
				"put",
				f"/api/resource/Residence Branch Meeting/{draft['name']}",
				json={"attendance": rows},
			)
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
			self.assertEqual(
				stored("Meeting Attendance", rows[0]["name"], ["attendance"]).attendance, "Excused"
			)
		finally:
			self.request("secretary", "delete", f"/api/resource/Residence Branch Meeting/{draft['name']}")

	def test_an_assignment_is_made_only_on_a_record_in_reach(self):
		outside, inside = self.world.members["M4"], self.world.members["M1"]
		comments = frappe.db.count("Comment", {"reference_name": outside})
		for member, status in ((outside, 403), (inside, 200)):
			with self.subTest(member=member):
				response = self.request(
					"workplace",
					"post",
					"/api/resource/ToDo",
					json={
						"reference_type": MEMBER,
						"reference_name": member,
						"allocated_to": self.world.users["workplace"],
						"description": "Kiểm tra",
					},
				)
				self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:300])
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Comment", {"reference_name": outside}), comments)
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": outside}))


class TestEveryScopedDocTypeIsAttacked(AttackTestCase):
	def test_the_suite_covers_every_scoped_doctype(self):
		self.assertEqual(set(scoped_doctypes()), set(VISIBLE))
		for doctype in VISIBLE:
			self.assertTrue(set(ROLES) <= set(VISIBLE[doctype]))
			self.assertGreater(len(self.names[doctype]), 1, f"{doctype}: no record outside any scope")

	def test_no_hidden_field_is_left_out_of_the_owned_fields(self):
		for doctype in [*VISIBLE, "Meeting Attendance", "Residence Review Rating"]:
			meta = frappe.get_meta(doctype)
			covered = set(owned_fields(doctype)) | {field for field, _link in fetched_fields(doctype)}
			for df in meta.fields:
				if (df.read_only or df.hidden) and df.fieldtype not in no_value_fields:
					if df.fieldname in ("amended_from", "workflow_state"):
						continue  # Frappe checks these itself
					self.assertIn(df.fieldname, covered, f"{doctype}.{df.fieldname}")


# Reads -----------------------------------------------------------------------------------------

CHILD_TABLES = {
	# child DocType -> (its document's DocType, the table field)
	"Meeting Attendance": ("Residence Branch Meeting", "attendance"),
	"Residence Review Rating": ("Residence Review", "ratings"),
	"Residence Introduction Batch Member": ("Residence Introduction Batch", "members"),
	"Residence Review Campaign Summary": ("Residence Review Campaign", "summary"),
}


class TestReadPaths(AttackTestCase):
	"""Every read path, for every role and every DocType of the app (child tables included): the
	shared records outside the role's scope never come back, not even as a count."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.tried = 0
		# give the batch and the campaign of each side a row, so their child tables hold something
		for key in ("B1", "B2"):
			name = cls.world.batches[key]
			if not frappe.get_all("Residence Introduction Batch Member", filters={"parent": name}):
				member = "M1" if key == "B1" else "M4"
				frappe.get_doc(
					{
						"doctype": "Residence Introduction Batch Member",
						"parent": name,
						"parenttype": "Residence Introduction Batch",
						"parentfield": "members",
						"party_member": cls.world.members[member],
						"idx": 1,
					}
				).db_insert()
		for key in ("C1", "C2"):
			name = cls.world.campaigns[key]
			if not frappe.get_all("Residence Review Campaign Summary", filters={"parent": name}):
				frappe.get_doc(
					{
						"doctype": "Residence Review Campaign Summary",
						"parent": name,
						"parenttype": "Residence Review Campaign",
						"parentfield": "summary",
						"reason": "Đã có phiếu",
						"member_count": 1,
					}
				).db_insert()
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - shared records the REST requests read

	def targets(self):
		"""(DocType, role, {name: visible?}) for every DocType and role that may read it at all."""
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				if by_role[role] is NO_ACCESS:
					continue
				names = {self.record(doctype, key): key in by_role[role] for key in self.names[doctype]}
				yield doctype, None, role, names
		for child, (parent, _field) in CHILD_TABLES.items():
			for role in ROLES:
				if VISIBLE[parent][role] is NO_ACCESS:
					continue
				names = {}
				for key in self.names[parent]:
					visible = key in VISIBLE[parent][role]
					for row in frappe.get_all(
						child, filters={"parent": self.record(parent, key)}, pluck="name"
					):
						names[row] = visible
				yield child, parent, role, names

	def call(self, role, method, **data):
		response = self.request(role, "post", f"/api/method/{method}", data=data)
		self.assertNoServerError(response)
		self.tried += 1
		return response

	def assertRevealsOnly(self, response, names, where):
		"""The response names no record outside the scope."""
		text = (
			json.dumps(response.json, ensure_ascii=False)
			if response.is_json
			else response.get_data(as_text=True)
		)
		for name, visible in names.items():
			if not visible:
				self.assertNotIn(f'"{name}"', text, where)

	def test_list_and_document_paths(self):
		for doctype, parent, role, names in self.targets():
			shared = json.dumps([["name", "in", list(names)]])
			visible = sorted(name for name, seen in names.items() if seen)
			with self.subTest(doctype=doctype, role=role):
				common = {"doctype": doctype, "filters": shared}
				if parent:
					common["parent"] = parent
				# REST list, frappe.client.get_list, Report Builder
				response = self.request(
					role,
					"get",
					f"/api/resource/{doctype}",
					query_string={
						"filters": shared,
						"limit_page_length": 0,
						**({"parent": parent} if parent else {}),
					},
				)
				self.assertNoServerError(response)
				if response.status_code == 200:
					self.assertEqual(sorted(row["name"] for row in response.json["data"]), visible)
				response = self.call(role, "frappe.client.get_list", limit_page_length=0, **common)
				if response.status_code == 200:
					self.assertEqual(sorted(row["name"] for row in response.json["message"]), visible)
				response = self.call(
					role,
					"frappe.desk.reportview.get",
					fields=json.dumps([f"`tab{doctype}`.`name`"]),
					page_length=0,
					**(
						{"doctype": doctype, "filters": shared}
						| ({"parent_doctype": parent} if parent else {})
					),
				)
				if response.status_code == 200 and response.json.get("message"):
					self.assertEqual(sorted(row[0] for row in response.json["message"]["values"]), visible)
				# counts
				for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
					response = self.call(role, method, doctype=doctype, filters=shared)
					if response.status_code == 200:
						self.assertEqual(response.json["message"], len(visible), method)
				# one document at a time
				for name, seen in names.items():
					for method, data in (
						(
							"frappe.client.get_value",
							{"fieldname": "name", "filters": json.dumps({"name": name})},
						),
						("frappe.client.get", {"name": name}),
						("frappe.desk.form.load.getdoc", {"name": name}),
					):
						if parent and method == "frappe.desk.form.load.getdoc":
							continue
						response = self.call(
							role, method, doctype=doctype, **data, **({"parent": parent} if parent else {})
						)
						if not seen:
							# refused, or an empty answer
							if response.status_code == 200:
								self.assertFalse(response.json.get("message"), f"{method} {name}")
							self.assertRevealsOnly(response, names, method)

	def test_aggregate_paths(self):
		# the list sidebar, number cards and dashboard charts count and group what the scope holds
		for doctype, parent, role, names in self.targets():
			shared = [[doctype, "name", "in", list(names)]]
			visible = sorted(name for name, seen in names.items() if seen)
			with self.subTest(doctype=doctype, role=role):
				response = self.call(
					role,
					"frappe.desk.listview.get_group_by_count",
					doctype=doctype,
					current_filters=json.dumps(shared),
					field="owner",
				)
				if response.status_code == 200:
					self.assertEqual(sum(row["count"] for row in response.json["message"]), len(visible))
				response = self.call(
					role,
					"frappe.desk.doctype.number_card.number_card.get_result",
					doc=json.dumps(
						{"document_type": doctype, "function": "Count", "parent_document_type": parent}
					),
					filters=json.dumps(shared),
				)
				if response.status_code == 200:
					self.assertEqual(response.json["message"], len(visible))
				for chart in (
					{"chart_type": "Group By", "group_by_type": "Count", "group_by_based_on": "name"},
					{
						"chart_type": "Count",
						"type": "Line",
						"based_on": "creation",
						"timespan": "Last Year",
						"time_interval": "Yearly",
					},
					{"chart_type": "Count", "type": "Heatmap", "based_on": "creation"},
				):
					chart = {
						"document_type": doctype,
						"parent_document_type": parent,
						"filters_json": "[]",
						**chart,
					}
					response = self.call(
						role,
						"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
						chart=json.dumps(chart),
						filters=json.dumps(shared),
						no_cache=1,
					)
					if response.status_code != 200 or not response.json.get("message"):
						continue
					result = response.json["message"]
					if chart["chart_type"] == "Group By":
						self.assertEqual(sorted(set(result["labels"]) & set(names)), visible, chart)
					elif chart["type"] == "Heatmap":
						self.assertEqual(sum(result["dataPoints"].values()), len(visible), chart)
					else:
						# Frappe drops the filters of a chart sent whole: count all the user may see
						self.as_user(role)
						everything = frappe.get_list(doctype, pluck="name", limit=0, parent_doctype=parent)
						frappe.set_user("Administrator")
						self.assertLessEqual(sum(result["datasets"][0]["values"]), len(everything), chart)

	def test_link_titles_and_existence(self):
		# a member ID in a link shows the member's name: only for members the user may see
		for doctype in ("Party Member",):
			for role in ROLES:
				for key in self.names[doctype]:
					name = self.record(doctype, key)
					title = frappe.get_meta(doctype).get_title_field()
					value = frappe.db.get_value(doctype, name, title)
					response = self.call(
						role, "frappe.desk.search.get_link_title", doctype=doctype, docname=name
					)
					with self.subTest(doctype=doctype, role=role, record=key):
						if VISIBLE[doctype][role] is NO_ACCESS or key not in VISIBLE[doctype][role]:
							answer = response.json.get("message") if response.status_code == 200 else None
							self.assertNotEqual(answer, value)

	def test_the_tree_view_shows_only_the_scope(self):
		for role in ROLES:
			if VISIBLE["Party Organization"][role] is NO_ACCESS:
				continue
			seen = set()
			for parent in ["", *self.names["Party Organization"]]:
				response = self.call(
					role, "frappe.desk.treeview.get_children", doctype="Party Organization", parent=parent
				)
				if response.status_code == 200:
					seen |= {row["value"] for row in response.json["message"]}
			with self.subTest(role=role):
				self.assertEqual(
					self.shared("Party Organization", seen), set(VISIBLE["Party Organization"][role])
				)


class TestFrappeEndpoints(AttackTestCase):
	"""The ways past the scope rule that Frappe's generic endpoints open (compat/), each tried."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.m1, cls.m4 = cls.world.members["M1"], cls.world.members["M4"]
		cls.cccd_m4 = frappe.db.get_value("Party Member", cls.m4, "citizen_id")

	def leaks(self, response, *values):
		text = (
			json.dumps(response.json, ensure_ascii=False)
			if response.is_json
			else response.get_data(as_text=True)
		)
		return [value for value in values if value and str(value) in text]

	def test_linked_documents_are_not_expanded(self):
		todo = frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Xem hồ sơ",
				"reference_type": "Party Member",
				"reference_name": self.m4,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("ToDo", todo.name, "allocated_to", self.world.users["secretary"])
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - read by the request
		try:
			for path in (
				f"/api/resource/ToDo/{todo.name}",
				f"/api/resource/Residence Introduction/{self.record('Residence Introduction', 'I1')}",
				f"/api/v1/resource/Residence Introduction/{self.record('Residence Introduction', 'I1')}",
			):
				with self.subTest(path=path):
					response = self.request("secretary", "get", path, query_string={"expand_links": 1})
					self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
					self.assertEqual(self.leaks(response, self.cccd_m4), [])
		finally:
			frappe.delete_doc("ToDo", todo.name, force=True)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit

	def test_a_name_sent_as_filters_is_refused(self):
		# {"citizen_id": …} as a name would answer "exists" (403) or "not found" (404)
		for method, data in (
			(
				"frappe.client.get",
				{"doctype": "Party Member", "name": json.dumps({"citizen_id": self.cccd_m4})},
			),
			(
				"frappe.desk.form.load.getdoc",
				{"doctype": "Party Member", "name": json.dumps({"citizen_id": self.cccd_m4})},
			),
		):
			with self.subTest(method=method):
				response = self.request(
					"secretary",
					"post",
					f"/api/method/{method}",
					json=data | {"name": {"citizen_id": self.cccd_m4}},
				)
				self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])

	def test_link_search_keeps_the_scope(self):
		self.as_user("workplace")
		visible = set(frappe.get_list("Residence Introduction", pluck="name", limit=0))
		frappe.set_user("Administrator")
		for flag in (0, 1):
			response = self.call_search("workplace", "Residence Introduction", ignore_user_permissions=flag)
			with self.subTest(ignore_user_permissions=flag):
				self.assertLessEqual({row["value"] for row in response.json["message"]}, visible)

	def call_search(self, role, doctype, **extra):
		response = self.request(
			role,
			"post",
			"/api/method/frappe.desk.search.search_link",
			data={"doctype": doctype, "txt": "", "page_length": 100, **extra},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		return response

	def test_a_call_is_checked_under_every_name_frappe_answers(self):
		# Frappe runs `cmd` whatever the path, and a function under each module path it is reached by
		self.as_user("workplace")
		visible = set(frappe.get_list("Residence Introduction", pluck="name", limit=0))
		frappe.set_user("Administrator")
		search = {"doctype": "Residence Introduction", "txt": "", "page_length": 100}
		for path, data in (
			("/", {"cmd": "frappe.desk.search.search_link"}),
			("/api/method/ping", {"cmd": "frappe.desk.search.search_link"}),
		):
			with self.subTest(path=path, data=data):
				response = self.request(
					"workplace", "post", path, data={**data, **search, "ignore_user_permissions": 1}
				)
				self.assertNoServerError(response)
				found = {row["value"] for row in (response.json or {}).get("message") or []}
				self.assertLessEqual(found, visible)
		named = {"doctype": "Party Member", "name": {"citizen_id": self.cccd_m4}}
		response = self.request("secretary", "post", "/", json={"cmd": "frappe.client.get", **named})
		self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])
		self.assertEqual(self.leaks(response, self.cccd_m4, "Phạm Thị Dung"), [])

	def test_a_document_method_cannot_be_given_a_job_to_queue(self):
		# a batch made up by the client, inside the officer's scope, naming the job its Start queues
		forged = {
			"doctype": "Residence Introduction Batch",
			"__islocal": 1,
			"workplace_organization": OWN_ORGANIZATION["workplace"],
			"job": "frappe.ping",
			"job_argument": "batch",
		}
		for path, data in (
			("/api/method/run_doc_method", {}),
			("/api/method/runserverobj", {}),
			("/api/method/frappe.handler.runserverobj", {}),
			("/api/v2/method/frappe.handler.run_doc_method", {}),
			("/", {"cmd": "runserverobj"}),
		):
			with self.subTest(path=path, data=data), patch("frappe.enqueue") as enqueue:
				response = self.request(
					"workplace",
					"post",
					path,
					data={**data, "docs": json.dumps(forged), "method": "start"},
				)
				self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])
				self.assertFalse(enqueue.called)

	def test_a_document_method_answers_without_hidden_fields(self):
		# every document has the whitelisted add_comment; its answer is the whole document
		cccd_m1 = frappe.db.get_value("Party Member", self.m1, "citizen_id")
		response = self.request(
			"secretary",
			"post",
			"/api/method/run_doc_method",
			data={
				"dt": "Party Member",
				"dn": self.m1,
				"method": "add_comment",
				"args": json.dumps({"comment_type": "Info", "text": "Đã xem"}),
			},
		)
		self.assertLess(response.status_code, 500)
		self.assertEqual(self.leaks(response, cccd_m1), [])

	def test_a_document_made_up_by_the_client_proves_nothing(self):
		# a "new" document naming an existing record outside scope, with the officer's own links
		forged = {
			"doctype": "Party Member",
			"name": self.m4,
			"__islocal": 1,
			"workplace_organization": OWN_ORGANIZATION["workplace"],
			"modified": str(frappe.db.get_value("Party Member", self.m4, "modified")),
		}
		response = self.request(
			"workplace",
			"post",
			"/api/method/run_doc_method",
			data={"docs": json.dumps(forged), "method": "add_comment", "args": json.dumps({"text": "x"})},
		)
		self.assertIn(response.status_code, (403, 417), response.get_data(as_text=True)[:300])
		self.assertEqual(self.leaks(response, self.cccd_m4, "Phạm Thị Dung"), [])
		letter = {
			"doctype": "Residence Introduction",
			"party_member": self.m4,
			"workplace_organization": OWN_ORGANIZATION["workplace"],
			"residence_committee": "T-WARD-A",
		}
		response = self.request(
			"workplace",
			"post",
			"/api/method/frappe.www.printview.get_html_and_style",
			data={"doc": json.dumps(letter), "print_format": "Giấy giới thiệu"},
		)
		self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
		birth = frappe.utils.formatdate(
			frappe.db.get_value("Party Member", self.m4, "date_of_birth"), "dd/MM/yyyy"
		)
		self.assertEqual(self.leaks(response, birth), [])

	def test_the_history_of_a_member_shows_no_hidden_field(self):
		member = frappe.get_doc("Party Member", self.m1)
		old = member.citizen_id
		new = "001090999999"
		frappe.db.set_value("Party Member", self.m1, "citizen_id", new)  # no Version: made below
		version = frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Party Member",
				"docname": self.m1,
				"data": json.dumps({"changed": [["citizen_id", old, new], ["job_title", None, "Kỹ sư"]]}),
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - read by the request
		try:
			response = self.request(
				"secretary",
				"post",
				"/api/method/frappe.desk.form.load.getdoc",
				data={"doctype": "Party Member", "name": self.m1},
			)
			self.assertEqual(response.status_code, 200)
			self.assertEqual(self.leaks(response, old, new), [])
			self.assertEqual(self.leaks(response, "job_title"), ["job_title"])  # what they may read stays
		finally:
			frappe.db.set_value("Party Member", self.m1, "citizen_id", old)
			frappe.delete_doc("Version", version.name, force=True)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit

	def test_fields_named_inside_other_arguments_are_checked(self):
		probes = (
			(
				"frappe.client.get_list",
				{
					"doctype": "Residence Introduction",
					"fields": json.dumps(["name", "party_member.citizen_id"]),
				},
			),
			(
				"frappe.desk.doctype.number_card.number_card.get_result",
				{
					"doc": json.dumps({"document_type": "Party Member", "function": "Count"}),
					"filters": json.dumps({"citizen_id": self.cccd_m4}),
				},
			),
			(
				"frappe.desk.calendar.get_events",
				{
					"doctype": "Party Member",
					"start": "1900-01-01",
					"end": "2100-01-01",
					"field_map": json.dumps({"start": "date_of_birth", "end": "date_of_birth"}),
				},
			),
			(
				"frappe.desk.reportview.get_sidebar_stats",
				{"doctype": "Party Member", "stats": json.dumps(["citizen_id"])},
			),
			(
				"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
				{
					"doctype": "Party Member",
					"workflow_state_field": "citizen_id",
					"states": json.dumps([self.cccd_m4]),
				},
			),
		)
		for method, data in probes:
			with self.subTest(method=method):
				response = self.request("secretary", "post", f"/api/method/{method}", data=data)
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
				self.assertEqual(self.leaks(response, self.cccd_m4), [])

	def test_files_tags_and_follows_of_records_outside_scope(self):
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "ho-so-m4.txt",
				"content": "Hồ sơ đảng viên",
				"is_private": 1,
				"attached_to_doctype": "Party Member",
				"attached_to_name": self.m4,
			}
		).insert(ignore_permissions=True)
		from frappe.desk.doctype.tag.tag import add_tag

		add_tag("kiem-tra", "Party Member", self.m4)
		secretary = self.world.users["secretary"]
		frappe.db.set_value("User", secretary, "document_follow_notify", 1)  # "send me what changes"
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - read by the requests
		try:
			response = self.request(
				"secretary",
				"get",
				"/api/resource/File",
				query_string={"fields": '["name", "file_url"]', "limit_page_length": 0},
			)
			self.assertNotIn(file.file_url, response.get_data(as_text=True))
			response = self.request(
				"secretary",
				"post",
				"/api/resource/File",
				json={"file_url": file.file_url, "is_private": 1, "file_name": "sao.txt"},
			)
			self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
			response = self.request(
				"secretary",
				"get",
				"/api/resource/Tag Link",
				query_string={"fields": '["document_name", "title"]', "limit_page_length": 0},
			)
			self.assertNotIn(self.m4, response.get_data(as_text=True))
			for member in (self.m1, self.m4):  # M1's record hides fields from the secretary
				with self.subTest(member=member):
					response = self.request(
						"secretary",
						"post",
						"/api/method/frappe.desk.form.document_follow.update_follow",
						data={"doctype": "Party Member", "doc_name": member, "following": 1},
					)
					self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
			self.assertFalse(
				frappe.db.exists(
					"Document Follow", {"ref_doctype": "Party Member", "user": self.world.users["secretary"]}
				)
			)
		finally:
			frappe.delete_doc("File", file.name, force=True)
			frappe.db.delete("Tag Link", {"document_name": self.m4})
			frappe.db.set_value("User", secretary, "document_follow_notify", 0)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit

	def post(self, role, method, **data):
		response = self.request(role, "post", f"/api/method/{method}", data=data)
		self.assertNoServerError(response)
		return response

	def test_columns_added_to_a_report_keep_the_field_levels(self):
		# Frappe reads an added column with get_list, which lets an expression past the field levels
		def column(fieldname):
			link = {"fieldname": "party_member", "names": []}
			return json.dumps(
				[
					{
						"doctype": "Party Member",
						"fieldname": fieldname,
						"link_field": link,
						"insert_after_index": 0,
					}
				]
			)

		def run(columns):
			return self.post(
				"secretary",
				"frappe.desk.query_report.run",
				report_name="Participation",
				filters=json.dumps({"year": 2026}),
				ignore_prepared_report=1,
				custom_columns=columns,
			)

		cccd_m1 = frappe.db.get_value("Party Member", self.m1, "citizen_id")
		for fieldname, status in (("(0)+citizen_id", 417), ("'0' + citizen_id", 417), ("citizen_id", 403)):
			with self.subTest(fieldname=fieldname):
				response = run(column(fieldname))
				self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:300])
				self.assertFalse(self.leaks(response, cccd_m1, cccd_m1.lstrip("0")))
		for malformed in ("{not json", "[1]", json.dumps([{"doctype": "Party Member"}])):
			with self.subTest(malformed=malformed):
				self.assertEqual(run(malformed).status_code, 417)
		# a field the secretary may read is added beside each row
		response = run(column("full_name"))
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])

	def test_arguments_that_name_a_field_are_checked_as_filters(self):
		# the web list filters on every argument that names a field: a CCCD, digit by digit
		for argument in ("citizen_id", "CITIZEN_ID", "date_of_birth"):
			with self.subTest(argument=argument):
				response = self.post(
					"secretary",
					"frappe.www.list.get_list_data",
					doctype="Party Member",
					**{argument: json.dumps(["like", "0%"])},
				)
				self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])

	def test_a_linked_records_fields_are_not_read_through_a_document(self):
		# the letter is the workplace's; the member's record, as it is now, may lie outside its scope
		letter = self.record("Residence Introduction", "I1")
		for fieldname in ("party_member.citizen_id", json.dumps(["member_name", "party_member.phone"])):
			with self.subTest(fieldname=fieldname):
				response = self.post(
					"workplace",
					"frappe.client.get_value",
					doctype="Residence Introduction",
					filters=letter,
					fieldname=fieldname,
				)
				self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])
		response = self.post(
			"workplace",
			"frappe.client.get_value",
			doctype="Residence Introduction",
			filters=letter,
			fieldname="member_name",
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])

	def test_a_web_form_loads_records_of_its_own_kind(self):
		response = self.post(
			"workplace",
			"frappe.website.doctype.web_form.web_form.get_form_data",
			doctype="Party Member",
			docname=self.m1,
			web_form_name="residence-duties-self-report",
		)
		self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
		self.assertFalse(self.leaks(response, frappe.db.get_value("Party Member", self.m1, "citizen_id")))

	def test_counts_and_tags_of_a_record_out_of_reach_are_not_found(self):
		# Frappe counts what links to a record, or tags it, then fails on the refusal (a server error
		# that told a record out of reach from a missing one)
		outside, branch, ward = "T-WARD-C", OWN_ORGANIZATION["secretary"], OWN_ORGANIZATION["committee"]
		tags = (
			("frappe.desk.doctype.tag.tag.add_tag", {"dt": "Party Organization", "tag": "kiem-tra"}, "dn"),
			(
				"frappe.desk.doctype.tag.tag.add_tags",
				{"dt": "Party Organization", "tags": '["kiem-tra"]'},
				"docs",
			),
		)
		tries = [
			(
				"secretary",
				"frappe.desk.notifications.get_open_count",
				{"doctype": "Party Organization"},
				"name",
				name,
				status,
			)
			for name, status in ((outside, 404), ("T-NO-SUCH", 404), (branch, 200))
		]
		for method, data, key in tags:
			# the secretary reads the branch but may not change it; the ward officer may
			tries += [
				("secretary", method, data, key, outside, 404),
				("secretary", method, data, key, branch, 403),
				("committee", method, data, key, outside, 404),
				("committee", method, data, key, ward, 200),
			]
		try:
			for role, method, data, key, name, status in tries:
				with self.subTest(role=role, method=method, name=name):
					value = json.dumps([name]) if key == "docs" else name
					response = self.post(role, method, **data, **{key: value})
					self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:300])
			frappe.db.rollback()
			self.assertEqual(
				frappe.get_all("Tag Link", filters={"tag": "kiem-tra"}, pluck="document_name"), [ward]
			)
		finally:
			frappe.db.delete("Tag Link", {"tag": "kiem-tra"})
			for name in (outside, branch, ward):
				frappe.db.set_value("Party Organization", name, "_user_tags", None, update_modified=False)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit - undo what the requests committed

	def test_the_documents_linked_to_a_record_are_listed_as_far_as_readable(self):
		meeting = self.world.meetings["MT1"]
		for role, listed in (("workplace", False), ("secretary", True), ("manager", True)):
			with self.subTest(role=role):
				response = self.post(
					role,
					"frappe.desk.form.linked_with.get_submitted_linked_docs",
					doctype="Party Member",
					name=self.m1,
				)
				self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
				names = [doc["name"] for doc in response.json["message"]["docs"]]
				self.assertEqual(meeting in names, listed, names)
				self.assertEqual(response.json["message"]["count"], len(names))

	def test_a_read_is_logged_by_a_client_only_for_a_record_in_reach(self):
		# the audit of member reads is not filled with reads the user could not have made
		logs = frappe.db.count("Access Log", {"user": self.world.users["secretary"]})
		method = "/api/method/frappe.core.doctype.access_log.access_log.make_access_log"
		for member, status in ((self.m4, 404), (self.m1, 200)):
			with self.subTest(member=member):
				log = {"doctype": "Party Member", "document": member, "method": "Print", "file_type": "PDF"}
				response = self.request("secretary", "post", method, data=log)
				self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:300])
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Access Log", {"user": self.world.users["secretary"]}), logs + 1)

	def test_a_request_frappe_would_fail_on_is_a_client_error(self):
		tries = (
			("frappe.client.get_list", {"doctype": "party member"}, 404),
			("frappe.client.get_count", {"doctype": "PARTY MEMBER"}, 404),
			("frappe.client.attach_file", {}, 417),
			("frappe.automation.doctype.auto_repeat.auto_repeat.get_auto_repeat_doctypes", {}, 417),
			(
				"frappe.utils.print_format.download_pdf",
				{
					"doctype": "Residence Introduction",
					"name": "x",
					"doc": json.dumps({"doctype": "Residence Introduction", "party_member": self.m4}),
				},
				403,
			),
		)
		for method, data, status in tries:
			with self.subTest(method=method, data=data):
				response = self.post("secretary", method, **data)
				self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:300])
		# arguments Frappe parses or uses unchecked, of the wrong shape, on a record the user reads
		member = {"doctype": "Party Member", "name": self.m1}
		malformed = (
			("party_residence.api.signed_pdf.download_pdf", {**member, "doc": '{"a": 1}'}),
			(
				"frappe.desk.form.linked_with.get_submitted_linked_docs",
				{**member, "ignore_doctypes_on_cancel_all": "-1"},
			),
			("frappe.client.get", {"doctype": "", "name": self.m1}),
			("frappe.desk.reportview.get", {}),
			("frappe.desk.form.assign_to.add", {}),
			("frappe.client.get_count", {"doctype": "Party Member", "cache": ""}),
			("frappe.desk.form.utils.get_next", {"doctype": "Party Member", "value": self.m1, "prev": "x"}),
			("frappe.client.insert", {"doc": '{"a": 1}'}),
			("frappe.client.set_value", {**member, "fieldname": "[1, 2]"}),
			("frappe.desk.notifications.get_open_count", {**member, "items": "-1"}),
			("frappe.utils.file_manager.add_attachments", {**member, "attachments": "-1"}),
			("frappe.utils.print_format.download_multi_pdf", {"doctype": "Party Member", "name": "-1"}),
			("frappe.desk.form.load.get_docinfo", {**member, "doc": '{"a": 1}'}),
			("frappe.desk.search.search_link", {"doctype": "Party Member", "txt": "a", "filters": ""}),
		)
		for method, data in malformed:
			with self.subTest(method=method, data=data):
				response = self.post("secretary", method, **data)
				self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])

	def test_a_private_file_is_not_copied_by_naming_it(self):
		# an e-mail's attachments and add_attachments copy any File named to them, with permissions
		# ignored; the copy is the copier's, and Frappe serves a private URL to whoever reads a File
		# there
		def private_file(member, name):
			return frappe.get_doc(
				{
					"doctype": "File",
					"file_name": name,
					"content": f"Giấy giới thiệu {name}",
					"is_private": 1,
					"attached_to_doctype": "Party Member",
					"attached_to_name": member,
				}
			).insert(ignore_permissions=True)

		outside, inside = private_file(self.m4, "gt-m4.txt"), private_file(self.m1, "gt-m1.txt")
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - read by the requests
		secretary = self.world.users["secretary"]
		try:
			tries = (
				(
					"frappe.core.doctype.communication.email.make",
					{"recipients": secretary, "subject": "Thư", "send_email": 0},
				),
				("frappe.utils.file_manager.add_attachments", {"doctype": "Party Member", "name": self.m1}),
			)
			for method, data in tries:
				for file, status in ((outside, 403), (inside, 200)):
					with self.subTest(method=method, file=file.file_name):
						response = self.post("secretary", method, **data, attachments=json.dumps([file.name]))
						self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:300])
			frappe.db.rollback()
			self.assertFalse(frappe.db.exists("File", {"file_url": outside.file_url, "owner": secretary}))
			response = self.request("secretary", "get", outside.file_url)
			self.assertIn(response.status_code, (403, 404))
			# Frappe's own code saving the copy with permissions ignored is held to the same rule
			frappe.set_user(secretary)
			copy = frappe.get_doc({"doctype": "File", "file_url": outside.file_url, "is_private": 1})
			self.assertRaises(frappe.PermissionError, copy.insert, ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")
			for file in frappe.get_all(
				"File", filters={"owner": secretary, "file_url": ("like", "%gt-m%")}, pluck="name"
			):
				frappe.delete_doc("File", file, force=True, ignore_permissions=True)
			frappe.db.delete("Communication", {"owner": secretary})
			for file in (outside, inside):
				frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit - undo what the requests committed

	def test_the_attachments_of_an_e_mail_are_listed_with_the_record_it_is_about(self):
		files = {}
		for member in (self.m1, self.m4):
			e_mail = frappe.get_doc(
				{
					"doctype": "Communication",
					"communication_type": "Communication",
					"subject": "Giấy giới thiệu",
					"reference_doctype": "Party Member",
					"reference_name": member,
				}
			).insert(ignore_permissions=True)
			files[member] = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"thu-{member}.txt",
					"content": "Giấy giới thiệu",
					"is_private": 1,
					"attached_to_doctype": "Communication",
					"attached_to_name": e_mail.name,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit - read by the requests
		every_file = {"fields": '["name"]', "limit_page_length": 0}
		try:
			response = self.request("secretary", "get", "/api/resource/File", query_string=every_file)
			listed = {row["name"] for row in response.json["data"]}
			self.assertIn(files[self.m1].name, listed)
			self.assertNotIn(files[self.m4].name, listed)
		finally:
			for file in files.values():
				frappe.delete_doc("Communication", file.attached_to_name, force=True, ignore_permissions=True)
				frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
			frappe.db.commit()  # nosemgrep: frappe-manual-commit - undo the shared records

	def test_another_officers_scope_is_not_readable(self):
		response = self.request(
			"secretary",
			"post",
			"/api/method/frappe.core.doctype.user_permission.user_permission.get_user_permissions",
			data={"user": self.world.users["workplace"]},
		)
		self.assertEqual(response.status_code, 200)
		self.assertNotIn("T-WP-X", response.get_data(as_text=True))
		self.assertIn("T-WARD-A-B1", response.get_data(as_text=True))

	def test_the_replaced_endpoints_refuse_malformed_arguments(self):
		base = "frappe.desk.doctype"
		for method, data in (
			(f"{base}.number_card.number_card.get_result", {"doc": "not json", "filters": "[]"}),
			(
				f"{base}.number_card.number_card.get_result",
				{"doc": '{"document_type": "Party Member"}', "filters": "{"},
			),
			(f"{base}.dashboard_chart.dashboard_chart.get", {"chart": "[1, 2]"}),
			(f"{base}.dashboard_chart.dashboard_chart.get", {"filters": "{"}),
			(
				"frappe.desk.listview.get_group_by_count",
				{"doctype": "Party Member", "current_filters": "{", "field": "owner"},
			),
		):
			with self.subTest(method=method, data=data):
				response = self.request("secretary", "post", f"/api/method/{method}", data=data)
				self.assertIn(response.status_code, (403, 417), response.get_data(as_text=True)[:300])
