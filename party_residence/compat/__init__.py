"""Where the app works around how Frappe v15 behaves.

Each module here names the platform behaviour it covers; party_residence/tests/test_compat.py
checks that behaviour on the running Frappe and fails when it changes, so that a workaround is
dropped once Frappe no longer needs it, or mended when Frappe changes underneath it.
"""
