"""PASSED FAILED SKIPPED of a JUnit report written by `bench run-tests --junit-xml-output`.

    python3 scripts/lib/junit_counts.py REPORT.xml

Prints nothing when the report is missing or unreadable (the run did not finish). A failing subTest
is a test case of its own in the report ("test_x (i=1)"): it counts once, with its test. A failing
setUpClass (or another fixture) is one failure; the tests it kept from running are not in the report.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

FIXTURES = ("setUpClass", "tearDownClass", "setUpModule", "tearDownModule")


def counts(path: str) -> tuple[int, int, int] | None:
	try:
		root = ET.parse(path).getroot()
	except (OSError, ET.ParseError):
		return None
	tests, failing, skipped, fixtures = set(), set(), set(), 0
	for case in root.iter("testcase"):
		name = case.get("name") or ""
		outcome = {child.tag for child in case}
		if name.split(" ")[0] in FIXTURES:
			fixtures += bool(outcome & {"failure", "error"})
			continue
		test = (case.get("classname"), name.split(" (")[0])
		tests.add(test)
		if outcome & {"failure", "error"}:
			failing.add(test)
		elif "skipped" in outcome:
			skipped.add(test)
	return len(tests - failing - skipped), len(failing) + fixtures, len(skipped - failing)


if __name__ == "__main__":
	found = counts(sys.argv[1])
	if found:
		print(*found)
