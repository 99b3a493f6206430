"""Digital signatures on the documents of the procedure, at the step where the paper is signed.

| Document | Step | Who signs | Signature |
| --- | --- | --- | --- |
| Introduction letter | Sent | the issuing committee (workplace) | certification; leaves the receipt stub's field empty |
| Introduction letter | Received | the residence committee (ward) | in the receipt stub, added to the signed letter |
| Review request | Sent | the issuing committee | certification |
| Review form | Pending Confirmation | the residence branch | certification; leaves the ward's field empty |
| Review form | Confirmed | the residence committee | the ward's confirmation, added to the branch's signed form |
| Yearly report | Issued | the committee that reports | certification |

An organization signs when a manager has given it an active Signing Identity; without one the
step goes on unsigned, as before. With one, the user who takes the step must hold one of the
identity's roles and have the organization in their scope, or the step is refused.

The PDF is rendered once, signed, stored as a private File attached to the document and
registered (Signed Document: its SHA-256, its signatures). A later signature is an incremental
update of that stored file, never a new rendering; downloads and e-mails of the document serve
the stored file from then on (api/signed_pdf.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import cint, format_datetime, get_datetime, now_datetime
from party_residence import pdf_signing
from party_residence.exceptions import SigningError, SigningNotAllowedError
from party_residence.owned_fields import set_owned
from party_residence.permissions import can_reach_organization

IDENTITY = "Signing Identity"
REGISTER = "Signed Document"
SETTINGS = "Party Residence Settings"
CURRENT = ("Signed", "Confirmed")  # states of the registered file that counts


@dataclass(frozen=True)
class Step:
	organization_field: str  # whose identity signs
	print_format: str
	field_name: str  # the signature field this step fills
	anchor: str  # which signature block of the layout: first, last, left or right
	role: str  # the title in the stamp
	countersign: bool = False  # added to the stored signed file
	later: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (field, anchor) left empty


# the print formats signed, and the titles in the stamps
LETTER, REQUEST_FORM, REVIEW_FORM, REPORT = (
	"Giấy giới thiệu",
	"Phiếu xin ý kiến",
	"Phiếu nhận xét",
	"Báo cáo thực hiện Quy định 213",
)
COMMITTEE, BRANCH, STANDING_COMMITTEE = "T/M Đảng ủy", "T/M Chi bộ", "T/M Ban Thường vụ"

# fmt: off
STEPS: dict[tuple[str, str], Step] = {
	("Residence Introduction", "Sent"): Step("issuing_committee", LETTER, "NoiGioiThieu", "first", COMMITTEE, later=(("NoiTiepNhan", "last"),)),
	("Residence Introduction", "Received"): Step("residence_committee", LETTER, "NoiTiepNhan", "last", COMMITTEE, countersign=True),
	("Residence Review Request", "Sent"): Step("issuing_committee", REQUEST_FORM, "NoiXinYKien", "first", COMMITTEE),
	("Residence Review", "Pending Confirmation"): Step("residence_branch", REVIEW_FORM, "ChiBo", "right", BRANCH, later=(("DangUyXacNhan", "left"),)),
	("Residence Review", "Confirmed"): Step("residence_committee", REVIEW_FORM, "DangUyXacNhan", "left", COMMITTEE, countersign=True),
	("Residence Liaison Report", "Issued"): Step("residence_committee", REPORT, "BaoCao", "first", STANDING_COMMITTEE),
}
# fmt: on


# Identities ------------------------------------------------------------------------------------


def identity_for(organization: str | None) -> frappe._dict | None:
	"""The organization's active signing identity whose certificate is valid now (the latest)."""
	if not organization:
		return None
	now = now_datetime()
	# the key store is the server's, whoever takes the step: read without the user's permissions
	rows = frappe.get_all(
		IDENTITY,
		filters={"party_organization": organization, "is_active": 1},
		fields=["name", "valid_from", "valid_to", "modified"],
		order_by="valid_to desc, modified desc",
	)
	for row in rows:
		if row.valid_to and get_datetime(row.valid_to) < now:
			continue
		return row
	return None


