# One author's style rewritten as another's: the transforms of
# tests/eval/variants.sh.  Reads a jtos source three times (awk -f
# variants.awk SRC SRC SRC): the first pass finds where its body starts,
# the second the look of its paragraph numbers, the third prints it in
# the style of variant v.
#
#   awk -v v=VARIANT -v format=markdown|plain -v truth=FILE
#
# TRUTH holds the document's articles in order, "as-written<TAB>number<TAB>
# caption": an article line is found as the reader finds it, the next
# article's label at the start of a line (after heading marks, bold or
# spaces), followed by the end, a space, a bracket or a mark; a section
# label (1.) only when its caption follows.  A contents list before the
# body stays as written.  Each variant changes one
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
#   para-width  paragraph numbers 2. <-> ２．, ２　<-> 2 , (2) <-> （２）
#   para-dot, para-paren, para-circled
#               the paragraph numbers (2. ２． ２　 (2) ②: the look that
#               opens the articles' numbered paragraphs) written as 2.,
#               (2), ②, wherever that look stands; only where the
#               document writes no marker of the new look (else two
#               schemes, paragraphs and items, become one: no fair test),
#               nor in Markdown where lines nest under those markers
#               (written as text, they would run on into the entry)
#   glued       第1条（目的） and the sentence on the line after it as one
#               line, as a page reduced to text glues them (text only)
#   md          a text written as Markdown: article lines ## headings,
#               their text after them, every other line a block (text only)
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
# ("dot", "bare", "paren", "circ"), mkey (the scheme and the widths of
# its digits and mark: 2. and ２． are two looks), msep (what ends it) and
# mrest; 0 if none.  A Markdown line must not be indented (an indent is a nesting).
function marker(s,   t, i, d, o, c) {
	t = skip_space(s)
	if (format == "markdown" && t != s) return 0
	mlead = substr(s, 1, length(s) - length(t))
	c = substr(t, 1, 3)
	if (c in iscir) {
		mscheme = mkey = "circ"; mnum = iscir[c]; mdig = ""; msep = ""
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
		mkey = "paren:" (mdig ~ /[0-9]/ ? "a" : "f")
		return 1
	}
	c = substr(t, i, 1) == "." ? "." : substr(t, i, 3) == "．" ? "．" : ""
	if (c != "") {
		if (digit(t, i + length(c)) >= 0) return 0	# 1.1, 2.5GB
		mscheme = "dot"; msep = c; mrest = substr(t, i + length(c))
		mkey = "dot:" (mdig ~ /[0-9]/ ? "a" : "f") (c == "." ? "a" : "f")
		return mrest != ""
	}
	if (is_space(t, i) && mnum >= 1 && mnum <= 30) {
		mscheme = "bare"; msep = substr(t, i, substr(t, i, 1) == " " ? 1 : 3)
		mrest = substr(t, i + length(msep))
		mkey = "bare:" (mdig ~ /[0-9]/ ? "a" : "f")
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
		# 第1条運営管理会社: glued, when nothing follows.
		if (capstyle == "" && index(a, cap[k]) == 1) {
			o = substr(a, length(cap[k]) + 1)
			if (o == "" || sp != "" && (is_space(o, 1) ||
			    substr(o, 1, 2) == "**")) {
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

# The look a paragraph marker of look key takes under variant v, "" if
# the variant writes none for it: a look the document writes already
# would make two schemes one.
function target(key,   m) {
	m = ""
	if (key == "circ") return ""
	if (v == "para-width") {
		m = key ~ /:a/ ? "f" : "a"
		m = key ~ /^paren/ ? "paren:" m : key ~ /^bare/ ? "bare:" m : "dot:" m m
	} else if (v == "para-dot") m = key ~ /^dot/ ? "" : "dot:aa"
	else if (v == "para-paren") m = key ~ /^paren/ ? "" : "paren:a"
	else if (v == "para-circled") m = "circ"
	if (m == "" || m in nm || m == "dot:aa" && ("bare:a" in nm) ||
	    m == "paren:a" && ("paren:f" in nm))
		return ""
	return m
}

# The marker marker() read, in look m, with its text.
function relook(m,   d) {
	d = m ~ /:f/ ? tofw(toascii(mdig)) : toascii(mdig)
	if (m == "circ") return mnum >= 1 && mnum <= 20 ? mlead CIR[mnum] skip_space(mrest) : ""
	if (m == "paren:a") return mlead "(" d ") " skip_space(mrest)
	if (m == "paren:f") return mlead "（" d "）" mrest
	if (m == "bare:a") return mlead d " " skip_space(mrest)
	if (m == "bare:f") return mlead d "　" skip_space(mrest)
	if (m == "dot:aa") return mlead d ". " skip_space(mrest)
	if (m == "dot:ff") return mlead d "．" mrest
	return ""
}

FNR == 1 { pass++; k = 1 }
pass == 1 {
	sub(/\r$/, "")
	# A contents list names the articles before the body: the body
	# starts at the last line that reads as article 1.
	if (article($0)) body = FNR
	next
}
# Which look numbers the paragraphs: the first marker of an article,
# numbered 2, or 1 under an article line with no text of its own.
pass == 2 {
	sub(/\r$/, "")
	# A Markdown list entry with lines nested under it: as text, its
	# marker would no longer hold them (a lazy line runs on).
	if (format == "markdown" && prevkey != "" && $0 ~ /^[ \t]+[^ \t]/)
		nested[prevkey] = 1
	prevkey = ""
	if (marker($0)) { nm[mkey]++; prevkey = mkey }
	if (FNR >= body && article($0)) {
		k++; first = rest == "" ? 1 : 2
	} else if (first && marker($0)) {
		if (mnum == first || mnum == 2) vote[mkey]++
		first = 0
	} else if (first && $0 ~ /[^ \t]/)
		first = 2	# the first paragraph's text: 2 comes next
	next
}
pass == 3 && FNR == 1 {
	from = ""
	for (m in vote)
		if (from == "" || vote[m] > vote[from]) from = m
	to = from == "" || (from in nested) ? "" : target(from)
}
{
	line = $0
	sub(/\r$/, "", line)
	if (held != "") {
		# glued: the article line waits for its first sentence.
		t = skip_space(line)
		if (t ~ /。$/ && !marker(line) && substr(t, 1, 3) != "第" &&
		    substr(t, 1, 3) != "（" && substr(t, 1, 3) != "■") {
			out(held skip_space(line))
			held = ""
			next
		}
		out(held)
		held = ""
	}
	if (FNR >= body && article(line)) {
		lab = aw[k]; k++
		tail = rest
		if (v == "art-width") lab = swapwidth(lab)
		else if (v == "art-kanji" && !sect[k - 1] && lab ~ /[0-9]|０|１|２|３|４|５|６|７|８|９/)
			lab = kanjilabel(lab)
		else if (v == "cap-space" && (capstyle == "br" || capstyle == "sp" && sp == "")) {
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
		} else if (v == "glued" && format == "plain" && capstyle == "br" &&
		    tail == "") {
			held = pre lab sp capw
			next
		} else if (v == "md" && format == "plain") {
			if (mdblank) out("")
			out("## " lab sp capw)
			tail = skip_space(tail)
			if (tail != "") { out(""); out(tail) }
			mdblank = 1
			next
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
	if (v == "md" && format == "plain") {
		# Each line of the text a block of its own; a contents list
		# before the body one block (its entries no headings).
		if ((line = skip_space(line)) == "")
			next
		if (mdblank && !(FNR < body && substr(line, 1, 3) == "第"))
			out("")
		out(line)
		mdblank = 1
		next
	}
	if (format == "markdown" && line ~ /^#+[ \t]/)
		line = level(line)
	else if (to != "" && marker(line) && mkey == from && relook(to) != "")
		line = relook(to)
	out(line)
}
END {
	if (held != "") out(held)
	if (k <= n) printf "variants.awk: %d of %d articles not found\n", n - k + 1, n > "/dev/stderr"
}
