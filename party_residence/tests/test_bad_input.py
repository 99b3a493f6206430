"""Bad input: whatever a client sends into a field of the app, a whitelisted method of the app or
the query of a list, the answer is a clear 4xx and nothing is stored; HTML typed into a field
stays text in print formats and on the portal; the validators decide, for any input, what the
Party Member form accepts (property-based, with hypothesis).

The requests are generated from the DocType metadata and the methods' signatures: every value
field of every DocType of the app gets a value of each wrong JSON type (and, where the client may
write the field, text with control characters, text longer than its column, an unknown option),
through every path that writes a document (REST v1 and v2, frappe.client, the desk's save,
run_doc_method, the list's bulk edit); every argument of every whitelisted method of the app gets
values of the wrong kind and malformed JSON; every list endpoint gets malformed query arguments.
They are sent as the manager and as each staff role. After each refusal the row counts (and last
change) of every table of the app are what they were. Each class prints how many requests it sent
and how many got a server error.
"""

import importlib
import inspect
import json
import os
import pkgutil
import re
import typing
from datetime import date
from urllib.parse import urlencode

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import frappe
import party_residence
from frappe.model import no_value_fields, table_fields
from frappe.model.base_document import get_controller
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from party_residence import arguments, validators
from party_residence.exceptions import InvalidValueError
from party_residence.owned_fields import fetched_fields, owned_fields
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_world

