# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from party_residence import signatures
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class SignedDocument(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.signed_document_signature.signed_document_signature import (
			SignedDocumentSignature,
		)

		party_organization: DF.Link | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		revocation_reason: DF.SmallText | None
		revoked_by: DF.Link | None
		revoked_on: DF.Datetime | None
		sha256: DF.Data | None
		signatures: DF.Table[SignedDocumentSignature]
		signed_pdf: DF.Data | None
		status: DF.Literal["Signed", "Confirmed", "Revoked", "Superseded"]
	# end: auto-generated types

	@frappe.whitelist(methods=["POST"])
	def revoke(self, reason: str):
		"""A manager withdraws the signed document; the verification page says so from then on."""
		self.check_permission("write")
		signatures.revoke(self.name, reason)
