"""Scheduled jobs (hooks.scheduler_events)."""

from party_residence import deadlines, exemptions


def daily():
	exemptions.lapse_expired()
	deadlines.send_reminders()
