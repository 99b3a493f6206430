"""The background jobs of the bulk steps (an introduction batch, a review campaign), written once:
queued from the form once, run as the officer who started them in the officer's language, chunk
by chunk with each chunk committed (a failure later keeps what is done), their status and progress
told to the open form."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

# members a job writes and commits at a time: each chunk stands on its own, so a failure later
# keeps the members already done; larger chunks pay the per-chunk lookups and statements fewer times
CHUNK = 2000


def start(doc, method: str, argument: str, already_running: str) -> str:
	"""Queue `method(<argument>=doc.name, commit=…, lang=…)` for the document once."""
	doc.check_permission("write")
	if doc.status in ("Queued", "Running"):
		frappe.throw(already_running)
	set_status(doc, "Queued")
	frappe.enqueue(
		method,
		queue="long",
		timeout=3600,
		job_id=f"{frappe.scrub(doc.doctype).replace('_', '-')}::{doc.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		commit=not frappe.flags.in_test,
		# what the job writes for people to read is in the language of the officer who started it
		lang=frappe.local.lang,
		**{argument: doc.name},
	)
	return doc.status


@contextmanager
def running(doc, commit: bool, failed_title: str, lang: str | None = None) -> Iterator:
	"""The job's body: yields the function that commits a chunk (`commit` is off only inside a
	test's transaction). A failure rolls back the unfinished chunk, is logged, and leaves the
	document Failed; it is raised again for the queue."""
	if lang:
		frappe.local.lang = lang

	def commit_chunk():
		if commit:
			# each chunk stands on its own: a failure later must not undo the members already done
			frappe.db.commit()  # nosemgrep: frappe-manual-commit

	set_status(doc, "Running")
	commit_chunk()
	try:
		yield commit_chunk
	except Exception:
		frappe.db.rollback()
		doc.log_error(failed_title)
		set_status(doc, "Failed")
		commit_chunk()
		raise


def set_status(doc, status: str) -> None:
	if not doc.get_doc_before_save():
		# what db_set compares with: the document as it was loaded. Left to itself, db_set loads it
		# again from the database, with its rows (a batch's thousands of members)
		doc._doc_before_save = copy.copy(doc)
	doc.db_set("status", status, notify=True)
	publish_status(doc)


def status_event(doctype: str) -> str:
	"""The real-time event the open form of `doctype` listens to for its job's status."""
	return f"{frappe.scrub(doctype)}_status"


def publish_status(doc) -> None:
	"""Tell the open form (its document room) the new status, once the change is committed."""
	frappe.publish_realtime(
		status_event(doc.doctype),
		{
			"name": doc.name,
			"status": doc.status,
			"created_count": doc.get("created_count"),
			"skipped_count": doc.get("skipped_count"),
			"error_count": doc.get("error_count"),
		},
		doctype=doc.doctype,
		docname=doc.name,
		after_commit=True,
	)


def progress(doc, done: int, total: int, title: str) -> None:
	frappe.publish_progress(
		100 * min(done, total) / max(total, 1), title=title, doctype=doc.doctype, docname=doc.name
	)
