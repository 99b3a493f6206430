"""Scheduled jobs (hooks.scheduler_events)."""

from party_residence import deadlines


def daily():
	deadlines.send_reminders()
