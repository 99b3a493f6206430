"""Party membership is sensitive personal data: field levels hold on every path, reads of member
data are logged (see party_residence/privacy.py)."""

import json

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence import roles
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_world

MEMBER = "Party Member"
CCCD_OF_M1 = "001090000001"

# role key -> fields of a Party Member the role may not read (everything else it may)
HIDDEN = {
	"manager": set(),
	"workplace": set(),
	"committee": set(),
	"secretary": {"citizen_id", "date_of_birth", "user"},
	"member": set(),  # their own record, all of it
}
# the protected fields that M1's record fills in
PROTECTED = {"citizen_id", "date_of_birth", "user", "residence_address"}


class PrivacyTestCase(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()
		cls.m1 = cls.world.members["M1"]

	def tearDown(self):
		frappe.local.form_dict = frappe._dict()
		super().tearDown()

	def request(self, role, method, path, **kwargs):
		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		return make_request(
			target=getattr(self.client, method), args=(path,), kwargs={"headers": headers, **kwargs}
		)


class TestFieldLevels(PrivacyTestCase):
	def test_each_role_reads_exactly_its_fields_over_rest(self):
		for role, hidden in HIDDEN.items():
			with self.subTest(role=role):
				response = self.request(role, "get", f"/api/resource/{MEMBER}/{self.m1}")
				self.assertEqual(response.status_code, 200, response.text)
				data = response.json["data"]
				for field in PROTECTED:
					if field in hidden:
						self.assertIsNone(data.get(field), field)
					else:
						self.assertIn(field, data)
				self.assertEqual(CCCD_OF_M1 in response.text, "citizen_id" not in hidden)

	def test_hidden_fields_cannot_be_listed_even_two_in_a_row(self):
		# Frappe 15 drops a hidden column and skips the next one: the second would come through
		for fields in (["user", "citizen_id"], ["date_of_birth", "citizen_id"], ["citizen_id"]):
			with self.subTest(fields=fields):
				response = self.request(
					"secretary", "get", f"/api/resource/{MEMBER}", query_string={"fields": json.dumps(fields)}
				)
				self.assertEqual(response.status_code, 403)
				self.assertNotIn(CCCD_OF_M1, response.text)

	def test_the_v1_routes_are_held_to_the_same_rules(self):
		# Frappe answers /api/v1/… as it answers /api/…
		for path, query in (
			(f"/api/v1/resource/{MEMBER}", {"fields": json.dumps(["citizen_id"])}),
			(f"/api/v1/resource/{MEMBER}", {"filters": json.dumps([["citizen_id", "like", "0%"]])}),
			(f"/api/v1/resource/{MEMBER}", {"order_by": "field(strcmp(citizen_id, '0'), -1)"}),
			(
				"/api/v1/method/frappe.client.get_count",
				{"doctype": MEMBER, "filters": '{"citizen_id": "0%"}'},
			),
		):
			with self.subTest(path=path, query=query):
				response = self.request("secretary", "get", path, query_string=query)
				self.assertEqual(response.status_code, 403, response.text[:300])
				self.assertNotIn(CCCD_OF_M1, response.text)

	def test_hidden_fields_cannot_be_filtered_or_sorted_on(self):
		# a filter `citizen_id like '0%'` would reveal a CCCD digit by digit
		probes = (
			{"filters": json.dumps([["citizen_id", "like", "0%"]])},
			{"filters": json.dumps({"citizen_id": ["like", "0%"]})},
			{"filters": '{"citizen\\u005fid": ["like", "0%"]}'},
			{"or_filters": json.dumps([[MEMBER, "date_of_birth", ">", "1980-01-01"]])},
			{"order_by": "field(strcmp(citizen_id, '0'), -1)"},
			{"group_by": "`tabParty Member`.`user`"},
		)
		for probe in probes:
			with self.subTest(probe=probe):
				response = self.request("secretary", "get", f"/api/resource/{MEMBER}", query_string=probe)
				self.assertEqual(response.status_code, 403)

	def test_report_builder_and_get_value_refuse_hidden_fields(self):
		calls = (
			(
				"frappe.desk.reportview.get",
				{
					"doctype": MEMBER,
					"fields": json.dumps(["`tabParty Member`.`name`"]),
					"order_by": "citizen_id",
				},
			),
			(
				"frappe.desk.reportview.get",
				{
					"doctype": "Residence Introduction",
					"fields": json.dumps(["`tabResidence Introduction`.`name`"]),
					"filters": json.dumps([[MEMBER, "citizen_id", "=", CCCD_OF_M1]]),
				},
			),
			("frappe.client.get_value", {"doctype": MEMBER, "fieldname": "citizen_id", "filters": self.m1}),
			(
				"frappe.client.get_count",
				{"doctype": MEMBER, "filters": json.dumps({"citizen_id": CCCD_OF_M1})},
			),
		)
		for method, data in calls:
			with self.subTest(method=method, data=data):
				response = self.request("secretary", "post", f"/api/method/{method}", data=data)
				self.assertEqual(response.status_code, 403, response.text)
				self.assertNotIn(CCCD_OF_M1, response.text)

	def test_hidden_fields_are_refused_however_they_are_spelt(self):
		# MariaDB compares column names ignoring case (and some letters beyond ASCII as their plain
		# twins): every spelling the database would take for a hidden column is refused
		spellings = (
			"CITIZEN_ID",
			"Citizen_Id",
			"`CITIZEN_ID`",
			"`tabParty Member`.`Citizen_ID`",
			"cıtızen_ıd",
		)
		for spelling in spellings:
			for method, data in (
				(
					"frappe.client.get_count",
					{"doctype": MEMBER, "filters": json.dumps({spelling: CCCD_OF_M1})},
				),
				(
					"frappe.client.get_list",
					{"doctype": MEMBER, "fields": json.dumps(["name"]), "order_by": f"{spelling} desc"},
				),
				("frappe.client.get_value", {"doctype": MEMBER, "fieldname": spelling, "filters": self.m1}),
			):
				with self.subTest(spelling=spelling, method=method):
					response = self.request("secretary", "post", f"/api/method/{method}", data=data)
					self.assertEqual(response.status_code, 403, response.text)
					self.assertNotIn(CCCD_OF_M1, response.text)

	def test_roles_that_may_read_a_field_still_filter_on_it(self):
		response = self.request(
			"committee",
			"get",
			f"/api/resource/{MEMBER}",
			query_string={
				"filters": json.dumps({"citizen_id": CCCD_OF_M1}),
				"fields": '["name", "citizen_id"]',
			},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json["data"], [{"name": self.m1, "citizen_id": CCCD_OF_M1}])

	def test_the_secretary_still_lists_members_with_what_they_may_read(self):
		response = self.request(
			"secretary",
			"get",
			f"/api/resource/{MEMBER}",
			query_string={"fields": '["name", "full_name", "phone", "residence_address"]'},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual([row["name"] for row in response.json["data"]], [self.m1])

	def test_no_print_shows_a_citizen_id(self):
		from frappe.www.printview import get_html_and_style

		documents = [(MEMBER, self.m1)] + [
			("Residence Introduction", name) for name in self.world.introductions.values()
		]
		documents += [("Residence Review Request", self.world.requests["R1"])]
		documents += [("Residence Review", self.world.reviews["RV1"])]
		for role in ("manager", "secretary", "member"):
			frappe.set_user(self.world.users[role])
			for doctype, name in documents:
				if not frappe.has_permission(doctype, "read", doc=name):
					continue
				with self.subTest(role=role, doctype=doctype, name=name):
					html = get_html_and_style(doctype, name)["html"] or ""
					for member in ("M1", "M2", "M3"):
						cccd = frappe.db.get_value(MEMBER, self.world.members[member], "citizen_id")
						self.assertNotIn(cccd, html)
		frappe.set_user("Administrator")

	def test_prints_show_no_field_the_form_hides(self):
		# the letter, the request and the review print the member's date of birth: for the roles
		# that may read it, and for no one else (the branch secretary)
		from frappe.www.printview import get_html_and_style

		birth = frappe.utils.formatdate(frappe.db.get_value(MEMBER, self.m1, "date_of_birth"), "dd/MM/yyyy")
		documents = (
			("Residence Introduction", self.world.introductions["I1"]),
			("Residence Review Request", self.world.requests["R1"]),
			("Residence Review", self.world.reviews["RV1"]),
		)
		seen = {}
		for role in ("manager", "committee", "secretary"):
			frappe.set_user(self.world.users[role])
			for doctype, name in documents:
				if not frappe.has_permission(doctype, "read", doc=name):
					continue
				html = get_html_and_style(doctype, name)["html"] or ""
				seen.setdefault(role, []).append(doctype)
				with self.subTest(role=role, doctype=doctype):
					if "date_of_birth" in HIDDEN[role]:
						self.assertNotIn(birth, html)
					else:
						self.assertIn(birth, html)
		frappe.set_user("Administrator")
		self.assertEqual(len(seen["secretary"]), 3)  # the secretary printed all three

	def test_the_verification_page_shows_no_citizen_id(self):
		code = frappe.db.get_value(
			"Residence Introduction", self.world.introductions["I1"], "verification_code"
		)
		response = make_request(target=self.client.get, args=(f"/verify/{code}",))
		self.assertEqual(response.status_code, 200)
		self.assertNotIn(CCCD_OF_M1, response.get_data(as_text=True))

	def test_a_print_shows_the_member_as_they_are_now_only_to_who_reaches_them(self):
		# a letter the ward still reads names a member who may since have moved out of its reach
		from party_residence.printing import member_details

		m4 = self.world.members["M4"]
		fields = ["gender", "date_joined", "residence_address"]
		self.set_user(self.world.users["committee"])  # ward A: M1 lives there, M4 does not
		self.assertEqual(
			member_details(self.m1, fields),
			frappe.db.get_value(MEMBER, self.m1, fields, as_dict=True),
		)
		self.assertEqual(member_details(m4, fields), {})


class TestAccessLog(PrivacyTestCase):
	def access_logs(self, role, doctype, name, method):
		# the requests commit their logs in their own connection: read past this test's snapshot
		frappe.db.rollback()
		return frappe.get_all(
			"Access Log",
			filters={
				"user": self.world.users[role],
				"export_from": doctype,
				"reference_document": name,
				"method": method,
			},
			pluck="name",
		)

	def test_a_rest_read_of_a_member_is_logged(self):
		before = len(self.access_logs("secretary", MEMBER, self.m1, "REST"))
		response = self.request("secretary", "get", f"/api/resource/{MEMBER}/{self.m1}")
		self.assertEqual(response.status_code, 200)
		self.assertEqual(len(self.access_logs("secretary", MEMBER, self.m1, "REST")), before + 1)

	def test_a_rest_read_by_another_route_is_logged(self):
		for path in (f"/api/v1/resource/{MEMBER}/{self.m1}", f"/api/v2/document/{MEMBER}/{self.m1}"):
			with self.subTest(path=path):
				before = len(self.access_logs("secretary", MEMBER, self.m1, "REST"))
				response = self.request("secretary", "get", path)
				self.assertEqual(response.status_code, 200)
				self.assertEqual(len(self.access_logs("secretary", MEMBER, self.m1, "REST")), before + 1)

	def test_a_read_of_the_record_through_frappes_methods_is_logged(self):
		name_filters = json.dumps({"name": self.m1})
		reads = {
			"v2 copy": ("get", f"/api/v2/document/{MEMBER}/{self.m1}/copy", {}),
			"client.get": ("get", "/api/method/frappe.client.get", {"doctype": MEMBER, "name": self.m1}),
			"client.get by filters": (
				"post",
				"/api/method/frappe.client.get",
				{"doctype": MEMBER, "filters": name_filters},
			),
			"client.get_value": (
				"get",
				"/api/method/frappe.client.get_value",
				{"doctype": MEMBER, "filters": name_filters, "fieldname": json.dumps(["full_name", "phone"])},
			),
			"client.validate_link": (
				"get",
				"/api/method/frappe.client.validate_link",
				{"doctype": MEMBER, "docname": self.m1, "fields": json.dumps(["residence_address"])},
			),
		}
		for label, (verb, path, arguments) in reads.items():
			with self.subTest(read=label):
				before = len(self.access_logs("secretary", MEMBER, self.m1, "REST"))
				options = {"query_string": arguments} if verb == "get" else {"data": arguments}
				response = self.request("secretary", verb, path, **options)
				self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
				self.assertEqual(len(self.access_logs("secretary", MEMBER, self.m1, "REST")), before + 1)

	def test_a_refused_read_is_not_logged_as_a_read(self):
		outside = self.world.members["M4"]
		before = len(self.access_logs("secretary", MEMBER, outside, "REST"))
		response = self.request("secretary", "get", f"/api/resource/{MEMBER}/{outside}")
		self.assertEqual(response.status_code, 403)
		self.assertEqual(len(self.access_logs("secretary", MEMBER, outside, "REST")), before)

	def test_a_print_preview_of_member_data_is_logged(self):
		letter = self.world.introductions["I1"]
		for doctype, name in ((MEMBER, self.m1), ("Residence Introduction", letter)):
			with self.subTest(doctype=doctype):
				before = len(self.access_logs("committee", doctype, name, "Print"))
				response = self.request(
					"committee",
					"post",
					"/api/method/frappe.www.printview.get_html_and_style",
					data={"doc": doctype, "name": name},
				)
				self.assertEqual(response.status_code, 200, response.text)
				self.assertEqual(len(self.access_logs("committee", doctype, name, "Print")), before + 1)

	def test_opening_the_form_is_logged(self):
		from frappe.desk.form.load import getdoc

		self.assertTrue(frappe.get_meta(MEMBER).track_views)
		frappe.set_user(self.world.users["workplace"])
		getdoc(MEMBER, self.m1)
		frappe.set_user("Administrator")
		self.assertTrue(
			frappe.db.exists(
				"View Log",
				{
					"reference_doctype": MEMBER,
					"reference_name": self.m1,
					"viewed_by": self.world.users["workplace"],
				},
			)
		)

	def test_only_managers_export_and_every_export_is_logged(self):
		from frappe.desk.reportview import export_query

		for role in ("workplace", "committee", "secretary", "member"):
			with self.subTest(role=role):
				frappe.set_user(self.world.users[role])
				frappe.local.form_dict = frappe._dict(
					doctype=MEMBER, file_format_type="CSV", fields=json.dumps(["`tabParty Member`.`name`"])
				)
				self.assertRaises(frappe.PermissionError, export_query)
		frappe.set_user(self.world.users["manager"])
		before = frappe.db.count("Access Log", {"user": self.world.users["manager"], "export_from": MEMBER})
		frappe.local.form_dict = frappe._dict(
			doctype=MEMBER, file_format_type="CSV", fields=json.dumps(["`tabParty Member`.`full_name`"])
		)
		export_query()
		self.assertIn("Nguyễn Văn An", frappe.response.filecontent.decode())
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.count("Access Log", {"user": self.world.users["manager"], "export_from": MEMBER}),
			before + 1,
		)

	def test_the_manager_sees_who_read_a_member(self):
		from party_residence.party_residence.report.member_record_access.member_record_access import execute

		self.request("secretary", "get", f"/api/resource/{MEMBER}/{self.m1}")
		frappe.db.rollback()  # see the log the request committed
		frappe.set_user(self.world.users["manager"])
		_columns, rows = execute({"party_member": self.m1})
		self.assertIn(
			(self.world.users["secretary"], MEMBER, self.m1),
			{(row["user"], row["doctype"], row["document"]) for row in rows},
		)
		for role in ("workplace", "committee", "secretary"):
			with self.subTest(role=role):
				frappe.set_user(self.world.users[role])
				self.assertRaises(frappe.PermissionError, execute, {"party_member": self.m1})
		frappe.set_user("Administrator")


class TestMemberAccounts(PrivacyTestCase):
	"""A portal account is a party member's: who has one is shown only where the member's record is."""

	def listed(self, role, *fields):
		response = self.request(
			role,
			"get",
			"/api/resource/User",
			query_string={"fields": json.dumps(["name", *fields]), "limit_page_length": 0},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		return {row["name"] for row in response.json["data"]}

	def test_member_accounts_are_listed_within_the_scope_only(self):
		m1, m3 = self.world.users["member"], self.world.users["member3"]
		# the branch secretary's scope holds M1, the ward officer's M1 and M3 (test_scope.VISIBLE)
		for role, shown, hidden in (("secretary", {m1}, {m3}), ("committee", {m1, m3}, set())):
			with self.subTest(role=role):
				for fields in ((), ("roles.role",)):
					listed = self.listed(role, *fields)
					self.assertLessEqual(shown, listed)
					self.assertFalse(hidden & listed)
				# the officers' own accounts stay listed (the assignment picker)
				self.assertIn(self.world.users["workplace"], listed)
				response = self.request(
					role,
					"get",
					"/api/method/frappe.desk.search.search_link",
					query_string={"doctype": "User", "txt": "pr.member"},
				)
				found = {row["value"] for row in response.json["message"]}
				self.assertFalse(hidden & found)
		self.assertLessEqual({m1, m3}, self.listed("manager"))
		self.assertEqual(self.listed("member"), {m1})

	def test_only_ones_own_roles_are_answered(self):
		path = "/api/method/frappe.core.doctype.user.user.get_roles"
		response = self.request("secretary", "get", path, query_string={"uid": self.world.users["member3"]})
		self.assertEqual(response.status_code, 403)
		response = self.request("secretary", "get", path, query_string={"uid": self.world.users["secretary"]})
		self.assertEqual(response.status_code, 200)
		self.assertIn(roles.BRANCH_SECRETARY, response.json["message"])
