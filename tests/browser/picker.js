// tests/browser/picker.js: drive the matrix page's controls (templates/
// matrix.js) as a reader does, and report what the page then shows.
// Called with one argument, an action and its operand:
//   pick NAME	click the column picker's box of column NAME (data-col)
//   filter TEXT	type TEXT into the filter box
//   diff		click "only rows that differ"
//   sort NAME	click the header of column NAME ("topic": the first)
//   addfocus	focus the box that adds a column of another page (a
//		matrix in pages: it loads the list of every column)
//   add NAME	choose column NAME in that box (the page opens again)
//   state		nothing
// Every call returns the state, one record a line, tab-separated:
//   query	QUERY		the page's query, decoded
//   controls	N		how many control boxes the page has
//   cols	A,B,...		the data-col of every header cell in sight
//   rows	N		rows in sight
//   topics	ID,...		the ids of the rows in sight, in order
//   order	K,...		for the sorted column (aria-sort), each shown
//				row's data-sort, "-" where it has none
//   missing	ID		a row in sight without the filter text in its
//				shown cells
//   same	ID		with "diff" on, a row in sight whose shown
//				values are all the same
//   differs	ID		with "diff" on, a row hidden whose shown
//				values differ
// The judging of rows is done here, from the cells, not by asking
// matrix.js.
var arg = arguments[0] || "state";
var sp = arg.indexOf(" ");
var act = sp < 0 ? arg : arg.slice(0, sp), what = sp < 0 ? "" : arg.slice(sp + 1);
var t = document.querySelector("table.matrix");
if (t === null)
	return "error\tno table.matrix";
var heads = t.tHead.rows[0].cells;
function col(name) {
	if (name === "topic")
		return 0;
	for (var i = 1; i < heads.length; i++)
		if (heads[i].getAttribute("data-col") === name)
			return i;
	return -1;
}
function seen(e) {
	return e.getClientRects().length > 0;
}
var box = null, boxes = document.querySelectorAll(".matrix-controls input");
if (act === "pick") {
	for (var i = 0; i < boxes.length; i++)
		if (boxes[i].classList.contains("col") && boxes[i].value === what)
			box = boxes[i];
	if (box === null)
		return "error\tno box for " + what;
	box.click();
} else if (act === "filter") {
	var f = document.querySelector(".matrix-controls input.filter");
	if (f === null)
		return "error\tno filter box";
	f.value = what;
	f.dispatchEvent(new Event("input", { bubbles: true }));
} else if (act === "diff") {
	box = document.querySelector(".matrix-controls input.only-differing");
	if (box === null)
		return "error\tno differing-rows box";
	box.click();
} else if (act === "addfocus" || act === "add") {
	var a = document.querySelector(".matrix-controls input.add-col");
	if (a === null)
		return "error\tno box to add a column";
	a.focus();
	if (act === "add") {
		a.value = what;
		a.dispatchEvent(new Event("change", { bubbles: true }));
		return "added";
	}
} else if (act === "sort") {
	if (col(what) < 0)
		return "error\tno column " + what;
	heads[col(what)].click();
}

var out = [];
out.push(["query", decodeURIComponent(window.location.search)].join("\t"));
out.push(["controls", boxes.length].join("\t"));
var cols = [], shown = [];
for (var i = 1; i < heads.length; i++)
	if (seen(heads[i])) {
		cols.push(heads[i].getAttribute("data-col"));
		shown.push(i);
	}
out.push(["cols", cols.join(",")].join("\t"));
var sorted = -1;
for (var i = 0; i < heads.length; i++)
	if (heads[i].hasAttribute("aria-sort"))
		sorted = i;
var q = new URLSearchParams(window.location.search).get("q");
var diff = new URLSearchParams(window.location.search).get("diff") === "1";
var ids = [], order = [], rows = t.tBodies[0].rows;
function key(c) {
	var v = c.querySelector("span.value");
	return v === null ? c.textContent :
	    v.getAttribute("title") || v.textContent;
}
for (var r = 0; r < rows.length; r++) {
	var vals = {}, n = 0, text = rows[r].cells[0].textContent;
	for (var j = 0; j < shown.length; j++) {
		var k = key(rows[r].cells[shown[j]]);
		text += "\n" + rows[r].cells[shown[j]].textContent;
		if (!(k in vals)) {
			vals[k] = 1;
			n++;
		}
	}
	if (!seen(rows[r])) {
		if (diff && n > 1 && (!q || text.toLowerCase().indexOf(q.toLowerCase()) >= 0))
			out.push(["differs", rows[r].id].join("\t"));
		continue;
	}
	ids.push(rows[r].id);
	if (sorted >= 0) {
		var s = rows[r].cells[sorted].getAttribute("data-sort");
		order.push(sorted === 0 ? rows[r].cells[0].firstChild.textContent :
		    s === null ? "-" : s);
	}
	if (q && text.toLowerCase().indexOf(q.toLowerCase()) < 0)
		out.push(["missing", rows[r].id].join("\t"));
	if (diff && n < 2)
		out.push(["same", rows[r].id].join("\t"));
}
out.push(["rows", ids.length].join("\t"));
out.push(["topics", ids.join(",")].join("\t"));
if (sorted >= 0)
	out.push(["order", order.join(",")].join("\t"));
return out.join("\n");
