// The date pickers in Vietnamese (Desk and the web forms): Frappe's picker (air-datepicker) ships no
// Vietnamese and falls back to English when the user's language has no entry.
const VIETNAMESE = {
	days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
	daysShort: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
	daysMin: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
	months: [
		"Tháng 1",
		"Tháng 2",
		"Tháng 3",
		"Tháng 4",
		"Tháng 5",
		"Tháng 6",
		"Tháng 7",
		"Tháng 8",
		"Tháng 9",
		"Tháng 10",
		"Tháng 11",
		"Tháng 12",
	],
	monthsShort: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"],
	today: "Hôm nay",
	clear: "Xóa",
	dateFormat: "dd/mm/yyyy",
	timeFormat: "hh:ii",
	firstDay: 1,
};

function add_vietnamese(plugin) {
	if (plugin && plugin.language && !plugin.language.vi) {
		plugin.language.vi = VIETNAMESE;
		// a web page's picker asks for the Desk user's language, which a web page does not have, and
		// takes English: on a page in Vietnamese, English is Vietnamese
		if (!window.frappe?.boot?.user && document.documentElement.lang === "vi") {
			plugin.language.en = VIETNAMESE;
		}
	}
}

if (window.jQuery) {
	if (jQuery.fn.datepicker) {
		// the Desk: the picker is loaded before the app's bundle
		add_vietnamese(jQuery.fn.datepicker);
	} else {
		// a web page: the web form's bundle brings the picker after this script; its languages are
		// set right after the plugin itself, in the same script
		let plugin;
		Object.defineProperty(jQuery.fn, "datepicker", {
			configurable: true,
			get: () => plugin,
			set(value) {
				plugin = value;
				queueMicrotask(() => add_vietnamese(plugin));
			},
		});
	}
}
