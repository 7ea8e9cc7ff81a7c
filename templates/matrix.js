/*
 * termc comparison matrix: a column picker, filters and sorting.  The page
 * is complete without this script (every column and row is in the markup
 * and shown); the script only adds controls above the table.  Shipped
 * from templates/, never generated from terms text.
 *
 * The reader's choice lives in the page's query, so a link or a bookmark
 * brings it back (matrix.html?cols=a/x,b/y&q=解約&diff=1&sort=a/x&dir=desc):
 *   cols	the columns shown, by their th's data-col (provider/document),
 *		in the table's order; absent: all.  Unknown names are ignored.
 *   q		rows whose topic or shown values contain this text
 *   diff	1: only rows whose shown columns disagree
 *   sort	a column's data-col, or "topic"; dir: asc (default) or desc.
 *		Rows without a value sort last either way; absent: the
 *		taxonomy's order.
 * The row anchors (matrix.html#topic-id) are left alone.  A matrix of
 * many documents is in pages (matrix-1.html …, html_matrix.c): the links
 * to the other pages carry q and diff along.  A page's cols may name
 * columns of other pages: their cells come from the build's
 * matrix-cols.js (every column and its page) and matrix-K.js (page K's
 * header and cells, the markup of its page) and are put after the
 * page's own; the picker's "add" box names any column of the matrix.
 */
