"""What a client sends as an argument is parsed once, by its kind, before anything uses it.

A desk form sends every argument as text (a list as JSON text); an API client may send any JSON
value. `parse(label, value, kind)` returns the value as its kind (a Python list for a list sent as
JSON text, an int for "12") or refuses it with a 417 that names the argument and says what it
expects. The kinds are Python types: `str` (one line of at most 140 characters, as a name or a
code), `Text` (free text on several lines), `int`, `Year`, `bool`, `date`, `list[...]`, `dict`,
and the query arguments of lists and reports: `Filters` (`Filters["DocType"]` for the fields of a
DocType), `Fields`, `OrderBy`, `ReportFilters`.

The app's whitelisted methods declare their arguments with these type hints and are decorated
with `@typed` under `@frappe.whitelist`; script reports parse their filters with
`report_filters`; payloads.py uses the same checks for the query arguments of Frappe's list
endpoints and for the fields of documents.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import re
import types
import typing
from datetime import date, datetime

import frappe
from frappe import _
from frappe.model import optional_fields
from frappe.utils import escape_html
from party_residence.exceptions import InvalidArgumentError

# varchar(140): Frappe's column for names, links, codes and one-line text
NAME_LENGTH = 140
# MariaDB's `text` column holds 65,535 bytes
TEXT_BYTES = 65535
INT_RANGE = (-(2**31), 2**31 - 1)

# C0 and C1 control characters, DEL, and halves of UTF-16 surrogate pairs (JSON can carry one,
# no database column can store it); the multi-line kinds keep tab and line breaks
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_INTEGER = re.compile(r"[-+]?\d{1,30}")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?")


class Text(str):
	"""Kind: free text on one or several lines (a reason, a comment)."""


class Year(int):
	"""Kind: a calendar year, 1900 to 9999."""


class Count(int):
	"""Kind: a count or a position in a list (a page's start or length), 0 or more."""


class ReportFilters(dict):
	"""Kind: the filters of a script report, a JSON object of values (text, numbers, dates or lists
	of them); each report parses its own with `report_filters`."""


class Filters(list):
	"""Kind: query filters, a JSON list of conditions `[field, operator, value]` (or with the
	DocType first) or a JSON object `{field: value}` / `{field: [operator, value]}`.
	`Filters["DocType"]`: each condition on a column of that DocType or of its child tables."""

	def __class_getitem__(cls, doctype: str):
		return typing.Annotated[cls, doctype]


class Fields(list):
	"""Kind: the columns of a query, a JSON list of field names or expressions."""


class OrderBy(str):
	"""Kind: a sort order or grouping, `field [asc|desc]` separated by commas."""


class Refused(ValueError):
	"""A value refused: `message` names the value with {0} (filled with the argument or field)."""

	def __init__(self, message: str, *values):
		super().__init__(message)
		self.message, self.values = message, values

	def text(self, label: str) -> str:
		return self.message.format(label, *self.values)


def typed(fn):
	"""Parse every argument of a whitelisted method by its type hint before the method runs.

	Put it under `@frappe.whitelist(...)` (and over any decorator that rewrites the arguments). A
	missing argument or a value of the wrong kind is a 417 naming the argument. Frappe's own check
	of the hints is left out: it would refuse a list sent as JSON text."""
	signature = inspect.signature(fn)
	hints = typing.get_type_hints(fn, include_extras=True)
	hints.pop("return", None)
	named = {
		name
		for name, parameter in signature.parameters.items()
		if parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
	}

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		try:
			bound = signature.bind(*args, **kwargs)
		except TypeError:
			missing = [
				name
				for name in list(signature.parameters)[len(args) :]
				if name in named
				and name not in kwargs
				and signature.parameters[name].default is inspect.Parameter.empty
			]
			frappe.throw(
				_("Give the argument {0}.").format(frappe.bold(missing[0] if missing else "?")),
				InvalidArgumentError,
				title=_("Invalid request"),
			)
		for name, value in list(bound.arguments.items()):
			if name in hints and name in named:
				bound.arguments[name] = parse(argument_label(name), value, hints[name])
		return fn(*bound.args, **bound.kwargs)

	wrapper.__annotations__ = {}
	return wrapper


def argument_label(name: str) -> str:
	return _("Argument {0}").format(frappe.bold(name))


def report_filters(filters, **kinds) -> frappe._dict:
	"""A script report's filters with each named one parsed by its kind (`year=Year`); a filter
	may be left empty (None), and a value of the wrong kind is a 417 naming the filter."""
	filters = frappe._dict(parse(argument_label("filters"), filters or {}, ReportFilters))
	for name, kind in kinds.items():
		filters[name] = parse(_("Filter {0}").format(frappe.bold(name)), filters.get(name), kind | None)
	return filters


def parse(label: str, value, kind):
	"""`value` as `kind`, or a 417 that names `label` and says what it expects."""
	try:
		return convert(value, kind)
	except Refused as refused:
		refuse(label, refused)


def refuse(label: str, refused: Refused):
	"""The 417 that names `label` and says what it expects."""
	frappe.throw(refused.text(label), InvalidArgumentError, title=_("Invalid request"))


def convert(value, kind):
	"""`value` as `kind`; raises Refused."""
	origin = typing.get_origin(kind)
	if origin in (typing.Union, types.UnionType):
		options = typing.get_args(kind)
		if type(None) in options and (value is None or (value == "" and str not in options)):
			return None
		kinds = [option for option in options if option is not type(None)]
		for option in kinds[:-1]:
			try:
				return convert(value, option)
			except Refused:
				pass
		return convert(value, kinds[-1])
	if kind is typing.Any:
		return value
	if origin is list:
		(item,) = typing.get_args(kind) or (typing.Any,)
		return [convert(entry, item) for entry in to_list(value)]
	if origin is typing.Annotated and typing.get_args(kind)[0] is Filters:
		return to_filters(value, typing.get_args(kind)[1])
	if kind in CONVERTERS:
		return CONVERTERS[kind](value)
	raise TypeError(f"no converter for {kind!r}")


def json_value(value):
	"""A value sent as JSON text, parsed; anything else as it is."""
	if isinstance(value, str | bytes):
		try:
			return json.loads(value)
		except ValueError:
			raise Refused(_("{0} must be valid JSON.")) from None
	return value


def to_name(value) -> str:
	return to_text(value, multiline=False, max_chars=NAME_LENGTH)


def to_free_text(value) -> str:
	return to_text(value, multiline=True, max_bytes=TEXT_BYTES)


def to_text(value, *, multiline: bool, max_chars: int | None = None, max_bytes: int | None = None) -> str:
	"""A string without control characters, trimmed, within the length its column holds."""
	if not isinstance(value, str):
		raise Refused(_("{0} must be text."))
	if (_CONTROL_MULTILINE if multiline else _CONTROL).search(value):
		raise Refused(
			_("{0} must not contain control characters.")
			if multiline
			else _("{0} must be one line without control characters.")
		)
	value = value.strip()
	if max_chars is not None and len(value) > max_chars:
		raise Refused(_("{0} is too long: at most {1} characters."), max_chars)
	if max_bytes is not None and len(value.encode()) > max_bytes:
		raise Refused(_("{0} is too long."))
	return value


def to_int(value, bounds: tuple[int, int] = INT_RANGE) -> int:
	"""A whole number: a JSON integer, an integral number, or text holding one."""
	if isinstance(value, float) and math.isfinite(value) and value.is_integer():
		value = int(value)
	elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
		value = int(value.strip())
	if isinstance(value, bool) or not isinstance(value, int):
		raise Refused(_("{0} must be a whole number."))
	if not bounds[0] <= value <= bounds[1]:
		raise Refused(_("{0} must be a whole number from {1} to {2}."), *bounds)
	return value


def to_count(value) -> int:
	return to_int(value, (0, INT_RANGE[1]))


def to_bool(value) -> bool:
	"""A JSON boolean, 0 or 1, or the text of one of them."""
	if isinstance(value, str):
		value = {"0": 0, "1": 1, "true": 1, "false": 0}.get(value.strip().lower(), value)
	if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
		return bool(value)
	raise Refused(_("{0} must be 0 or 1."))


def to_number(value, limit: float = 1e12) -> float:
	if isinstance(value, str):
		try:
			value = float(value.strip())
		except ValueError:
			raise Refused(_("{0} must be a number.")) from None
	if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
		raise Refused(_("{0} must be a number."))
	if abs(value) >= limit:
		raise Refused(_("{0} is too large."))
	return value


def to_date(value) -> date:
	"""A date written as YYYY-MM-DD (a time after it is ignored)."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if (parsed := _parse_datetime(value)) is None:
		raise Refused(_("{0} must be a date written as YYYY-MM-DD."))
	return parsed.date()


def to_datetime(value) -> datetime:
	if isinstance(value, datetime):
		return value
	if isinstance(value, date):
		return datetime.combine(value, datetime.min.time())
	if (parsed := _parse_datetime(value)) is None:
		raise Refused(_("{0} must be a date and time written as YYYY-MM-DD HH:MM:SS."))
	return parsed


def _parse_datetime(value) -> datetime | None:
	if not isinstance(value, str) or not (match := _DATETIME.fullmatch(value.strip())):
		return None
	try:
		day = date.fromisoformat(match.group(1))
		hour, minute, second = (int(part or 0) for part in match.group(2, 3, 4))
		moment = datetime(day.year, day.month, day.day, hour, minute, second)
	except ValueError:
		return None
	# MariaDB's range for dates; Frappe reads 0001-01-01 as "no date"
	return moment if moment.year >= 1000 else None


def to_time(value) -> str:
	"""HH:MM or HH:MM:SS within a day."""
	match = isinstance(value, str) and _TIME.fullmatch(value.strip())
	if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59 or int(match.group(3) or 0) > 59:
		raise Refused(_("{0} must be a time written as HH:MM or HH:MM:SS."))
	return value.strip()


def to_year(value) -> int:
	return to_int(value, (1900, 9999))


def to_report_filters(value) -> dict:
	value = to_dict(value)
	for item in value.values():
		for entry in item if isinstance(item, list) else [item]:
			_filter_value(entry)
	return value


def to_list(value) -> list:
	value = json_value(value)
	if not isinstance(value, list | tuple):
		raise Refused(_("{0} must be a list."))
	return list(value)


def to_dict(value) -> dict:
	value = json_value(value)
	if not isinstance(value, dict):
		raise Refused(_("{0} must be an object."))
	return value


# Query arguments ----------------------------------------------------------------------------------

OPERATORS = frozenset(
	{
		"=",
		"!=",
		">",
		"<",
		">=",
		"<=",
		"like",
		"not like",
		"in",
		"not in",
		"is",
		"between",
		"timespan",
		"previous",
		"next",
		"ancestors of",
		"descendants of",
		"not ancestors of",
		"not descendants of",
		"descendants of (inclusive)",
	}
)
LIST_OPERATORS = frozenset({"in", "not in", "between"})
HIERARCHY_OPERATORS = frozenset(
	{"ancestors of", "descendants of", "not ancestors of", "not descendants of", "descendants of (inclusive)"}
)
# what Frappe's `previous` and `next` take
PERIODS = ("1 week", "1 month", "3 months", "6 months", "1 year")
# a longer value in a filter is no name, code or date of the app's records
FILTER_VALUE_LENGTH = 1000

# `field`, `tabDocType`.`field` or field, optionally followed by asc/desc
_COLUMN = r"(?:`tab[\w ]{1,140}`\.)?(?:`\w{1,140}`|\w{1,140})"
_SORT_COLUMN = re.compile(r"^\s*(?:`tab([\w ]+)`\.)?`?(\w+)`?(?:\s+(?:asc|desc))?\s*$", re.I)
_ALIAS = re.compile(r"\bas\s+`?(\w+)`?\s*$", re.I)
_IDENTIFIER = re.compile(r"\w{1,140}")
# a column, `*`, or an aggregate of one, optionally named
_FIELD = re.compile(
	rf"\s*(?:\*|`tab[\w ]{{1,140}}`\.\*|{_COLUMN}|(?:count|sum|avg|min|max)\(\s*(?:distinct\s+)?(?:\*|{_COLUMN})\s*\))"
	r"(?:\s+as\s+(?:`\w{1,140}`|\w{1,140}))?\s*",
	re.I,
)


def to_filters(value, doctype: str | None = None) -> list | dict:
	"""Filters as Frappe's list endpoints take them, each condition of a known shape; with
	`doctype`, each on a column of it or of its child tables, with a value its type can hold."""
	value = json_value(value)
	if isinstance(value, dict):
		conditions = []
		for field, condition in value.items():
			if isinstance(condition, list | tuple):
				if len(condition) != 2:
					raise Refused(_("{0}: a condition given as a list must be [operator, value]."))
				conditions.append((None, field, *condition))
			else:
				conditions.append((None, field, "=", condition))
	elif isinstance(value, list | tuple):
		conditions = []
		for condition in value:
			# Desk's filter area sends [doctype, field, operator, value, hidden]; Frappe reads the
			# first four
			if isinstance(condition, list | tuple) and len(condition) == 5 and isinstance(condition[4], bool):
				condition = condition[:4]
			if not isinstance(condition, list | tuple) or len(condition) not in (3, 4):
				raise Refused(_("{0}: each condition must be [field, operator, value]."))
			conditions.append(tuple(condition) if len(condition) == 4 else (None, *condition))
		value = list(value)
	else:
		raise Refused(_("{0} must be a list of conditions or an object."))
	for table, field, operator, operand in conditions:
		_condition(doctype, table, field, operator, operand)
	return value


def _condition(doctype: str | None, table, field, operator, operand) -> None:
	# the shape only: what the name names is the business of the check of hidden fields (which
	# refuses any spelling of one, backquotes included) and then of _typed_condition
	if (table is not None and not isinstance(table, str)) or not isinstance(field, str):
		raise Refused(_("{0}: a condition must name a field."))
	if not field.strip() or _CONTROL.search(field) or len(field) > NAME_LENGTH:
		raise Refused(_("{0}: a condition must name a field."))
	if not isinstance(operator, str) or operator.strip().lower() not in OPERATORS:
		raise Refused(_("{0}: unknown operator."))
	operator = operator.strip().lower()
	if operator in LIST_OPERATORS and isinstance(operand, list | tuple):
		if operator == "between" and len(operand) != 2:
			raise Refused(_("{0}: between takes two values."))
		for item in operand:
			_filter_value(item)
	else:
		_filter_value(operand)
	if operator in ("previous", "next") and operand not in PERIODS:
		raise Refused(_("{0}: {1} takes one of {2}."), operator, ", ".join(PERIODS))
	if operator == "timespan" and not isinstance(operand, str):
		raise Refused(_("{0}: a filter value must be text, a number or a date."))
	if doctype:
		_typed_condition(doctype, table, field, operator, operand)


def _typed_condition(doctype: str, table: str | None, field: str, operator: str, operand) -> None:
	"""What Frappe's query builder needs of a condition on a field of `doctype` (or of one of its
	child tables): a field it has, and a value it can turn into SQL."""
	if not _IDENTIFIER.fullmatch(field):
		raise Refused(_("{0}: {1} is not a field of this list."), frappe.bold(escape_html(field)))
	columns = query_columns(doctype)
	if table is not None and table not in columns:
		raise Refused(_("{0}: {1} is not a field of this list."), frappe.bold(escape_html(table)))
	# as Frappe reads it: a field of the named table (or the list's DocType), else of a child table
	owner = table or doctype
	if table is None and not (frappe.get_meta(owner).has_field(field) or field in columns[owner]):
		owner = next((name for name in columns if name != owner and field in columns[name]), None)
	if owner is None or field not in columns[owner]:
		raise Refused(_("{0}: {1} is not a field of this list."), frappe.bold(field))
	df = frappe.get_meta(owner).get_field(field)
	fieldtype = df.fieldtype if df else ("Datetime" if field in ("creation", "modified") else None)
	if operator in HIERARCHY_OPERATORS:
		tree = frappe.get_meta(df.options).is_tree if df and df.fieldtype == "Link" else None
		if not (tree or (field == "name" and frappe.get_meta(owner).is_tree)) or not isinstance(operand, str):
			raise Refused(_("{0}: {1} is not a field of a tree."), frappe.bold(field))
	elif operator == "between":
		if fieldtype not in ("Date", "Datetime") or not all(_is_date(item) for item in operand):
			raise Refused(_("{0}: between takes two dates written as YYYY-MM-DD."))
	elif operator in ("in", "not in", "is", "timespan", "previous", "next"):
		return
	elif df and fieldtype in ("Date", "Datetime") and not (operand in (None, "") or _is_date(operand)):
		raise Refused(_("{0}: {1} takes a date written as YYYY-MM-DD."), frappe.bold(field))
	elif df and fieldtype == "Time":
		try:
			to_time(operand)
		except Refused:
			raise Refused(_("{0}: {1} takes a time written as HH:MM:SS."), frappe.bold(field)) from None


def _is_date(value) -> bool:
	"""An ISO date (or date and time)."""
	try:
		to_datetime(value)
	except Refused:
		return False
	return True


def _filter_value(value) -> None:
	if value is None or isinstance(value, bool | int):
		return
	if isinstance(value, float) and math.isfinite(value):
		return
	if not isinstance(value, str) or _CONTROL.search(value) or len(value) > FILTER_VALUE_LENGTH:
		raise Refused(_("{0}: a filter value must be text, a number or a date."))


def query_columns(doctype: str) -> dict[str, set[str]]:
	"""The columns a query of `doctype` may name, by table: its own and its child tables'."""
	meta = frappe.get_meta(doctype)
	columns = {doctype: {*meta.get_valid_columns(), *optional_fields}}
	for df in meta.get_table_fields():
		columns[df.options] = set(frappe.get_meta(df.options).get_valid_columns())
	return columns


