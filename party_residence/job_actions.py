"""The Start button of a document whose work runs as a background job (jobs.py): an introduction
batch, a review campaign."""

import frappe
from party_residence import jobs


class StartsJobMixin:
	"""The document's `start`: queues its job once.

	The controller names `job`, the dotted path of the job function; `job_argument`, the argument of
	that function that takes the document's name; and `already_running`, the message (translated
	lazily, _lt) when the job is queued or running already."""

	job: str
	job_argument: str
	already_running: str

	@frappe.whitelist(methods=["POST"])
	def start(self):
		"""Queue the job; it works chunk by chunk."""
		return jobs.start(self, self.job, self.job_argument, str(self.already_running))
