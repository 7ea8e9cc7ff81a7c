/*
 * termc comparison matrix: filtering and sorting.  The page is complete
 * without this script; it only adds a filter box, a "differing rows only"
 * switch and sortable column headers.  Shipped from templates/, never
 * generated from terms text.
 */
(function () {
	"use strict";

	function cellKey(row, col) {
		var c = row.children[col];
		if (!c)
			return "";
		return c.getAttribute("data-sort") || c.textContent.trim();
	}

	function compare(a, b) {
		var na = parseFloat(a), nb = parseFloat(b);
		if (!isNaN(na) && !isNaN(nb) && na !== nb)
			return na - nb;
		return a < b ? -1 : a > b ? 1 : 0;
	}

	function setup(table) {
		var tbody = table.tBodies[0];
		var heads = table.tHead.rows[0].cells;
		var controls = document.createElement("div");
		var filter = document.createElement("input");
		var onlyDiff = document.createElement("input");
		var label1 = document.createElement("label");
		var label2 = document.createElement("label");
		var i;

		controls.className = "matrix-controls";
		filter.type = "search";
		filter.placeholder = "項目・値で絞り込み";
		label1.appendChild(document.createTextNode("絞り込み "));
		label1.appendChild(filter);
		onlyDiff.type = "checkbox";
		label2.appendChild(onlyDiff);
		label2.appendChild(document.createTextNode(" 事業者によって異なる項目のみ"));
		controls.appendChild(label1);
		controls.appendChild(label2);
		table.parentNode.parentNode.insertBefore(controls, table.parentNode);

		function apply() {
			var q = filter.value.trim().toLowerCase();
			var rows = tbody.rows, r;
			for (r = 0; r < rows.length; r++) {
				var show = (!q || rows[r].textContent.toLowerCase().indexOf(q) >= 0) &&
				    (!onlyDiff.checked || rows[r].classList.contains("differs"));
				rows[r].classList.toggle("hidden", !show);
			}
		}
		filter.addEventListener("input", apply);
		onlyDiff.addEventListener("change", apply);

		function sortBy(col, th) {
			var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
			var rows = Array.prototype.slice.call(tbody.rows);
			var j;
			for (j = 0; j < heads.length; j++)
				heads[j].removeAttribute("aria-sort");
			th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
			rows.sort(function (a, b) {
				return dir * compare(cellKey(a, col), cellKey(b, col));
			});
			for (j = 0; j < rows.length; j++)
				tbody.appendChild(rows[j]);
		}
		for (i = 0; i < heads.length; i++) {
			(function (col, th) {
				th.classList.add("sortable");
				th.tabIndex = 0;
				th.addEventListener("click", function () { sortBy(col, th); });
				th.addEventListener("keydown", function (e) {
					if (e.key === "Enter")
						sortBy(col, th);
				});
			})(i, heads[i]);
		}
	}

	document.addEventListener("DOMContentLoaded", function () {
		var t = document.querySelectorAll("table.matrix");
		for (var i = 0; i < t.length; i++)
			setup(t[i]);
	});
})();
