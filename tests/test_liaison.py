"""The member's liaison status: Not Introduced -> Introduced -> Active -> Moved Away, and Exempt."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from party_residence.liaison import (
	ACTIVE,
	EXEMPT,
	EXEMPT_FROM_ACTIVITY,
	EXEMPT_FROM_INTRODUCTION,
	INTRODUCED,
	MOVED_AWAY,
	NOT_INTRODUCED,
	initial_liaison_status,
	status_after_exemption,
	status_after_introduction,
)

MODULE = Path(__file__).resolve().parent.parent / "party_residence" / "party_residence"
STATUSES = [NOT_INTRODUCED, INTRODUCED, ACTIVE, EXEMPT, MOVED_AWAY]
EXEMPTIONS = [None, "", EXEMPT_FROM_ACTIVITY, EXEMPT_FROM_INTRODUCTION]


def select_options(doctype: str, fieldname: str) -> list[str]:
	path = MODULE / "doctype" / doctype / f"{doctype}.json"
	field = next(f for f in json.loads(path.read_text())["fields"] if f["fieldname"] == fieldname)
	return [option for option in field["options"].split("\n") if option]


def workflow_states(name: str) -> list[str]:
	path = MODULE / "workflow" / name / f"{name}.json"
	return [row["state"] for row in json.loads(path.read_text())["states"]]


INTRODUCTION_STATES = workflow_states("residence_introduction")


def test_the_statuses_are_the_member_doctypes_options():
	assert STATUSES == select_options("party_member", "liaison_status")


def test_the_exemptions_are_the_member_doctypes_options():
	assert [EXEMPT_FROM_ACTIVITY, EXEMPT_FROM_INTRODUCTION] == select_options("party_member", "exemption")


def test_the_states_that_move_the_status_are_workflow_states():
	assert {"Sent", "Received", "Assigned", "Acknowledged", "Returned", "Cancelled"} <= set(
		INTRODUCTION_STATES
	)


@pytest.mark.parametrize(
	"exemption, expected",
	[
		(None, NOT_INTRODUCED),
		("", NOT_INTRODUCED),
		(EXEMPT_FROM_ACTIVITY, NOT_INTRODUCED),  # still introduced, only spared the activities
		(EXEMPT_FROM_INTRODUCTION, EXEMPT),
	],
)
def test_initial_status(exemption, expected):
	assert initial_liaison_status(exemption) == expected


@pytest.mark.parametrize(
	"current, exemption, expected",
	[
		(NOT_INTRODUCED, EXEMPT_FROM_INTRODUCTION, EXEMPT),
		(EXEMPT, None, NOT_INTRODUCED),  # the exemption is lifted
		(EXEMPT, "", NOT_INTRODUCED),
		(EXEMPT, EXEMPT_FROM_ACTIVITY, NOT_INTRODUCED),
		(EXEMPT, EXEMPT_FROM_INTRODUCTION, EXEMPT),
		(NOT_INTRODUCED, EXEMPT_FROM_ACTIVITY, NOT_INTRODUCED),
		(NOT_INTRODUCED, None, NOT_INTRODUCED),
		# a member already introduced keeps the status the procedure gave them
		(INTRODUCED, EXEMPT_FROM_INTRODUCTION, INTRODUCED),
		(ACTIVE, EXEMPT_FROM_INTRODUCTION, ACTIVE),
		(MOVED_AWAY, EXEMPT_FROM_INTRODUCTION, MOVED_AWAY),
		(ACTIVE, None, ACTIVE),
	],
)
def test_status_after_exemption(current, exemption, expected):
	assert status_after_exemption(current, exemption) == expected


@pytest.mark.parametrize(
	"state, current, expected",
	[
		("Sent", NOT_INTRODUCED, INTRODUCED),
		("Received", INTRODUCED, INTRODUCED),
		("Assigned", INTRODUCED, INTRODUCED),
		("Acknowledged", INTRODUCED, ACTIVE),
		# a returned or cancelled introduction undoes "Introduced", not what came later
		("Returned", INTRODUCED, NOT_INTRODUCED),
		("Cancelled", INTRODUCED, NOT_INTRODUCED),
		("Returned", ACTIVE, ACTIVE),
		("Cancelled", MOVED_AWAY, MOVED_AWAY),
		("Cancelled", EXEMPT, EXEMPT),
		# a draft changes nothing
		("Draft", NOT_INTRODUCED, NOT_INTRODUCED),
		("Draft", ACTIVE, ACTIVE),
	],
)
def test_status_after_introduction(state, current, expected):
	assert status_after_introduction(state, current) == expected


@given(st.sampled_from(STATUSES), st.sampled_from(EXEMPTIONS))
def test_exemption_moves_only_between_not_introduced_and_exempt(current, exemption):
	after = status_after_exemption(current, exemption)
	assert after in STATUSES
	if after != current:
		assert {current, after} == {NOT_INTRODUCED, EXEMPT}


@given(st.sampled_from(STATUSES), st.sampled_from(EXEMPTIONS))
def test_exemption_is_idempotent(current, exemption):
	once = status_after_exemption(current, exemption)
	assert status_after_exemption(once, exemption) == once


@given(st.sampled_from(STATUSES))
def test_setting_and_lifting_the_exemption_restores_a_member_never_introduced(current):
	exempt = status_after_exemption(current, EXEMPT_FROM_INTRODUCTION)
	lifted = status_after_exemption(exempt, None)
	if current in (NOT_INTRODUCED, EXEMPT):
		assert lifted == NOT_INTRODUCED
	else:
		assert lifted == current


@given(st.sampled_from(INTRODUCTION_STATES), st.sampled_from(STATUSES))
def test_introduction_states_give_a_known_status(state, current):
	assert status_after_introduction(state, current) in STATUSES


@given(st.text(max_size=20).filter(lambda s: s not in INTRODUCTION_STATES), st.sampled_from(STATUSES))
def test_unknown_states_change_nothing(state, current):
	assert status_after_introduction(state, current) == current
