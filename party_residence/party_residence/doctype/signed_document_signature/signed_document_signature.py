# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document
from party_residence.owned_fields import OwnedFieldsMixin


class SignedDocumentSignature(OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		certificate_serial: DF.Data | None
		field_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		party_organization: DF.Link | None
		sha256: DF.Data | None
		signature_kind: DF.Literal["Certification", "Approval"]
		signed_by: DF.Link | None
		signed_on: DF.Datetime | None
		signing_identity: DF.Link | None
		timestamped: DF.Check
	# end: auto-generated types
	pass
