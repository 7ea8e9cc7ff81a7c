# One author's style rewritten as another's: the transforms of
# tests/eval/variants.sh.  Reads a jtos source twice (awk -f variants.awk
# SRC SRC): the first pass counts the paragraph-number schemes it writes,
# the second prints it in the style of variant v.
#
#   awk -v v=VARIANT -v format=markdown|plain -v truth=FILE
#
# TRUTH holds the document's articles in order, "as-written<TAB>number<TAB>
# caption": an article line is found as the reader finds it, the next
# article's label at the start of a line (after heading marks, bold or
# spaces), followed by the end, a space, a bracket or a mark; a section
# label (1.) only when its caption follows.  Each variant changes one
# thing and leaves the rest as written:
#   plain       Markdown as text a page gives: no #, no **, no bullets,
#               \. . and links as their text, <br> a line end
#   art-width   第1条 <-> 第１条, 1. <-> １．
#   art-kanji   第1条 -> 第一条
#   cap-space   第1条（目的） -> 第1条 目的
#   cap-paren   第1条 目的 -> 第1条（目的）
#   cap-above   第1条（目的） -> （目的） on its own line, then 第1条
#   bold        ## 第1条（目的） <-> **第1条（目的）** (Markdown)
#   level+1     every heading one level deeper (Markdown)
#   level1      every heading at level 1 (Markdown)
#   para-width  paragraph numbers 2. <-> ２．, ２　<-> 2　, (2) <-> （２）
#   para-dot, para-paren, para-circled
#               the scheme the document numbers its paragraphs with
#               (2. / ２　, (2), ②) written as 2., (2), ②; only where the
#               document writes no marker of the new scheme (else two
#               schemes become one: no fair test)
#   crlf        CR LF line ends
BEGIN {
	split("０ １ ２ ３ ４ ５ ６ ７ ８ ９", FW, " ")
	split("〇 一 二 三 四 五 六 七 八 九", KJ, " ")
	split("① ② ③ ④ ⑤ ⑥ ⑦ ⑧ ⑨ ⑩ ⑪ ⑫ ⑬ ⑭ ⑮ ⑯ ⑰ ⑱ ⑲ ⑳", CIR, " ")
	for (i = 1; i <= 10; i++) isfw[FW[i]] = i - 1
	for (i = 1; i <= 20; i++) iscir[CIR[i]] = i
	n = 0
	while ((getline l < truth) > 0) {
		split(l, f, "\t")
		n++; aw[n] = f[1]; cap[n] = f[3]
		sect[n] = (f[1] !~ /^第/)
	}
	k = 1
	split("（ ( ≪ 【 《 〔 ［ ＜", OPEN, " ")
	split("） ) ≫ 】 》 〕 ］ ＞", CLOSE, " ")
	for (i = 1; i in OPEN; i++) isopen[OPEN[i]] = 1
}

# A digit, ASCII or full-width, at s[i]: its value, -1 if none; w its width.
function digit(s, i) {
	c = substr(s, i, 1)
	if (c ~ /[0-9]/) { w = 1; return c + 0 }
	c = substr(s, i, 3)
	if (c in isfw) { w = 3; return isfw[c] }
	return -1
}

function is_space(s, i) {
	return substr(s, i, 1) == " " || substr(s, i, 1) == "\t" ||
	    substr(s, i, 3) == "　"
}

function skip_space(s) {
	while (s != "" && is_space(s, 1))
		s = substr(s, substr(s, 1, 1) == " " || substr(s, 1, 1) == "\t" ? 2 : 4)
	return s
}

function toascii(s,   d) {
	for (d = 0; d <= 9; d++) gsub(FW[d + 1], d, s)
	gsub("．", ".", s)
	return s
}

function tofw(s,   i, c, o) {
	o = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c ~ /[0-9]/) o = o FW[c + 1]
		else if (c == ".") o = o "．"
		else o = o c
	}
	return o
}

# Digits of one width to the other.
function swapwidth(s) {
	return s ~ /[0-9]/ ? tofw(s) : toascii(s)
}

function kanji(m,   h, t, o, s) {
	h = int(m / 100); t = int(m % 100 / 10); o = m % 10; s = ""
	if (h > 1) s = KJ[h + 1]
	if (h >= 1) s = s "百"
	if (t > 1) s = s KJ[t + 1]
	if (t >= 1) s = s "十"
	if (o >= 1) s = s KJ[o + 1]
	return m == 0 ? "〇" : s
}

