// tests/browser/sticky.js: does the matrix keep its header row and its
// topic column in sight?  Called twice (WebDriver's "execute script"):
// with "scroll" it scrolls the page down to the middle of the table and
// every box that holds the table (and the page) as far right as they go;
// then, in a later call (after the browser has laid the page out again),
// it reports one line for each, tab-separated:
//   header	visible|hidden	TOP	BOTTOM	(the first header cell)
//   topic	visible|hidden	LEFT	RIGHT	(the topic cell of the row in
//					the middle of the window)
//   scrolled	DX	DY	(how far the table moved: a check that did not
//					scroll proves nothing)
var t = document.querySelector("table.matrix");
if (t === null)
	return "error\tno table.matrix";
if (arguments[0] === "scroll") {
	var r = t.getBoundingClientRect();
	window.__sticky = [r.left, r.top];
	window.scrollTo(0, window.scrollY + r.top + r.height / 2 -
	    window.innerHeight / 2);
	for (var e = t.parentElement; e !== null; e = e.parentElement)
		e.scrollLeft = e.scrollWidth;
	window.scrollTo(root_width(), window.scrollY);
	return "";
}
function root_width() {
	return document.documentElement.scrollWidth;
}
var out = [], W = window.innerWidth, H = window.innerHeight;
var head = t.querySelector("thead th");
var hr = head.getBoundingClientRect();
out.push(["header", hr.top >= -1 && hr.bottom <= H + 1 ? "visible" :
    "hidden", Math.round(hr.top), Math.round(hr.bottom)].join("\t"));
var rows = t.querySelectorAll("tbody tr"), cell = null;
for (var i = 0; i < rows.length; i++) {
	var rr = rows[i].getBoundingClientRect();
	if (rr.top <= H / 2 && rr.bottom >= H / 2) {
		cell = rows[i].cells[0];
		break;
	}
}
if (cell === null)
	out.push(["topic", "hidden", "no row", "at mid-window"].join("\t"));
else {
	var cr = cell.getBoundingClientRect();
	out.push(["topic", cr.left >= -1 && cr.right <= W + 1 ? "visible" :
	    "hidden", Math.round(cr.left), Math.round(cr.right)].join("\t"));
}
var now = t.getBoundingClientRect();
out.push(["scrolled", Math.round(window.__sticky[0] - now.left),
    Math.round(window.__sticky[1] - now.top)].join("\t"));
return out.join("\n");
