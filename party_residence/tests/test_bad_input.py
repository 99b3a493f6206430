"""Bad input: every DocType's API answers malformed documents with a clear 4xx and stores nothing;
HTML typed into a field stays text in print formats and on the portal; the validators decide,
for any input, what the Party Member form accepts (property-based, with hypothesis)."""

import json
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence import validators
from party_residence.tests.fixtures import ensure_world

MEMBER = "Party Member"
MISSING = "PR-NO-SUCH-RECORD-0000"
SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>'

# a valid document per DocType that has no procedure in front of it: a malformed value in one
# field is then the only thing wrong with the request
BASES = {
	"Party Organization": {
		"organization_code": "T-BAD-INPUT",
		"organization_name": "Chi bộ thử dữ liệu sai",
		"organization_type": "Branch",
		"side": "Residence",
		"parent_party_organization": "T-WARD-A",
	},
	MEMBER: {
		"full_name": "Đặng Thử Sai",
		"gender": "Male",
		"date_of_birth": "1990-01-01",
		"date_joined": "2015-01-01",
		"workplace_organization": "T-WP-X-B1",
		"residence_address": "Số 1 phố Thử",
	},
	"Residence Branch Meeting": {
		"residence_branch": "T-WARD-A-B1",
		"meeting_type": "Monthly Branch Meeting",
		"meeting_date": "2025-06-05",
	},
}
SETTINGS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": "Party Residence", "istable": 0, "issingle": 0, "is_virtual": 0},
		pluck="name",
	)


def malformed_values(df) -> list[tuple[str, object]]:
	"""(what is wrong, value) pairs for one field."""
	if df.fieldtype in table_fields:
		return [("rows that are not a list", "not rows"), ("a row that is not a document", ["row"])]
	values = [("a nested object", {"nested": ["object"]}), ("a list", ["a", "b"])]
	if df.read_only:
		return values  # the server sets it, whatever was sent (a status, a fetched sector)
	if df.fieldtype == "Select" and (df.options or "").strip():
		values.append(("an unknown option", "No Such Option"))
	if df.fieldtype == "Link":
		values.append(("a link to a missing record", MISSING))
	if df.fieldtype in ("Int", "Check", "Float", "Currency", "Percent"):
		values.append(("a word for a number", "many"))
	if df.fieldtype in ("Date", "Datetime"):
		values += [("a date in another format", "31/02/2026"), ("a number for a date", 12345)]
	if df.fieldtype == "Data" and not df.options:
		values.append(("an oversized text", "x" * ((df.length or 140) + 1)))
	if df.fieldtype in ("Small Text", "Text", "Text Editor"):
		values.append(("an oversized text", "x" * 70000))
	return values


