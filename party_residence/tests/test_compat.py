"""The Frappe behaviour each workaround of party_residence/compat relies on, checked on the Frappe
that runs. A test here failing means Frappe changed: the workaround can go, or must be mended."""

import inspect

import frappe
from frappe.desk import listview, search
from frappe.desk.doctype.dashboard_chart import dashboard_chart
from frappe.model.base_document import BaseDocument
from frappe.tests.utils import FrappeTestCase
from party_residence import payloads
from party_residence.compat import row_links
from party_residence.compat.child_rows import RowOfDocumentMixin
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.tests.fixtures import ensure_world

MEMBER = "Party Member"


class CompatTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.outside = cls.world.members["M4"]  # outside the branch secretary's scope

	def tearDown(self):
		frappe.set_user("Administrator")

	def as_secretary(self):
		frappe.set_user(self.world.users["secretary"])


class TestFrappeStillNeedsTheWorkarounds(CompatTestCase):
	def test_a_row_loaded_on_its_own_has_no_parent_document(self):
		# compat/child_rows.py: Frappe checks such a row against its parent DocType's role only
		row = frappe.get_all("Has Role", filters={"parent": "Administrator"}, pluck="name", limit=1)[0]
		self.assertIsNone(frappe.get_doc("Has Role", row).parent_doc)

	def test_the_heatmap_counts_without_permissions(self):
		# compat/endpoints.py get_dashboard_chart
		self.as_secretary()
		chart = frappe._dict(document_type=MEMBER, based_on="creation", chart_type="Count")
		points = dashboard_chart.get_heatmap_chart_config(chart, [], frappe.utils.getdate().year)[
			"dataPoints"
		]
		visible = len(
			frappe.get_list(
				MEMBER,
				filters={"creation": (">=", frappe.utils.get_year_start(frappe.utils.today()))},
				pluck="name",
			)
		)
		self.assertGreater(sum(points.values()), visible)

	def test_link_titles_are_read_without_permission(self):
		# compat/endpoints.py get_link_title
		self.as_secretary()
		self.assertEqual(
			search.get_link_title(MEMBER, self.outside),
			frappe.db.get_value(MEMBER, self.outside, "full_name"),
		)

	def test_submitted_linked_documents_are_listed_without_permission(self):
		# compat/endpoints.py get_submitted_linked_docs: the workplace reads its member, not the
		# meetings of the member's residence branch
		from frappe.desk.form import linked_with

		meeting = self.world.meetings["MT1"]
		frappe.set_user(self.world.users["workplace"])
		self.assertFalse(frappe.has_permission("Residence Branch Meeting", "read", doc=meeting))
		found = linked_with.get_submitted_linked_docs(MEMBER, self.world.members["M1"])
		self.assertIn(meeting, [doc["name"] for doc in found["docs"]])

	def test_assignment_counts_choose_records_without_permission(self):
		# compat/endpoints.py get_group_by_count
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": "Administrator",
				"reference_type": MEMBER,
				"reference_name": self.outside,
				"description": "Kiểm tra hồ sơ",
			}
		).insert(ignore_permissions=True)
		self.as_secretary()
		counts = listview.get_group_by_count(
			MEMBER, frappe.as_json([[MEMBER, "name", "=", self.outside]]), "assigned_to"
		)
		self.assertEqual([row["count"] for row in counts], [1])

	def test_queries_may_still_filter_on_fields_the_user_cannot_read(self):
		# privacy.refuse_hidden_field_queries: Frappe removes such a field from the columns only
		self.as_secretary()
		m1 = self.world.members["M1"]
		cccd = "001090000001"
		self.assertEqual(frappe.get_list(MEMBER, filters={"citizen_id": cccd}, pluck="name"), [m1])
		self.assertEqual(
			frappe.get_list(MEMBER, filters={"citizen_id": "0" + cccd[1:] + "9"}, pluck="name"), []
		)

	def test_frappe_answers_one_call_under_several_names(self):
		# compat/routes.py: the names Frappe answers a call by, which every route check reads
		from frappe import api, app, handler

		self.assertIs(handler.runserverobj, handler.run_doc_method)
		adapter = api.API_URL_MAP.bind("localhost")
		for path in ("/api/method/frappe.ping", "/api/v1/method/frappe.ping"):
			endpoint, arguments = adapter.match(path)
			self.assertEqual((endpoint.__module__, arguments), ("frappe.api.v1", {"method": "frappe.ping"}))
		endpoint, _arguments = adapter.match("/api/v1/resource/ToDo")
		self.assertEqual(endpoint.__name__, "document_list")
		# a `cmd` in the form is answered before the path is looked at
		source = inspect.getsource(app.application)
		self.assertLess(source.index("form_dict.cmd"), source.index('startswith("/api/")'))


class TestWhatFrappeNowDoesItself(CompatTestCase):
	def test_get_count_applies_the_scope(self):
		# Frappe 15.44 counted every record in frappe.client.get_count; 15.101 counts through the
		# user's permissions, so the app no longer replaces it
		from frappe.client import get_count

		self.as_secretary()
		self.assertEqual(get_count(MEMBER, {"name": self.outside}), 0)
		self.assertEqual(get_count(MEMBER, {"name": self.world.members["M1"]}), 1)


class TestTheWorkaroundsHold(CompatTestCase):
	def test_app_rows_answer_with_their_document(self):
		for doctype in ("Meeting Attendance", "Residence Review Rating"):
			with self.subTest(doctype=doctype):
				row = frappe.get_all(doctype, fields=["name", "parent"], limit=1)[0]
				doc = frappe.get_doc(doctype, row.name)
				self.assertIsInstance(doc, RowOfDocumentMixin)
				self.assertEqual(doc.parent_doc.name, row.parent)


