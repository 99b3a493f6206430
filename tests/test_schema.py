"""Static checks of the app's JSON: every file parses, every DocType is consistent with itself and
with the app, and every document that names a DocType or a role (workflow, print format, report,
notification, web form, workspace) names one that exists.

Plain Python over the files: no Frappe, no database. The checkers return a list of problems; the
last section runs each of them on a small broken example, so that a checker that stopped finding
anything would fail here rather than pass quietly.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.static

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "party_residence"

# Frappe core DocTypes the app may point at. An explicit list: a link to another one is added here
# on purpose, after checking that Frappe v15 has it.
CORE_DOCTYPES = frozenset(
	{
		"Address",
		"Communication",
		"Contact",
		"Country",
		"Currency",
		"Data Import",
		"DocType",
		"Email Account",
		"Email Template",
		"File",
		"Language",
		"Letter Head",
		"Module Def",
		"Print Format",
		"Report",
		"Role",
		"Role Profile",
		"ToDo",
		"User",
		"User Permission",
		"Web Form",
		"Workflow",
		"Workflow State",
		"Workspace",
	}
)
CORE_ROLES = frozenset({"Administrator", "System Manager", "Guest", "All", "Desk User"})

# Columns every DocType table has without declaring them
STANDARD_COLUMNS = frozenset(
	{
		"name",
		"owner",
		"creation",
		"modified",
		"modified_by",
		"docstatus",
		"idx",
		"parent",
		"parentfield",
		"parenttype",
	}
)
LINK_TYPES = ("Link", "Table", "Table MultiSelect")
TABLE_TYPES = ("Table", "Table MultiSelect")
DEPENDS_ON_KEYS = ("depends_on", "mandatory_depends_on", "read_only_depends_on", "collapsible_depends_on")
# DocType properties that name one of its fields
FIELD_PROPERTIES = (
	"title_field",
	"image_field",
	"timeline_field",
	"sender_field",
	"sender_name_field",
	"subject_field",
	"nsm_parent_field",
	"route_field",
	"recipient_account_field",
)
ORGANIZATION = "Party Organization"


@dataclass(frozen=True)
class App:
	"""What the checkers compare against: the app's DocTypes (name -> JSON) and roles."""

	doctypes: dict
	roles: frozenset

	def has_doctype(self, name) -> bool:
		return name in self.doctypes or name in CORE_DOCTYPES

	def has_role(self, role) -> bool:
		return role in self.roles or role in CORE_ROLES

	def fields_of(self, doctype) -> set[str] | None:
		"""Field and column names of an app DocType; None for a core DocType (not checked)."""
		if doctype not in self.doctypes:
			return None
		return fieldnames(self.doctypes[doctype]) | STANDARD_COLUMNS


# Reading the app ---------------------------------------------------------------------------------------


def json_files(app_dir: Path = APP_DIR) -> list[Path]:
	return sorted(path for path in app_dir.rglob("*.json") if "node_modules" not in path.parts)


def doctype_files(app_dir: Path = APP_DIR) -> list[Path]:
	return sorted(
		path for path in app_dir.glob("*/doctype/*/*.json") if read_json(path).get("doctype") == "DocType"
	)


def read_json(path: Path):
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def documents(data) -> list[dict]:
	"""The records in a JSON file: one object, or a list of them (fixtures)."""
	if isinstance(data, dict):
		return [data]
	if isinstance(data, list):
		return [item for item in data if isinstance(item, dict)]
	return []


def app_roles(roles_py: Path) -> frozenset[str]:
	"""The role names of roles.py (its module-level text constants), read as text."""
	tree = ast.parse(roles_py.read_text(encoding="utf-8"))
	names = frozenset(
		node.value.value
		for node in tree.body
		if isinstance(node, ast.Assign)
		and isinstance(node.value, ast.Constant)
		and isinstance(node.value.value, str)
	)
	if not names:
		raise LookupError(f"no role names in {roles_py}")
	return names


def load_app(app_dir: Path = APP_DIR) -> App:
	doctypes = {}
	for path in doctype_files(app_dir):
		doc = read_json(path)
		doctypes[doc["name"]] = doc
	return App(doctypes=doctypes, roles=app_roles(app_dir / "roles.py"))


def fieldnames(doctype: dict) -> set[str]:
	return {f["fieldname"] for f in doctype.get("fields", []) if f.get("fieldname")}