def may_sign(identity_name: str, user: str | None = None) -> bool:
	"""A user signs with an identity when they hold one of its roles and its organization is in
	their scope (a manager's scope is everything)."""
	user = user or frappe.session.user
	identity = frappe.get_cached_doc(IDENTITY, identity_name)
	roles = {row.role for row in identity.signing_roles}
	if not roles & set(frappe.get_roles(user)):
		return False
	return can_reach_organization(identity.party_organization, user=user)


def check_may_sign(identity_name: str) -> None:
	if not may_sign(identity_name):
		organization = frappe.db.get_value(IDENTITY, identity_name, "party_organization")
		frappe.throw(
			_(
				"You may not sign for {0}: ask the manager to give your role the organization's signing identity."
			).format(
				frappe.bold(frappe.db.get_value("Party Organization", organization, "organization_name"))
			),
			SigningNotAllowedError,
			title=_("Not permitted to sign"),
		)


_signers: dict[tuple[str, str], object] = {}


class _Key:
	"""The signer of an identity for one signature (a token session is opened and closed)."""

	def __init__(self, identity):
		self.identity = identity
		self.session = None

	def __enter__(self):
		identity = self.identity
		if identity.key_source == "PKCS#11 Token":
			self.session = pdf_signing.Pkcs11Key(
				checked_pkcs11_library(identity.pkcs11_module),
				identity.pkcs11_token_label,
				identity.get_password("pkcs11_pin", raise_exception=False) or "",
				identity.pkcs11_key_label,
				identity.pkcs11_cert_label,
			)
			return self.session.__enter__()
		if identity.key_source == "External Signer":
			certificate = pdf_signing.load_certificate(identity.external_certificate or "")
			return pdf_signing.ExternalHashSigner(
				certificate, lambda request: external_signature(identity, request)
			)
		# a PKCS#12 key is opened once per process and identity version (opening costs ~40 ms)
		key = (identity.name, str(identity.modified))
		if key not in _signers:
			_signers[key] = pdf_signing.pkcs12_signer(
				read_private_file(identity.pkcs12_file),
				identity.get_password("pkcs12_passphrase", raise_exception=False),
			)
		return _signers[key]

	def __exit__(self, *exc):
		if self.session is not None:
			self.session.__exit__(*exc)


def checked_pkcs11_library(path: str | None) -> str:
	"""A PKCS#11 library is code the server loads: only one the site config lists
	(`pkcs11_modules`), never just any path typed into a form."""
	allowed = frappe.conf.get("pkcs11_modules") or ()
	if not path or path not in allowed or not os.path.isfile(path):
		raise pdf_signing.SigningSetupError("the PKCS#11 library is not listed in the site config")
	return path


def external_signature(identity, request: pdf_signing.SigningRequest) -> bytes:
	"""The hook for later real signing: the last method an app lists under
	`party_residence_external_signer` in its hooks.py receives the identity and the signing
	request (the SHA-256 of the prepared PDF's byte range and the digest of the signed attributes
	that carry it) and returns the raw signature made by the token or the remote service."""
	methods = frappe.get_hooks("party_residence_external_signer")
	if not methods:
		raise pdf_signing.SigningSetupError("no external signer is installed")
	signature = frappe.get_attr(methods[-1])(identity=identity, request=request)
	if not isinstance(signature, bytes) or not signature:
		raise pdf_signing.SigningSetupError("the external signer returned no signature")
	return signature


def read_private_file(file_url: str | None) -> bytes:
	"""The content of a private file the server keeps (the key store), without a user's permission
	check: nobody downloads it (see file_permission)."""
	if not file_url or not file_url.startswith("/private/files/"):
		raise pdf_signing.SigningSetupError("the key store must be a private file")
	name = frappe.db.get_value("File", {"file_url": file_url, "is_private": 1}, "name")
	if not name:
		raise pdf_signing.SigningSetupError("the key store file is missing")
	return frappe.get_doc("File", name).get_content()