def unknown_column(doctype: str, order_by: str, fields: list) -> str | None:
	"""The first column of a sort order or grouping that neither `doctype`, its child tables nor an
	alias of the query's columns has (the database would fail on it)."""
	columns = query_columns(doctype)
	aliases = {"_aggregate_column"} | {
		match.group(1) for field in fields if isinstance(field, str) and (match := _ALIAS.search(field))
	}
	for item in order_by.split(","):
		match = _SORT_COLUMN.match(item)
		table, column = (match.group(1), match.group(2)) if match else (None, item.strip())
		known = column in columns.get(table, ()) if table else column in columns[doctype] | aliases
		if not known:
			return column
	return None


def to_fields(value) -> list:
	"""Columns: a JSON list of texts (each a field, `*` or an aggregate of one: see bad_field)."""
	value = json_value(value)
	if isinstance(value, str):
		value = [value]
	if not isinstance(value, list | tuple) or not all(
		isinstance(field, str) and not _CONTROL.search(field) for field in value
	):
		raise Refused(_("{0} must be a list of field names."))
	return list(value)


def bad_field(fields: list) -> str | None:
	"""The first column of a query that is neither a field, `*` nor count/sum/avg/min/max of one."""
	return next((field for field in fields if not _FIELD.fullmatch(field)), None)


def to_order_by(value) -> str:
	"""A sort order or grouping, as text; unknown_column reads its columns."""
	if not isinstance(value, str) or _CONTROL.search(value) or len(value) > FILTER_VALUE_LENGTH:
		raise Refused(_("{0} must be text."))
	return value


CONVERTERS = {
	str: to_name,
	Text: to_free_text,
	int: to_int,
	Count: to_count,
	Year: to_year,
	bool: to_bool,
	float: to_number,
	date: to_date,
	datetime: to_datetime,
	list: to_list,
	dict: to_dict,
	Filters: to_filters,
	ReportFilters: to_report_filters,
	Fields: to_fields,
	OrderBy: to_order_by,
}