def scrub(name: str) -> str:
	"""Frappe's folder and file name for a DocType."""
	return name.replace(" ", "_").replace("-", "_").lower()


def controller_class(name: str) -> str:
	"""Frappe's class name for a DocType's controller."""
	return name.replace(" ", "").replace("-", "")


def depends_on_fields(expression: str | None) -> set[str]:
	"""Fields a depends_on expression reads: `fieldname`, or `doc.x` in an `eval:` expression."""
	expression = (expression or "").strip()
	if not expression or expression.startswith("fn:"):
		return set()
	if expression.startswith("eval:"):
		return {name for name in re.findall(r"\bdoc\.(\w+)", expression) if not name.startswith("__")}
	if re.fullmatch(r"\w+", expression):
		return {expression}
	return set()


# Checkers -------------------------------------------------------------------------------------------------


def doctype_problems(doc: dict, app: App) -> list[str]:
	"""A DocType's fields, properties and permissions agree with each other and with the app."""
	problems = []
	fields = doc.get("fields", [])
	names = [f.get("fieldname") for f in fields]
	columns = set(names) | STANDARD_COLUMNS
	by_name = {f.get("fieldname"): f for f in fields}

	if duplicates := sorted({n for n in names if names.count(n) > 1}):
		problems.append(f"fields named twice: {duplicates}")
	order, unique_names = doc.get("field_order") or [], list(dict.fromkeys(names))
	if set(order) != set(names):
		problems.append(
			"field_order does not match fields: "
			f"missing {sorted(set(names) - set(order))}, unknown {sorted(set(order) - set(names))}"
		)
	elif list(dict.fromkeys(order)) != unique_names:
		problems.append("field_order lists the fields in another order than fields")

	for f in fields:
		name, fieldtype, options = f.get("fieldname"), f.get("fieldtype"), f.get("options")
		if fieldtype in LINK_TYPES:
			if not options:
				problems.append(f"{name}: {fieldtype} without a DocType in options")
			elif not app.has_doctype(options):
				problems.append(f"{name}: {fieldtype} to unknown DocType {options!r}")
			elif (
				fieldtype in TABLE_TYPES
				and options in app.doctypes
				and not app.doctypes[options].get("istable")
			):
				problems.append(f"{name}: {fieldtype} to {options!r}, which is not a child table")
		if fieldtype == "Dynamic Link" and options not in by_name:
			problems.append(f"{name}: Dynamic Link reads the DocType from unknown field {options!r}")
		if fieldtype == "Link" and options == ORGANIZATION and not f.get("ignore_user_permissions"):
			problems.append(
				f"{name}: link to {ORGANIZATION} without ignore_user_permissions (the scope rule)"
			)
		if fetch_from := f.get("fetch_from"):
			problems.extend(fetch_from_problems(name, fetch_from, by_name, app))
		for key in DEPENDS_ON_KEYS:
			if unknown := sorted(depends_on_fields(f.get(key)) - columns - {"doctype"}):
				problems.append(f"{name}: {key} reads unknown fields {unknown}")

	for key in FIELD_PROPERTIES:
		if doc.get(key) and doc[key] not in columns:
			problems.append(f"{key} {doc[key]!r} is not a field")
	if doc.get("sort_field") and doc["sort_field"] not in columns:
		problems.append(f"sort_field {doc['sort_field']!r} is not a field")
	for name in (doc.get("search_fields") or "").split(","):
		if name.strip() and name.strip() not in columns:
			problems.append(f"search_fields: {name.strip()!r} is not a field")
	if doc.get("is_tree") and not doc.get("nsm_parent_field"):
		# Frappe's NestedSet then looks for parent_<doctype>
		if f"parent_{scrub(doc.get('name', ''))}" not in columns:
			problems.append(f"a tree without nsm_parent_field or a parent_{scrub(doc.get('name', ''))} field")

	for perm in doc.get("permissions", []):
		if not app.has_role(perm.get("role")):
			problems.append(f"permission for unknown role {perm.get('role')!r}")
	return problems


def fetch_from_problems(name: str, fetch_from: str, by_name: dict, app: App) -> list[str]:
	link, _, source = fetch_from.partition(".")
	link_field = by_name.get(link)
	if not source:
		return [f"{name}: fetch_from {fetch_from!r} is not link_field.source_field"]
	if not link_field or link_field.get("fieldtype") not in ("Link", "Dynamic Link"):
		return [f"{name}: fetch_from {fetch_from!r}: {link!r} is not a link field here"]
	target = link_field.get("options")
	target_fields = app.fields_of(target) if link_field.get("fieldtype") == "Link" else None
	if target_fields is not None and source not in target_fields:
		return [f"{name}: fetch_from {fetch_from!r}: {target} has no field {source!r}"]
	return []