function kanjilabel(s,   o) {
	s = toascii(s)
	o = ""
	while (match(s, /[0-9]+/)) {
		o = o substr(s, 1, RSTART - 1) kanji(substr(s, RSTART, RLENGTH) + 0)
		s = substr(s, RSTART + RLENGTH)
	}
	return o s
}

# The paragraph marker that opens s (after spaces): sets mlead (what
# precedes it), mnum (its number), mdig (its digits as written), mscheme
# ("dot", "bare", "paren", "circ"), msep (what ends it) and mrest; 0 if
# none.  A Markdown line must not be indented (an indent is a nesting).
function marker(s,   t, i, d, o, c) {
	t = skip_space(s)
	if (format == "markdown" && t != s) return 0
	mlead = substr(s, 1, length(s) - length(t))
	c = substr(t, 1, 3)
	if (c in iscir) {
		mscheme = "circ"; mnum = iscir[c]; mdig = ""; msep = ""
		mrest = substr(t, 4); return 1
	}
	o = 0
	if (substr(t, 1, 1) == "(") o = 1
	else if (substr(t, 1, 3) == "（") o = 3
	i = o + 1; mdig = ""
	while ((d = digit(t, i)) >= 0) { mdig = mdig substr(t, i, w); i += w }
	if (mdig == "" || length(toascii(mdig)) > 2) return 0
	mnum = toascii(mdig) + 0
	if (o) {
		c = substr(t, i, 1) == ")" ? ")" : substr(t, i, 3) == "）" ? "）" : ""
		if (c == "") return 0
		mscheme = "paren"; msep = c; mrest = substr(t, i + length(c))
		return 1
	}
	c = substr(t, i, 1) == "." ? "." : substr(t, i, 3) == "．" ? "．" : ""
	if (c != "") {
		if (digit(t, i + length(c)) >= 0) return 0	# 1.1, 2.5GB
		mscheme = "dot"; msep = c; mrest = substr(t, i + length(c))
		return mrest != ""
	}
	if (is_space(t, i) && mnum >= 1 && mnum <= 30) {
		mscheme = "bare"; msep = substr(t, i, substr(t, i, 1) == " " ? 1 : 3)
		mrest = substr(t, i + length(msep))
		return 1
	}
	return 0
}

# Is s the next article's line?  Sets pre (heading marks, ** or spaces
# before the label), bold (where a ** closes: "label", "cap" or ""),
# sp, capw (the caption as written, with its brackets), capstyle ("br",
# "sp", "") and rest.
function article(s,   a, j, o) {
	if (k > n) return 0
	pre = ""; bold = ""; capw = ""; capstyle = ""; sp = ""
	if (format == "markdown" && match(s, /^#+[ \t]+/)) {
		pre = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1)
	} else if (substr(s, 1, 2) == "**") {
		pre = "**"; s = substr(s, 3)
	} else {
		a = skip_space(s); pre = substr(s, 1, length(s) - length(a)); s = a
	}
	if (index(s, aw[k]) != 1) return 0
	a = substr(s, length(aw[k]) + 1)
	if (pre == "**" && substr(a, 1, 2) == "**") { bold = "label"; a = substr(a, 3) }
	o = skip_space(a); sp = substr(a, 1, length(a) - length(o)); a = o
	if (cap[k] != "") {
		for (j = 1; j in OPEN; j++)
			if (index(a, OPEN[j] cap[k] CLOSE[j]) == 1) {
				capstyle = "br"; capw = OPEN[j] cap[k] CLOSE[j]
				break
			}
		if (capstyle == "" && sp != "" && index(a, cap[k]) == 1) {
			o = substr(a, length(cap[k]) + 1)
			if (o == "" || is_space(o, 1) || substr(o, 1, 2) == "**") {
				capstyle = "sp"; capw = cap[k]
			}
		}
	}
	if (sect[k] && capstyle == "") return 0
	rest = substr(a, length(capw) + 1)
	if (capstyle == "" && rest != "" && sp == "" && pre != "**") {
		o = substr(rest, 1, 3)
		if (o !~ /^[(.:\*]/ && o != "（" && o != "．" && o != "：" && !(o in isopen))
			return 0
	}
	if (pre == "**" && bold == "" && substr(rest, 1, 2) == "**") {
		bold = "cap"; rest = substr(rest, 3)
	}
	return 1
}

function plain(s) {
	gsub(/\*\*/, "", s)
	gsub(/\\\./, ".", s)
	s = skip_space(s)
	sub(/^#+[ \t]+/, "", s)
	sub(/^[-*+][ \t]+/, "", s)
	while (match(s, /\[[^\]]*\]\([^)]*\)/)) {
		t = substr(s, RSTART, RLENGTH); sub(/\]\(.*/, "", t)
		s = substr(s, 1, RSTART - 1) substr(t, 2) substr(s, RSTART + RLENGTH)
	}
	gsub(/<[bB][rR] *\/?>/, "\n", s)
	return s
}

