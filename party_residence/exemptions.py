"""Exemptions (Guidance 33): "exempt from introduction" and "introduced but exempt from residence
activity". Setting or lifting one needs a reason and a start date; a dated one lapses by itself."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today
from party_residence import liaison
from party_residence.exceptions import ExemptionError


def check(member) -> None:
	if not member.exemption:
		if _lifted(member) and not member.has_value_changed("exemption_reason"):
			frappe.throw(
				_("Give the reason for lifting the exemption ({0}) in Exemption Reason.").format(
					_(member.get_doc_before_save().exemption)
				),
				ExemptionError,
				title=_("Missing exemption reason"),
			)
		member.exemption_from = None
		member.exemption_until = None
		return
	if not member.exemption_from:
		# an exemption always has a start: the day it is recorded, unless the officer gives another
		member.exemption_from = today()
	if member.has_value_changed("exemption_from") and getdate(member.exemption_from) > getdate(today()):
		frappe.throw(
			_("An exemption is recorded from the day it starts: {0} is still to come.").format(
				frappe.format(member.exemption_from, "Date")
			),
			ExemptionError,
		)
	if member.exemption_until and getdate(member.exemption_until) < getdate(member.exemption_from):
		frappe.throw(_("The exemption cannot end before it starts."), ExemptionError)
	if member.exemption == liaison.EXEMPT_FROM_INTRODUCTION and member.liaison_status in (
		liaison.INTRODUCED,
		liaison.ACTIVE,
	):
		frappe.throw(
			_(
				"{0} is already introduced to a place of residence: close that record (a residence change) before exempting the member from introduction."
			).format(frappe.bold(member.full_name)),
			ExemptionError,
		)


def _lifted(member) -> bool:
	before = member.get_doc_before_save()
	return bool(before and before.exemption and not member.exemption)


def record_change(member) -> None:
	"""Write a set or lifted exemption to the member's timeline, with who did it and why."""
	before = member.get_doc_before_save()
	old = before.exemption if before else None
	if (old or "") == (member.exemption or ""):
		return
	reason = frappe.utils.escape_html(member.exemption_reason or "")
	since = frappe.format(member.exemption_from, "Date")
	if member.exemption and member.exemption_until:
		until = frappe.format(member.exemption_until, "Date")
		text = _("Exemption set: {0}, from {1} until {2}. Reason: {3}").format(
			_(member.exemption), since, until, reason
		)
	elif member.exemption:
		text = _("Exemption set: {0}, from {1}. Reason: {2}").format(_(member.exemption), since, reason)
	else:
		text = _("Exemption lifted: {0}. Reason: {1}").format(_(old), reason)
	member.add_comment("Info", text)


def lapse_expired(on_date=None) -> list[str]:
	"""Daily job: exemptions whose end date has passed are lifted. Returns the members changed."""
	on_date = getdate(on_date or today())
	names = frappe.get_all(
		"Party Member",
		filters={"exemption": ("is", "set"), "exemption_until": ("<", on_date)},
		pluck="name",
	)
	for name in names:
		member = frappe.get_doc("Party Member", name)
		member.exemption = ""
		member.exemption_reason = _("Lapsed on {0}").format(
			frappe.format(add_days(member.exemption_until, 1), "Date")
		)
		member.flags.ignore_permissions = True  # the scheduler applies the date the officer set
		member.save()
	return names