def frappe_endpoints_of_shape() -> set[str]:
	"""Frappe's whitelisted functions that take a DocType, a document, filters or fields."""
	import importlib
	import pkgutil

	from party_residence.compat.inventory import SHAPE

	package = importlib.import_module("frappe")
	for module in pkgutil.walk_packages(package.__path__, "frappe."):
		if any(part in module.name for part in (".tests", ".test_", ".patches", ".commands")):
			continue
		try:
			importlib.import_module(module.name)
		except Exception:
			continue  # a module that needs what this site lacks (an integration's client library)
	found = set()
	for function in frappe.whitelisted:
		if not function.__module__.startswith("frappe."):
			continue
		try:
			parameters = set(inspect.signature(function).parameters)
			source = inspect.getsource(function)
		except (TypeError, ValueError, OSError):
			parameters, source = set(), ""
		if parameters & SHAPE or "form_dict" in source or "get_form_params" in source:
			found.add(f"{function.__module__}.{function.__name__}")
	return found


class TestTheInventory(FrappeTestCase):
	def test_every_frappe_endpoint_of_the_shape_is_classified(self):
		from party_residence.compat.inventory import ENDPOINTS

		missing = sorted(frappe_endpoints_of_shape() - set(ENDPOINTS))
		self.assertEqual(missing, [], "classify these in party_residence/compat/inventory.py")

	def test_what_the_inventory_says_is_done(self):
		from party_residence.compat import inventory, requests

		overrides = frappe.get_hooks("override_whitelisted_methods")
		for path, how in inventory.ENDPOINTS.items():
			with self.subTest(path=path):
				if how is inventory.REPLACED:
					self.assertIn(path, overrides)
				if how is inventory.REFUSED:
					self.assertIn(path, requests.REFUSED)
		for path in requests.REFUSED:
			self.assertIs(inventory.ENDPOINTS.get(path), inventory.REFUSED, path)


class TestRowLinks(CompatTestCase):
	def batch(self, *members):
		return frappe.get_doc(
			{
				"doctype": "Residence Introduction Batch",
				"members": [{"party_member": member, "idx": idx} for idx, member in enumerate(members, 1)],
			}
		)

	def test_rows_are_answered_as_frappe_answers_them_one_by_one(self):
		# compat/row_links.py: the names as stored and the fetched names, as Frappe's own check sets them
		members = [self.world.members["M1"].lower(), self.outside]
		theirs, ours = self.batch(*members), self.batch(*members)
		frappe_answers = [BaseDocument.get_invalid_links(row) for row in theirs.members]
		row_links.prefetch(ours)
		our_answers = [row.get_invalid_links() for row in ours.members]
		self.assertEqual(our_answers, frappe_answers)
		self.assertEqual(
			[(row.party_member, row.member_name) for row in ours.members],
			[(row.party_member, row.member_name) for row in theirs.members],
		)
		self.assertEqual(ours.members[0].party_member, self.world.members["M1"])
		self.assertEqual(ours.members[1].member_name, frappe.db.get_value(MEMBER, self.outside, "full_name"))

	def test_a_name_spelled_without_its_accents_is_found_as_frappe_finds_it(self):
		# MariaDB's collation takes "E" for "É": Frappe's check finds the record and keeps its name
		accented = "DV-TÉST-" + frappe.generate_hash(length=4).upper()
		frappe.db.sql(
			"update `tabParty Member` set name = %s where name = %s",
			(accented, make_member(workplace_organization="T-WP-X-B1").name),
		)
		sent = accented.replace("É", "e").lower()
		# alone, and beside the name as stored
		for names in ((sent,), (accented, sent)):
			theirs, ours = self.batch(*names), self.batch(*names)
			frappe_answers = [BaseDocument.get_invalid_links(row) for row in theirs.members]
			row_links.prefetch(ours)
			self.assertEqual([row.get_invalid_links() for row in ours.members], frappe_answers)
			self.assertEqual(frappe_answers, [([], [])] * len(names))
			self.assertEqual({row.party_member for row in ours.members}, {accented})
		# nor does the check of links that fetch values refuse it
		payloads.refuse_missing_links(self.batch(sent))

	def test_a_row_keeps_no_answer_it_came_with(self):
		# what a row says of its links is what the look-up found, never what the row carried
		doc = self.batch("DV-NOT-THERE")
		doc.members[0]._linked_values = {"party_member": frappe._dict(name="DV-NOT-THERE")}
		row_links.prefetch(doc)
		self.assertEqual(doc.members[0]._linked_values, {"party_member": None})
		self.assertEqual(
			[field for field, _name, _message in doc.members[0].get_invalid_links()[0]], ["party_member"]
		)

	def test_a_row_naming_a_missing_record_is_refused(self):
		doc = self.batch(self.world.members["M1"], "DV-<b>NOT-THERE</b>")
		row_links.prefetch(doc)
		invalid = [row.get_invalid_links()[0] for row in doc.members]
		self.assertEqual(invalid[0], [])
		self.assertEqual(
			[(field, name) for field, name, _message in invalid[1]], [("party_member", "DV-<b>NOT-THERE</b>")]
		)
		# the message is shown as HTML: the value sent is escaped in it
		self.assertIn("DV-&lt;b&gt;NOT-THERE&lt;/b&gt;", invalid[1][0][2])
