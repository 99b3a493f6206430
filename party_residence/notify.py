"""One message to several people at once: an e-mail and an in-app notification."""

from __future__ import annotations

import frappe


def send_digest(
	recipients: list[str], subject: str, template: str, context: dict, reference: tuple | None = None
):
	"""E-mail `recipients` the rendered `template`; those who are users also get it in the app.
	`reference` is (doctype, name) of the document the bell opens."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	recipients = [email for email in dict.fromkeys(recipients) if email]
	if not recipients:
		return
	message = frappe.render_template(template, context)
	frappe.sendmail(recipients=recipients, subject=subject, message=message, delayed=True)
	users = frappe.get_all("User", filters={"name": ("in", recipients), "enabled": 1}, pluck="name")
	if users and reference:
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": reference[0],
				"document_name": reference[1],
				"subject": subject,
				"email_content": message,
			},
		)