MEMBER = "Party Member"
MODULE = "Party Residence"
MISSING = "PR-NO-SUCH-RECORD-0000"
# well-typed, so they pass the type checks: Frappe's own checks of links and lengths refuse them
# (the length of a one-line field once the controller has normalized it)
MISSING_LINK = "a link to a missing record"
LONGER_THAN_ITS_COLUMN = "one line longer than its column"
SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
STAFF = ("manager", "workplace", "committee", "secretary")
CONTROL = "Nguyễn\x00Văn\x1b[31mAn\x7f"
ONE_LINE = frozenset({"Data", "Link", "Dynamic Link", "Select", "Read Only", "Phone", "Autocomplete"})
# MariaDB's column sizes: varchar counts characters, text 65,535 bytes ("ư" takes two)
TEXT_BYTES = {"Small Text": 65535, "Text": 65535}

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
SETTINGS = settings(
	max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
FUZZ = settings(SETTINGS, max_examples=120)


# What the metadata says ---------------------------------------------------------------------------


def app_doctypes(**filters) -> list[str]:
	return frappe.get_all(
		"DocType", filters={"module": MODULE, "is_virtual": 0, **filters}, pluck="name", order_by="name"
	)


def value_fields(doctype: str) -> list:
	return [
		df
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype not in no_value_fields or df.fieldtype in table_fields
	]


def server_owned(doctype: str) -> set[str]:
	"""Fields the server puts back on every save: only their type is the client's business."""
	return set(owned_fields(doctype)) | {field for field, _link in fetched_fields(doctype)}


def column_length(df) -> int | None:
	"""Characters a one-line field's column holds; None when it is not a varchar."""
	if df.fieldtype in ONE_LINE:
		return df.length or 140
	return None


def wrong_values(df, owned: bool) -> list[tuple[str, object]]:
	"""(what is wrong, value) pairs for one field; each value must be refused."""
	kind = df.fieldtype
	if kind in table_fields:
		return [
			("text for rows", "not rows"),
			("a number for rows", 5),
			("an object for rows", {"row": 1}),
			("a row that is not an object", ["row"]),
		]
	if kind == "JSON":
		return [("a number", 12345), ("a boolean", True), ("text that is not JSON", "{not json")]
	containers = [("an object", {"nested": ["object"]}), ("a list", ["a", "b"])]
	if kind == "Int":
		return [("a word", "many"), ("a fraction", 2.5), ("a boolean", True), ("2^40", 2**40), *containers]
	if kind == "Check":
		return [("a word", "yes"), ("a fraction", 0.5), ("2", 2), *containers]
	if kind in ("Date", "Datetime"):
		return [
			("a number", 12345),
			("a boolean", False),
			("another format", "31/01/2026"),
			("an impossible date", "2026-02-30"),
			*containers,
		]
	if kind == "Time":
		return [("a number", 1930), ("a boolean", True), ("an impossible time", "25:61"), *containers]
	values = [("a number", 12345), ("a boolean", True), *containers]
	if owned:
		return values
	values.append(("control characters", CONTROL))
	if kind in ONE_LINE:
		values.append(("a line break", "Dòng một\nDòng hai"))
		values.append((LONGER_THAN_ITS_COLUMN, "x" * (column_length(df) + 1)))
	elif kind in TEXT_BYTES:
		values.append(("text longer than its column", "ư" * (TEXT_BYTES[kind] // 2 + 1)))
	if kind == "Select" and (df.options or "").strip():
		values.append(("an unknown option", "No Such Option"))
	if kind == "Link":
		values.append((MISSING_LINK, MISSING))
	return values


def wrong_value_strategy(df, owned: bool):
	"""Values of the wrong type for a field, generated; each must be refused."""
	containers = st.one_of(
		st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
		st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
	)
	kind = df.fieldtype
	if kind in table_fields:
		return st.one_of(
			st.integers(),
			st.text(max_size=10),
			st.booleans(),
			st.lists(st.one_of(st.integers(), st.text(max_size=5)), min_size=1, max_size=3),
		)
	if kind == "JSON":
		return st.one_of(
			st.integers(),
			st.booleans(),
			st.text(min_size=1, max_size=10).filter(lambda text: text.strip() and _not_json(text)),
		)
	if kind == "Int":
		words = st.text(min_size=1, max_size=10).filter(_not_a_number)
		return st.one_of(
			words, st.floats(allow_nan=False, allow_infinity=False).filter(_fraction), containers
		)
	if kind == "Check":
		return st.one_of(st.integers().filter(lambda number: number not in (0, 1)), containers)
	if kind in ("Date", "Datetime", "Time"):
		return st.one_of(st.integers(), st.booleans(), st.text(max_size=12).filter(_not_a_date), containers)
	wrong_type = st.one_of(
		st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), containers
	)
	if owned:
		return wrong_type
	controls = st.sampled_from([chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85)])
	with_control = st.tuples(st.text(max_size=8), controls, st.text(max_size=8)).map("".join)
	return st.one_of(wrong_type, with_control)


def _not_a_number(text: str) -> bool:
	"""Text that is neither blank (no value) nor a whole number."""
	return bool(text.strip()) and not text.strip().lstrip("+-").isdigit()


def _fraction(number: float) -> bool:
	return not number.is_integer()


def _not_json(text: str) -> bool:
	try:
		json.loads(text)
	except ValueError:
		return True
	return False


def _not_a_date(text: str) -> bool:
	if not text.strip():
		return False  # blank: no value
	try:
		arguments.to_datetime(text)
	except arguments.Refused:
		try:
			arguments.to_time(text)
		except arguments.Refused:
			return True
	return False


def document_cases(doctype: str) -> list[tuple[str, str, dict]]:
	"""(field, what is wrong, changes) for every value field of `doctype`, those of its rows included."""
	cases = []
	owned = server_owned(doctype)
	for df in value_fields(doctype):
		if df.fieldtype in table_fields:
			cases += [(df.fieldname, what, {df.fieldname: value}) for what, value in wrong_values(df, False)]
			# the rows of a table the procedure owns are put back whole
			child_owned = server_owned(df.options)
			for child in value_fields(df.options):
				owned_row = df.fieldname in owned or child.fieldname in child_owned
				cases += [
					(f"{df.fieldname}.{child.fieldname}", what, {df.fieldname: [{child.fieldname: value}]})
					for what, value in wrong_values(child, owned_row)
				]
		else:
			cases += [
				(df.fieldname, what, {df.fieldname: value})
				for what, value in wrong_values(df, df.fieldname in owned)
			]
	return cases


def app_methods() -> list[tuple[str, typing.Callable]]:
	"""(dotted path, function) of every whitelisted function of the app's modules."""
	for module in pkgutil.walk_packages(party_residence.__path__, "party_residence."):
		if ".tests" not in module.name and ".patches" not in module.name and "test_" not in module.name:
			importlib.import_module(module.name)
	return sorted(
		(f"{function.__module__}.{function.__name__}", function)
		for function in frappe.whitelisted
		if function.__module__.startswith("party_residence.")
		and "." not in function.__qualname__
		# compat/ replaces Frappe's own endpoints and keeps their arguments, for every DocType
		and not function.__module__.startswith("party_residence.compat.")
	)


def parameters(function) -> list[tuple[str, object, bool]]:
	"""(name, type hint, required) of a function's named parameters."""
	hints = typing.get_type_hints(inspect.unwrap(function), include_extras=True)
	return [
		(name, hints.get(name, typing.Any), parameter.default is inspect.Parameter.empty)
		for name, parameter in inspect.signature(function).parameters.items()
		if parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
	]


def bare(hint):
	"""`X` of `X | None`, and `Filters` of `Filters["DocType"]`."""
	options = [option for option in typing.get_args(hint) if option is not type(None)]
	if typing.get_origin(hint) in (typing.Union, type(int | None)) and len(options) == 1:
		hint = options[0]
	return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def placeholder(hint):
	"""A well-formed argument that names nothing the test world holds."""
	hint = bare(hint)
	return {
		str: MISSING,
		arguments.Text: "Lý do thử",
		int: 0,
		arguments.Count: 0,
		bool: False,
		date: "2026-01-01",
		arguments.Filters: [],
		dict: {},
	}.get(hint, [MISSING] if typing.get_origin(hint) is list else MISSING)


def wrong_arguments(hint) -> list[tuple[str, object]]:
	"""(what is wrong, value) pairs for an argument; each must be refused."""
	with_doctype = any(
		typing.get_origin(option) is arguments.Filters for option in (hint, *typing.get_args(hint))
	)
	hint = bare(hint)
	containers = [("an object", {"a": 1}), ("a list", ["a"])]
	if hint is str:
		return [
			("a number", 5),
			("a boolean", True),
			*containers,
			("control characters", CONTROL),
			("a line break", "a\nb"),
			("text longer than a name", "x" * 141),
		]
	if hint is arguments.Text:
		return [
			("a number", 5),
			("a boolean", True),
			*containers,
			("control characters", CONTROL),
			("text longer than its column", "ư" * 40000),
		]
	if hint is int:
		return [("a word", "many"), ("a fraction", 2.5), ("a boolean", True), ("2^40", 2**40), *containers]
	if hint is arguments.Count:
		return [
			("a negative number", -1),
			("a word", "many"),
			("a fraction", 2.5),
			("2^40", 2**40),
			*containers,
		]
	if hint is bool:
		return [("a word", "maybe"), ("2", 2), *containers]
	if hint is date:
		return [
			("a number", 5),
			("another format", "31/01/2026"),
			("an impossible date", "2026-02-30"),
			*containers,
		]
	if typing.get_origin(hint) is list:
		return [
			("a number", 5),
			("a boolean", True),
			("text that is not JSON", "not json"),
			("malformed JSON", '["a"'),
			("JSON that is not a list", '{"a": 1}'),
			("a JSON number", "5"),
			("a list of numbers", [1, 2]),
			("a name with control characters", [CONTROL]),
		]
	if hint is dict:
		return [
			("a number", 5),
			("a boolean", True),
			("text that is not JSON", "not json"),
			("malformed JSON", '{"a"'),
			("JSON that is not an object", '["a"]'),
			("a list", ["a"]),
		]
	if hint is arguments.Filters:
		wrong = [*BAD_FILTERS, ("a number", 5), ("a boolean", True)]
		if with_doctype:  # Filters["DocType"]: the fields are those of the DocType
			wrong.append(("a field the list does not have", '[["no_such_field", "=", "x"]]'))
		return wrong
	return []


BAD_FILTERS = [
	("text that is not JSON", "not json"),
	("malformed JSON", "[["),
	("a JSON number", "5"),
	("a JSON string", '"name"'),
	("a condition without operator", '[["name"]]'),
	("a condition that is a word", '["name"]'),
	("an unknown operator", '[["name", "~", "x"]]'),
	("an object as a value", '[["name", "=", {"a": 1}]]'),
	("an object in a filter object", '{"name": {"a": 1}}'),
	("an operator without value", '{"name": ["="]}'),
	("a list in a list", '[["name", "in", [["x"]]]]'),
	("between with one value", '[["name", "between", ["2026-01-01"]]]'),
	("a number as field", '[[5, "=", "x"]]'),
	("control characters", '[["name", "=", "a\\u0000b"]]'),
	("a field name that is an expression", '[["name`) or (1", "=", "x"]]'),
]
BAD_QUERIES = [
	*(("filters", what, value) for what, value in BAD_FILTERS),
	("or_filters", "text that is not JSON", "not json"),
	("or_filters", "a condition without operator", '[["name"]]'),
	("fields", "text that is not JSON", "not json"),
	("fields", "a JSON number", "5"),
	("fields", "an expression", '["(("]'),
	("fields", "an object", '[{"a": 1}]'),
	("fields", "a subquery", '["name from `tabUser`"]'),
	("filters", "a field the list does not have", '[["no_such_field", "=", "x"]]'),
	("filters", "a field the list does not have", '{"no_such_field": "x"}'),
	("order_by", "a column the list does not have", "no_such_column desc"),
	("group_by", "a column the list does not have", "`tabUser`.`name`"),
	("order_by", "brackets", "(("),
	("order_by", "two statements", "name desc; select 1"),
	("order_by", "an unknown direction", "name sideways"),
	("group_by", "brackets", "(("),
	("group_by", "a closing bracket", "name)"),
	("start", "a negative start", "-1"),
	("limit_start", "a start past any number", "1e30"),
	("page_length", "a negative page length", "-5"),
	("limit_page_length", "a page length in words", "ten"),
	("limit", "a limit that is a list", "[1]"),
]
QUERY_ENDPOINTS = (
	("get", "/api/resource/{doctype}"),
	("get", "/api/v2/document/{doctype}"),
	("get", "/api/v2/doctype/{doctype}/count"),
	("get", "/api/method/frappe.client.get_list"),
	("get", "/api/method/frappe.client.get_count"),
	("post", "/api/method/frappe.desk.reportview.get"),
	("post", "/api/method/frappe.desk.reportview.get_count"),
	("get", "/api/method/frappe.client.get_value"),
)


# Requests -----------------------------------------------------------------------------------------

CHECKS = frozenset({"InvalidValueError", "InvalidArgumentError"})


def error_type(response) -> str | None:
	"""The exception class a refusal names (REST v1 and methods: exc_type; v2: errors[].type)."""
	body = response.json or {}
	if errors := body.get("errors"):
		return errors[0].get("type")
	return body.get("exc_type")


class RequestsTestCase(FrappeTestCase):
	"""Sends requests as the test world's users and checks that a refusal changed no table."""

	tried = 0
	server_errors = 0

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.client = get_test_client()
		cls.tables = [f"tab{doctype}" for doctype in app_doctypes(issingle=0)]
		cls.tried = cls.server_errors = 0

	@classmethod
	def tearDownClass(cls):
		print(f"\n{cls.__name__}: {cls.tried} requests, {cls.server_errors} server errors")
		super().tearDownClass()

	def setUp(self):
		self.before = self.tables_state()

	def tables_state(self) -> dict:
		frappe.db.rollback()  # past this test's snapshot: the requests run in their own connection
		return {
			table: frappe.db.sql(f"select count(*), max(modified) from `{table}`")[0] for table in self.tables
		}

	def send(self, user: str, method: str, path: str, **kwargs):
		headers = {"Authorization": f"token {self.world.tokens[user]}"}
		response = make_request(
			target=getattr(self.client, method), args=(path,), kwargs={"headers": headers, **kwargs}
		)
		type(self).tried += 1
		if response.status_code >= 500:
			type(self).server_errors += 1
		return response

	def assert_refused(self, response, what: str, by_the_checks: bool = True):
		"""A 4xx, given by the app's checks of values and arguments (not by something further on that
		happened to fail), and no table changed."""
		text = response.get_data(as_text=True)
		self.assertTrue(400 <= response.status_code < 500, f"{what}: {response.status_code} {text[:500]}")
		if by_the_checks:
			self.assertIn(error_type(response), CHECKS, f"{what}: {text[:500]}")
		self.assert_nothing_changed(what)

	def assert_no_server_error(self, response, what: str):
		text = response.get_data(as_text=True)
		self.assertLess(response.status_code, 500, f"{what}: {text[:500]}")
		if response.status_code >= 400:
			self.assert_nothing_changed(what)

	def assert_nothing_changed(self, what: str):
		self.assertEqual(self.tables_state(), self.before, f"{what}: a table of the app changed")


class TestEveryFieldOnEveryPath(RequestsTestCase):
	"""Every value field of every DocType of the app, with each wrong value, on every path that
	writes a document; the path and the user change from one request to the next."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = cls.world
		cls.stored = {
			"Party Organization": "T-WARD-A-B2",
			MEMBER: world.members["M5"],
			"Residence Introduction": world.introductions["I2"],
			"Residence Introduction Batch": world.batches["B1"],
			"Residence Branch Meeting": world.meetings["MT1"],
			"Residence Activity": world.activities["A1"],
			"Residence Review Request": world.requests["R1"],
			"Residence Review": world.reviews["RV1"],
			"Residence Review Campaign": world.campaigns["C1"],
			"Member Self Report": world.self_reports["SR1"],
			"Residence Change": world.changes["CH1"],
			"Violation Notice": world.violations["V1"],
			"Residence Liaison Report": world.liaison_reports["LR1"],
			"Review Criterion": frappe.get_all("Review Criterion", pluck="name", limit=1)[0],
			"Party Sector": "Other",
			"Party Residence Settings": "Party Residence Settings",
			"Signing Identity": world.signing_identities["SI1"],
			"Signed Document": world.signed_documents["SD1"],
		}
		cls.methods = {
			doctype: next(
				(
					name
					for name, function in inspect.getmembers(get_controller(doctype))
					if function in frappe.whitelisted and name not in ("submit", "cancel", "rename")
				),
				"submit",
			)
			for doctype in cls.stored
		}
		cls.documents = {
			doctype: json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict()))
			for doctype, name in cls.stored.items()
		}
		cls.insert_paths = [
			cls.rest_insert,
			cls.rest_v2_insert,
			cls.client_insert,
			cls.client_insert_many,
			cls.desk_save_new,
		]
		cls.update_paths = [
			cls.rest_update,
			cls.rest_v2_update,
			cls.client_set_value,
			cls.client_save,
			cls.client_submit,
			cls.client_bulk_update,
			cls.desk_save,
			cls.run_doc_method,
			cls.list_bulk_edit,
			cls.apply_workflow,
		]
		cls.past_the_checks = {
			cls.client_bulk_update,
			cls.list_bulk_edit,
			cls.apply_workflow,
			cls.run_doc_method,
		}

	def test_the_stored_documents_cover_every_doctype(self):
		self.assertEqual(set(self.stored), set(app_doctypes(istable=0)))

	def test_every_field_refuses_every_wrong_value(self):
		count = 0
		for doctype in sorted(self.stored):
			single = frappe.get_meta(doctype).issingle
			paths = self.update_paths if single else self.insert_paths + self.update_paths
			for field, what, changes in document_cases(doctype):
				typed = what not in (MISSING_LINK, LONGER_THAN_ITS_COLUMN)
				# a value of the right type gets past the checks of the request to Frappe's bulk
				# methods (which answer 200 and list what failed), to apply_workflow (which reads the
				# stored document) and to run_doc_method (which saves nothing): those get the wrong types
				usable = paths if typed else [path for path in paths if path not in self.past_the_checks]
				path = usable[count % len(usable)]
				user = STAFF[(count // len(paths)) % len(STAFF)]
				count += 1
				with self.subTest(doctype=doctype, field=field, what=what):
					response = path(self, user, doctype, changes)
					self.assert_refused(
						response, f"{doctype}.{field}: {what}, {path.__name__} as {user}", by_the_checks=typed
					)
		self.assertGreater(count, 1000)

	def test_standard_fields_and_method_names_are_refused(self):
		hostile = [
			("a name that is an object", {"name": {"a": 1}}),
			("a docstatus that is a word", {"docstatus": "submitted"}),
			("a row index that is a word", {"idx": "first"}),
			("a modified stamp that is no date", {"modified": "yesterday"}),
			("a key that replaces a method", {"validate": "x"}),
			("a key that replaces a method", {"save": 1}),
			("a key that stands in for what the server works out", {"_parent_doc": {"name": "x"}}),
			("a key that stands in for what the server works out", {"_action": "submit"}),
		]
		count = 0
		for doctype in sorted(self.stored):
			paths = self.insert_paths + self.update_paths
			for what, changes in hostile:
				path = paths[count % len(paths)]
				user = STAFF[count % len(STAFF)]
				count += 1
				self.assert_refused(path(self, user, doctype, changes), f"{doctype}: {what}, {path.__name__}")

	def test_malformed_documents_are_refused(self):
		member = self.stored[MEMBER]
		cases = [
			("post", "/api/method/frappe.client.insert", {"data": {"doc": "{not json"}}),
			("post", "/api/method/frappe.client.insert", {"json": {"doc": ["a list"]}}),
			("post", "/api/method/frappe.client.save", {"data": {"doc": "[1, 2"}}),
			(
				"post",
				"/api/method/frappe.client.insert_many",
				{"data": {"docs": '{"doctype": "Party Member"}'}},
			),
			("post", "/api/method/frappe.client.bulk_update", {"data": {"docs": "not json"}}),
			("post", "/api/method/frappe.client.bulk_update", {"data": {"docs": "[5]"}}),
			("post", "/api/method/frappe.desk.form.save.savedocs", {"data": {"doc": "{", "action": "Save"}}),
			(
				"post",
				"/api/method/frappe.desk.form.save.savedocs",
				{"data": {"doc": json.dumps(self.documents[MEMBER]), "action": "Destroy"}},
			),
			("post", "/api/method/ping", {"json": {"cmd": ["frappe.client.get_count"]}}),
			("post", "/api/method/ping", {"json": {"cmd": {"method": "frappe.client.get_count"}}}),
			("post", "/api/method/run_doc_method", {"data": {"docs": "{not json", "method": "submit"}}),
			(
				"post",
				"/api/method/run_doc_method",
				{"data": {"docs": json.dumps(self.documents[MEMBER]), "method": "no_such_method"}},
			),
			("post", "/api/method/run_doc_method", {"data": {"dt": MEMBER, "dn": member, "method": "nope"}}),
			("post", "/api/v2/method/run_doc_method", {"json": {"document": "{x", "method": "submit"}}),
			("get", "/api/method/run_doc_method?" + urlencode({"docs": "{x", "method": "submit"}), {}),
			(
				"post",
				"/api/method/frappe.client.set_value",
				{"json": {"doctype": ["a", "list"], "name": member, "fieldname": "full_name"}},
			),
			("post", f"/api/resource/{MEMBER}", {"json": [BASES[MEMBER]]}),
			("put", f"/api/resource/{MEMBER}/{member}", {"json": ["a", "list"]}),
			(
				"post",
				"/api/method/frappe.model.workflow.apply_workflow",
				{"data": {"doc": "x", "action": "Send"}},
			),
			(
				"post",
				"/api/method/frappe.website.doctype.web_form.web_form.accept",
				{"data": {"web_form": "residence-duties-self-report", "data": "[1]"}},
			),
		]
		for index, (method, path, kwargs) in enumerate(cases):
			user = STAFF[index % len(STAFF)]
			self.assert_refused(self.send(user, method, path, **kwargs), f"{path} {kwargs}")
		# a JSON body that is not an object nor a list Frappe refuses itself, before any app's hook
		response = self.send("manager", "post", f"/api/resource/{MEMBER}", json="text")
		self.assert_refused(response, "a JSON string as the body", by_the_checks=False)

	@FUZZ
	@given(st.data())
	def test_generated_wrong_values_are_refused(self, data):
		doctype = data.draw(st.sampled_from(sorted(self.stored)), label="doctype")
		owned = server_owned(doctype)
		df = data.draw(st.sampled_from(value_fields(doctype)), label="field")
		if df.fieldtype in table_fields:
			child = data.draw(st.sampled_from(value_fields(df.options)), label="row field")
			owned_row = df.fieldname in owned or child.fieldname in server_owned(df.options)
			value = data.draw(wrong_value_strategy(child, owned_row))
			changes = {df.fieldname: [{child.fieldname: value}]}
		else:
			value = data.draw(wrong_value_strategy(df, df.fieldname in owned), label="value")
			changes = {df.fieldname: value}
		single = frappe.get_meta(doctype).issingle
		path = data.draw(
			st.sampled_from(self.update_paths if single else self.insert_paths + self.update_paths)
		)
		user = data.draw(st.sampled_from(STAFF), label="user")
		response = path(self, user, doctype, changes)
		self.assert_refused(response, f"{doctype} {changes!r:.200} {path.__name__} as {user}")

	# the paths

	def new_document(self, doctype, changes):
		return {"doctype": doctype, **BASES.get(doctype, {}), **changes}

	def changed_document(self, doctype, changes):
		return {**self.documents[doctype], **changes}

	def rest_insert(self, user, doctype, changes):
		return self.send(user, "post", f"/api/resource/{doctype}", json=self.new_document(doctype, changes))

	def rest_v2_insert(self, user, doctype, changes):
		return self.send(
			user, "post", f"/api/v2/document/{doctype}", json=self.new_document(doctype, changes)
		)

	def client_insert(self, user, doctype, changes):
		document = json.dumps(self.new_document(doctype, changes))
		return self.send(user, "post", "/api/method/frappe.client.insert", data={"doc": document})

	def client_insert_many(self, user, doctype, changes):
		documents = [self.new_document(doctype, changes)]
		return self.send(user, "post", "/api/method/frappe.client.insert_many", json={"docs": documents})

	def desk_save_new(self, user, doctype, changes):
		slug = doctype.lower().replace(" ", "-")
		# the name a new form gives, unless the change is the name
		document = {"name": f"new-{slug}-1", "__islocal": 1, **self.new_document(doctype, changes)}
		return self.send(
			user,
			"post",
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(document), "action": "Save"},
		)

	def rest_update(self, user, doctype, changes):
		return self.send(user, "put", f"/api/resource/{doctype}/{self.stored[doctype]}", json=changes)

	def rest_v2_update(self, user, doctype, changes):
		return self.send(user, "patch", f"/api/v2/document/{doctype}/{self.stored[doctype]}", json=changes)

	def client_set_value(self, user, doctype, changes):
		arguments = {"doctype": doctype, "name": self.stored[doctype], "fieldname": json.dumps(changes)}
		return self.send(user, "post", "/api/method/frappe.client.set_value", json=arguments)

	def client_save(self, user, doctype, changes):
		document = json.dumps(self.changed_document(doctype, changes))
		return self.send(user, "post", "/api/method/frappe.client.save", data={"doc": document})

	def client_submit(self, user, doctype, changes):
		document = json.dumps(self.changed_document(doctype, changes))
		return self.send(user, "post", "/api/method/frappe.client.submit", data={"doc": document})

	def client_bulk_update(self, user, doctype, changes):
		documents = json.dumps([{"doctype": doctype, "docname": self.stored[doctype], **changes}])
		return self.send(user, "post", "/api/method/frappe.client.bulk_update", data={"docs": documents})

	def desk_save(self, user, doctype, changes):
		document = json.dumps(self.changed_document(doctype, changes))
		return self.send(
			user,
			"post",
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": document, "action": "Save"},
		)

	def run_doc_method(self, user, doctype, changes):
		document = json.dumps(self.changed_document(doctype, changes))
		method = self.methods[doctype]
		return self.send(
			user, "post", "/api/method/run_doc_method", data={"docs": document, "method": method}
		)

	def list_bulk_edit(self, user, doctype, changes):
		arguments = {
			"doctype": doctype,
			"docnames": [self.stored[doctype]],
			"action": "update",
			"data": changes,
		}
		return self.send(
			user,
			"post",
			"/api/method/frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
			json=arguments,
		)

	def apply_workflow(self, user, doctype, changes):
		document = json.dumps(self.changed_document(doctype, changes))
		return self.send(
			user,
			"post",
			"/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": document, "action": "Send"},
		)


class TestEveryMethodArgument(RequestsTestCase):
	"""Every argument of every whitelisted function of the app, with values of the wrong kind."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.methods = app_methods()

	def call(self, user, path, arguments):
		return self.send(user, "post", f"/api/method/{path}", json=arguments)

	def test_the_methods_are_found(self):
		paths = {path for path, _function in self.methods}
		self.assertIn("party_residence.api.introduction.create_batch", paths)
		self.assertIn("party_residence.api.meeting.get_calendar_events", paths)
		self.assertIn("party_residence.queries.party_member_query", paths)

	def test_every_argument_refuses_every_wrong_value(self):
		count = 0
		for path, function in self.methods:
			signature = parameters(function)
			base = {name: placeholder(hint) for name, hint, _required in signature}
			for name, hint, _required in signature:
				wrong = wrong_arguments(hint)
				self.assertTrue(wrong, f"{path}({name}): no wrong values for {hint}")
				for what, value in wrong:
					user = STAFF[count % len(STAFF)]
					count += 1
					response = self.call(user, path, {**base, name: value})
					# the checks of scope and hidden fields run first and may refuse before
					self.assert_refused(
						response,
						f"{path}({name}={what}) as {user}",
						by_the_checks=response.status_code != 403,
					)
			for name, _hint, required in signature:
				if required:
					user = STAFF[count % len(STAFF)]
					count += 1
					arguments = {key: value for key, value in base.items() if key != name}
					response = self.call(user, path, arguments)
					self.assert_refused(
						response, f"{path} without {name}", by_the_checks=response.status_code != 403
					)

	@FUZZ
	@given(st.data())
	def test_generated_arguments_give_no_server_error(self, data):
		path, function = data.draw(st.sampled_from(self.methods), label="method")
		signature = parameters(function)
		assume(signature)
		name, _hint, _required = data.draw(st.sampled_from(signature), label="argument")
		json_values = st.recursive(
			st.one_of(
				st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
			),
			lambda children: (
				st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
			),
			max_leaves=10,
		)
		value = data.draw(
			st.one_of(json_values, json_values.map(json.dumps), st.text(max_size=30)), label="value"
		)
		user = data.draw(st.sampled_from(STAFF), label="user")
		base = {key: placeholder(hint) for key, hint, _required in signature}
		response = self.call(user, path, {**base, name: value})
		self.assert_no_server_error(response, f"{path}({name}={value!r:.200}) as {user}")


class TestEveryListQuery(RequestsTestCase):
	"""The query arguments of the list, count and report endpoints, on every DocType of the app."""

	def query(self, user, endpoint, doctype, arguments):
		method, path = endpoint
		path = path.format(doctype=doctype)
		if "/api/method/" in path:
			arguments = {"doctype": doctype, **arguments}
			if path.endswith("get_value"):
				arguments.setdefault("fieldname", "name")
		if method == "get":
			return self.send(user, "get", f"{path}?{urlencode(arguments)}")
		return self.send(user, "post", path, data=arguments)

	def test_every_malformed_query_is_refused(self):
		count = 0
		for doctype in app_doctypes(istable=0, issingle=0):
			for key, what, value in BAD_QUERIES:
				endpoint = QUERY_ENDPOINTS[count % len(QUERY_ENDPOINTS)]
				user = STAFF[(count // len(QUERY_ENDPOINTS)) % len(STAFF)]
				count += 1
				if endpoint[1].endswith("get_value") and key == "filters" and value == "not json":
					endpoint = QUERY_ENDPOINTS[0]  # get_value takes text that is not JSON as a name
				response = self.query(user, endpoint, doctype, {key: value})
				self.assert_refused(response, f"{doctype} {key}={what} on {endpoint[1]} as {user}")

	def test_arguments_frappe_would_fail_on_are_refused(self):
		member = self.world.members["M1"]
		calls = [
			("get", f"/api/resource/party member/{member}", {}),
			("post", "/api/method/party_residence.queries.party_member_query", {"start": -1, "page_len": 5}),
			("post", "/api/method/frappe.desk.search.search_link", {"txt": "", "page_length": -1}),
			("post", "/api/method/frappe.desk.reportview.get_sidebar_stats", {"stats": ""}),
			("post", "/api/method/frappe.desk.reportview.get_stats", {"stats": "5"}),
			("post", "/api/method/frappe.client.validate_link", {"docname": member, "fields": ""}),
			("post", "/api/method/frappe.client.validate_link", {"docname": member, "fields": '["no_such"]'}),
			(
				"post",
				"/api/method/frappe.desk.calendar.get_events",
				{"start": "2026-01-01", "end": "2026-12-31", "field_map": json.dumps({"a": 1})},
			),
			(
				"post",
				"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
				{
					"doc": json.dumps(
						{"document_type": MEMBER, "function": "Count", "type": "Document Type"}
					),
					"filters": json.dumps({"no_such": 1}),
				},
			),
		]
		for verb, path, sent in calls:
			with self.subTest(path=path, sent=sent):
				if "/api/method/" in path and "doc" not in sent:
					sent = {"doctype": MEMBER, "searchfield": "name", "txt": "", **sent}
				response = self.send("secretary", verb, path, **({"data": sent} if sent else {}))
				self.assert_refused(response, f"{path} {sent}", by_the_checks=False)
		# what the desk itself sends still works
		working = [
			("frappe.desk.reportview.get_sidebar_stats", {"stats": json.dumps(["_user_tags"])}),
			("frappe.client.validate_link", {"docname": member, "fields": json.dumps(["full_name"])}),
			("frappe.desk.search.search_link", {"txt": "", "page_length": 10}),
		]
		for method, sent in working:
			with self.subTest(method=method):
				response = self.send(
					"secretary", "post", f"/api/method/{method}", data={"doctype": MEMBER, **sent}
				)
				self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])

	def test_well_formed_queries_still_work(self):
		good = {
			"filters": json.dumps([["name", "like", "%"]]),
			"fields": json.dumps(["name", "`tabParty Member`.`modified`"]),
			"order_by": "`tabParty Member`.`modified` desc, name asc",
		}
		for endpoint in QUERY_ENDPOINTS[:2]:
			response = self.query("manager", endpoint, MEMBER, good)
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		response = self.query("manager", QUERY_ENDPOINTS[-1], MEMBER, {"filters": self.world.members["M1"]})
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])

	@FUZZ
	@given(st.data())
	def test_generated_queries_give_no_server_error(self, data):
		doctype = data.draw(st.sampled_from(app_doctypes(istable=0, issingle=0)), label="doctype")
		key = data.draw(
			st.sampled_from(["filters", "or_filters", "fields", "order_by", "group_by"]), label="key"
		)
		scalars = st.one_of(
			st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
		)
		json_values = st.recursive(
			scalars,
			lambda children: (
				st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=3)
			),
			max_leaves=8,
		)
		# conditions that look like Frappe's: a field of the DocType, an operator, a value of any shape
		fields = st.sampled_from([df.fieldname for df in value_fields(doctype)] + ["name", "modified"])
		operators = st.sampled_from(sorted(arguments.OPERATORS)) | st.text(max_size=6)
		conditions = st.lists(
			st.tuples(fields, operators, json_values).map(list), min_size=1, max_size=3
		) | st.dictionaries(
			fields, scalars | st.tuples(operators, json_values).map(list), min_size=1, max_size=3
		)
		value = data.draw(
			st.one_of(
				conditions.map(json.dumps), json_values.map(json.dumps), st.text(min_size=1, max_size=30)
			),
			label="value",
		)
		endpoint = data.draw(st.sampled_from(QUERY_ENDPOINTS), label="endpoint")
		user = data.draw(st.sampled_from(STAFF), label="user")
		response = self.query(user, endpoint, doctype, {key: value})
		self.assert_no_server_error(response, f"{doctype} {key}={value!r:.300} on {endpoint[1]}")


