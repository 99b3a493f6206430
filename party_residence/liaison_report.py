"""The yearly report a commune or ward committee sends upward on carrying out Regulation 213
(structure of the ward reports: I. implementation, II. results, III. general assessment,
IV. proposals). Section II is written from the figures of `summary.liaison_summary`; the other
sections are the committee's own text, seeded once with a starting text to edit.

The texts are Vietnamese document content, like the print formats: they are what the committee
signs, not interface strings.
"""

from __future__ import annotations

import re
from html import escape

import frappe
from frappe.utils import now_datetime, strip_html
from party_residence.organizations import sector_phrases
from party_residence.summary import liaison_summary, percent

NARRATIVE_FIELDS = ("section_1", "section_2_notes", "section_3", "section_4")


def number(value: int) -> str:
	"""1802 -> '1.802' (Vietnamese thousands separator)."""
	return f"{int(value):,}".replace(",", ".")


def share(part: int, whole: int) -> str:
	"""62.2 -> '62,2%' (Vietnamese decimal comma)."""
	return f"{percent(part, whole):.1f}".replace(".", ",") + "%"


def compute(committee: str, year: int) -> dict:
	"""The figures of the report, within the current user's scope, as plain JSON values."""
	figures = liaison_summary(committee, year)
	return {key: (dict(value) if isinstance(value, dict) else value) for key, value in figures.items()}


