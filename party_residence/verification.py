"""The public check of a document by its verification code (the QR code on every printed document).

Every document that leaves an organization on paper carries a verification code: 20 characters
of RFC 4648 base32 drawn from `secrets` (100 bits), printed in groups of four under the QR code. The code
says nothing about the document and cannot be guessed from its number, so the page cannot be
walked through letter by letter; the document's name (its tracking code) verifies nothing.

The page answers only: the document is genuine, its kind, number, issuer, date and state. Never
the member's name or any other personal data, and the same shape for a code that does not exist
as for a draft, so the page cannot be used to find out anything more.
"""

from __future__ import annotations

import base64
import ipaddress
import re
import secrets

import frappe
from frappe import _
from frappe.utils import cint, formatdate
from party_residence.printing import document_number

FIELD = "verification_code"
LENGTH = 20  # 100 bits
GROUP = 4
CODE = re.compile(rf"[A-Z2-7]{{{LENGTH}}}")

# DocType -> (document type shown, number symbol, issuer field, date field)
VERIFIABLE = {
	"Residence Introduction": ("Giấy giới thiệu", "GGT/ĐU", "issuing_committee", "introduction_date"),
	"Residence Review Request": ("Phiếu xin ý kiến", "PXYK/ĐU", "issuing_committee", "requested_on"),
	"Residence Review": ("Phiếu nhận xét", "PNX/CB", "residence_branch", "confirmed_on"),
	"Residence Liaison Report": ("Báo cáo", "BC/ĐU", "residence_committee", "report_date"),
}

# the page's answers, whatever the code: these keys and no others
ANSWER_KEYS = (
	"found",
	"code",
	"document_type",
	"number",
	"issuer",
	"date",
	"status",
	"cancelled",
	"signature",  # Signed, Confirmed (a second signature), Revoked, or None (not signed)
	"sha256",  # of the registered signed PDF
)

RATE_LIMIT = 30  # look-ups
RATE_WINDOW = 60  # seconds


# Codes -----------------------------------------------------------------------------------------


def new_code() -> str:
	# 15 random bytes are 24 base32 characters; the first 20 carry 100 random bits
	return base64.b32encode(secrets.token_bytes(15)).decode()[:LENGTH]


def new_codes(count: int) -> list[str]:
	"""`count` distinct new codes (for the bulk paths)."""
	codes: set[str] = set()
	while len(codes) < count:
		codes.add(new_code())
	return list(codes)


def ensure_code(doc) -> None:
	"""Give a document its code on its first save; an amended document is a new one and gets its
	own (the field is no_copy, and a client cannot send one: see owned_fields.py)."""
	if not doc.get(FIELD):
		doc.set(FIELD, new_code())


def normalize(text: str | None) -> str:
	"""What a person types or a QR code holds -> the stored form: 'abcd-efgh …' -> 'ABCDEFGH…'."""
	return re.sub(r"[\s\-]", "", (text or "")[:64]).upper()


def grouped(code: str | None) -> str:
	"""'ABCDEFGH…' -> 'ABCD-EFGH-…', as printed."""
	code = code or ""
	return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


# The look-up -----------------------------------------------------------------------------------


def lookup(text: str | None) -> dict:
	"""The page's answer for a code: always the same keys; `found` is false for an unknown code,
	a draft, or anything that is not a code."""
	answer = dict.fromkeys(ANSWER_KEYS)
	answer["found"] = False
	code = normalize(text)
	if not CODE.fullmatch(code):
		return answer
	for doctype in VERIFIABLE:
		if found := _issued(doctype, code):
			answer.update(found)
			return answer
	return answer


def _issued(doctype: str, code: str) -> dict | None:
	title, symbol, issuer_field, date_field = VERIFIABLE[doctype]
	meta = frappe.get_meta(doctype)
	fields = ["name", "docstatus", issuer_field, date_field]
	fields += [field for field in ("workflow_state", "issued_on") if meta.has_field(field)]
	# a public page: read with no user permissions, and only these fields
	row = frappe.db.get_value(doctype, {FIELD: code}, fields, as_dict=True)
	if not row or not _was_issued(meta, row):
		return None
	issuer = frappe.db.get_value("Party Organization", row.get(issuer_field), "organization_name")
	cancelled = row.docstatus == 2
	return {
		"found": True,
		"code": grouped(code),
		"document_type": title,
		"number": document_number(row.name, symbol),
		"issuer": issuer,
		"date": formatdate(row.get(date_field), "dd/MM/yyyy") if row.get(date_field) else "",
		"status": _(row.workflow_state) if row.get("workflow_state") else _("Issued"),
		"cancelled": cancelled,
		**_signature(doctype, row.name),
	}


def _signature(doctype: str, name: str) -> dict:
	"""The state of the document's signed PDF in the register, and its SHA-256."""
	# the register is the server's: read without the user's permissions, these fields only
	rows = frappe.get_all(
		"Signed Document",
		filters={"reference_doctype": doctype, "reference_name": name, "status": ("!=", "Superseded")},
		fields=["status", "sha256"],
		order_by="creation desc",
		limit=1,
	)
	if not rows:
		return {"signature": None, "sha256": None}
	return {"signature": rows[0].status, "sha256": rows[0].sha256}


def _was_issued(meta, row) -> bool:
	if meta.is_submittable:
		return row.docstatus > 0  # a draft has not been issued (a review: not confirmed)
	return bool(row.get("issued_on"))


# The rate limit --------------------------------------------------------------------------------


def client_address() -> str:
	"""The address the limit counts against: the peer of this server, unless that peer is our own
	reverse proxy (loopback, or an address listed in the site config's `trusted_proxies`); then
	the last address of X-Forwarded-For, the one the proxy appended. The first addresses of that
	header are whatever the client sent and count for nothing."""
	request = getattr(frappe.local, "request", None)
	peer = (request.remote_addr if request else None) or "127.0.0.1"
	if not _is_trusted_proxy(peer):
		return peer
	forwarded = (frappe.get_request_header("X-Forwarded-For") or "").split(",")
	last = forwarded[-1].strip()
	try:
		return str(ipaddress.ip_address(last))
	except ValueError:
		return peer


def _is_trusted_proxy(address: str) -> bool:
	try:
		ip = ipaddress.ip_address(address)
	except ValueError:
		return False
	if ip.is_loopback:
		return True
	for network in frappe.conf.get("trusted_proxies") or ():
		try:
			if ip in ipaddress.ip_network(str(network), strict=False):
				return True
		except ValueError:
			continue
	return False


def check_rate_limit() -> None:
	"""At most RATE_LIMIT look-ups a RATE_WINDOW from one address: codes cannot be tried one after
	another. Raises TooManyRequestsError (HTTP 429) past that."""
	key = frappe.cache.make_key(f"rl:verify:{client_address()}")
	count = cint(frappe.cache.incrby(key, 1))
	if count == 1:
		frappe.cache.expire(key, RATE_WINDOW)
	if count > RATE_LIMIT:
		frappe.throw(
			_("Too many look-ups from your address. Try again in a minute."),
			frappe.TooManyRequestsError,
			title=_("Too many look-ups"),
		)