def report_filters(report: str) -> list[frappe._dict]:
	"""The filters a script report's form offers (fieldname, fieldtype), read from its script; a
	filter it takes from the bundle (`party_residence.year_filter()`) is read from there."""
	path = os.path.join(
		frappe.get_module_path(MODULE), "report", frappe.scrub(report), f"{frappe.scrub(report)}.js"
	)
	with open(path) as script:
		text = script.read()
	with open(frappe.get_app_path("party_residence", "public", "js", "party_residence.bundle.js")) as bundle:
		shared = dict(
			re.findall(r"^party_residence\.(\w+_filter) = (.*?)^\}\);$", bundle.read(), re.S | re.M)
		)
	text = re.sub(r"party_residence\.(\w+_filter)\(", lambda call: shared[call.group(1)], text)
	return [
		frappe._dict(fieldname=fieldname, fieldtype=fieldtype)
		for fieldname, fieldtype in re.findall(
			r'fieldname:\s*"(\w+)",[^}]*?fieldtype:\s*"([\w ]+)"', text, re.S
		)
	]


def wrong_filter_values(fieldtype: str) -> list[tuple[str, object]]:
	containers = [("an object", {"a": 1}), ("a list", ["a"])]
	if fieldtype == "Int":
		return [
			("a word", "many"),
			("a fraction", 2.5),
			("a boolean", True),
			("a year out of range", 99999),
			*containers,
		]
	if fieldtype == "Check":
		return [("a word", "maybe"), ("2", 2), *containers]
	if fieldtype == "Date":
		return [
			("a number", 5),
			("another format", "31/01/2026"),
			("an impossible date", "2026-02-30"),
			*containers,
		]
	return [
		("a number", 5),
		("a boolean", True),
		("control characters", CONTROL),
		("text longer than a name", "x" * 141),
		*containers,
	]


