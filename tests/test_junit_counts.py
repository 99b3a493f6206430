"""The test command's counts of the integration tests, read from bench run-tests' JUnit report."""

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("junit_counts", ROOT / "scripts" / "lib" / "junit_counts.py")
junit_counts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(junit_counts)

# the shape of a report written by unittest-xml-reporting for bench run-tests
REPORT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
	<testsuite name="app.tests.TestShapes" tests="6" failures="3" errors="1" skipped="1">
		<testcase classname="app.tests.TestShapes" name="test_pass" time="0.000"/>
		<testcase classname="app.tests.TestShapes" name="test_fail"><failure message="1 != 2"/></testcase>
		<testcase classname="app.tests.TestShapes" name="test_subtests (i=1)"><failure message="no"/></testcase>
		<testcase classname="app.tests.TestShapes" name="test_subtests (i=2)"><failure message="no"/></testcase>
		<testcase classname="app.tests.TestShapes" name="test_error"><error message="x"/></testcase>
		<testcase classname="app.tests.TestShapes" name="test_skip"><skipped message="no"/></testcase>
		<testcase classname="app.tests.TestOther" name="test_pass"/>
	</testsuite>
	<testsuite name="unittest.suite._ErrorHolder" tests="1" errors="1">
		<testcase classname="" name="setUpClass (app.tests.TestBrokenSetup)"><error message="setup"/></testcase>
	</testsuite>
</testsuites>
"""


def test_each_test_counts_once_and_a_broken_set_up_is_a_failure(tmp_path):
	report = tmp_path / "report.xml"
	report.write_text(REPORT)
	# passed: the two test_pass (of two classes); failed: test_fail, test_subtests (two failing
	# subtests, one test), test_error and the set-up of TestBrokenSetup; skipped: test_skip
	assert junit_counts.counts(str(report)) == (2, 4, 1)


def test_a_run_that_wrote_no_report_has_no_counts(tmp_path):
	assert junit_counts.counts(str(tmp_path / "missing.xml")) is None
	(tmp_path / "cut.xml").write_text(REPORT[:200])
	assert junit_counts.counts(str(tmp_path / "cut.xml")) is None
