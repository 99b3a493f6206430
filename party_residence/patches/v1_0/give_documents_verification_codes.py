"""Every document that is printed gets a random verification code (verification.py); the public
page no longer checks a document by its name. Give the documents made before that their codes.

Set-wise: a city holds about half a million such documents. The names still without a code are
read in chunks, and one UPDATE … JOIN per chunk writes the chunk's codes from a derived table of
(name, code) rows (raw SQL: the query builder has no UPDATE with a JOIN; every value is a query
parameter). Each chunk is committed, so a migration stopped half-way resumes where it stopped."""

import frappe
from frappe.utils import create_batch
from party_residence.verification import FIELD, VERIFIABLE, new_codes

CHUNK = 5_000


def execute():
	for doctype in VERIFIABLE:
		give_codes(doctype, commit=True)


def give_codes(doctype: str, commit: bool = False) -> int:
	names = frappe.get_all(doctype, filters={FIELD: ("is", "not set")}, pluck="name", order_by="name asc")
	for chunk in create_batch(names, CHUNK):
		rows = " union all ".join(["select %s as name, %s as code"] * len(chunk))
		values = [value for pair in zip(chunk, new_codes(len(chunk)), strict=True) for value in pair]
		frappe.db.sql(
			f"""update `tab{doctype}` as document join ({rows}) as new on new.name = document.name
			set document.`{FIELD}` = new.code where document.`{FIELD}` is null""",
			values,
		)
		if commit:
			frappe.db.commit()
	return len(names)