def controller_problems(json_path: Path, doc: dict) -> list[str]:
	"""The DocType lives in doctype/<scrubbed name>/ beside its controller, whose class is named
	after it (what Frappe's importer and get_controller expect)."""
	name = doc.get("name", "")
	expected = scrub(name)
	problems = []
	if json_path.stem != expected or json_path.parent.name != expected:
		problems.append(f"{json_path.parent.name}/{json_path.name} should be {expected}/{expected}.json")
	controller = json_path.with_suffix(".py")
	if not controller.exists():
		return [*problems, f"no controller {controller.name}"]
	classes = {
		node.name
		for node in ast.parse(controller.read_text(encoding="utf-8")).body
		if isinstance(node, ast.ClassDef)
	}
	if controller_class(name) not in classes:
		problems.append(f"{controller.name} has no class {controller_class(name)} (it has {sorted(classes)})")
	return problems


def named_doctype_problems(doc: dict, key: str, app: App) -> list[str]:
	value = doc.get(key)
	if not value:
		return [f"no {key}"]
	if not app.has_doctype(value):
		return [f"{key} {value!r} is not a DocType of the app or of Frappe"]
	return []


def role_rows_problems(rows, app: App, what: str = "roles") -> list[str]:
	return [
		f"{what}: unknown role {row.get('role')!r}" for row in rows or [] if not app.has_role(row.get("role"))
	]


def workflow_problems(doc: dict, app: App) -> list[str]:
	problems = named_doctype_problems(doc, "document_type", app)
	fields = app.fields_of(doc.get("document_type"))
	states = [row.get("state") for row in doc.get("states", [])]
	if not states:
		problems.append("a workflow without states")
	for row in doc.get("states", []):
		if not app.has_role(row.get("allow_edit")):
			problems.append(
				f"state {row.get('state')!r}: unknown role {row.get('allow_edit')!r} in allow_edit"
			)
		if str(row.get("doc_status", "0")) not in ("0", "1", "2"):
			problems.append(f"state {row.get('state')!r}: doc_status {row.get('doc_status')!r}")
		if row.get("update_field") and fields is not None and row["update_field"] not in fields:
			problems.append(
				f"state {row.get('state')!r}: update_field {row['update_field']!r} is not a field"
			)
	for row in doc.get("transitions", []):
		label = f"transition {row.get('state')!r} -[{row.get('action')}]-> {row.get('next_state')!r}"
		for key in ("state", "next_state"):
			if row.get(key) not in states:
				problems.append(f"{label}: {key} is not one of the workflow's states")
		if not app.has_role(row.get("allowed")):
			problems.append(f"{label}: unknown role {row.get('allowed')!r}")
		if not row.get("action"):
			problems.append(f"{label}: no action")
	return problems


def print_format_problems(doc: dict, app: App) -> list[str]:
	return named_doctype_problems(doc, "doc_type", app)


def report_problems(doc: dict, app: App) -> list[str]:
	return named_doctype_problems(doc, "ref_doctype", app) + role_rows_problems(doc.get("roles"), app)


def web_form_problems(doc: dict, app: App) -> list[str]:
	problems = named_doctype_problems(doc, "doc_type", app)
	fields = app.fields_of(doc.get("doc_type"))
	for row in doc.get("web_form_fields", []):
		name = row.get("fieldname")
		if (
			fields is not None
			and name
			and row.get("fieldtype") not in ("Section Break", "Column Break", "Page Break")
		):
			if name not in fields:
				problems.append(f"web form field {name!r} is not a field of {doc.get('doc_type')}")
	return problems


def notification_problems(doc: dict, app: App) -> list[str]:
	problems = named_doctype_problems(doc, "document_type", app)
	doctype = doc.get("document_type")
	fields = app.fields_of(doctype)
	if fields is not None:
		for key in ("value_changed", "date_changed", "set_property_after_alert"):
			if doc.get(key) and doc[key] not in fields:
				problems.append(f"{key} {doc[key]!r} is not a field of {doctype}")
	for row in doc.get("recipients", []):
		if row.get("receiver_by_role") and not app.has_role(row["receiver_by_role"]):
			problems.append(f"recipient: unknown role {row['receiver_by_role']!r}")
		if by_field := row.get("receiver_by_document_field"):
			problems.extend(recipient_field_problems(by_field, doctype, app))
	return problems


