# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils.nestedset import NestedSet
from party_residence.exceptions import OrganizationSideError, OrganizationTreeError, OutOfScopeError
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import can_reach_organization, clear_scope_cache, is_unrestricted
from party_residence.references import refuse_delete_if_referenced


class PartyOrganization(FieldValuesMixin, OwnedFieldsMixin, NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		email: DF.Data | None
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		organization_code: DF.Data
		organization_name: DF.Data
		organization_type: DF.Literal["Committee", "Branch"]
		parent_party_organization: DF.Link | None
		phone: DF.Data | None
		place_name: DF.Data | None
		residential_area: DF.Data | None
		rgt: DF.Int
		sector: DF.Link | None
		side: DF.Literal["", "Residence", "Workplace"]
		signer_name: DF.Data | None
		signer_title: DF.Data | None
	# end: auto-generated types

	nsm_parent_field = "parent_party_organization"

	def validate(self):
		self.organization_code = (self.organization_code or "").strip()
		self.set_is_group()
		self.validate_parent()
		self.validate_children()
		self.validate_side()
		self.set_sector()

	def on_update(self):
		super().on_update()
		self.propagate_sector()
		clear_scope_cache()

	def on_trash(self):
		refuse_delete_if_referenced(self)
		super().on_trash(allow_root_deletion=True)
		clear_scope_cache()

	def set_is_group(self):
		self.is_group = int(self.organization_type == "Committee")

	@property
	def parent_organization(self):
		if not self.parent_party_organization:
			return None
		return frappe.get_cached_value(
			"Party Organization",
			self.parent_party_organization,
			["name", "organization_name", "organization_type", "side", "sector"],
			as_dict=True,
		)

	def validate_parent(self):
		parent = self.parent_organization
		if not parent:
			if self.organization_type == "Branch":
				frappe.throw(
					_("A branch must be placed under a committee. Choose its Parent Organization."),
					OrganizationTreeError,
				)
			if (
				self.is_new() or self.has_value_changed("parent_party_organization")
			) and not is_unrestricted():
				# a committee at the top of the tree is outside every officer's scope above it
				frappe.throw(
					_("Only a Party Residence Manager places an organization at the top of the tree."),
					OutOfScopeError,
				)
			return

		if parent.name == self.name:
			frappe.throw(_("An organization cannot be its own parent."), OrganizationTreeError)
		if parent.organization_type != "Committee":
			frappe.throw(
				_(
					"{0} is a branch and a branch cannot have organizations under it. Choose a committee."
				).format(frappe.bold(parent.organization_name)),
				OrganizationTreeError,
			)
		if not self.is_new() and self.has_value_changed("parent_party_organization"):
			if not can_reach_organization(parent.name):
				frappe.throw(
					_("You can only move an organization under a committee within your own scope."),
					OutOfScopeError,
				)

	def validate_side(self):
		parent = self.parent_organization
		if self.organization_type == "Branch" and not self.side:
			frappe.throw(_("Choose the side of the branch: Residence or Workplace."), OrganizationSideError)
		if not parent:
			return
		if self.side == "Residence" and self.organization_type == "Branch" and parent.side != "Residence":
			frappe.throw(
				_(
					"A residence branch must be placed under a residence committee (commune, ward or special zone)."
				),
				OrganizationSideError,
			)
		if parent.side and self.side != parent.side:
			frappe.throw(
				_("{0} is on the {1} side, so organizations under it must be on the {1} side too.").format(
					frappe.bold(parent.organization_name), _(parent.side)
				),
				OrganizationSideError,
			)

	def validate_children(self):
		if self.is_new():
			return
		children = frappe.get_all(
			"Party Organization",
			filters={"parent_party_organization": self.name},
			fields=["organization_name", "side"],
		)
		if children and self.organization_type == "Branch":
			frappe.throw(
				_("{0} has organizations under it, so it cannot be a branch.").format(
					frappe.bold(self.organization_name)
				),
				OrganizationTreeError,
			)
		if self.side and any(child.side != self.side for child in children):
			frappe.throw(
				_("Organizations under {0} are on another side; move them before changing its side.").format(
					frappe.bold(self.organization_name)
				),
				OrganizationSideError,
			)

	def set_sector(self):
		if self.side != "Workplace":
			if self.sector:
				frappe.throw(
					_("Sector applies only to workplace organizations."),
					OrganizationSideError,
				)
			return
		if not self.sector:
			parent = self.parent_organization
			self.sector = parent.sector if parent and parent.side == "Workplace" else None

	def propagate_sector(self):
		"""Children without a sector of their own, and their members, follow the new sector."""
		before = self.get_doc_before_save()
		old = before.sector if before else None
		if self.side != "Workplace" or not self.sector or old == self.sector or not self.lft:
			return

		org = DocType("Party Organization")
		inheriting = (org.lft > self.lft) & (org.rgt < self.rgt) & (org.side == "Workplace")
		inheriting &= org.sector.isnull() | (org.sector == "") | (org.sector == (old or ""))
		frappe.qb.update(org).set(org.sector, self.sector).where(inheriting).run()

		member = DocType("Party Member")
		subtree = (
			frappe.qb.from_(org)
			.select(org.name)
			.where((org.lft >= self.lft) & (org.rgt <= self.rgt) & (org.sector == self.sector))
		)
		frappe.qb.update(member).set(member.sector, self.sector).where(
			member.workplace_organization.isin(subtree)
		).run()