class TestMalformedDocuments(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.client = get_test_client()

	def post(self, doctype, body):
		headers = {"Authorization": f"token {self.world.tokens['manager']}"}
		return make_request(
			target=self.client.post,
			args=(f"/api/resource/{doctype}",),
			kwargs={"headers": headers, "data": json.dumps(body), "content_type": "application/json"},
		)

	def count(self, doctype):
		frappe.db.rollback()  # past this test's snapshot: the requests run in their own connection
		return frappe.db.count(doctype)

	def test_the_bases_are_valid_documents(self):
		for doctype, base in BASES.items():
			with self.subTest(doctype=doctype):
				frappe.db.savepoint("base")
				frappe.get_doc({"doctype": doctype, **base}).insert()
				frappe.db.rollback(save_point="base")

	def test_every_doctype_refuses_malformed_documents_and_stores_nothing(self):
		for doctype in app_doctypes():
			base = BASES.get(doctype, {})
			before = self.count(doctype)
			payloads = [("a list instead of a document", [base]), ("a bare string", "text")]
			for df in frappe.get_meta(doctype).fields:
				if df.fieldtype in no_value_fields and df.fieldtype not in table_fields:
					continue
				payloads += [
					(f"{df.fieldname}: {problem}", {**base, df.fieldname: value})
					for problem, value in malformed_values(df)
				]
			for problem, body in payloads:
				with self.subTest(doctype=doctype, problem=problem):
					response = self.post(doctype, body)
					self.assertTrue(
						400 <= response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
					)
					self.assertTrue(response.json.get("_server_messages") or response.json.get("exception"))
			with self.subTest(doctype=doctype, problem="nothing stored"):
				self.assertEqual(self.count(doctype), before)

	def test_a_valid_document_still_goes_through(self):
		# the checks refuse what is malformed, not what is merely new
		from party_residence.payloads import document_problem

		for doctype, base in BASES.items():
			with self.subTest(doctype=doctype):
				self.assertIsNone(document_problem(doctype, base))
		meeting = {
			**BASES["Residence Branch Meeting"],
			"attendance": [{"party_member": "x", "attendance": "Present"}],
		}
		self.assertIsNone(document_problem("Residence Branch Meeting", meeting))


class TestHtmlStaysText(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_print_formats_escape_what_people_typed(self):
		from frappe.www.printview import get_html_and_style

		documents = {
			"Residence Introduction": (self.world.introductions["I1"], ("member_name", "residence_address")),
			"Residence Review Request": (self.world.requests["R1"], ("member_name", "note")),
			"Residence Review": (self.world.reviews["RV1"], ("member_name", "other_comments")),
		}
		for doctype, (name, fields) in documents.items():
			with self.subTest(doctype=doctype):
				doc = frappe.get_doc(doctype, name).as_dict()
				for field in fields:
					doc[field] = SCRIPT
				html = get_html_and_style(json.dumps(doc, default=str))["html"]
				self.assertNotIn("<script>", html)
				self.assertNotIn("<img src=x", html)
				self.assertIn("&lt;script&gt;", html)

	def test_the_portal_escapes_what_people_typed(self):
		from party_residence.www.my_residence import get_context

		frappe.db.set_value(MEMBER, self.world.members["M1"], "full_name", SCRIPT)
		frappe.set_user(self.world.users["member"])
		context = frappe._dict()
		get_context(context)
		template = frappe.get_jenv().get_template("party_residence/www/my-residence.html")
		html = "".join(template.blocks["page_content"](template.new_context(context)))
		self.assertNotIn("<img src=x", html)
		self.assertIn("&lt;img src=x", html)


class TestValidatorsDecide(FrappeTestCase):
	"""Whatever is typed, the form accepts exactly what validators.py accepts."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.taken = set(frappe.get_all(MEMBER, filters={"citizen_id": ("is", "set")}, pluck="citizen_id"))

	def try_insert(self, **values) -> str | None:
		"""The name of the member inserted with these values, or None when it was refused."""
		frappe.db.savepoint("member")
		try:
			return frappe.get_doc({"doctype": MEMBER, **BASES[MEMBER], **values}).insert().citizen_id or ""
		except frappe.ValidationError:
			return None
		finally:
			frappe.db.rollback(save_point="member")

	@SETTINGS
	@given(
		st.one_of(
			st.text(alphabet="0123456789 .-", max_size=20),
			st.text(alphabet="0123456789", min_size=11, max_size=13),
			st.text(max_size=16),
		)
	)
	def test_citizen_id(self, typed):
		normalized = validators.normalize_citizen_id(typed)
		assume(normalized not in self.taken)
		stored = self.try_insert(citizen_id=typed)
		if not normalized:
			self.assertIsNotNone(stored)  # the CCCD is optional
		elif validators.is_valid_citizen_id(typed):
			self.assertEqual(stored, normalized)
		else:
			self.assertIsNone(stored)

	@SETTINGS
	@given(
		st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31)),
		st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31)),
		st.one_of(st.none(), st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31))),
	)
	def test_member_dates(self, birth, joined, official):
		problem = validators.member_dates_problem(birth, joined, official, date.today())
		accepted = self.try_insert(
			date_of_birth=str(birth),
			date_joined=str(joined),
			date_official=str(official) if official else None,
		)
		self.assertEqual(accepted is not None, problem is None, problem)