def recipient_field_problems(by_field: str, doctype: str, app: App) -> list[str]:
	"""`field` of the document, or `field,table` of one of its child tables."""
	if doctype not in app.doctypes:
		return []
	field, _, table = by_field.partition(",")
	target = doctype
	if table:
		table_field = next((f for f in app.doctypes[doctype]["fields"] if f.get("fieldname") == table), None)
		if not table_field or table_field.get("fieldtype") not in TABLE_TYPES:
			return [f"recipient field {by_field!r}: {table!r} is not a table of {doctype}"]
		target = table_field.get("options")
	fields = app.fields_of(target)
	if fields is not None and field not in fields:
		return [f"recipient field {by_field!r}: {target} has no field {field!r}"]
	return []


def workspace_problems(doc: dict, app: App) -> list[str]:
	problems = []
	for row in doc.get("links", []):
		if (
			row.get("type") == "Link"
			and row.get("link_type") == "DocType"
			and not app.has_doctype(row.get("link_to"))
		):
			problems.append(f"link {row.get('label')!r} to unknown DocType {row.get('link_to')!r}")
	for row in doc.get("shortcuts", []):
		if row.get("type") == "DocType" and not app.has_doctype(row.get("link_to")):
			problems.append(f"shortcut {row.get('label')!r} to unknown DocType {row.get('link_to')!r}")
	return problems + role_rows_problems(doc.get("roles"), app)


CHECKERS = {
	"DocType": doctype_problems,
	"Workflow": workflow_problems,
	"Print Format": print_format_problems,
	"Report": report_problems,
	"Web Form": web_form_problems,
	"Notification": notification_problems,
	"Workspace": workspace_problems,
}


def document_problems(doc: dict, app: App) -> list[str]:
	"""The checks for a record of any kind; kinds without a checker only have to parse."""
	checker = CHECKERS.get(doc.get("doctype"))
	return checker(doc, app) if checker else []


def file_problems(path: Path, app: App) -> list[str]:
	problems = []
	for doc in documents(read_json(path)):
		label = f"{doc.get('doctype')} {doc.get('name')!r}"
		problems.extend(f"{label}: {problem}" for problem in document_problems(doc, app))
		if doc.get("doctype") == "DocType" and path.parent.parent.name == "doctype":
			problems.extend(f"{label}: {problem}" for problem in controller_problems(path, doc))
	return problems


# The app's files ----------------------------------------------------------------------------------------

APP = load_app()
FILES = json_files()


def relative(path: Path) -> str:
	return str(path.relative_to(ROOT))


def test_the_app_is_found():
	# guards against a glob that silently finds nothing
	assert {"Party Member", "Party Organization", "Party Residence Settings"} <= set(APP.doctypes)
	assert "Party Residence Manager" in APP.roles
	assert len(FILES) > len(APP.doctypes)


# Problems these checks know of in the app, while they wait for a fix (DocTypes through Desk in
# developer mode, see DEVELOPERS.md). A file with a listed problem shows as an expected failure;
# any other problem fails, and so does a listed problem that has gone, so that the list stays true.
KNOWN_PROBLEMS: dict[str, list[str]] = {}


@pytest.mark.parametrize("path", FILES, ids=relative)
def test_json_file(path):
	"""The file parses, and each record in it passes the checks for its kind."""
	problems = file_problems(path, APP)
	known = KNOWN_PROBLEMS.get(relative(path), [])
	assert [problem for problem in problems if problem not in known] == []
	fixed = [problem for problem in known if problem not in problems]
	assert fixed == [], "fixed in the app: take these off KNOWN_PROBLEMS in tests/test_schema.py"
	if known:
		pytest.xfail("; ".join(known))


def test_known_problems_name_existing_files():
	assert sorted(set(KNOWN_PROBLEMS) - {relative(path) for path in FILES}) == []


def test_every_doctype_of_a_module_is_checked():
	found = {
		read_json(path)["name"]
		for path in APP_DIR.rglob("doctype/*/*.json")
		if read_json(path).get("doctype") == "DocType"
	}
	assert found == set(APP.doctypes)


# The checkers find what they are for ---------------------------------------------------------------------