# A heading's marks at the level of variant level+1 or level1.
function level(s) {
	if (format != "markdown" || s !~ /^#+[ \t]/) return s
	if (v == "level+1" && s !~ /^######/) s = "#" s
	else if (v == "level1") sub(/^#+/, "#", s)
	return s
}

function out(s) {
	if (v == "crlf") gsub(/\n/, "\r\n", s)
	printf "%s%s\n", s, v == "crlf" ? "\r" : ""
}

FNR == 1 { pass++ }
pass == 1 {
	sub(/\r$/, "")
	if (marker($0)) {
		nm[mscheme]++
		if (mscheme == "bare") nm["dot"]++
	}
	next
}
{
	line = $0
	sub(/\r$/, "", line)
	if (article(line)) {
		lab = aw[k]; k++
		tail = rest
		if (v == "art-width") lab = swapwidth(lab)
		else if (v == "art-kanji" && !sect[k - 1] && lab ~ /[0-9]|０|１|２|３|４|５|６|７|８|９/)
			lab = kanjilabel(lab)
		else if (v == "cap-space" && capstyle == "br") {
			capw = cap[k - 1]; sp = " "
			if (tail != "" && !is_space(tail, 1)) tail = " " tail
		} else if (v == "cap-paren" && capstyle == "sp" && !sect[k - 1]) {
			capw = "（" cap[k - 1] "）"; sp = ""
		} else if (v == "cap-above" && capstyle != "" && !sect[k - 1]) {
			out((pre ~ /^#/ || pre == "**" ? "" : pre) "（" cap[k - 1] "）")
			tail = skip_space(tail)
			out((pre ~ /^#/ || pre == "**" ? "" : pre) lab (tail != "" ? "　" tail : ""))
			next
		} else if (v == "bold" && tail == "" && pre ~ /^#/) {
			out("**" lab sp capw "**")
			next
		} else if (v == "bold" && tail == "" && pre == "**" && bold == "cap") {
			out("## " lab sp capw)
			next
		} else if (v == "plain") {
			pre = pre == "**" ? "" : pre; bold = ""
		}
		if (v == "plain" && pre ~ /^#/) pre = ""
		pre = level(pre)
		s = pre lab (bold == "label" ? "**" : "") sp capw (bold == "cap" ? "**" : "") tail
		if (v == "plain") s = plain(s)
		out(s)
		next
	}
	if (v == "plain" && format == "markdown") {
		out(plain(line))
		next
	}
	if (format == "markdown" && line ~ /^#+[ \t]/)
		line = level(line)
	else if (v ~ /^para-/ && marker(line)) {
		from = nm["dot"] >= nm["paren"] && nm["dot"] >= nm["circ"] ? "dot" : nm["paren"] >= nm["circ"] ? "paren" : "circ"
		to = substr(v, 6)
		if (to == "circled") to = "circ"
		sch = mscheme == "bare" ? "dot" : mscheme
		if (sch != from)
			;
		else if (to == "width" && mscheme == "paren")
			line = mlead (mdig ~ /[0-9]/ ? "（" tofw(mdig) "）" : "(" toascii(mdig) ")") mrest
		else if (to == "width" && mdig != "")
			line = mlead swapwidth(mdig) (mscheme == "dot" ? (mdig ~ /[0-9]/ ? "．" : ".") : msep) mrest
		else if (to == from || nm[to] > 0 || to == "width")
			;
		else if (to == "dot")
			line = mlead mnum ". " skip_space(mrest)
		else if (to == "paren")
			line = mlead "(" mnum ") " skip_space(mrest)
		else if (to == "circ" && mnum >= 1 && mnum <= 20)
			line = mlead CIR[mnum] skip_space(mrest)
	}
	out(line)
}
END {
	if (k <= n) printf "variants.awk: %d of %d articles not found\n", n - k + 1, n > "/dev/stderr"
}
