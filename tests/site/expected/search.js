/*
 * termc offline search: search-index.js (written at build time) lists
 * each document's search.js; they are loaded in order, each adding its
 * clauses to TERMC_SEARCH; then the clauses holding every word typed are
 * listed.  Results are built as text nodes only; the query is kept in
 * the URL (?q=).
 */
(function () {
	'use strict';
	if (typeof TERMC_SEARCH_DOCS === 'undefined')
		return;
	var left = TERMC_SEARCH_DOCS.length;

	TERMC_SEARCH_DOCS.forEach(function (src) {
		var s = document.createElement('script');

		s.src = src;
		s.async = false;	/* run in list order: stable results */
		s.onload = s.onerror = function () {
			if (--left === 0)
				ready();
		};
		document.head.appendChild(s);
	});
	if (left === 0)
		ready();
}());

function ready() {
	'use strict';
	var q = document.getElementById('q');
	var out = document.getElementById('results');
	var note = document.getElementById('count');
	var MAX = 200;
	/* The page's words, in its language (<html lang>). */
	var en = document.documentElement.lang === 'en';

	if (!q || !out || typeof TERMC_SEARCH === 'undefined')
		return;
	function norm(s) {
		return (s.normalize ? s.normalize('NFKC') : s).toLowerCase();
	}
	var hay = TERMC_SEARCH.map(function (e) {
		return norm(e.l + '\n' + e.x + '\n' + e.t + '\n' + e.p);
	});
	function snippet(x, w) {
		var i = norm(x).indexOf(w), from;

		from = Math.max(0, (i < 0 ? 0 : i) - 40);
		return (from > 0 ? '…' : '') + x.substr(from, 140) +
		    (from + 140 < x.length ? '…' : '');
	}
	function el(name, cls, text) {
		var e = document.createElement(name);

		if (cls)
			e.className = cls;
		if (text)
			e.textContent = text;
		return e;
	}
	function keep(v) {
		try {
			history.replaceState(null, '', v ? '?q=' +
			    encodeURIComponent(v) : location.pathname);
		} catch (err) {
			/* some file:// pages refuse it: the search still works */
		}
	}
	function run() {
		var words = norm(q.value).split(/\s+/).filter(Boolean);
		var n = 0, i, e, li, a;

		while (out.firstChild)
			out.removeChild(out.firstChild);
		keep(q.value);
		if (words.length === 0) {
			note.textContent = '';
			return;
		}
		for (i = 0; i < hay.length && n < MAX; i++) {
			if (!words.every(function (w) {
			    return hay[i].indexOf(w) >= 0; }))
				continue;
			e = TERMC_SEARCH[i];
			li = el('li');
			a = el('a', null, e.t + (en ? ' — ' : '　') + e.l);
			a.href = e.u;
			li.appendChild(a);
			li.appendChild(el('span', 'meta', e.p + (en ? ' · ' : '・') + e.r));
			li.appendChild(el('p', 'snippet', snippet(e.x, words[0])));
			out.appendChild(li);
			n++;
		}
		if (en)
			note.textContent = n === 0 ? 'Nothing found' :
			    (n >= MAX ? 'More than ' : '') + n +
			    (n === 1 ? ' clause' : ' clauses');
		else
			note.textContent = n === 0 ? '見つかりません' :
			    n + (n >= MAX ? '件以上' : '件');
	}
	var m = /[?&]q=([^&]*)/.exec(location.search);
	if (m)
		q.value = decodeURIComponent(m[1].replace(/\+/g, ' '));
	q.addEventListener('input', run);
	run();
}
