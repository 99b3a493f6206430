"""Helpers for the party document layout (Guidance 36-HD/VPTW), exposed to print formats."""

from __future__ import annotations

import base64
import io
import re

import pyqrcode

import frappe
from frappe.utils import get_url, getdate

ORGANIZATION = "Party Organization"


def organization(name: str | None) -> frappe._dict:
	"""Name, parent and signature details of an organization, for the header and signature block."""
	if not name:
		return frappe._dict()
	return (
		frappe.db.get_value(
			ORGANIZATION,
			name,
			[
				"name",
				"organization_name",
				"organization_type",
				"parent_party_organization",
				"place_name",
				"signer_title",
				"signer_name",
			],
			as_dict=True,
		)
		or frappe._dict()
	)


def member_details(member: str | None, fields: list[str]) -> frappe._dict:
	"""Those of the member's `fields` the user may read. A print shows no more than the member's
	form does: a field level the user lacks (the date of birth for a branch secretary) is left out,
	and a member the user no longer reaches (moved to another ward, say) is read from the document
	alone: their record as it is now is not the reader's to see."""
	meta = frappe.get_meta("Party Member")
	levels = set(meta.get_permlevel_access("read"))
	readable = [field for field in fields if (df := meta.get_field(field)) and df.permlevel in levels]
	if not member or not readable or not frappe.has_permission("Party Member", "read", doc=member):
		return frappe._dict()
	return frappe.db.get_value("Party Member", member, readable, as_dict=True) or frappe._dict()


def upper_organization_name(name: str | None) -> str:
	"""The organization above the issuing one, printed over it at the top left."""
	parent = organization(name).get("parent_party_organization")
	return organization(parent).get("organization_name") or ""


def document_number(name: str, symbol: str) -> str:
	"""'GT-2026-00012' and 'GGT/ĐU' -> '12-GGT/ĐU' (the number part of the tracking code); an
	amended document ('GT-2026-00012-1') keeps the number of the one it replaces."""
	if match := re.fullmatch(r"[A-Z0-9]+-\d{4}-(\d+)(?:-\d+)?", name or ""):
		return f"{int(match.group(1))}-{symbol}"
	return f"{name}-{symbol}"


def place_and_date(place: str | None, date) -> str:
	"""'Hải Dương, ngày 15 tháng 3 năm 2026' (day and month without leading zero beyond 10)."""
	day = getdate(date)
	text = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
	return f"{place}, {text}" if place else text.capitalize()


def verification_url(code: str | None) -> str:
	"""The public page that checks a document by its verification code (never by its name)."""
	return get_url(f"/verify/{code or ''}")


def qr_code(text: str, scale: int = 3) -> str:
	"""A QR code of `text` as an SVG data URI for an <img> (no image library needed)."""
	buffer = io.BytesIO()
	pyqrcode.create(text, error="M").svg(buffer, scale=scale, xmldecl=False, svgns=True, omithw=False)
	return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