def results_html(f: dict, committee_name: str) -> str:
	"""Section II, first part: every figure of the year in the ward reports' wording."""
	year = f["year"]
	# "Đảng ủy phường Hải Dương" -> "trên địa bàn phường Hải Dương"
	where = escape(
		re.sub(r"^(Đảng ủy|Đảng uỷ|Thành ủy|Thành uỷ|Tỉnh ủy|Tỉnh uỷ)\s+", "", committee_name or "")
	)
	paragraphs = []

	intro = (
		f"Năm {year}, cấp ủy cơ sở nơi đảng viên đang công tác đã giới thiệu "
		f"<b>{number(f['introduced'])}</b> đảng viên về giữ mối liên hệ nơi cư trú trên địa bàn {where}; "
		f"cấp ủy nơi cư trú đã tiếp nhận <b>{number(f['received'])}</b> đảng viên về sinh hoạt nơi cư trú"
	)
	if f["introduced"]:
		intro += f" ({share(f['received'], f['introduced'])})"
	extra = []
	if f["in_progress"]:
		extra.append(f"{number(f['in_progress'])} trường hợp đang trong quá trình tiếp nhận")
	if f["returned"]:
		extra.append(f"{number(f['returned'])} giấy giới thiệu bị trả lại do sai địa chỉ cư trú")
	paragraphs.append(intro + ("; " + "; ".join(extra) if extra else "") + ".")

	exempt = []
	exempt.append(
		f"{number(f['exempt_from_activity'])} đảng viên được miễn sinh hoạt nơi cư trú"
		if f["exempt_from_activity"]
		else "không phát sinh trường hợp được miễn sinh hoạt nơi cư trú"
	)
	exempt.append(
		f"{number(f['exempt_from_introduction'])} trường hợp được miễn giới thiệu về tổ chức đảng nơi cư trú"
		if f["exempt_from_introduction"]
		else "không có trường hợp được miễn giới thiệu về tổ chức đảng nơi cư trú"
	)
	paragraphs.append(_sentence("; ".join(exempt)) + ".")

	# the sectors by the phrase a manager gives each (Party Sector), the largest first, ties in
	# their order
	phrases = sector_phrases()
	parts = [
		f"{escape(phrases.get(sector) or sector.lower())} {number(count)} đồng chí, "
		f"chiếm {share(count, f['introduced'])}"
		for sector, count in sorted(f["by_sector"].items(), key=lambda item: -item[1])
		if count
	]
	if parts:
		paragraphs.append("Về cơ cấu đảng viên được giới thiệu về nơi cư trú: " + "; ".join(parts) + ".")

	if f["requested"]:
		review = (
			f"Cấp ủy nơi công tác đã gửi <b>{number(f['requested'])}</b> phiếu xin ý kiến nhận xét đảng viên; "
			f"đã trả lời {number(f['answered'])} phiếu ({share(f['answered'], f['requested'])})"
		)
		if f["overdue"]:
			review += f"; {number(f['overdue'])} phiếu quá hạn chưa trả lời"
		paragraphs.append(review + ".")
	else:
		paragraphs.append(f"Năm {year}, chưa có phiếu xin ý kiến nhận xét đảng viên gửi về.")

	if f["commend"] or f["discipline"]:
		paragraphs.append(
			f"Qua nhận xét, chi ủy nơi cư trú đề nghị biểu dương {number(f['commend'])} đồng chí, "
			f"đề nghị xem xét xử lý {number(f['discipline'])} đồng chí."
		)
	else:
		paragraphs.append(
			"Không có trường hợp cấp ủy nơi cư trú đề nghị biểu dương hoặc đề nghị xem xét xử lý."
		)
	return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def starting_texts(committee_name: str, year: int) -> dict[str, str]:
	"""The text a new report starts with in each narrative section, for the committee to edit."""
	name = escape(committee_name or "Đảng ủy")
	return {
		"section_1": (
			"<p><b>1. Về công tác lãnh đạo, chỉ đạo triển khai, quán triệt Quy định</b></p>"
			f"<p>Ban Thường vụ {name} đã lãnh đạo, chỉ đạo các chi bộ trực thuộc, nhất là các chi bộ "
			"thôn, tổ dân phố, quán triệt và triển khai thực hiện Quy định số 213-QĐ/TW và Hướng dẫn "
			"số 33-HD/BTCTW bằng hình thức phù hợp; lồng ghép trong sinh hoạt cấp ủy, sinh hoạt chi "
			"bộ và trong đánh giá, xếp loại tổ chức đảng, đảng viên hằng năm.</p>"
			"<p><b>2. Về cụ thể hóa việc thực hiện Quy định</b></p>"
			"<p>Đảng ủy đã chỉ đạo các chi bộ trực thuộc thực hiện các khâu: tiếp nhận giấy giới thiệu "
			"đảng viên về nơi cư trú; lập danh sách theo từng chi bộ; theo dõi việc tham gia sinh hoạt, "
			"giữ mối liên hệ; tổ chức nhận xét, xác nhận và gửi kết quả về tổ chức đảng nơi đảng viên "
			"đang công tác.</p>"
		),
		"section_2_notes": (
			"<p><b>Về nhiệm vụ của đảng viên đang công tác ở nơi cư trú</b></p>"
			"<p>(Nêu mức độ đảng viên giữ mối liên hệ, dự sinh hoạt, tham gia các phong trào, cuộc vận "
			"động ở địa phương; những nhóm đảng viên còn hạn chế và lý do.)</p>"
		),
		"section_3": (
			"<p><b>1. Về ưu điểm và nguyên nhân</b></p><p>(Nêu ưu điểm nổi bật và nguyên nhân.)</p>"
			"<p><b>2. Về hạn chế và nguyên nhân</b></p><p>(Nêu hạn chế và nguyên nhân.)</p>"
			"<p><b>3. Về khó khăn, bất cập và những vấn đề đặt ra</b></p><p>(Nêu khó khăn, bất cập.)</p>"
			"<p><b>4. Về mô hình mới, cách làm hiệu quả</b></p><p>(Nêu mô hình, cách làm hiệu quả.)</p>"
		),
		"section_4": (
			"<p><b>1. Đề xuất, kiến nghị sửa đổi, bổ sung Quy định số 213-QĐ/TW</b></p>"
			"<p>(Nêu đề xuất, kiến nghị.)</p>"
			"<p><b>2. Những nội dung cần sửa đổi, bổ sung về Hướng dẫn số 33-HD/BTCTW</b></p>"
			"<p>(Nêu đề xuất, kiến nghị.)</p>"
		),
	}


def title(committee_name: str, year: int) -> str:
	return f"Báo cáo thực hiện Quy định 213-QĐ/TW năm {year} — {committee_name}"


def fill(doc, regenerate: bool = False) -> None:
	"""Set the computed parts of a Residence Liaison Report: the title, the figures and section II
	(when new, or when asked to regenerate) and, on a new report, a starting text in every narrative
	section left empty. Text the committee wrote is never touched."""
	committee_name = (
		frappe.db.get_value("Party Organization", doc.residence_committee, "organization_name") or ""
	)
	doc.report_title = title(committee_name, doc.report_year)
	if regenerate or not doc.figures:
		figures = compute(doc.residence_committee, doc.report_year)
		doc.figures = frappe.as_json(figures)
		doc.section_2 = results_html(figures, committee_name)
		doc.figures_regenerated_on = now_datetime()
	if doc.is_new():
		for fieldname, text in starting_texts(committee_name, doc.report_year).items():
			if not strip_html(doc.get(fieldname) or "").strip():
				doc.set(fieldname, text)


def _sentence(text: str) -> str:
	return text[:1].upper() + text[1:]