PERSON = {
	"doctype": "DocType",
	"name": "Person",
	"field_order": ["full_name", "organization", "organization_name", "notes", "items"],
	"fields": [
		{"fieldname": "full_name", "fieldtype": "Data"},
		{
			"fieldname": "organization",
			"fieldtype": "Link",
			"options": ORGANIZATION,
			"ignore_user_permissions": 1,
		},
		{
			"fieldname": "organization_name",
			"fieldtype": "Data",
			"fetch_from": "organization.organization_name",
		},
		{
			"fieldname": "notes",
			"fieldtype": "Small Text",
			"depends_on": "eval:doc.full_name && !doc.__islocal",
		},
		{"fieldname": "items", "fieldtype": "Table", "options": "Person Item"},
	],
	"title_field": "full_name",
	"search_fields": "full_name, organization",
	"sort_field": "modified",
	"permissions": [{"role": "Clerk"}, {"role": "System Manager"}],
}
PERSON_ITEM = {"doctype": "DocType", "name": "Person Item", "istable": 1, "field_order": [], "fields": []}
ORGANIZATION_DOCTYPE = {
	"doctype": "DocType",
	"name": ORGANIZATION,
	"field_order": ["organization_name"],
	"fields": [{"fieldname": "organization_name", "fieldtype": "Data"}],
}
SAMPLE = App(
	doctypes={"Person": PERSON, "Person Item": PERSON_ITEM, ORGANIZATION: ORGANIZATION_DOCTYPE},
	roles=frozenset({"Clerk"}),
)


def changed(doc: dict, **changes) -> dict:
	return {**json.loads(json.dumps(doc)), **changes}


def with_field(doc: dict, fieldname: str, **changes) -> dict:
	doc = changed(doc)
	for f in doc["fields"]:
		if f["fieldname"] == fieldname:
			f.update(changes)
	return doc


def test_sample_doctype_passes():
	assert doctype_problems(PERSON, SAMPLE) == []


@pytest.mark.parametrize(
	"broken, complaint",
	[
		(
			changed(PERSON, field_order=["organization", "full_name", "organization_name", "notes", "items"]),
			"another order",
		),
		(
			changed(PERSON, fields=[*PERSON["fields"], PERSON["fields"][0]]),
			"fields named twice: ['full_name']",
		),
		(changed(PERSON, field_order=["full_name"]), "field_order does not match"),
		(with_field(PERSON, "organization", options="Party Unit"), "unknown DocType 'Party Unit'"),
		(with_field(PERSON, "organization", options=""), "without a DocType"),
		(with_field(PERSON, "items", options=ORGANIZATION), "not a child table"),
		(with_field(PERSON, "organization", ignore_user_permissions=0), "without ignore_user_permissions"),
		(
			with_field(PERSON, "organization_name", fetch_from="organisation.organization_name"),
			"not a link field",
		),
		(
			with_field(PERSON, "organization_name", fetch_from="organization.short_name"),
			"has no field 'short_name'",
		),
		(
			with_field(PERSON, "notes", depends_on="eval:doc.side=='Residence'"),
			"depends_on reads unknown fields ['side']",
		),
		(with_field(PERSON, "notes", mandatory_depends_on="nickname"), "mandatory_depends_on reads unknown"),
		(changed(PERSON, title_field="fullname"), "title_field 'fullname'"),
		(changed(PERSON, search_fields="full_name,code"), "search_fields: 'code'"),
		(changed(PERSON, sort_field="date"), "sort_field 'date'"),
		(changed(PERSON, is_tree=1, nsm_parent_field="parent_person"), "nsm_parent_field 'parent_person'"),
		(changed(PERSON, is_tree=1), "a tree without nsm_parent_field or a parent_person field"),
		(changed(PERSON, permissions=[{"role": "Clark"}]), "unknown role 'Clark'"),
	],
)
def test_doctype_checker_finds(broken, complaint):
	problems = doctype_problems(broken, SAMPLE)
	assert any(complaint in problem for problem in problems), problems


def test_standard_columns_and_core_links_are_accepted():
	doc = changed(PERSON, sort_field="creation", search_fields="name")
	doc = with_field(doc, "organization", options="User")
	doc = with_field(
		doc, "organization_name", fetch_from="organization.full_name"
	)  # a core DocType: not checked
	assert doctype_problems(doc, SAMPLE) == []


