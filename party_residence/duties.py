"""The seven duties of a party member at the place of residence (Regulation 213-QĐ/TW, Article 2)."""

import frappe
from frappe import _lt

# number -> short title (the full wording is in the regulation); _lt translates when shown
DUTIES = {
	1: _lt("Example in political quality, ethics and lifestyle"),
	2: _lt("Citizen duties and spreading the Party's and State's policies"),
	3: _lt("Attending periodic and convened branch meetings and contributing opinions"),
	4: _lt("People's meetings and contact with the branch, hamlet head and Front committee"),
	5: _lt("Mobilising people to help build the Party and government and supervise cadres"),
	6: _lt("Local campaigns and movements, with the family"),
	7: _lt("Reporting results to the workplace branch, and when moving house"),
}

# duties a member exempt from residence activity still owes (Guidance 33: no meetings)
EXEMPT_DUTIES = (1, 2, 5, 6, 7)


def duty_title(number) -> str:
	try:
		return str(DUTIES[int(number)])
	except (KeyError, TypeError, ValueError):
		return ""


def boot_session(bootinfo) -> None:
	"""The duties' titles in the user's language, for the Desk's choice of a duty by its title."""
	if frappe.session.user != "Guest":
		bootinfo.party_residence_duties = {number: str(title) for number, title in DUTIES.items()}