def file_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	"""has_permission hook of File: the key store and the seal of a signing identity are read by
	the server alone, never downloaded, whoever asks. A signed PDF on record is kept as it was
	signed: nobody deletes the register's File, and nobody edits a File that shares its stored
	PDF (Frappe moves the shared file when one of them is made public). Any other file: no opinion
	(None), so that Frappe's own rule for files decides; the last hook with an answer wins."""
	if doc.attached_to_doctype == IDENTITY and (user or frappe.session.user) != "Administrator":
		return False
	if ptype == "write" and shares_signed_pdf(doc):
		return False
	if ptype == "delete" and is_signed_on_record(doc):
		return False
	return None


def shares_signed_pdf(file) -> bool:
	"""The file is a signed PDF on record, or a File Frappe made for the same content uploaded
	again (it points at the same stored file)."""
	return bool(file.get("file_url")) and bool(frappe.db.exists(REGISTER, {"signed_pdf": file.file_url}))


def is_signed_on_record(file) -> bool:
	"""The File the register wrote: the first one of its URL attached to the signed document. A
	copy uploaded again may be deleted: the stored PDF stays while the register's File uses it."""
	if not file.get("file_url") or not file.get("attached_to_doctype"):
		return False
	signed = frappe.db.exists(
		REGISTER,
		{
			"signed_pdf": file.file_url,
			"reference_doctype": file.attached_to_doctype,
			"reference_name": file.attached_to_name,
		},
	)
	if not signed:
		return False
	first = frappe.get_all(
		"File",
		filters={
			"file_url": file.file_url,
			"attached_to_doctype": file.attached_to_doctype,
			"attached_to_name": file.attached_to_name,
		},
		order_by="creation asc, name asc",
		limit=1,
		pluck="name",
	)
	return first == [file.name]


# Signing ---------------------------------------------------------------------------------------


def on_step(doc, state: str | None = None) -> None:
	"""Called by the controllers when a document reaches a state: sign if that state is a signing
	step and the organization has an identity."""
	state = state or doc.get("workflow_state")
	step = STEPS.get((doc.doctype, state))
	if not step:
		return
	organization = doc.get(step.organization_field)
	identity = identity_for(organization)
	if not identity:
		return
	check_may_sign(identity.name)
	sign(doc, step, identity.name)


def sign(doc, step: Step, identity_name: str, pdf: bytes | None = None) -> frappe._dict:
	"""Sign the document at `step` with the identity; `pdf` is the rendered print (rendered here
	when not given). Returns the register entry."""
	identity = frappe.get_cached_doc(IDENTITY, identity_name)
	entry = current_entry(doc.doctype, doc.name)
	signed_before = read_private_file(entry.signed_pdf) if entry and step.countersign else None
	if signed_before is None:
		pdf = pdf or render(doc, step.print_format)
	source = signed_before or pdf
	settings = frappe.get_cached_doc(SETTINGS)
	anchors, page_count = pdf_signing.signature_anchors(source)

	try:
		with _Key(identity) as signer:
			signature = pdf_signing.Signature(
				signer=signer,
				place=pdf_signing.place_below(pick(anchors, step.anchor), step.field_name, page_count),
				signer_name=organization_name(identity.party_organization),
				role=step.role,
				time=format_datetime(now_datetime(), "dd/MM/yyyy HH:mm"),
				reason=_(doc.doctype),
				font_path=pdf_signing.find_font(settings.stamp_font),
				seal_image=seal(identity),
				timestamper=timestamper(settings.timestamp_authority_url),
				later_places=[
					pdf_signing.place_below(pick(anchors, anchor), name, page_count)
					for name, anchor in step.later
				],
			)
			if signed_before is not None:
				signed = pdf_signing.countersign(signed_before, signature)
			else:
				signed = pdf_signing.certify(source, signature)
	except pdf_signing.SigningSetupError as error:
		frappe.throw(
			_(
				"The document could not be signed for {0}: {1}. Ask the manager to check the signing identity."
			).format(frappe.bold(organization_name(identity.party_organization)), setup_reason(error)),
			SigningError,
			title=_("Signing failed"),
		)
	return register(doc, step, identity, signed, entry if signed_before is not None else None, signature)


