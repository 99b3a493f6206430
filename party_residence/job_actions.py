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
	already_running: str  # a lazy translation (_lt)

	@frappe.whitelist(methods=["POST"])
	def start(self):
		"""Queue the job; it works chunk by chunk."""
		# read from the class: a document built from what a client sends may carry any key as an
		# attribute of its own, and the job to queue is never the client's to choose
		controller = type(self)
		return jobs.start(self, controller.job, controller.job_argument, str(controller.already_running))
