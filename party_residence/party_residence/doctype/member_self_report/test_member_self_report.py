# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestMemberSelfReport(FrappeTestCase):
	pass