def setup_reason(error: pdf_signing.SigningSetupError) -> str:
	"""What went wrong, in the user's language. It names the setting, never a passphrase, a PIN or
	key material (pdf_signing raises these fixed messages only)."""
	reasons = {
		"not an X.509 certificate": _("not an X.509 certificate"),
		"not a certificate revocation list": _("not a certificate revocation list"),
		"the PKCS#12 file cannot be opened with this passphrase": _(
			"the PKCS#12 file cannot be opened with this passphrase"
		),
		"the PKCS#12 file holds no key and certificate": _("the PKCS#12 file holds no key and certificate"),
		"the PKCS#11 token cannot be opened as configured": _(
			"the PKCS#11 token cannot be opened as configured"
		),
		"the PKCS#11 library is not listed in the site config": _(
			"the PKCS#11 library is not listed in the site config"
		),
		"no external signer is installed": _("no external signer is installed"),
		"the external signer returned no signature": _("the external signer returned no signature"),
		"the key store must be a private file": _("the key store must be a private file"),
		"the key store file is missing": _("the key store file is missing"),
		"no TrueType font with Vietnamese letters was found for the stamp": _(
			"no TrueType font with Vietnamese letters was found for the stamp"
		),
	}
	return reasons.get(str(error), _("the signing identity cannot be used"))


def pick(anchors: list, which: str):
	if not anchors:
		return None
	if which == "first":
		return anchors[0]
	if which == "last":
		return anchors[-1]
	last_page = max(page for page, _x, _y in anchors)
	on_page = [anchor for anchor in anchors if anchor[0] == last_page]
	return min(on_page, key=lambda a: a[1]) if which == "left" else max(on_page, key=lambda a: a[1])


def timestamper(url: str | None):
	"""The timestamp authority's client (B-T), or None (B-B). Tests replace this."""
	return pdf_signing.timestamper(url)


def seal(identity) -> bytes | None:
	if not identity.seal_image:
		return None
	name = frappe.db.get_value("File", {"file_url": identity.seal_image}, "name")
	return frappe.get_doc("File", name).get_content() if name else None


def organization_name(organization: str) -> str:
	return frappe.get_cached_value("Party Organization", organization, "organization_name") or organization


def render(doc, print_format: str) -> bytes:
	"""The document's print, as a PDF, rendered on the server without fetching anything over the
	network: the print styles are read from the site's assets and put inline, so a background job
	renders without the site having to resolve its own name.

	The print page itself is not used: it records an Access Log and commits the transaction in
	the middle of the workflow step being signed."""
	from frappe.utils.jinja_globals import bundled_asset
	from frappe.utils.pdf import get_pdf
	from frappe.www.printview import get_print_style, get_rendered_template

	print_format_doc = frappe.get_doc("Print Format", print_format)
	body = get_rendered_template(
		doc, print_format=print_format_doc, meta=frappe.get_meta(doc.doctype), no_letterhead=1
	)
	html = (
		'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
		f'<link type="text/css" rel="stylesheet" href="{bundled_asset("print.bundle.css")}">'
		f"<style>{get_print_style(None, print_format_doc)}</style></head>"
		f'<body><div class="print-format-gutter"><div class="print-format">{body}</div></div></body></html>'
	)
	return get_pdf(inline_styles(html))


def inline_styles(html: str) -> str:
	assets = os.path.realpath(os.path.join(frappe.local.sites_path, "assets"))

	def inline(match):
		path = os.path.realpath(os.path.join(frappe.local.sites_path, match.group(1).lstrip("/")))
		if not path.startswith(assets + os.sep) or not os.path.isfile(path):
			return ""
		with open(path, encoding="utf-8") as f:
			return "<style>" + f.read() + "</style>"

	return re.sub(r'<link[^>]*href="(/assets/[^"?]+\.css)[^"]*"[^>]*>', inline, html)


# The register ----------------------------------------------------------------------------------


