"""The app's roles: their names, and the groups the rules of the procedure speak of.

Code names a role through this module, never by its text."""

MANAGER = "Party Residence Manager"
WORKPLACE_OFFICER = "Workplace Party Officer"
COMMITTEE_OFFICER = "Residence Committee Officer"
BRANCH_SECRETARY = "Residence Branch Secretary"
MEMBER = "Party Member"

# the officers whose scope is a part of the organization tree (their User Permissions)
SCOPED_OFFICERS = frozenset({WORKPLACE_OFFICER, COMMITTEE_OFFICER, BRANCH_SECRETARY})

# everyone who works in Desk: the officers and the manager, who has the whole tree
STAFF = (MANAGER, WORKPLACE_OFFICER, COMMITTEE_OFFICER, BRANCH_SECRETARY)

# role: desk access (members use the portal only)
DESK_ACCESS = {**dict.fromkeys(STAFF, 1), MEMBER: 0}

# who may close a member's liaison
CLOSING = frozenset({WORKPLACE_OFFICER, MANAGER})
