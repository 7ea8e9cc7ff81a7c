// Does Lawtext's rendering of termc's law XML say what termc's tree says?
// Usage: node lawtext-check.js TREE.json OUT.law OUT.html
// For every article of the tree (termc tree JSON, the source of truth), in
// order: the Lawtext text has its caption line （…）, a line that opens
// with its number as written followed by its first paragraph, and a line
// for each paragraph holding that paragraph's text; the HTML's text holds
// the number, the caption and every paragraph's text in the same order.
// Prints one line per mismatch and exits 1 if there is any.
'use strict';
const fs = require('fs');
const [treeFile, lawFile, htmlFile] = process.argv.slice(2);
const tree = JSON.parse(fs.readFileSync(treeFile, 'utf8'));
const lines = fs.readFileSync(lawFile, 'utf8').split('\n');
const html = fs.readFileSync(htmlFile, 'utf8')
	.replace(/<[^>]*>/g, '')
	.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
	.replace(/&#(39|x27);/g, "'").replace(/&amp;/g, '&');
let bad = 0, at = 0, hat = 0, narticles = 0;

function fail(msg) {
	bad++;
	console.log(`${treeFile}: ${msg}`);
}

// The next line at or after `at` that satisfies pred; moves `at` past it.
function seek(pred, what) {
	for (let i = at; i < lines.length; i++)
		if (pred(lines[i])) {
			at = i + 1;
			return true;
		}
	fail(`Lawtext text lacks ${what}`);
	return false;
}

function seekHtml(s, what) {
	const i = html.indexOf(s, hat);
	if (i < 0)
		return fail(`Lawtext HTML lacks ${what}`);
	hat = i + s.length;
}

// Lawtext writes a sentence on one line; termc's text may hold several.
const firstLine = (s) => (s || '').split('\n')[0].trim();

function article(a) {
	const label = a.label || '';
	const paras = a.children.filter((c) => c.type === 'paragraph');
	const where = label || a.caption || `article ${narticles}`;
	narticles++;
	// A deleted article (termc: caption 削除, nothing in it) is written
	// as e-Gov writes one, 第七条　削除.
	if (a.caption === '削除' && a.children.length === 0) {
		seek((l) => l.startsWith(`${label}　削除`), `${label}　削除`);
		seekHtml(label, `number ${label}`);
		return;
	}
	if (a.caption) {
		seek((l) => l.trim() === `（${a.caption}）`, `caption （${a.caption}） of ${where}`);
		seekHtml(a.caption, `caption of ${where}`);
	}
	paras.forEach((p, i) => {
		const text = firstLine(p.text);
		const num = p.label ? p.label.trim() : '';
		if (i === 0 && label && !num)
			seek((l) => l.startsWith(label + '　') && l.includes(text),
			    `${label} with its first paragraph`);
		else {
			if (i === 0 && label)
				seek((l) => l.startsWith(label), `${label}`);
			// A number Lawtext cannot place (a sub-clause's 1.1)
			// it writes after the tag :paragraph:.
			seek((l) => l.trim().replace(/^:paragraph:/, '')
			    .startsWith(num) && l.includes(text),
			    `paragraph ${num || i + 1} of ${where}`);
		}
		if (i === 0 && label)
			seekHtml(label, `number ${label}`);
		if (text)
			seekHtml(text, `paragraph ${i + 1} of ${where}`);
	});
	if (paras.length === 0 && label)
		seek((l) => l.startsWith(label), `${label}`);
}

(function walk(n) {
	for (const c of n.children || []) {
		if (c.type === 'article')
			article(c);
		walk(c);
	}
})(tree);
if (narticles === 0)
	fail('the tree has no articles to compare');
process.exit(bad ? 1 : 0);