def current_entry(doctype: str, name: str) -> frappe._dict | None:
	# the register is the server's: read without the user's permissions
	rows = frappe.get_all(
		REGISTER,
		filters={"reference_doctype": doctype, "reference_name": name, "status": ("in", CURRENT)},
		fields=["name", "signed_pdf", "sha256", "status"],
		order_by="creation desc",
		limit=1,
	)
	return rows[0] if rows else None


def register(doc, step: Step, identity, signed: bytes, entry, signature) -> frappe._dict:
	digest = pdf_signing.sha256(signed)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doc.name}-{step.field_name}.pdf",
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": signed,
		}
	)
	file.flags.ignore_permissions = True
	file.insert()
	register_doc = frappe.get_doc(REGISTER, entry.name) if entry else frappe.new_doc(REGISTER)
	row = {
		"party_organization": identity.party_organization,
		"signing_identity": identity.name,
		"signature_kind": "Approval" if entry else "Certification",
		"field_name": step.field_name,
		"signed_on": now_datetime(),
		"signed_by": frappe.session.user,
		"certificate_serial": identity.certificate_serial,
		"timestamped": cint(signature.timestamper is not None),
		"sha256": digest,
	}
	values = {
		"signed_pdf": file.file_url,
		"sha256": digest,
		"status": "Confirmed" if entry else "Signed",
		"signatures": [*(r.as_dict() for r in register_doc.get("signatures") or ()), row],
	}
	if not entry:
		values.update(
			{
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
				"party_organization": identity.party_organization,
			}
		)
	set_owned(register_doc, values)
	register_doc.flags.ignore_permissions = True
	register_doc.save()
	return frappe._dict(name=register_doc.name, sha256=digest, file_url=file.file_url)


def supersede(doc) -> None:
	"""The signed file no longer counts (a review returned for revision is signed again when it is
	sent again)."""
	entry = current_entry(doc.doctype, doc.name)
	if entry:
		register_doc = frappe.get_doc(REGISTER, entry.name)
		set_owned(register_doc, {"status": "Superseded"})
		register_doc.flags.ignore_permissions = True
		register_doc.save()


def revoke(entry_name: str, reason: str) -> None:
	"""A manager withdraws a signed document; the verification page says so from then on."""
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Give the reason for revoking the signed document."), SigningError)
	register_doc = frappe.get_doc(REGISTER, entry_name)
	if register_doc.status == "Revoked":
		return
	set_owned(
		register_doc,
		{
			"status": "Revoked",
			"revoked_on": now_datetime(),
			"revoked_by": frappe.session.user,
			"revocation_reason": reason,
		},
	)
	register_doc.save()


# Many documents at once ------------------------------------------------------------------------

CHUNK = 200


def sign_later(doctype: str, names: list[str], user: str) -> None:
	"""After a batch or a campaign sent many documents at once: sign those whose issuing
	organization has an identity the user may sign with, in background jobs (each document is
	rendered, which takes about a second)."""
	step_field = STEPS[(doctype, "Sent")].organization_field
	if not names or not frappe.db.count(IDENTITY, {"is_active": 1}):
		return
	rows = frappe.get_all(doctype, filters={"name": ("in", names)}, fields=["name", step_field])
	organizations = {row.get(step_field) for row in rows}
	identities = {organization: identity_for(organization) for organization in organizations}
	allowed = {
		organization
		for organization, identity in identities.items()
		if identity and may_sign(identity.name, user=user)
	}
	to_sign = [row.name for row in rows if row.get(step_field) in allowed]
	for start in range(0, len(to_sign), CHUNK):
		frappe.enqueue(
			"party_residence.signatures.sign_many",
			queue="long",
			doctype=doctype,
			names=to_sign[start : start + CHUNK],
			user=user,
			enqueue_after_commit=True,
		)


def sign_many(doctype: str, names: list[str], user: str) -> None:
	"""Background job: sign each document as the user who sent them, one transaction each."""
	frappe.set_user(user)
	for name in names:
		doc = frappe.get_doc(doctype, name)
		step = STEPS.get((doctype, doc.workflow_state))
		if not step or current_entry(doctype, name):
			continue
		try:
			on_step(doc)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(
				title=f"Signing {doctype} {name}", reference_doctype=doctype, reference_name=name
			)
