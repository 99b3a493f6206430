import frappe


def before_tests():
	"""Run once by `bench run-tests` on a fresh site: finish the setup wizard like a real site."""
	frappe.clear_cache()
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

		args = {
			"language": "English",
			"email": "test@example.com",
			"full_name": "Test User",
			"password": "test",
			"country": "Vietnam",
			"timezone": "Asia/Ho_Chi_Minh",
			"currency": "VND",
		}
		if "erpnext" in frappe.get_installed_apps():
			# ERPNext's steps of the wizard make the site's first Company
			year = frappe.utils.getdate().year
			args |= {
				"company_name": "Công ty Thử nghiệm",
				"company_abbr": "CTTN",
				"chart_of_accounts": "Standard",
				"fy_start_date": f"{year}-01-01",
				"fy_end_date": f"{year}-12-31",
			}
		setup_complete(args)
	frappe.db.commit()
	frappe.clear_cache()