class TestEveryReportFilter(RequestsTestCase):
	"""Every filter of every script report of the app, with values of the wrong kind."""

	def run_report(self, user, report, filters):
		arguments = {
			"report_name": report,
			"filters": filters if isinstance(filters, str) else json.dumps(filters),
		}
		return self.send(user, "post", "/api/method/frappe.desk.query_report.run", data=arguments)

	def test_every_report_filter_refuses_every_wrong_value(self):
		reports = frappe.get_all(
			"Report", filters={"module": MODULE, "report_type": "Script Report"}, pluck="name"
		)
		self.assertGreaterEqual(len(reports), 6)
		count = 0
		for report in sorted(reports):
			filters = report_filters(report)
			self.assertTrue(filters, report)
			cases = [
				(f"{df.fieldname}: {what}", {df.fieldname: value})
				for df in filters
				for what, value in wrong_filter_values(df.fieldtype)
			]
			cases += [("text that is not JSON", "{not json"), ("a JSON list", "[1]"), ("a JSON number", "5")]
			for what, value in cases:
				user = STAFF[count % len(STAFF)]
				count += 1
				response = self.run_report(user, report, value)
				# a role the report is not for is refused before its filters are read
				self.assert_refused(
					response, f"{report} {what} as {user}", by_the_checks=response.status_code != 403
				)

	def test_a_missing_organization_is_refused(self):
		for report in ("Overdue", "Residence Liaison Summary"):
			response = self.run_report("manager", report, {"organization": MISSING})
			self.assert_refused(response, report, by_the_checks=False)


