"""Naming-series names for records written in bulk."""

from __future__ import annotations

import frappe
from frappe.model.naming import parse_naming_series
from frappe.query_builder import DocType


def reserve_names(series: str, count: int) -> list[str]:
	"""The next `count` names of a naming series such as "GT-.YYYY.-.#####", taken with one lock.

	Keep the transaction that calls this short: the series row stays locked until commit."""
	if count <= 0:
		return []
	block = {}

	def take_block(prefix: str, digits: int) -> str:
		block.update(prefix=prefix, digits=digits, start=_advance(prefix, count))
		return f"{block['start']:0{digits}d}"

	first = parse_naming_series(series, number_generator=take_block)
	prefix, digits, start = block["prefix"], block["digits"], block["start"]
	suffix = first[len(prefix) + digits :]
	return [f"{prefix}{number:0{digits}d}{suffix}" for number in range(start, start + count)]


def _advance(prefix: str, count: int) -> int:
	"""Move the series on by `count`; return the first number of the block."""
	series = DocType("Series")
	current = frappe.qb.from_(series).where(series.name == prefix).for_update().select(series.current).run()
	if current and current[0][0] is not None:
		start = int(current[0][0]) + 1
		frappe.qb.update(series).set(series.current, series.current + count).where(
			series.name == prefix
		).run()
	else:
		start = 1
		frappe.qb.into(series).columns(series.name, series.current).insert(prefix, count).run()
	return start
