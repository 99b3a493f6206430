"""The covering indexes of the Residence Liaison Summary on sites installed before them (new sites
get them from each DocType's on_doctype_update)."""

from party_residence.summary import COVERING_INDEXES, add_covering_index


def execute():
	for doctype in COVERING_INDEXES:
		add_covering_index(doctype)