class TestTheDocumentItself(FrappeTestCase):
	"""The checks hold for every save, whatever path it took: Data Import, web forms and the app's
	own code included."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()

	def member(self, **values):
		return frappe.get_doc({"doctype": MEMBER, **BASES[MEMBER], **values})

	def test_a_wrong_type_is_refused_before_the_controller_runs(self):
		for values in (
			{"full_name": 5},
			{"full_name": CONTROL},
			{"full_name": "Dòng một\nDòng hai"},
			{"party_card_number": True},
			{"citizen_id": 30080000001},
			{"gender": "Robot"},
			{"date_of_birth": "31/01/1990"},
			{"residence_address": {"street": "Số 1"}},
			{"liaison_status": ["Active"]},  # owned by the procedure: its type is checked all the same
		):
			with self.subTest(values=values), self.assertRaises(InvalidValueError):
				self.member(**values).insert()

	def test_every_controller_checks_its_fields(self):
		from party_residence.payloads import FieldValuesMixin

		for doctype in app_doctypes(istable=0):
			with self.subTest(doctype=doctype):
				self.assertTrue(issubclass(get_controller(doctype), FieldValuesMixin))

	def test_the_refusal_names_the_field_in_vietnamese(self):
		frappe.local.lang = "vi"
		try:
			with self.assertRaises(InvalidValueError) as caught:
				self.member(full_name=5).insert()
			message = str(caught.exception)
			self.assertEqual(
				message, frappe._("{0} must be text.").format(frappe.bold(frappe._("Full Name")))
			)
			self.assertIn("phải là văn bản", message)
		finally:
			frappe.local.lang = "en"

	def test_text_is_trimmed_and_numbers_cast_as_frappe_stores_them(self):
		member = self.member(full_name="  Đặng Thử Cắt  ", residence_address="\tSố 1 phố Thử \n").insert()
		self.assertEqual(member.full_name, "Đặng Thử Cắt")
		self.assertEqual(member.residence_address, "Số 1 phố Thử")
		activity = frappe.get_doc(
			{
				"doctype": "Residence Activity",
				"party_member": self.world.members["M1"],
				"activity_date": "2026-01-21",
				"duty": 4,
				"description": "Dự họp tổ dân phố",
			}
		).insert()
		self.assertEqual(activity.duty, "4")
		report = frappe.get_doc(
			{"doctype": "Member Self Report", "party_member": self.world.members["M3"], "review_year": "2023"}
		).insert()
		self.assertEqual(report.review_year, 2023)

	def test_the_rows_of_a_table_are_checked(self):
		meeting = frappe.get_doc(
			{
				**BASES["Residence Branch Meeting"],
				"doctype": "Residence Branch Meeting",
				"attendance": [{"party_member": self.world.members["M1"], "attendance": 1}],
			}
		)
		with self.assertRaises(InvalidValueError) as caught:
			meeting.insert()
		self.assertIn(frappe._("Attendance"), str(caught.exception))

	def test_a_valid_document_passes_the_request_check(self):
		from party_residence.payloads import document_problem

		for doctype, base in BASES.items():
			with self.subTest(doctype=doctype):
				self.assertIsNone(document_problem(doctype, base))
		meeting = {
			**BASES["Residence Branch Meeting"],
			"attendance": [{"party_member": "x", "attendance": "Present"}],
		}
		self.assertIsNone(document_problem("Residence Branch Meeting", meeting))

	def test_data_import_reports_the_rows_it_refuses(self):
		from party_residence.tests.test_data_import import failed_rows, run_import

		frappe.db.rollback()  # the importer commits: nothing of the other tests goes with it
		header = "Full Name,Gender,Date of Birth,Date Joined,Party Card Number,Workplace Organization,Residence Address\n"
		rows = (
			'"Nhập\x01Sai",Male,1980-04-02,2005-06-01,BI.000001,T-WP-X-B1,Số 1\n'
			+ f"Nhập Dài,Male,1980-04-02,2005-06-01,BI.{'9' * 140},T-WP-X-B1,Số 2\n"
		)
		before = frappe.db.count(MEMBER)
		try:
			failed = failed_rows(run_import(MEMBER, header + rows, "dang-vien-sai.csv"))
		finally:
			frappe.db.delete(MEMBER, {"party_card_number": ("like", "BI.%")})
			frappe.db.commit()
		self.assertEqual(set(failed), {2, 3})
		self.assertEqual(frappe.db.count(MEMBER), before)
		self.assertIn(
			frappe._("{0} must be one line without control characters.").format(
				frappe.bold(frappe._("Full Name"))
			),
			failed[2],
		)
		self.assertIn(frappe._("Party Card Number"), failed[3])  # Frappe's own check of the length


class TestHtmlStaysText(PartyResidenceTestCase):
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
		from party_residence.portal_pages import render_page

		frappe.db.set_value(MEMBER, self.world.members["M1"], "full_name", SCRIPT)
		frappe.set_user(self.world.users["member"])
		html = render_page()
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
