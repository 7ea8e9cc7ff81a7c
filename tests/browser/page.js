// tests/browser/page.js: run in every published page (WebDriver's
// "execute script", the body of a function).  Returns what the page shows,
// one record a line, tab-separated, for tests/browser/run.sh to judge:
//   width	SCROLLWIDTH	INNERWIDTH	the page's width against the window's
//   id	ID				every id and a[name] of the page
//   link	PATH	FRAGMENT		every link, style sheet, script or
//					image from a file: URL (the site),
//					decoded; FRAGMENT may be empty
//   urlcell	HREF	RIGHT	EDGE	a link to http(s) in a table cell whose
//					right edge (RIGHT) passes what its
//					table's scroll box or the window shows
//					(EDGE): a long URL that does not wrap
//   contrast	RATIO	FG	BG	WHERE	TEXT
//					every element that shows text of its
//					own whose contrast is below 4.5:1
// Contrast follows WCAG 2: relative luminance of the text colour (its
// alpha and the opacity of the element and its ancestors applied) over the
// background colours of the element and its ancestors composited on white.
var out = [];
var root = document.documentElement;
out.push(["width", root.scrollWidth, window.innerWidth].join("\t"));

var all = document.querySelectorAll("[id], a[name]");
for (var i = 0; i < all.length; i++)
	out.push(["id", all[i].id || all[i].getAttribute("name")].join("\t"));

var links = document.querySelectorAll("a[href], link[href], script[src], img[src]");
for (var i = 0; i < links.length; i++) {
	var u = new URL(links[i].getAttribute("href") ||
	    links[i].getAttribute("src"), document.baseURI);
	if (u.protocol !== "file:")
		continue;
	out.push(["link", decodeURIComponent(u.pathname),
	    decodeURIComponent(u.hash.replace(/^#/, ""))].join("\t"));
}

function rgba(s) {
	var m = /^rgba?\(([^)]*)\)$/.exec(s);
	if (m === null)
		return null;
	var p = m[1].split(/[\s,\/]+/).filter(function (x) { return x !== ""; });
	return [+p[0], +p[1], +p[2], p.length > 3 ? +p[3] : 1];
}
// c over under, both [r, g, b, a]; under is opaque.
function over(c, under) {
	return [0, 1, 2].map(function (k) {
		return c[k] * c[3] + under[k] * (1 - c[3]);
	}).concat([1]);
}
function luminance(c) {
	var v = [0, 1, 2].map(function (k) {
		var s = c[k] / 255;
		return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
	});
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
	var layers = [];
	for (var e = el; e !== null; e = e.parentElement) {
		var b = rgba(getComputedStyle(e).backgroundColor);
		if (b !== null && b[3] > 0)
			layers.push(b);
	}
	var bg = [255, 255, 255, 1];
	for (var k = layers.length - 1; k >= 0; k--)
		bg = over(layers[k], bg);
	return bg;
}
function opacity(el) {
	var o = 1;
	for (var e = el; e !== null; e = e.parentElement)
		o *= +getComputedStyle(e).opacity;
	return o;
}
function where(el) {
	var s = el.tagName.toLowerCase();
	if (el.id)
		s += "#" + el.id;
	if (el.classList.length > 0)
		s += "." + Array.prototype.join.call(el.classList, ".");
	return s;
}
function hex(c) {
	return "#" + [0, 1, 2].map(function (k) {
		return ("0" + Math.round(c[k]).toString(16)).slice(-2);
	}).join("");
}

var els = document.body.querySelectorAll("*");
for (var i = 0; i < els.length; i++) {
	var el = els[i], text = "";
	for (var n = el.firstChild; n !== null; n = n.nextSibling)
		if (n.nodeType === Node.TEXT_NODE)
			text += n.data;
	text = text.replace(/\s+/g, " ").trim();
	if (text === "" || el.getClientRects().length === 0)
		continue;
	var fg = rgba(getComputedStyle(el).color);
	if (fg === null)
		continue;
	var bg = background(el);
	fg[3] *= opacity(el);
	var shown = over(fg, bg);
	var l1 = luminance(shown), l2 = luminance(bg);
	var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
	if (ratio < 4.5)
		out.push(["contrast", ratio.toFixed(2), hex(shown), hex(bg),
		    where(el), text.slice(0, 30)].join("\t"));
}
var cells = document.querySelectorAll('td a[href^="http"], th a[href^="http"]');
for (var i = 0; i < cells.length; i++) {
	var a = cells[i], box = a.closest(".table-wrap") || root;
	var edge = Math.min(box.getBoundingClientRect().right, window.innerWidth);
	var right = a.getBoundingClientRect().right;
	if (right > edge + 1)
		out.push(["urlcell", a.getAttribute("href"), Math.round(right),
		    Math.round(edge)].join("\t"));
}

return out.join("\n");
