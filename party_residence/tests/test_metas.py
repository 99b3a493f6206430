"""What is worked out from a DocType's meta once per meta: kept while the meta stands, worked out
again when the DocType changes (a field added in Customize Form takes effect at once)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.metas import per_meta


class TestPerMeta(FrappeTestCase):
	def test_kept_while_the_meta_stands_and_built_again_when_it_changes(self):
		built = []

		def build(meta):
			built.append(meta)
			return len(built)

		self.assertEqual(per_meta("test", "Party Sector", build), 1)
		self.assertEqual(per_meta("test", "Party Sector", build), 1)
		self.assertIs(built[0], frappe.get_meta("Party Sector"))
		# each DocType has its own
		self.assertEqual(per_meta("test", "Party Organization", build), 2)

		frappe.clear_cache(doctype="Party Sector")
		self.assertEqual(per_meta("test", "Party Sector", build), 3)
		self.assertIs(built[-1], frappe.get_meta("Party Sector"))
