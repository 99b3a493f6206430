"""The review requests' covering index of the Residence Liaison Summary takes the state before the
committee (summary.COVERING_INDEXES): sites that have the earlier one get it made again."""

from party_residence.summary import COVERING_INDEXES, add_covering_index


def execute():
	for doctype in COVERING_INDEXES:
		add_covering_index(doctype)
