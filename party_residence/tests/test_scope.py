"""The two-sided scope rule on every path a user can read or change data through.

One table (VISIBLE) says which shared records each role's user may see; every path below is
checked against it: list, count, list sidebar, Report Builder, link search, get_doc, REST, print,
and writes. A DocType of the app that holds data must appear in the table.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence.permissions import MASTER_DATA, query_conditions
from party_residence.tests.fixtures import ORGANIZATIONS, ensure_world

ALL_ORGS = frozenset(code for code, *_ in ORGANIZATIONS)
ALL_MEMBERS = frozenset({"M1", "M2", "M3", "M4", "M5"})
ALL_INTRODUCTIONS = frozenset({"I1", "I2", "I3", "I4"})
ALL_KEYS = {
	"Party Member": ALL_MEMBERS,
	"Party Organization": ALL_ORGS,
	"Residence Introduction": ALL_INTRODUCTIONS,
	"Residence Introduction Batch": frozenset({"B1", "B2"}),
	"Residence Branch Meeting": frozenset({"MT1", "MT2"}),
	"Residence Activity": frozenset({"A1", "A2"}),
	"Residence Review Request": frozenset({"R1", "R2"}),
	"Residence Review": frozenset({"RV1", "RV2"}),
	"Residence Review Campaign": frozenset({"C1", "C2"}),
	"Member Self Report": frozenset({"SR1", "SR2"}),
	"Residence Change": frozenset({"CH1", "CH2"}),
	"Violation Notice": frozenset({"V1", "V2"}),
	"Residence Liaison Report": frozenset({"LR1", "LR2"}),
	"Signing Identity": frozenset({"SI1", "SI2"}),
	"Signed Document": frozenset({"SD1", "SD2"}),
}
NO_ACCESS = None  # the role has no permission on the DocType at all

# role key -> the shared records it may see; M* are members, codes are organizations
VISIBLE = {
	"Party Member": {
		"manager": ALL_MEMBERS,
		"workplace": {"M1", "M2"},  # they work in T-WP-X (M2 lives in another province)
		"committee": {"M1", "M3"},  # they live in T-WARD-A, wherever they work
		"secretary": {"M1"},  # lives in branch T-WARD-A-B1
		"member": {"M1"},  # their own record
		"noscope": set(),  # an officer without User Permission sees nothing
	},
	"Party Organization": {
		"manager": ALL_ORGS,
		"workplace": {"T-WP-X", "T-WP-X-B1"},
		"committee": {"T-WARD-A", "T-WARD-A-B1", "T-WARD-A-B2"},
		"secretary": {"T-WARD-A-B1"},
		"member": NO_ACCESS,
		"noscope": set(),
	},
	"Residence Introduction": {
		"manager": ALL_INTRODUCTIONS,
		"workplace": {"I1", "I2"},  # its members M1 (acknowledged) and M2 (draft)
		"committee": {"I1", "I3"},  # sent to ward A; the draft I2 is not the residence side's yet
		"secretary": {"I1"},  # M1 was assigned to branch A1
		"member": {"I1"},  # their own, once sent
		"noscope": set(),
	},
	"Residence Branch Meeting": {
		"manager": {"MT1", "MT2"},
		"workplace": NO_ACCESS,  # branch life is the residence side's
		"committee": {"MT1"},
		"secretary": {"MT1"},  # a meeting of branch A1
		"member": NO_ACCESS,  # members see their meetings on the portal
		"noscope": NO_ACCESS,
	},
	"Residence Activity": {
		"manager": {"A1", "A2"},
		"workplace": {"A1"},  # M1 works in T-WP-X
		"committee": {"A1"},
		"secretary": {"A1"},
		"member": {"A1"},  # their own
		"noscope": set(),
	},
	"Residence Review Request": {
		"manager": {"R1", "R2"},
		"workplace": {"R1"},  # M1 works in T-WP-X
		"committee": {"R1"},  # sent to ward A
		"secretary": {"R1"},  # and to branch A1
		"member": NO_ACCESS,  # members see the confirmed review, not the request
		"noscope": set(),
	},
	"Residence Review": {
		"manager": {"RV1", "RV2"},
		"workplace": set(),  # a draft stays with the residence side
		"committee": {"RV1"},
		"secretary": {"RV1"},
		"member": set(),  # nothing before it is confirmed
		"noscope": set(),
	},
	"Residence Review Campaign": {
		"manager": {"C1", "C2"},
		"workplace": {"C1"},
		"committee": NO_ACCESS,
		"secretary": NO_ACCESS,
		"member": NO_ACCESS,
		"noscope": set(),
	},
	"Member Self Report": {
		"manager": {"SR1", "SR2"},
		"workplace": {"SR1"},  # M1 works in T-WP-X
		"committee": {"SR1"},
		"secretary": {"SR1"},  # the branch reads it beside the review
		"member": {"SR1"},  # their own
		"noscope": set(),
	},
	"Residence Change": {
		"manager": {"CH1", "CH2"},
		"workplace": {"CH1"},  # M2 works in T-WP-X: the officer approves
		"committee": set(),  # the new ward learns of it once approved
		"secretary": NO_ACCESS,
		"member": set(),  # M2's, not M1's
		"noscope": set(),
	},
	"Violation Notice": {
		"manager": {"V1", "V2"},
		"workplace": {"V1"},  # sent to M1's workplace
		"committee": {"V1"},
		"secretary": {"V1"},
		"member": set(),  # the member sees it once resolved
		"noscope": set(),
	},
	"Residence Introduction Batch": {
		"manager": {"B1", "B2"},
		"workplace": {"B1"},  # a batch of T-WP-X
		"committee": NO_ACCESS,
		"secretary": NO_ACCESS,
		"member": NO_ACCESS,
		"noscope": set(),
	},
	"Residence Liaison Report": {
		"manager": {"LR1", "LR2"},
		"workplace": NO_ACCESS,
		"committee": {"LR1"},  # ward A's own yearly report
		"secretary": NO_ACCESS,
		"member": NO_ACCESS,
		"noscope": NO_ACCESS,  # a workplace officer's role
	},
	# the key stores and the register of signed PDFs are the manager's alone
	"Signing Identity": {
		"manager": {"SI1", "SI2"},
		"workplace": NO_ACCESS,
		"committee": NO_ACCESS,
		"secretary": NO_ACCESS,
		"member": NO_ACCESS,
		"noscope": NO_ACCESS,
	},
	"Signed Document": {
		"manager": {"SD1", "SD2"},
		"workplace": NO_ACCESS,
		"committee": NO_ACCESS,
		"secretary": NO_ACCESS,
		"member": NO_ACCESS,
		"noscope": NO_ACCESS,
	},
}

ROLES = ("manager", "workplace", "committee", "secretary", "member", "noscope")

# what each role may do with a record in its own scope (M1 is in everyone's scope)
CAN = {
	"Party Member": {
		"create": {"manager", "workplace"},
		"write": {"manager", "workplace", "committee"},
		"delete": {"manager"},
		"print": {"manager", "workplace", "committee", "secretary", "member"},
		"export": {"manager"},
		"share": set(),  # document sharing is off: it would bypass the scope rule
	},
	"Residence Introduction": {
		"create": {"manager", "workplace"},
		"write": {"manager", "workplace", "committee", "secretary"},
		"print": {"manager", "workplace", "committee", "secretary", "member"},
		"export": {"manager"},
		"share": set(),  # document sharing is off: it would bypass the scope rule
	},
	"Residence Branch Meeting": {
		"create": {"manager", "committee", "secretary"},
		"write": {"manager", "committee", "secretary"},
		"print": {"manager", "committee", "secretary"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Activity": {
		"create": {"manager", "committee", "secretary"},
		"write": {"manager", "committee", "secretary"},
		"print": {"manager", "workplace", "committee", "secretary"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Review Request": {
		"create": {"manager", "workplace"},
		"write": {"manager", "workplace"},
		"print": {"manager", "workplace", "committee", "secretary"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Review": {
		"create": {"manager", "secretary"},
		"write": {"manager", "committee", "secretary"},
		"print": {"manager", "committee", "secretary"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Review Campaign": {
		"create": {"manager", "workplace"},
		"write": {"manager", "workplace"},
		"print": {"manager", "workplace"},
		"export": {"manager"},
		"share": set(),
	},
	"Member Self Report": {
		"create": {"manager", "member"},
		"write": {"manager", "member"},
		"print": {"manager", "workplace", "committee", "secretary", "member"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Change": {
		"create": {"manager", "workplace", "member"},
		"write": {"manager", "workplace"},
		"print": {"manager", "workplace"},
		"export": {"manager"},
		"share": set(),
	},
	"Violation Notice": {
		"create": {"manager", "committee", "secretary"},
		"write": {"manager", "workplace", "committee", "secretary"},
		"print": {"manager", "workplace", "committee", "secretary"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Introduction Batch": {
		"create": {"manager", "workplace"},
		"write": {"manager", "workplace"},
		"print": {"manager", "workplace"},
		"export": {"manager"},
		"share": set(),
	},
	"Residence Liaison Report": {
		"create": {"manager", "committee"},
		"write": {"manager", "committee"},
		"print": {"manager", "committee"},
		"export": {"manager"},
		"share": set(),
	},
	"Signing Identity": {
		"create": {"manager"},
		"write": {"manager"},
		"delete": {"manager"},
		"print": {"manager"},
		"export": {"manager"},
		"share": set(),
	},
	"Signed Document": {
		"create": set(),  # made by the server when a document is signed
		"write": {"manager"},  # to revoke it
		"delete": set(),
		"print": {"manager"},
		"export": {"manager"},
		"share": set(),
	},
	"Party Organization": {
		"create": {"manager"},
		"write": {"manager", "workplace", "committee"},
		"delete": {"manager"},
		"print": {"manager", "workplace", "committee", "secretary"},
		"export": {"manager"},
		"share": set(),  # document sharing is off: it would bypass the scope rule
	},
}
IN_OWN_SCOPE = {
	"Party Member": dict.fromkeys(ROLES, "M1"),
	"Residence Introduction": dict.fromkeys(ROLES, "I1"),
	"Residence Branch Meeting": dict.fromkeys(ROLES, "MT1"),
	"Residence Activity": dict.fromkeys(ROLES, "A1"),
	"Residence Review Request": dict.fromkeys(ROLES, "R1"),
	"Residence Review": dict.fromkeys(ROLES, "RV1"),
	"Residence Review Campaign": dict.fromkeys(ROLES, "C1"),
	"Member Self Report": dict.fromkeys(ROLES, "SR1"),
	"Residence Change": dict.fromkeys(ROLES, "CH1"),
	"Violation Notice": dict.fromkeys(ROLES, "V1"),
	"Residence Liaison Report": dict.fromkeys(ROLES, "LR1"),
	"Residence Introduction Batch": dict.fromkeys(ROLES, "B1"),
	"Signing Identity": dict.fromkeys(ROLES, "SI1"),
	"Signed Document": dict.fromkeys(ROLES, "SD1"),
	"Party Organization": {
		"manager": "T-CITY",
		"workplace": "T-WP-X",
		"committee": "T-WARD-A",
		"secretary": "T-WARD-A-B1",
		"member": "T-WARD-A-B1",
		"noscope": "T-WP-X",
	},
}


class ScopeTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.names = {
			"Party Member": cls.world.members,
			"Party Organization": {code: code for code in ALL_ORGS},
			"Residence Introduction": cls.world.introductions,
			"Residence Introduction Batch": cls.world.batches,
			"Residence Branch Meeting": cls.world.meetings,
			"Residence Activity": cls.world.activities,
			"Residence Review Request": cls.world.requests,
			"Residence Review": cls.world.reviews,
			"Residence Review Campaign": cls.world.campaigns,
			"Member Self Report": cls.world.self_reports,
			"Residence Change": cls.world.changes,
			"Violation Notice": cls.world.violations,
			"Residence Liaison Report": cls.world.liaison_reports,
			"Signing Identity": cls.world.signing_identities,
			"Signed Document": cls.world.signed_documents,
		}
		cls.key_of = {name: key for by_key in cls.names.values() for key, name in by_key.items()}

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def as_user(self, role):
		frappe.set_user(self.world.users[role])

	def shared(self, doctype, names):
		"""Keep the shared fixture records among `names`, as their keys (M1, T-WARD-A...)."""
		return {self.key_of[name] for name in names if name in self.key_of}

	def record(self, doctype, key):
		return self.names[doctype][key]

	def expected(self, doctype, role):
		return VISIBLE[doctype][role]


class TestScopeTable(ScopeTestCase):
	def test_every_app_doctype_that_holds_data_is_scoped(self):
		app_doctypes = frappe.get_all(
			"DocType",
			filters={"module": "Party Residence", "istable": 0, "issingle": 0, "is_virtual": 0},
			pluck="name",
		)
		query_hooks = frappe.get_hooks("permission_query_conditions")
		doc_hooks = frappe.get_hooks("has_permission")
		for doctype in app_doctypes:
			if doctype in MASTER_DATA:
				links = {df.options for df in frappe.get_meta(doctype).get_link_fields()}
				self.assertFalse(
					links & {"Party Member", "Party Organization"}, f"{doctype} holds someone's data"
				)
				continue
			self.assertIn(doctype, VISIBLE, f"{doctype} is missing from the scope table")
			self.assertIn("party_residence.permissions.query_conditions", query_hooks.get(doctype, []))
			self.assertIn("party_residence.permissions.has_permission", doc_hooks.get(doctype, []))

	def test_every_organization_link_ignores_frappe_user_permissions(self):
		# Frappe would AND the links; the app's OR rule must be the only one
		for doctype in frappe.get_all("DocType", filters={"module": "Party Residence"}, pluck="name"):
			for df in frappe.get_meta(doctype).get_link_fields():
				if df.options == "Party Organization":
					self.assertTrue(df.ignore_user_permissions, f"{doctype}.{df.fieldname}")


class TestListPaths(ScopeTestCase):
	def check(self, path):
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				with self.subTest(doctype=doctype, role=role):
					self.as_user(role)
					if by_role[role] is NO_ACCESS:
						self.assertRaises(frappe.PermissionError, path, doctype)
					else:
						self.assertEqual(self.shared(doctype, path(doctype)), set(by_role[role]))
					frappe.set_user("Administrator")

	def test_get_list(self):
		self.check(lambda doctype: frappe.get_list(doctype, pluck="name", limit=0))

	def test_list_view_and_report_builder(self):
		def report_view(doctype):
			frappe.local.form_dict = frappe._dict(
				doctype=doctype, fields=json.dumps([f"`tab{doctype}`.`name`"]), page_length=0
			)
			result = frappe.desk.reportview.get()
			return [row[0] for row in result.get("values", [])] if result else []

		self.check(report_view)

	def test_count_matches_list(self):
		# counts are not shared-fixture-only, so compare the count with the list for the same user
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				if by_role[role] is NO_ACCESS:
					continue
				with self.subTest(doctype=doctype, role=role):
					self.as_user(role)
					frappe.local.form_dict = frappe._dict(doctype=doctype)
					count = frappe.desk.reportview.get_count()
					listed = frappe.get_list(doctype, pluck="name", limit=0)
					self.assertEqual(count, len(listed))
					frappe.set_user("Administrator")

	def test_list_sidebar_group_by_counts(self):
		from frappe.desk.listview import get_group_by_count

		self.as_user("workplace")
		counts = get_group_by_count("Party Member", "[]", "residence_committee")
		committees = {row["name"] for row in counts}
		self.assertIn("T-WARD-A", committees)  # M1
		self.assertIn("T-WARD-C", committees)  # M2
		self.assertNotIn("T-WARD-B", committees)  # only M4, who works elsewhere

	def test_link_search(self):
		from frappe.desk.search import search_widget

		def link_search(doctype):
			return [row[0] for row in search_widget(doctype, txt="", page_length=100)]

		for role in ROLES:
			with self.subTest(role=role):
				self.as_user(role)
				if VISIBLE["Party Member"][role] is NO_ACCESS:
					continue
				self.assertEqual(
					self.shared("Party Member", link_search("Party Member")),
					set(VISIBLE["Party Member"][role]),
				)
				frappe.set_user("Administrator")

	def test_member_link_search_describes_the_workplace_by_its_name(self):
		from frappe.desk.search import search_link

		self.as_user("committee")
		found = search_link("Party Member", "", page_length=100)
		self.assertTrue(found)
		for row in found:
			workplace = frappe.db.get_value("Party Member", row["value"], "workplace_organization")
			name = frappe.db.get_value("Party Organization", workplace, "organization_name")
			self.assertIn(name, row["description"])
			self.assertNotIn(workplace, row["description"].split(", "))

	def test_organization_link_search_is_scope_plus_residence_committees(self):
		from frappe.desk.search import search_widget

		self.as_user("workplace")
		found = {row[0] for row in search_widget("Party Organization", txt="T-", page_length=100)}
		# a workplace officer introduces members to any commune or ward committee
		self.assertTrue({"T-WARD-A", "T-WARD-B", "T-WARD-C"} <= found)
		self.assertTrue({"T-WP-X", "T-WP-X-B1"} <= found)
		self.assertFalse({"T-WP-Y", "T-WP-Y-B1", "T-WARD-A-B1", "T-CITY"} & found)

		self.as_user("noscope")
		self.assertEqual(search_widget("Party Organization", txt="T-", page_length=100), [])

	def test_query_conditions_and_has_permission_agree(self):
		# the two paths Frappe has must give the same answer for every shared record
		for doctype, by_role in VISIBLE.items():
			keys = ALL_KEYS[doctype]
			for role in ROLES:
				if by_role[role] is NO_ACCESS:
					continue
				user = self.world.users[role]
				listed = self.shared(doctype, frappe.get_list(doctype, pluck="name", limit=0, user=user))
				for key in keys:
					doc = frappe.get_doc(doctype, self.record(doctype, key))
					with self.subTest(doctype=doctype, role=role, record=key):
						self.assertEqual(key in listed, doc.has_permission("read", user=user))

	def test_no_scope_means_false_condition_not_no_condition(self):
		self.assertEqual(query_conditions(self.world.users["noscope"], "Party Member"), "1=0")
		self.assertEqual(query_conditions(self.world.users["manager"], "Party Member"), "")


class TestRoleActions(ScopeTestCase):
	def test_what_each_role_may_do_in_its_scope(self):
		for doctype, actions in CAN.items():
			for action, allowed in actions.items():
				for role in ROLES:
					with self.subTest(doctype=doctype, action=action, role=role):
						user = self.world.users[role]
						if action == "export":
							granted = frappe.has_permission(doctype, action, user=user)
						elif action == "create":
							granted = frappe.has_permission(
								doctype, action, doc=self.new_in_scope(doctype), user=user
							)
						else:
							doc = frappe.get_doc(doctype, self.record(doctype, IN_OWN_SCOPE[doctype][role]))
							granted = frappe.has_permission(doctype, action, doc=doc, user=user)
						self.assertEqual(bool(granted), role in allowed)

	@staticmethod
	def new_in_scope(doctype):
		"""A new record that lies in the scope of every scoped test user."""
		if doctype == "Residence Introduction":
			member = frappe.db.get_value("Party Member", {"party_card_number": "T-93.000001"})
			doc = frappe.get_doc(doctype=doctype, party_member=member)
			doc.set("__islocal", 1)  # as insert() marks it before checking "create"
			return doc
		if doctype == "Residence Review":
			member = frappe.db.get_value("Party Member", {"party_card_number": "T-93.000001"})
			request = frappe.db.get_value(
				"Residence Review Request",
				{"party_member": member, "review_year": 2025, "purpose": "Annual Review"},
			)
			doc = frappe.get_doc(doctype=doctype, review_request=request)
			doc.set("__islocal", 1)
			return doc
		if doctype in ("Member Self Report", "Residence Change", "Violation Notice"):
			member = frappe.db.get_value("Party Member", {"party_card_number": "T-93.000001"})
			doc = frappe.get_doc(doctype=doctype, party_member=member)
			doc.set("__islocal", 1)
			return doc
		if doctype == "Residence Review Request":
			member = frappe.db.get_value("Party Member", {"party_card_number": "T-93.000001"})
			doc = frappe.get_doc(doctype=doctype, party_member=member)
			doc.set("__islocal", 1)
			return doc
		if doctype in ("Residence Review Campaign", "Residence Introduction Batch"):
			return frappe.get_doc(doctype=doctype, workplace_organization="T-WP-X")
		if doctype == "Residence Branch Meeting":
			return frappe.get_doc(doctype=doctype, residence_branch="T-WARD-A-B1")
		if doctype == "Residence Liaison Report":
			return frappe.get_doc(doctype=doctype, residence_committee="T-WARD-A", report_year=2024)
		if doctype in ("Signing Identity", "Signed Document"):
			return frappe.get_doc(doctype=doctype, party_organization="T-WP-X")
		if doctype == "Residence Activity":
			member = frappe.db.get_value("Party Member", {"party_card_number": "T-93.000001"})
			doc = frappe.get_doc(doctype=doctype, party_member=member)
			doc.set("__islocal", 1)
			return doc
		if doctype == "Party Member":
			return frappe.get_doc(
				doctype=doctype,
				workplace_organization="T-WP-X-B1",
				residence_committee="T-WARD-A",
				residence_branch="T-WARD-A-B1",
			)
		return frappe.get_doc(doctype=doctype, parent_party_organization="T-WARD-A-B1")

	def test_secretary_and_member_cannot_change_a_member(self):
		for role in ("secretary", "member"):
			with self.subTest(role=role):
				self.as_user(role)
				doc = frappe.get_doc("Party Member", self.world.members["M1"])
				doc.job_title = "Đổi trái phép"
				self.assertRaises(frappe.PermissionError, doc.save)
				frappe.set_user("Administrator")

	def test_citizen_id_hidden_from_the_branch_secretary(self):
		name = self.world.members["M1"]
		self.as_user("secretary")
		self.assertIsNone(frappe.client.get("Party Member", name)["citizen_id"])
		self.assertIsNone(frappe.client.get("Party Member", name)["date_of_birth"])
		self.as_user("committee")
		self.assertEqual(frappe.client.get("Party Member", name)["citizen_id"], "001090000001")
		self.as_user("member")
		self.assertEqual(frappe.client.get("Party Member", name)["citizen_id"], "001090000001")


class TestDocumentPaths(ScopeTestCase):
	def test_get_doc_read(self):
		for doctype, by_role in VISIBLE.items():
			keys = ALL_KEYS[doctype]
			for role in ROLES:
				allowed = by_role[role] or set()
				for key in keys:
					with self.subTest(doctype=doctype, role=role, record=key):
						self.as_user(role)
						name = self.record(doctype, key)
						if key in allowed:
							self.assertEqual(frappe.client.get(doctype, name)["name"], name)
						else:
							self.assertRaises(frappe.PermissionError, frappe.client.get, doctype, name)
						frappe.set_user("Administrator")

	def test_print_view(self):
		from frappe.www.printview import get_html_and_style

		self.as_user("committee")
		html = get_html_and_style("Party Member", self.world.members["M3"])["html"]
		self.assertIn("Lê Văn Cường", html)
		self.assertRaises(
			frappe.PermissionError, get_html_and_style, "Party Member", self.world.members["M4"]
		)

	def test_write_refused_out_of_scope(self):
		self.as_user("workplace")
		doc = frappe.get_doc("Party Member", self.world.members["M1"])
		doc.job_title = "Kỹ sư"
		doc.save()  # in scope

		outside = frappe.get_doc("Party Member", self.world.members["M3"])
		outside.job_title = "Bác sĩ"
		self.assertRaises(frappe.PermissionError, outside.save)

	def test_create_refused_out_of_scope(self):
		self.as_user("workplace")
		member = frappe.get_doc(
			{
				"doctype": "Party Member",
				"full_name": "Đỗ Văn Ngoài",
				"gender": "Male",
				"date_of_birth": "1990-01-01",
				"date_joined": "2015-01-01",
				"workplace_organization": "T-WP-Y-B1",
				"residence_address": "Hà Nội",
			}
		)
		self.assertRaises(frappe.PermissionError, member.insert)

		member.workplace_organization = "T-WP-X-B1"
		member.insert()
		self.assertTrue(frappe.db.exists("Party Member", member.name))

	def test_officer_edits_own_organization_but_not_others(self):
		self.as_user("committee")
		ward = frappe.get_doc("Party Organization", "T-WARD-A")
		ward.phone = "0220 3852 111"
		ward.save()

		other = frappe.get_doc("Party Organization", "T-WARD-B")
		other.phone = "0220 3852 222"
		self.assertRaises(frappe.PermissionError, other.save)

	def test_only_managers_add_organizations(self):
		# the tree is master data kept by the province's organization department
		branch = {
			"doctype": "Party Organization",
			"organization_code": "T-WARD-A-B9",
			"organization_name": "Chi bộ tổ dân phố số 9",
			"organization_type": "Branch",
			"side": "Residence",
			"parent_party_organization": "T-WARD-A",
		}
		self.as_user("committee")
		self.assertRaises(frappe.PermissionError, frappe.get_doc(branch).insert)

		self.as_user("manager")
		frappe.get_doc(branch).insert()

		# the new branch is in the ward officer's scope at once
		self.as_user("committee")
		self.assertIn("T-WARD-A-B9", frappe.get_list("Party Organization", pluck="name", limit=0))
		self.assertTrue(frappe.get_doc("Party Organization", "T-WARD-A-B9").has_permission("read"))

	def test_new_user_permission_widens_scope_at_once(self):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": self.world.users["secretary"],
				"allow": "Party Organization",
				"for_value": "T-WARD-B-B1",
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
		self.as_user("secretary")
		self.assertEqual(
			self.shared("Party Member", frappe.get_list("Party Member", pluck="name")), {"M1", "M4"}
		)


class TestRestPaths(ScopeTestCase):
	"""/api/resource runs in its own request and connection, as a real client would."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()

	def request(self, role, method, path, **kwargs):
		from frappe.tests.test_api import make_request

		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		target = getattr(self.client, method)
		return make_request(target=target, args=(path,), kwargs={"headers": headers, **kwargs})

	def test_rest_list(self):
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				with self.subTest(doctype=doctype, role=role):
					response = self.request(
						role, "get", f"/api/resource/{doctype}", query_string={"limit_page_length": 0}
					)
					if by_role[role] is NO_ACCESS:
						self.assertEqual(response.status_code, 403)
						continue
					self.assertEqual(response.status_code, 200, response.text)
					names = [row["name"] for row in response.json["data"]]
					self.assertEqual(self.shared(doctype, names), set(by_role[role]))

	def test_rest_get_document(self):
		for role in ROLES:
			for key in ALL_MEMBERS:
				with self.subTest(role=role, member=key):
					name = self.world.members[key]
					response = self.request(role, "get", f"/api/resource/Party Member/{name}")
					expected = 200 if key in VISIBLE["Party Member"][role] else 403
					self.assertEqual(response.status_code, expected, response.text)

	def test_rest_update_refused_out_of_scope(self):
		outside = self.world.members["M3"]
		response = self.request(
			"workplace", "put", f"/api/resource/Party Member/{outside}", json={"job_title": "Giám đốc"}
		)
		self.assertEqual(response.status_code, 403)
		self.assertNotEqual(frappe.db.get_value("Party Member", outside, "job_title"), "Giám đốc")
