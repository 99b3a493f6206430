"""Every string the app shows (labels, options, descriptions, messages, workspace, JS) has a
Vietnamese translation in locale/vi.po, found with Frappe's own message extractors."""

import re

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import frappe
from frappe.gettext.translate import get_method_map, get_po_path, get_pot_path
from frappe.tests.utils import FrappeTestCase

APP = "party_residence"


def app_messages() -> dict[str, str]:
	"""message -> first place it appears, extracted as `bench generate-pot-file` does."""
	import party_residence.hooks as hooks

	# the navbar extractor imports hooks.py by its path inside the bench; the app declares no
	# navbar items, so it has nothing to extract and is left out (the copy under test may live
	# outside the bench)
	assert not getattr(hooks, "standard_navbar_items", None)
	method_map = [
		(pattern, method)
		for pattern, method in get_method_map(APP) + get_method_map("frappe")
		if "navbar" not in method
	]
	keywords = DEFAULT_KEYWORDS.copy()
	keywords["_lt"] = None

	def keep(dirpath):
		name = dirpath.rstrip("/").rsplit("/", 1)[-1]
		return not name.startswith((".", "_")) and name != "node_modules"

	messages = {}
	root = frappe.get_pymodule_path(APP)
	for filename, lineno, message, _comments, _context in extract_from_dir(
		root, method_map, keywords=keywords, directory_filter=keep
	):
		if message and isinstance(message, str):
			messages.setdefault(message, f"{filename}:{lineno}")
	return messages


def catalog(path):
	with open(path, "rb") as f:
		return {message.id: message for message in read_po(f) if message.id}


class TestTranslations(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.messages = app_messages()

	def test_extractor_finds_the_app_strings(self):
		# guards against an extractor that silently finds nothing
		self.assertIn("Party Member", self.messages)
		self.assertIn("Liaison Status", self.messages)  # a DocType label
		self.assertIn("Dates out of order", self.messages)  # a message in Python
		self.assertIn("Organizations under it", self.messages)  # a button in JavaScript
		self.assertIn("Members and Organizations", self.messages)  # the workspace
		self.assertIn("Assign to Branch", self.messages)  # a workflow action
		self.assertIn("Working Days Late", self.messages)  # a report column
		self.assertGreater(len(self.messages), 100)

	def test_every_string_has_a_vietnamese_translation(self):
		vi = catalog(get_po_path(APP, "vi"))
		missing = [
			f"{where}: {message!r}"
			for message, where in sorted(self.messages.items())
			if message not in vi or not vi[message].string or vi[message].fuzzy
		]
		self.assertEqual(missing, [], "strings without a Vietnamese translation:\n" + "\n".join(missing))

	def test_template_lists_every_string(self):
		pot = catalog(get_pot_path(APP))
		missing = sorted(set(self.messages) - set(pot))
		self.assertEqual(missing, [], "locale/main.pot is out of date; regenerate it")

	def test_placeholders_survive_translation(self):
		vi = catalog(get_po_path(APP, "vi"))
		for message in self.messages:
			if message in vi and vi[message].string:
				with self.subTest(message=message):
					self.assertEqual(
						sorted(re.findall(r"\{\d*\}", message)),
						sorted(re.findall(r"\{\d*\}", vi[message].string)),
					)

	def test_site_shows_vietnamese(self):
		frappe.local.lang = "vi"
		try:
			self.assertEqual(frappe._("Party Member"), "Đảng viên")
			self.assertEqual(frappe._("Residence Branch Secretary"), "Bí thư chi bộ nơi cư trú")
		finally:
			frappe.local.lang = "en"
