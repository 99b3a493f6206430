// What the app adds to its web pages (hooks.web_include_js): the date pickers of the member's web
// forms in Vietnamese.
import "./datepicker_vi.js";
