"""Checking the signatures of a PDF anyone uploads to the verification page.

Each embedded signature is validated with pyHanko against the trust roots and revocation lists
configured in Party Residence Settings, and reported as:

- **intact**: the signed bytes are unchanged;
- **valid**: intact, the signature value checks, and the signer's certificate was neither expired
  nor revoked;
- **trusted**: valid and the certificate leads to a configured root;
- **coverage**: the whole file, or only an earlier revision (later signatures or form filling
  were added after it), and whether what was added is allowed by the certification;
- the signer, organization, certificate serial and validity, the claimed and the timestamped time.

The whole file's SHA-256 is looked up in the register of signed documents: a file the app signed
and stored matches it byte for byte. Nothing personal is reported: the register answer has the
same fields as a look-up by verification code.
"""

from __future__ import annotations

import hashlib
import io

import frappe
from frappe import _
from frappe.utils import format_datetime
from party_residence import pdf_signing, verification

SETTINGS = "Party Residence Settings"
MAX_BYTES = 10 * 1024 * 1024

# what went wrong with a certificate, in pyHanko's terms (AdES sub-indications)
EXPIRED = {"EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "NOT_YET_VALID"}
REVOKED = {"REVOKED_NO_POE", "REVOKED_CA_NO_POE"}
UNTRUSTED = {"NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE", "CERTIFICATE_CHAIN_GENERAL_FAILURE"}


def validation_context():
	from pyhanko_certvalidator import ValidationContext

	settings = frappe.get_cached_doc(SETTINGS)
	return ValidationContext(
		trust_roots=pdf_signing.load_certificates(settings.trusted_roots),
		crls=pdf_signing.load_crls(settings.revocation_lists),
		allow_fetching=bool(settings.fetch_revocation_info),
		revocation_mode="soft-fail",
	)


def check_pdf(data: bytes) -> dict:
	"""The report on an uploaded PDF: one entry per signature, and the register's answer."""
	from pyhanko.pdf_utils.reader import PdfFileReader
	from pyhanko.sign.validation import validate_pdf_signature

	report = {
		"readable": False,
		"sha256": hashlib.sha256(data).hexdigest(),
		"signatures": [],
		"registered": registered(hashlib.sha256(data).hexdigest()),
	}
	try:
		reader = PdfFileReader(io.BytesIO(data), strict=False)
		embedded = list(reader.embedded_signatures)
	except Exception:  # pyHanko raises many kinds for a file that is not a PDF or is damaged
		return report
	report["readable"] = True
	context = validation_context()
	for signature in embedded:
		try:
			status = validate_pdf_signature(signature, context, ts_validation_context=context)
		except Exception:  # a signature pyHanko cannot even parse counts as broken, not as a server error
			report["signatures"].append(_broken(signature))
			continue
		report["signatures"].append(_describe(signature, status))
	return report


def _broken(signature) -> dict:
	return {
		"field": signature.field_name,
		"intact": False,
		"valid": False,
		"trusted": False,
		"problem": _("The signature cannot be read."),
	}


def _describe(signature, status) -> dict:
	problem = status.trust_problem_indic.name if status.trust_problem_indic else None
	cert = status.signing_cert
	facts = pdf_signing.certificate_facts(cert) if cert is not None else None
	subject = cert.subject.native if cert is not None else {}
	valid = bool(status.intact and status.valid and problem not in EXPIRED | REVOKED and not status.revoked)
	timestamp = getattr(status, "timestamp_validity", None)
	return {
		"field": signature.field_name,
		"intact": bool(status.intact),
		"valid": valid,
		"trusted": bool(status.trusted),
		"whole_file": status.coverage.name == "ENTIRE_FILE",
		"coverage": _coverage(status),
		"changes_allowed": bool(getattr(status, "docmdp_ok", True)),
		"certification": bool(signature.docmdp_level is not None),
		"signer": subject.get("common_name") or "",
		"organization": subject.get("organization_name") or "",
		"serial": facts.serial if facts else "",
		"valid_from": _when(facts.valid_from) if facts else "",
		"valid_to": _when(facts.valid_to) if facts else "",
		"claimed_time": _when(status.signer_reported_dt),
		"timestamp": _when(timestamp.timestamp) if timestamp else "",
		"timestamp_trusted": bool(timestamp and timestamp.trusted),
		"problem": _problem(problem, status),
	}


def _coverage(status) -> str:
	if status.coverage.name == "ENTIRE_FILE":
		return _("The whole file")
	level = getattr(status, "modification_level", None)
	if level is not None and level.name in ("LTA_UPDATES", "FORM_FILLING"):
		return _("An earlier revision; later signatures or form fields were added")
	return _("An earlier revision; the file was changed after signing")


def _problem(indication: str | None, status) -> str:
	if not status.intact:
		return _("The file was changed after it was signed.")
	if not status.valid:
		return _("The signature value does not match the certificate.")
	if indication in REVOKED or status.revoked:
		return _("The certificate was revoked.")
	if indication in EXPIRED:
		return _("The certificate was not valid at the time of signing.")
	if indication in UNTRUSTED:
		return _("The certificate was not issued by an authority this site trusts.")
	if indication:
		return _("The certificate could not be validated.")
	if not getattr(status, "docmdp_ok", True):
		return _("The file was changed after signing in a way the certification does not allow.")
	return ""


def _when(value) -> str:
	if not value:
		return ""
	# shown in the site's time zone, whatever zone the signer's clock used
	from frappe.utils import convert_utc_to_system_timezone

	if getattr(value, "tzinfo", None) is not None:
		value = convert_utc_to_system_timezone(value.astimezone(_utc()).replace(tzinfo=None)).replace(
			tzinfo=None
		)
	return format_datetime(value, "dd/MM/yyyy HH:mm:ss")


def _utc():
	import datetime

	return datetime.timezone.utc


def registered(digest: str) -> dict:
	"""The register's answer for a file's SHA-256: the document it is (kind, number, issuer, date,
	state, as the code look-up answers) or that no such file was registered."""
	answer = {"matches": False, "status": None, "document": None}
	# the register is the server's: read without the user's permissions, these fields only
	rows = frappe.get_all(
		"Signed Document",
		filters={"sha256": digest},
		fields=["reference_doctype", "reference_name", "status"],
		limit=1,
	)
	if not rows:
		return answer
	row = rows[0]
	code = frappe.db.get_value(row.reference_doctype, row.reference_name, verification.FIELD)
	answer.update(
		{
			"matches": True,
			"status": row.status,
			"document": verification.lookup(code),
		}
	)
	return answer
