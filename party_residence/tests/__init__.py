import frappe


def before_tests():
	"""Run once by `bench run-tests` on a fresh site: finish the setup wizard like a real site."""
	frappe.clear_cache()
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

		setup_complete(
			{
				"language": "English",
				"email": "test@example.com",
				"full_name": "Test User",
				"password": "test",
				"country": "Vietnam",
				"timezone": "Asia/Ho_Chi_Minh",
				"currency": "VND",
			}
		)
	frappe.db.commit()
	frappe.clear_cache()