def test_app_roles_are_read_from_roles_py(tmp_path):
	module = tmp_path / "roles.py"
	module.write_text('"""Roles."""\n\nCLERK = "Clerk"\nMEMBER = "Member"\nSTAFF = (CLERK,)\n')
	assert app_roles(module) == {"Clerk", "Member"}
	module.write_text('"""Roles."""\n')
	with pytest.raises(LookupError):
		app_roles(module)


ROLE_NAMES = re.compile("|".join(re.escape(f'"{role}"') for role in sorted(APP.roles - {"Party Member"})))


def test_code_names_roles_through_the_roles_module():
	# "Party Member" is also a DocType's name, so only the staff roles are looked for
	outside = [
		relative(path)
		for path in APP_DIR.rglob("*.py")
		if path.name != "roles.py"
		and "tests" not in path.parts
		and not path.name.startswith("test_")
		and ROLE_NAMES.search(path.read_text(encoding="utf-8"))
	]
	assert outside == [], "name roles through party_residence/roles.py"


def test_controller_checker(tmp_path):
	folder = tmp_path / "doctype" / "person"
	folder.mkdir(parents=True)
	path = folder / "person.json"
	assert controller_problems(path, PERSON) == ["no controller person.py"]
	(folder / "person.py").write_text(
		"from frappe.model.document import Document\n\n\nclass Persons(Document):\n\tpass\n"
	)
	assert controller_problems(path, PERSON) == ["person.py has no class Person (it has ['Persons'])"]
	(folder / "person.py").write_text(
		"from frappe.model.document import Document\n\n\nclass Person(Document):\n\tpass\n"
	)
	assert controller_problems(path, PERSON) == []
	assert controller_problems(path, changed(PERSON, name="Human")) == [
		"person/person.json should be human/human.json",
		"person.py has no class Human (it has ['Person'])",
	]


WORKFLOW = {
	"doctype": "Workflow",
	"name": "Person",
	"document_type": "Person",
	"states": [
		{"state": "Draft", "doc_status": "0", "allow_edit": "Clerk"},
		{"state": "Approved", "doc_status": "1", "allow_edit": "System Manager", "update_field": "full_name"},
	],
	"transitions": [{"state": "Draft", "action": "Approve", "next_state": "Approved", "allowed": "Clerk"}],
}


def test_sample_workflow_passes():
	assert workflow_problems(WORKFLOW, SAMPLE) == []


@pytest.mark.parametrize(
	"broken, complaint",
	[
		(changed(WORKFLOW, document_type="Persona"), "document_type 'Persona' is not a DocType"),
		(changed(WORKFLOW, document_type=None), "no document_type"),
		(
			changed(
				WORKFLOW, states=[{**WORKFLOW["states"][0], "allow_edit": "Clark"}, WORKFLOW["states"][1]]
			),
			"unknown role 'Clark' in allow_edit",
		),
		(
			changed(
				WORKFLOW, states=[WORKFLOW["states"][0], {**WORKFLOW["states"][1], "update_field": "status"}]
			),
			"update_field 'status'",
		),
		(
			changed(WORKFLOW, transitions=[{**WORKFLOW["transitions"][0], "allowed": "Manager"}]),
			"unknown role 'Manager'",
		),
		(
			changed(WORKFLOW, transitions=[{**WORKFLOW["transitions"][0], "next_state": "Done"}]),
			"next_state is not one of",
		),
		(changed(WORKFLOW, states=[]), "without states"),
	],
)
def test_workflow_checker_finds(broken, complaint):
	problems = workflow_problems(broken, SAMPLE)
	assert any(complaint in problem for problem in problems), problems


