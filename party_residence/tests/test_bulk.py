"""Records written in bulk read back as written, and rows named in bulk are named as Frappe names
them."""

import frappe
from party_residence import bulk
from party_residence.tests.base import PartyResidenceTestCase

NOTE = "Residence Introduction Batch Member"


class TestBulk(PartyResidenceTestCase):
	def comments(self, names):
		return frappe.get_all(
			"Comment",
			filters={"name": ("in", names)},
			fields=["name", "comment_type", "reference_name", "content", "owner"],
			order_by="name",
		)

	def test_values_shared_by_every_row_are_written_as_given(self):
		now = frappe.utils.now_datetime()
		stamp = ["a@b.c", "Administrator", now, now, "Administrator"]
		odd = ["50% 'quoted' %s \\\\ `tick`", "%(x)s", "100%%", "IFNULL(a, b)"]
		for contents in ([odd[0]], odd, [odd[1]] * 3, [odd[3]] * 2):
			names = [frappe.generate_hash(length=10) for _ in contents]
			rows = [
				[name, "Info", "Party Member", "DV-X", content, *stamp]
				for name, content in zip(names, contents, strict=True)
			]
			bulk.insert("Comment", bulk.COMMENT_FIELDS, rows)
			written = self.comments(names)
			self.assertEqual(
				[(row.name, row.content, row.reference_name) for row in written],
				sorted((name, content, "DV-X") for name, content in zip(names, contents, strict=True)),
			)

	def test_a_zero_and_a_false_in_one_column_are_each_written(self):
		names = [frappe.generate_hash(length=10) for _ in range(2)]
		rows = [
			[name, "Info", "Party Member", "DV-X", value]
			for name, value in zip(names, [0, False], strict=True)
		]
		bulk.insert("Comment", bulk.COMMENT_FIELDS[:5], rows)
		self.assertEqual([row.content for row in self.comments(names)], ["0", "0"])

	def test_a_row_taken_already_is_updated_where_asked(self):
		name = frappe.generate_hash(length=10)
		fields = bulk.COMMENT_FIELDS[:5]
		bulk.insert("Comment", fields, [[name, "Info", "Party Member", "DV-X", "first"]])
		bulk.insert(
			"Comment",
			fields,
			[[name, "Info", "Party Member", "DV-Y", "second"]],
			update_on_duplicate=["content"],
		)
		(row,) = self.comments([name])
		self.assertEqual((row.reference_name, row.content), ("DV-X", "second"))

	def test_rows_are_named_by_a_hash_unless_the_table_has_a_naming_rule(self):
		rows = [frappe.new_doc(NOTE) for _ in range(3)]
		bulk.name_rows(rows)
		self.assertEqual(len({row.name for row in rows}), 3)
		self.assertTrue(all(len(row.name) == 10 for row in rows))

		frappe.get_doc(
			{"doctype": "Document Naming Rule", "document_type": NOTE, "prefix": "ROW-", "prefix_digits": 4}
		).insert()
		rows = [frappe.new_doc(NOTE) for _ in range(2)]
		bulk.name_rows(rows)
		self.assertEqual([row.name for row in rows], ["ROW-0001", "ROW-0002"])
