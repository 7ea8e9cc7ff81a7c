# long.awk -v n=N -v mode=M: a terms file of n articles (about 160 bytes
# each), long enough to be parsed in pieces (md.c).  mode "toc": it opens
# with a contents list of three articles and no 目次 above it; "refs":
# references in every article (below); "blocks":
# after articles 500 and 1000, a comment and a fence longer than a piece
# that hold headings after blank lines; "title", "titlelate": below.  Prints to stderr the line:col of the two tags of raw HTML
# it writes into article n - 5.
BEGIN {
	printf "---\nprovider: a\nprovider_name: A\ndocument: b\ntitle: T\nrevision: 2024-01-01\n---\n\n"
	line = 9
	# "title": the title as its first heading (a line of text);
	# "titlelate": and another heading of its level in a late piece
	# (then no title: a division around the body before it).
	# "titlefar": the title heading after a preamble longer than a
	# piece (the first piece holds the first heading).
	if (mode == "titlefar") {
		for (k = 0; k < 900; k++)
			printf "この前文は、本規約の趣旨を説明するものであり、利用者の理解を助けるために置く。\n\n"
		line += 2 * k
	}
	if (mode == "title" || mode == "titlelate" || mode == "titlefar") {
		printf "# T\n\n"
		line += 2
	}
	if (mode == "toc") {
		printf "第1条（目的）\n第2条（定義）\n第3条（適用）\n\n"
		line += 4
	}
	for (i = 1; i <= n; i++) {
		if (mode == "titlelate" && i == n - 100) {
			printf "# 付録\n\n"
			line += 2
		}
		printf "## 第%d条（見出し%d）\n\n", i, i
		line += 2
		if (i == n - 5) {
			printf "ある<span>本文</span>の文。\n\n"
			printf "%d:3 %d:11\n", line, line > "/dev/stderr"
			line += 2
		}
		if (mode == "blocks" && (i == 500 || i == 1000)) {
			# Longer than a piece: a heading after a blank line
			# inside is where the piece would end.
			printf i == 500 ? "<!--\n\n" : "```\n\n"
			for (k = 0; k < 2000; k++)
				printf "## 注記%d\n\n注記の本文。\n\n", k
			printf i == 500 ? "-->\n\n" : "```\n\n"
			line += 4 * k + 4
		}
		printf "この条は、利用者が守る事項の%d番目を定めるものとし、当社はこれを見直すことができる。\n\n", i
		line += 2
		# "refs": references on every article, resolved in either
		# half of the body (xref.c), 同条 after another article, and
		# on every tenth one that names no article (xref-broken).
		if (mode == "refs") {
			printf "前条及び第%d条第1項の規定は、同条第2項について準用する。", (i * 7) % n + 1
			if (i % 10 == 0)
				printf "第%d条を除く。", n + i
			printf "\n\n"
			line += 2
		}
	}
}