@pytest.mark.parametrize(
	"doc, complaint",
	[
		({"doctype": "Print Format", "name": "Card", "doc_type": "Persona"}, "doc_type 'Persona'"),
		(
			{"doctype": "Report", "name": "List", "ref_doctype": "Persona", "roles": []},
			"ref_doctype 'Persona'",
		),
		(
			{"doctype": "Report", "name": "List", "ref_doctype": "Person", "roles": [{"role": "Clark"}]},
			"unknown role 'Clark'",
		),
		({"doctype": "Web Form", "name": "Join", "doc_type": "Persona"}, "doc_type 'Persona'"),
		(
			{
				"doctype": "Web Form",
				"name": "Join",
				"doc_type": "Person",
				"web_form_fields": [{"fieldname": "age", "fieldtype": "Int"}],
			},
			"web form field 'age'",
		),
		(
			{"doctype": "Notification", "name": "N", "document_type": "Persona", "recipients": []},
			"document_type 'Persona'",
		),
		(
			{
				"doctype": "Notification",
				"name": "N",
				"document_type": "Person",
				"value_changed": "status",
				"recipients": [],
			},
			"value_changed 'status'",
		),
		(
			{
				"doctype": "Notification",
				"name": "N",
				"document_type": "Person",
				"recipients": [{"receiver_by_role": "Clark"}],
			},
			"unknown role 'Clark'",
		),
		(
			{
				"doctype": "Notification",
				"name": "N",
				"document_type": "Person",
				"recipients": [{"receiver_by_document_field": "email"}],
			},
			"Person has no field 'email'",
		),
		(
			{
				"doctype": "Notification",
				"name": "N",
				"document_type": "Person",
				"recipients": [{"receiver_by_document_field": "email,notes"}],
			},
			"'notes' is not a table of Person",
		),
		(
			{
				"doctype": "Workspace",
				"name": "W",
				"links": [{"type": "Link", "link_type": "DocType", "link_to": "Persona", "label": "P"}],
			},
			"link 'P' to unknown DocType 'Persona'",
		),
		(
			{
				"doctype": "Workspace",
				"name": "W",
				"links": [],
				"shortcuts": [{"type": "DocType", "link_to": "Persona", "label": "P"}],
			},
			"shortcut 'P' to unknown DocType 'Persona'",
		),
	],
)
def test_document_checkers_find(doc, complaint):
	problems = document_problems(doc, SAMPLE)
	assert any(complaint in problem for problem in problems), problems


@pytest.mark.parametrize(
	"doc",
	[
		{"doctype": "Print Format", "name": "Card", "doc_type": "Person"},
		{"doctype": "Report", "name": "List", "ref_doctype": "Person", "roles": [{"role": "Clerk"}]},
		{
			"doctype": "Web Form",
			"name": "Join",
			"doc_type": "Person",
			"web_form_fields": [{"fieldname": "full_name"}],
		},
		{
			"doctype": "Notification",
			"name": "N",
			"document_type": "Person",
			"value_changed": "full_name",
			"recipients": [{"receiver_by_document_field": "owner"}, {"receiver_by_role": "Clerk"}],
		},
		{
			"doctype": "Workspace",
			"name": "W",
			"links": [{"type": "Link", "link_type": "DocType", "link_to": "User"}],
		},
		{"doctype": "Letter Head", "name": "Kinds without a checker only have to parse"},
	],
)
def test_document_checkers_accept(doc):
	assert document_problems(doc, SAMPLE) == []


def test_a_file_that_does_not_parse_is_reported(tmp_path):
	path = tmp_path / "broken.json"
	path.write_text('{"doctype": "Report",}')
	with pytest.raises(json.JSONDecodeError):
		file_problems(path, SAMPLE)


def test_fixture_files_hold_lists_of_records(tmp_path):
	path = tmp_path / "notification.json"
	path.write_text(
		json.dumps([{"doctype": "Notification", "name": "N", "document_type": "Persona", "recipients": []}])
	)
	assert file_problems(path, SAMPLE) == [
		"Notification 'N': document_type 'Persona' is not a DocType of the app or of Frappe"
	]


@pytest.mark.parametrize(
	"expression, fields",
	[
		("", set()),
		(None, set()),
		("exemption", {"exemption"}),
		("eval:doc.side=='Residence' && doc.organization_type=='Branch'", {"side", "organization_type"}),
		("eval:doc.__islocal", set()),
		("eval:frappe.user.has_role('Clerk')", set()),
		("fn:show_section", set()),
	],
)
def test_depends_on_fields(expression, fields):
	assert depends_on_fields(expression) == fields


def test_every_sector_field_links_to_party_sector():
	# the sector of a workplace organization is copied onto members, letters, requests and reviews:
	# every copy names a record of the one list of sectors
	links = {
		name: (field.get("fieldtype"), field.get("options"))
		for name, doc in APP.doctypes.items()
		for field in doc.get("fields", [])
		if field.get("fieldname") == "sector"
	}
	assert len(links) >= 5
	assert {name: link for name, link in links.items() if link != ("Link", "Party Sector")} == {}
	# forms and lists show a sector by its sector name, not by the name stored
	sector = APP.doctypes["Party Sector"]
	assert (sector.get("title_field"), sector.get("show_title_field_in_link")) == ("sector_name", 1)
