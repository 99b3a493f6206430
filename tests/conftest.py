"""Framework-free tests: plain pytest over the app's plain-Python modules and its JSON files.

Nothing here imports Frappe; `bash scripts/run-tests.sh` runs these tests from a private
virtual environment (.venv-dev) that has no Frappe in it.
"""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
	sys.path.insert(0, str(ROOT))

# The holidays package builds a year's holidays the first time it is asked about that year, so a
# first example may be slow: no deadline. CI runs the same examples every time and keeps no example
# database in the fresh clone.
settings.register_profile("dev", deadline=None)
settings.register_profile(
	"ci",
	deadline=None,
	derandomize=True,
	database=None,
	print_blob=True,
	suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
