"""The permission matrix: every app DocType x the five roles (and an officer without scope) x
every path a user reads data through.

The expectations come from ONE table, test_scope.VISIBLE (which shared records each role sees)
and test_scope.CAN (what each role may do in its scope); test_scope checks list, count, Report
Builder, get_doc and the REST list against it. This module adds the paths it does not: the REST
document read, link search, the print preview and the PDF permission, and Report Builder export,
for every DocType. A DocType of the app missing from any of the tables fails here.
"""

import csv
import io
import json

import frappe
from frappe.desk.reportview import export_query
from frappe.desk.search import search_widget
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from frappe.www.printview import get_html_and_style, validate_print_permission
from party_residence.permissions import MASTER_DATA
from party_residence.tests.test_scope import (
	ALL_KEYS,
	CAN,
	IN_OWN_SCOPE,
	NO_ACCESS,
	ROLES,
	VISIBLE,
	ScopeTestCase,
)

# link search offers more than the scope where a user must be able to pick more: any commune or
# ward committee, to introduce a member there (queries.party_organization_query)
LINK_SEARCH_EXTRA = {"Party Organization": {"T-WARD-A", "T-WARD-B", "T-WARD-C"}}


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": "Party Residence", "istable": 0, "issingle": 0, "is_virtual": 0},
		pluck="name",
	)


class TestMatrixIsComplete(ScopeTestCase):
	def test_every_app_doctype_is_in_every_table(self):
		for doctype in app_doctypes():
			if doctype in MASTER_DATA:
				continue
			with self.subTest(doctype=doctype):
				for table in (VISIBLE, CAN, IN_OWN_SCOPE, ALL_KEYS, self.names):
					self.assertIn(doctype, table)
				self.assertEqual(set(VISIBLE[doctype]), set(ROLES))
				self.assertTrue({"print", "export"} <= set(CAN[doctype]))

	def test_only_managers_may_export_anything_that_holds_member_data(self):
		# the permission itself, on every DocType and every field level
		for doctype in app_doctypes():
			if doctype in MASTER_DATA:
				continue
			for perm in frappe.get_meta(doctype).permissions:
				with self.subTest(doctype=doctype, role=perm.role, level=perm.permlevel):
					self.assertEqual(bool(perm.export), perm.role == "Party Residence Manager")


class TestDocumentPathsForEveryDocType(ScopeTestCase):
	def each_record(self):
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				allowed = by_role[role] or set()
				for key in sorted(ALL_KEYS[doctype]):
					yield doctype, role, key, key in allowed

	def test_rest_read(self):
		client = get_test_client()
		for doctype, role, key, allowed in self.each_record():
			with self.subTest(doctype=doctype, role=role, record=key):
				name = self.record(doctype, key)
				response = make_request(
					target=client.get,
					args=(f"/api/resource/{doctype}/{name}",),
					kwargs={"headers": {"Authorization": f"token {self.world.tokens[role]}"}},
				)
				self.assertEqual(response.status_code, 200 if allowed else 403, response.text[:300])
				if allowed:
					self.assertEqual(response.json["data"]["name"], name)

	def test_print_preview_and_pdf_permission(self):
		for doctype, role, key, allowed in self.each_record():
			with self.subTest(doctype=doctype, role=role, record=key):
				self.as_user(role)
				name = self.record(doctype, key)
				if allowed:
					self.assertTrue(get_html_and_style(doctype, name)["html"])
					validate_print_permission(frappe.get_doc(doctype, name))
				else:
					self.assertRaises(frappe.PermissionError, get_html_and_style, doctype, name)
					doc = frappe.get_doc(doctype, name) if frappe.db.exists(doctype, name) else None
					self.assertRaises(frappe.PermissionError, validate_print_permission, doc)
				frappe.set_user("Administrator")


class TestListPathsForEveryDocType(ScopeTestCase):
	def test_link_search(self):
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				with self.subTest(doctype=doctype, role=role):
					self.as_user(role)
					if by_role[role] is NO_ACCESS:
						# refused, or (the organization query) nothing found
						try:
							found = search_widget(doctype, txt="", page_length=500)
						except frappe.PermissionError:
							found = []
						self.assertEqual(found, [])
					else:
						found = self.shared(
							doctype, [row[0] for row in search_widget(doctype, txt="", page_length=500)]
						)
						expected = set(by_role[role])
						if expected or role != "noscope":
							expected |= LINK_SEARCH_EXTRA.get(doctype, set())
						self.assertEqual(found, expected)
					frappe.set_user("Administrator")

	def test_export(self):
		for doctype, by_role in VISIBLE.items():
			for role in ROLES:
				with self.subTest(doctype=doctype, role=role):
					self.as_user(role)
					frappe.local.form_dict = frappe._dict(
						doctype=doctype,
						file_format_type="CSV",
						fields=json.dumps([f"`tab{doctype}`.`name`"]),
					)
					if role not in CAN[doctype]["export"]:
						self.assertRaises(frappe.PermissionError, export_query)
					else:
						export_query()
						rows = list(csv.reader(io.StringIO(frappe.response.filecontent.decode())))
						# Frappe (15.10x) appends the owner column to every export, to check owner-only rights
						self.assertEqual(rows[0][:2], ["Sr", "ID"])
						exported = [row[1] for row in rows[1:]]
						self.assertEqual(self.shared(doctype, exported), set(by_role[role]))
					frappe.set_user("Administrator")
					frappe.local.form_dict = frappe._dict()