(function () {
	"use strict";

	/* The page's words, in its language (<html lang>, html_matrix.c). */
	var W = document.documentElement.lang === "en" ? {
		all: "All", filter: "Filter ", shown: "Providers shown",
		placeholder: "Topic or value", differing:
		    " Only topics where the providers shown differ",
		add: "Add a provider of another page ",
		addPlaceholder: "Provider or document",
		open: " (", close: ")", topics: " topics, ", providers:
		    " providers shown"
	} : {
		all: "すべて", filter: "絞り込み ", shown: "表示する事業者",
		placeholder: "項目・値で絞り込み", differing:
		    " 表示中の事業者で異なる項目のみ",
		add: "他のページの事業者を追加 ", addPlaceholder: "事業者名・約款名",
		open: "（", close: "）", topics: " 項目・", providers:
		    " 事業者を表示"
	};

	/* A cell's value as the server compared it (html_matrix.c). */
	function cellKey(c) {
		var v = c.querySelector("span.value");
		if (v === null)
			return c.textContent.trim();
		return v.getAttribute("title") || v.textContent.trim();
	}

	/* What a row sorts by in column col: a number, a string or null. */
	function sortKey(row, col) {
		var c = row.cells[col], s;
		if (!c)
			return null;
		if (col === 0)
			return c.firstChild ? c.firstChild.textContent.trim() : "";
		s = c.getAttribute("data-sort");
		return s === null ? null : parseFloat(s);
	}

	function compare(a, b) {
		if (typeof a === "number" && typeof b === "number")
			return a - b;
		return String(a).localeCompare(String(b), "ja");
	}

	/* A query value; the slugs' "/" left readable. */
	function enc(s) {
		return encodeURIComponent(s).replace(/%2F/g, "/");
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text)
			e.appendChild(document.createTextNode(text));
		return e;
	}

	/* A matrix in pages: this page's number (matrix-3.html); 0: one page. */
	function pageNo() {
		var m = /matrix-(\d+)\.html$/.exec(window.location.pathname);
		return m ? +m[1] : 0;
	}

	/* Load the build's script src, then done (on failure too). */
	function load(src, done) {
		var s = document.createElement("script");
		s.src = src;
		s.onload = s.onerror = function () { done(); };
		document.head.appendChild(s);
	}

	/* The columns the query names that are on other pages, put in. */
	function borrow(table, done) {
		var want = (new URLSearchParams(window.location.search).get("cols") ||
		    "").split(",");
		var heads = table.tHead.rows[0].cells, have = {}, missing, i;
		for (i = 1; i < heads.length; i++)
			have[heads[i].getAttribute("data-col")] = true;
		missing = want.filter(function (n) { return n && !have[n]; });
		if (!pageNo() || missing.length === 0)
			return done();
		load("matrix-cols.js", function () {
			var where = {}, pages = [];
			(window.TERMC_MATRIX_COLS || []).forEach(function (c) {
				where[c[0]] = c[3];
			});
			missing.forEach(function (n) {
				if (where[n] && pages.indexOf(where[n]) < 0)
					pages.push(where[n]);
			});
			var left = pages.length;
			if (left === 0)
				return done();
			pages.forEach(function (p) {
				load("matrix-" + p + ".js", function () {
					if (--left > 0)
						return;
					var data = window.TERMC_MATRIX || {};
					var rows = table.tBodies[0].rows;
					missing.forEach(function (n) {
						var col = (data[where[n]] || []).filter(
						    function (c) { return c[0] === n; })[0];
						if (!col)
							return;
						var row = table.tHead.rows[0];
						row.insertAdjacentHTML("beforeend", col[1]);
						row.lastElementChild.classList.add("borrowed");
						for (var r = 0; r < rows.length &&
						    r < col[2].length; r++)
							rows[r].insertAdjacentHTML("beforeend",
							    col[2][r]);
					});
					done();
				});
			});
		});
	}

	function setup(table) {
		var tbody = table.tBodies[0];
		var heads = table.tHead.rows[0].cells;
		var rows = Array.prototype.slice.call(tbody.rows);
		var params = new URLSearchParams(window.location.search);
		var names = [], boxes = [], shown = [], i;
		var sortCol = -1, sortDir = 1;
		var controls = el("div", "matrix-controls");
		var picker = el("fieldset", "col-picker");
		var all = el("button", "all", W.all);
		var filter = el("input", "filter");
		var onlyDiff = el("input", "only-differing");
		var label1 = el("label", null, W.filter);
		var label2 = el("label");
		var status = el("p", "matrix-status");

		for (i = 0; i < heads.length; i++)
			names.push(i === 0 ? "topic" : heads[i].getAttribute("data-col"));

		/* The controls, in the state the query asks for. */
		picker.appendChild(el("legend", null, W.shown));
		for (i = 1; i < heads.length; i++) {
			var box = el("input", "col"), lab = el("label");
			var doc = heads[i].querySelector(".doc");
			box.type = "checkbox";
			box.value = names[i];
			lab.appendChild(box);
			lab.appendChild(document.createTextNode(" " +
			    heads[i].firstChild.textContent.trim() +
			    (doc ? W.open + doc.textContent.trim() + W.close : "")));
			picker.appendChild(lab);
			boxes[i] = box;
		}
		all.type = "button";
		picker.appendChild(all);
		filter.type = "search";
		filter.placeholder = W.placeholder;
		label1.appendChild(filter);
		onlyDiff.type = "checkbox";
		label2.appendChild(onlyDiff);
		label2.appendChild(document.createTextNode(W.differing));
		status.setAttribute("role", "status");
		controls.appendChild(picker);
		if (pageNo())
			addBox(controls);
		controls.appendChild(label1);
		controls.appendChild(label2);
		controls.appendChild(status);
		table.parentNode.parentNode.insertBefore(controls, table.parentNode);

		var want = (params.get("cols") || "").split(",");
		var any = false;
		for (i = 1; i < heads.length; i++) {
			boxes[i].checked = want.indexOf(names[i]) >= 0;
			any = any || boxes[i].checked;
		}
		for (i = 1; i < heads.length; i++)
			if (!any)
				boxes[i].checked = true;
		filter.value = params.get("q") || "";
		onlyDiff.checked = params.get("diff") === "1";
		sortCol = names.indexOf(params.get("sort"));
		sortDir = params.get("dir") === "desc" ? -1 : 1;

		/* The page's query from the controls; replaces the URL. */
		function remember() {
			var p = [], cols = [], j;
			for (j = 1; j < heads.length; j++)
				if (boxes[j].checked)
					cols.push(enc(names[j]));
			if (cols.length < heads.length - 1 ||
			    table.querySelector("th.borrowed") !== null)
				p.push("cols=" + cols.join(","));
			if (filter.value.trim() !== "")
				p.push("q=" + enc(filter.value.trim()));
			if (onlyDiff.checked)
				p.push("diff=1");
			if (sortCol >= 0) {
				p.push("sort=" + enc(names[sortCol]));
				if (sortDir < 0)
					p.push("dir=desc");
			}
			history.replaceState(null, "", window.location.pathname +
			    (p.length ? "?" + p.join("&") : "") + window.location.hash);
			carry();
		}

		/*
		 * A matrix in pages: a box naming any column of the matrix
		 * (matrix-cols.js, loaded when the box is first used); the
		 * one chosen joins the shown ones, and the page opens again
		 * with them in its query.
		 */
		function addBox(into) {
			var box = el("input", "add-col"), list = el("datalist");
			var label = el("label", null, W.add);
			var byLabel = {};
			box.type = "search";
			box.placeholder = W.addPlaceholder;
			list.id = "matrix-all-cols";
			box.setAttribute("list", list.id);
			label.appendChild(box);
			into.appendChild(label);
			into.appendChild(list);
			box.addEventListener("focus", function () {
				if (list.childNodes.length > 0)
					return;
				load("matrix-cols.js", function () {
					(window.TERMC_MATRIX_COLS || []).forEach(function (c) {
						var o = document.createElement("option");
						o.value = c[1] + W.open + c[2] + W.close;
						byLabel[o.value] = c[0];
						list.appendChild(o);
					});
				});
			});
			box.addEventListener("change", function () {
				var name = byLabel[box.value] || box.value, j;
				var cols = [];
				if (names.indexOf(name) < 0 && !(window.TERMC_MATRIX_COLS ||
				    []).some(function (c) { return c[0] === name; }))
					return;
				for (j = 1; j < heads.length; j++)
					if (boxes[j].checked)
						cols.push(enc(names[j]));
				if (cols.indexOf(enc(name)) < 0)
					cols.push(enc(name));
				var p = new URLSearchParams(window.location.search);
				p.delete("cols");
				var rest = p.toString();
				window.location.search = "?cols=" + cols.join(",") +
				    (rest ? "&" + rest : "");
			});
		}

		/* The links to the other pages, with the filter's part. */
		var pageLinks = document.querySelectorAll(".matrix-pages a");
		var bare = [];
		for (i = 0; i < pageLinks.length; i++)
			bare.push(pageLinks[i].getAttribute("href"));
		function carry() {
			var p = [], j;
			if (filter.value.trim() !== "")
				p.push("q=" + enc(filter.value.trim()));
			if (onlyDiff.checked)
				p.push("diff=1");
			for (j = 0; j < pageLinks.length; j++)
				pageLinks[j].setAttribute("href", bare[j] +
				    (p.length ? "?" + p.join("&") : ""));
		}

		function columns() {
			var j, r;
			shown = [0];
			for (j = 1; j < heads.length; j++)
				if (boxes[j].checked)
					shown.push(j);
			for (j = 1; j < heads.length; j++) {
				var off = !boxes[j].checked;
				heads[j].classList.toggle("col-off", off);
				for (r = 0; r < rows.length; r++)
					if (rows[r].cells[j])
						rows[r].cells[j].classList.toggle("col-off", off);
			}
		}

		/* Does the row hold different values in the shown columns? */
		function differs(row) {
			var first = null, j, k;
			for (j = 1; j < shown.length; j++) {
				if (!row.cells[shown[j]])
					continue;
				k = cellKey(row.cells[shown[j]]);
				if (first === null)
					first = k;
				else if (k !== first)
					return true;
			}
			return false;
		}

		function filterRows() {
			var q = filter.value.trim().toLowerCase(), n = 0, r, j;
			for (r = 0; r < rows.length; r++) {
				var text = "";
				for (j = 0; j < shown.length; j++)
					if (rows[r].cells[shown[j]])
						text += rows[r].cells[shown[j]].textContent + "\n";
				var show = (!q || text.toLowerCase().indexOf(q) >= 0) &&
				    (!onlyDiff.checked || differs(rows[r]));
				rows[r].classList.toggle("hidden", !show);
				if (show)
					n++;
			}
			status.textContent = n + W.topics + (shown.length - 1) +
			    W.providers;
		}

		function sortRows() {
			var order = rows.slice(), j;
			for (j = 0; j < heads.length; j++)
				heads[j].removeAttribute("aria-sort");
			if (sortCol >= 0) {
				heads[sortCol].setAttribute("aria-sort",
				    sortDir > 0 ? "ascending" : "descending");
				order.sort(function (a, b) {
					var ka = sortKey(a, sortCol), kb = sortKey(b, sortCol);
					if (ka === null || kb === null)
						return (ka === null) - (kb === null);
					return sortDir * compare(ka, kb) ||
					    rows.indexOf(a) - rows.indexOf(b);
				});
			}
			for (j = 0; j < order.length; j++)
				tbody.appendChild(order[j]);
		}

		function update() {
			columns();
			filterRows();
			sortRows();
			remember();
		}

		for (i = 1; i < heads.length; i++)
			boxes[i].addEventListener("change", update);
		all.addEventListener("click", function () {
			for (var j = 1; j < heads.length; j++)
				boxes[j].checked = true;
			update();
		});
		filter.addEventListener("input", update);
		onlyDiff.addEventListener("change", update);

		/* A header sorts by its column; again, the other way. */
		function sortBy(col) {
			sortDir = sortCol === col ? -sortDir : 1;
			sortCol = col;
			update();
		}
		for (i = 0; i < heads.length; i++) {
			(function (col, th) {
				th.classList.add("sortable");
				th.tabIndex = 0;
				th.addEventListener("click", function (e) {
					if (e.target.closest("a") === null)
						sortBy(col);
				});
				th.addEventListener("keydown", function (e) {
					if (e.key === "Enter" && e.target === th)
						sortBy(col);
				});
			})(i, heads[i]);
		}
		update();
	}

	document.addEventListener("DOMContentLoaded", function () {
		var t = document.querySelectorAll("table.matrix");
		for (var i = 0; i < t.length; i++)
			borrow(t[i], setup.bind(null, t[i]));
	});
})();
