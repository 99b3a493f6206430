# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import convert_utc_to_system_timezone, get_datetime, now_datetime
from party_residence import pdf_signing, signatures
from party_residence.exceptions import SigningIdentityError
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class SigningIdentity(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.signing_identity_role.signing_identity_role import (
			SigningIdentityRole,
		)

		certificate_fingerprint: DF.Data | None
		certificate_issuer: DF.Data | None
		certificate_pem: DF.LongText | None
		certificate_serial: DF.Data | None
		certificate_subject: DF.Data | None
		external_certificate: DF.LongText | None
		is_active: DF.Check
		key_source: DF.Literal["PKCS#12 File", "PKCS#11 Token", "External Signer"]
		party_organization: DF.Link
		pkcs11_cert_label: DF.Data | None
		pkcs11_key_label: DF.Data | None
		pkcs11_module: DF.Data | None
		pkcs11_pin: DF.Password | None
		pkcs11_token_label: DF.Data | None
		pkcs12_file: DF.Attach | None
		pkcs12_passphrase: DF.Password | None
		seal_image: DF.AttachImage | None
		signing_roles: DF.TableMultiSelect[SigningIdentityRole]
		valid_from: DF.Datetime | None
		valid_to: DF.Datetime | None
	# end: auto-generated types

	def validate(self):
		self.validate_private_files()
		self.read_certificate()
		self.validate_validity()

	def validate_private_files(self):
		"""The key store and the seal are private files: never served to anyone (signatures.file_permission)."""
		for field in ("pkcs12_file", "seal_image"):
			url = self.get(field)
			if url and not url.startswith("/private/files/"):
				frappe.throw(
					_("{0} must be uploaded as a private file.").format(_(self.meta.get_label(field))),
					SigningIdentityError,
				)

	def read_certificate(self):
		"""Subject, issuer, serial, fingerprint and validity, read from the key store itself."""
		try:
			certificate = self.load_certificate()
		except pdf_signing.SigningSetupError as error:
			frappe.throw(signatures.setup_reason(error), SigningIdentityError, title=_("Signing identity"))
		if certificate is None:
			if self.is_active:
				frappe.throw(
					_(
						"An active signing identity needs its certificate: upload the PKCS#12 file, set up the token or paste the external signer's certificate."
					),
					SigningIdentityError,
				)
			return
		facts = pdf_signing.certificate_facts(certificate)
		self.update(
			{
				"certificate_subject": facts.subject[:255],
				"certificate_issuer": facts.issuer[:255],
				"certificate_serial": facts.serial,
				"certificate_fingerprint": facts.fingerprint,
				"valid_from": _local(facts.valid_from),
				"valid_to": _local(facts.valid_to),
				"certificate_pem": facts.pem,
			}
		)

	def load_certificate(self):
		if self.key_source == "PKCS#12 File":
			if not self.pkcs12_file:
				return None
			passphrase = self.get_password("pkcs12_passphrase", raise_exception=False)
			signer = pdf_signing.pkcs12_signer(signatures.read_private_file(self.pkcs12_file), passphrase)
			return signer.signing_cert
		if self.key_source == "PKCS#11 Token":
			if not (self.pkcs11_module and self.pkcs11_token_label and self.pkcs11_key_label):
				return None
			with signatures._Key(self) as signer:
				return signer.signing_cert
		if not (self.external_certificate or "").strip():
			return None
		return pdf_signing.load_certificate(self.external_certificate)

	def validate_validity(self):
		if self.is_active and self.valid_to and get_datetime(self.valid_to) < now_datetime():
			frappe.throw(
				_("The certificate expired on {0}: load the renewed one.").format(
					frappe.bold(frappe.format(self.valid_to, "Datetime"))
				),
				SigningIdentityError,
			)


def _local(moment):
	"""A certificate's time (UTC) as the site's local time, stored without a zone like every Datetime."""
	import datetime

	utc = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
	return convert_utc_to_system_timezone(utc).replace(tzinfo=None)
