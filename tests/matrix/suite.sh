# tests/matrix: the topic taxonomy, classification, value extraction and
# the comparison matrix (termc matrix, termc build's out/matrix.*,
# termc diff --by-topic).  Sourced by tests/run.sh once per binary $T.
#
# Accuracy: tests/matrix/truth.tsv is written by hand from reading the six
# latest terms documents; every cell must be right and topic assignment
# must reach precision and recall 0.95.  The figures are printed.
m=tests/matrix
tax="--topics terms/topics.yaml"

# check_truth NAME TRUTH TSV: cell by cell; prints the accuracy line.
check_truth() {
	if awk -F'\t' -v name="$1" -f $m/check.awk "$2" "$3" >"$tmp/acc"; then
		ok
	else
		bad "matrix: $1: wrong cells"
	fi
	grep -v '^  extra\|^  missed' "$tmp/acc" | sed 's/^/   /'
	grep '^  extra\|^  missed' "$tmp/acc" | head -10
	if awk '/ precision / { for (i = 1; i <= NF; i++) {
	    if ($i == "precision") p = $(i + 1); if ($i == "recall") r = $(i + 1) } }
	    END { exit !(p >= 0.95 && r >= 0.95) }' "$tmp/acc"; then
		ok
	else
		bad "matrix: $1: topic assignment precision/recall below 0.95"
	fi
}

# The ground truth covers every seed column (five: the Windows rules
# supplement the secure-managed-server terms) and at least 15 topics.
ndocs=$(grep -v '^#' $m/truth.tsv | cut -f1 | sort -u | wc -l)
ntopics=$(grep -v '^#' $m/truth.tsv | cut -f2 | sort -u | wc -l)
[ "$ndocs" -ge 5 ] && [ "$ntopics" -ge 15 ] && ok ||
    bad "matrix: truth covers $ndocs documents, $ntopics topics"

rc=$(capture matrix --format=tsv terms)
[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && ok || { bad "matrix: terms/ exit $rc"; head -5 "$tmp/err"; }
check_truth "matrix accuracy (seeds)" $m/truth.tsv "$tmp/out"
# Every topic of the taxonomy is a row; every latest document a column.
ntax=$(grep -c '^  - id:' terms/topics.yaml)
[ "$ntax" -ge 30 ] && [ "$(wc -l <"$tmp/out")" -eq $((ntax * 5)) ] && ok ||
    bad "matrix: expected $ntax topics x 5 columns (the Windows rules supplement the secure-managed-server terms)"

# Synthetic cases: full-width digits, amounts, markers, --as-of.
rc=$(capture matrix --format=tsv $tax $m/cases)
[ "$rc" = 0 ] && ok || bad "matrix: cases exit $rc"
check_truth "matrix cases" $m/cases/truth.tsv "$tmp/out"
check "matrix: marker warnings" $m/cases/markers.err "$tmp/err"
rc=$(capture matrix --format=tsv --as-of 2024-01-01 $tax $m/cases)
[ "$rc" = 0 ] && ! grep -q '^acme' "$tmp/out" && ok || bad "matrix: --as-of leaves out documents not yet in force"
check_truth "matrix --as-of" $m/cases/asof.tsv "$tmp/out"
rc=$(capture matrix --format=json --as-of 2024-01-01 $tax $m/cases)
grep -q '"href": "beta/cloud/2023-01-01.html#a1"' "$tmp/out" && ok || bad "matrix: --as-of links the revision in force"

# A document in English: captions in any case, English units and numbers.
rc=$(capture matrix --format=tsv $tax $m/english)
[ "$rc" = 0 ] && ok || bad "matrix: english exit $rc"
check_truth "matrix english" $m/english.tsv "$tmp/out"

# English words: whole words ("information" holds no "formation"),
# captions in capitals, a cap as the greater of money and fees, places,
# ages, arbitration bodies and seats.
rc=$(capture matrix --format=tsv $tax $m/words)
[ "$rc" = 0 ] && ok || bad "matrix: words exit $rc"
check_truth "matrix words" $m/words.tsv "$tmp/out"
capture matrix --format=json $tax $m/words >/dev/null
grep -q '"condition": "故意・重過失を除く"' "$tmp/out" && ok ||
    bad "matrix: a cap's gross-negligence exception is not kept with it"

# A supplement (front matter `supplements: <document>`) answers in its
# parent's column, its clauses linked to its own page; a supplement whose
# parent is missing, or a cycle, keeps columns of its own.
rc=$(capture matrix --format=tsv $tax $m/supplement)
[ "$rc" = 0 ] && [ "$(cut -f1 "$tmp/out" | sort -u | tr '\n' ' ')" = "delta/mail delta/mail-rules gamma/backup-option gamma/vps " ] && ok ||
    bad "matrix: supplement columns ($rc)"
check_truth "matrix supplements" $m/supplement.tsv "$tmp/out"
capture matrix --format=json $tax $m/supplement >/dev/null
grep -q '"href": "gamma/vps-fees/2024-02-01.html#a2"' "$tmp/out" &&
    grep -q '"label": "ガンマVPSサービス料金規程 第2条（遅延損害金）"' "$tmp/out" &&
    grep -q '"document": "vps-privacy",' "$tmp/out" && ok ||
    bad "matrix: json of a supplement's clauses"
capture matrix --format=csv $tax $m/supplement >/dev/null
grep -q 'ガンマ株式会社 ガンマVPSサービス利用規約＋ガンマVPSサービス料金規程＋ガンマVPSサービス個人情報取扱規程' "$tmp/out" && ok ||
    bad "matrix: csv header of a column with supplements"
rc=$(capture matrix --format=tsv --as-of 2024-01-15 $tax $m/supplement)
[ "$rc" = 0 ] && grep -q '^gamma/vps	late-interest	absent' "$tmp/out" && ok ||
    bad "matrix: --as-of leaves out supplements not yet in force"
# A bad slug in supplements is an fm-slug error.
mkdir -p "$tmp/supbad/p/d"
printf -- '---\nprovider: p\nprovider_name: P\ndocument: d\ntitle: T\nrevision: 2024-01-01\nsupplements: Main Terms\n---\n\n## 第1条（適用）\n\n本規約を適用します。\n' >"$tmp/supbad/p/d/2024-01-01.md"
rc=$(capture matrix --format=tsv $tax "$tmp/supbad")
[ "$rc" = 1 ] && grep -q ':7:14: error: invalid slug, expected \[a-z0-9-\]+: Main Terms \[fm-slug\]' "$tmp/err" && ok ||
    { bad "matrix: bad supplements slug ($rc)"; cat "$tmp/err"; }

# Durations and notices with the event they count from or back to:
# quoted where the sentence says it (変更の効力が生じる日の30日前, 受領した
# 日から8日以内, "30 days before the change takes effect", "within 14
# days of purchase"), else the taxonomy's event for the topic, marked so.
rc=$(capture matrix --format=csv $tax $m/events)
[ "$rc" = 0 ] && ok || bad "matrix: events exit $rc"
check "matrix: events csv" $m/events/expected.csv "$tmp/out"
capture matrix --format=json $tax $m/events >/dev/null
grep -A1 '"event": "契約書面を受領した日",' "$tmp/out" | grep -q '"event_from": "text"' &&
    grep -A1 '"event": "the termination date",' "$tmp/out" | grep -q '"event_from": "taxonomy"' &&
    grep -q '"event": "purchase",' "$tmp/out" && ok ||
    bad "matrix: json events"

# SLA figures (availability, or the outage that earns a credit) and the
# customer's data at the end (kept how long, or deleted at once) are
# values, not only the presence of a clause.
rc=$(capture matrix --format=tsv $tax $m/values)
[ "$rc" = 0 ] && ok || bad "matrix: values exit $rc"
check_truth "matrix sla and data" $m/values.tsv "$tmp/out"
# The shorter outage earns the ★ (a credit after 4 hours beats 24), and
# no SLA at all is worse than either.
capture matrix --format=csv terms >/dev/null
[ "$(grep '^sla,' "$tmp/out" | grep -o '連続24時間の利用不能で返金（[^）]*）\(〔[^〕]*〕\)\? ★' | wc -l)" = 2 ] && ok ||
    bad "matrix: a sole kind of SLA figure gets no ★ over no SLA"
mkdir -p "$tmp/slarank" && cp -R $m/values/xi "$tmp/slarank/" && cp -R terms/itscom "$tmp/slarank/"
capture matrix --format=csv $tax "$tmp/slarank" >/dev/null
grep -q '^sla,.*連続4時間の利用不能で返金（4時間） ★' "$tmp/out" && ! grep -q '連続24時間の利用不能で返金（24時間）\(〔[^〕]*〕\)\? ★' "$tmp/out" && ok ||
    bad "matrix: the shorter outage threshold is not the best"

# A condition that qualifies any value stays with it: a phrase ending in
# 場合を除き, one starting with "unless", or the ただし sentence after it.
rc=$(capture matrix --format=json $tax $m/conditions)
[ "$rc" = 0 ] && ok || bad "matrix: conditions exit $rc"
for want in '"condition": "緊急やむを得ない場合を除き"' \
    '"condition": "ただし、解約の申出が月の15日以後にあったときは、翌々月末日をもって終了します。"' \
    '"condition": "unless you are a consumer resident in the European Union"' \
    '"condition": "故意・重過失を除く"'; do
	grep -qF "$want" "$tmp/out" && ok || bad "matrix: condition $want"
done
# A ただし in another paragraph qualifies nothing here.
[ "$(grep -c '"condition"' "$tmp/out")" = 4 ] && ok ||
    bad "matrix: $(grep -c '"condition"' "$tmp/out") conditions, want 4"

# ★ between comparable values only, absence ranked as the taxonomy says:
# the one 14日前 notice of a change beats "no notice promised"; 前月末日まで
# and 受理した月の翌月末 are the same rule; Directors' cap keeps its
# exception; ITSCOM's court of first instance is not called exclusive.
capture matrix --format=csv terms >/dev/null
grep -q '^terms-change,.*14日前（14日前まで）［起点: 変更の効力発生日］ ★' "$tmp/out" && ok ||
    bad "matrix: a sole stated notice gets no ★"
[ "$(grep '^customer-termination,' "$tmp/out" | grep -o '前月末日まで（[^）]*）［起点: [^］]*］\(〔[^〕]*〕\)\? ★' | wc -l)" -ge 3 ] && ok ||
    bad "matrix: equivalent month-end notices are not equal"
grep -q '^liability-cap,.*月額料金の1か月分（1か月分）〔故意・重過失を除く〕' "$tmp/out" && ok ||
    bad "matrix: Directors' cap without its exception"
grep -q '^jurisdiction,.*東京地方裁判所（第一審）' "$tmp/out" && ok ||
    bad "matrix: ITSCOM's first-instance court"

# Real documents (../shared/corpus): precision, recall and values against
# truth written by reading, held against tests/matrix/corpus.floors.
if [ -d "$top/../shared/corpus/jtos" ]; then
	sh $m/corpus.sh "$T" "$top/../shared/corpus" "$tmp/mcorpus" >"$tmp/mcorpus.out" 2>&1
	grep "^matrix-" "$tmp/mcorpus.out" | sed 's/^/   /'
	if awk 'NR == FNR { if ($1 == "figure") got[$2] = $3; next }
	    /^#/ || NF < 2 { next }
	    !($1 in got) || got[$1] < $2 { printf "   %s %s below floor %s\n", $1, got[$1], $2; low = 1 }
	    END { exit low }' "$tmp/mcorpus.out" $m/corpus.floors; then
		ok
	else
		bad "matrix: corpus figures below tests/matrix/corpus.floors"
	fi
else
	echo "   matrix corpus: ../shared/corpus not found, skipped"
fi

# Outputs: reviewed goldens (UPDATE=1 rewrites: review the diff).
capture matrix --format=csv $tax $m/cases >/dev/null
check "matrix: csv" $m/cases/expected.csv "$tmp/out"
[ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok || bad "matrix: csv has no BOM"
tail -c +4 "$tmp/out" | grep -q '^topic,項目,Topic,"Acme, Inc. ""Hosting"" アクメ・ホスティング利用約款",' && ok ||
    bad "matrix: csv quoting (RFC 4180)"
[ "$(grep -c "$(printf '\r')\$" "$tmp/out")" = "$(wc -l <"$tmp/out")" ] && ok || bad "matrix: csv lines end in CRLF"
# A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first)
# is quoted behind a single quote (OWASP, "CSV injection").
rc=$(capture matrix --format=csv $tax $m/formula)
[ "$rc" = 0 ] && ok || bad "matrix: formula exit $rc"
check "matrix: csv formula cells" $m/formula/expected.csv "$tmp/out"
grep -q ',"'"'"'=HYPERLINK(""http' "$tmp/out" && ok || bad "matrix: csv formula cell not neutralized"
capture matrix --format=json $tax $m/cases >/dev/null
check "matrix: json" $m/cases/expected.json "$tmp/out"
# The same taxonomy named by an absolute path gives the same bytes.
capture matrix --format=json --topics "$top/terms/topics.yaml" $m/cases >/dev/null
check "matrix: json, absolute topics path" $m/cases/expected.json "$tmp/out"
capture matrix --format=html $tax $m/cases >/dev/null
check "matrix: html" $m/cases/expected.html "$tmp/out"
capture matrix --format=json terms >/dev/null
cp "$tmp/out" "$tmp/m1.json"
capture matrix --format=json terms >/dev/null
cmp -s "$tmp/out" "$tmp/m1.json" && ok || bad "matrix: two runs differ"

# Usage errors.
rc=$(capture matrix --format=xml); [ "$rc" = 2 ] && ok || bad "matrix: bad format exits 2"
rc=$(capture matrix --as-of 2024-13-01); [ "$rc" = 2 ] && ok || bad "matrix: bad --as-of exits 2"

# Bad topics files: path:line:col diagnostics, exit 1, no output.
for f in $m/bad/*.yaml; do
	rc=$(capture matrix --topics "$f" $m/cases)
	[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && ok || bad "matrix: $f exit $rc"
	check "matrix: $f" "${f%.yaml}.err" "$tmp/err"
done
rc=$(capture matrix --topics $m/no-such.yaml $m/cases)
[ "$rc" = 2 ] && ok || bad "matrix: missing topics file exits 2 ($rc)"

# termc build writes out/matrix.* and links it from the index.
rm -rf "$tmp/mb"
rc=$(capture build -o "$tmp/mb" terms)
[ "$rc" = 0 ] && ok || bad "matrix: build exit $rc"
for f in matrix.html matrix.csv matrix.json matrix.js matrix.css; do
	[ -s "$tmp/mb/$f" ] && ok || bad "matrix: build wrote no $f"
done
grep -q 'href="matrix.html"' "$tmp/mb/index.html" && ok || bad "matrix: index does not link matrix.html"
cmp -s "$tmp/mb/matrix.js" templates/matrix.js && ok || bad "matrix: matrix.js is not the template's"
# More columns than a page holds (--matrix-columns): matrix.html is the
# index of the pages, each page shows its providers' columns and links
# the pages beside it; together the pages hold every column once, as the
# one page does.  matrix-cols.js lists every column and its page, and
# matrix-K.js holds page K's header and cells for matrix.js (goldens).
rm -rf "$tmp/mp" "$tmp/mpt"
mkdir -p "$tmp/mpt"
cp -R $m/cases/acme $m/cases/beta "$tmp/mpt/"
cp terms/topics.yaml "$tmp/mpt/"
rc=$(capture build --no-cache --matrix-columns 1 -o "$tmp/mp" "$tmp/mpt")
[ "$rc" = 0 ] && ok || { bad "matrix: paged build exit $rc"; head -3 "$tmp/err"; }
check "matrix: paged index" $m/paged/matrix.html "$tmp/mp/matrix.html"
check "matrix: paged page 2" $m/paged/matrix-2.html "$tmp/mp/matrix-2.html"
check "matrix: paged column list" $m/paged/matrix-cols.js "$tmp/mp/matrix-cols.js"
check "matrix: paged page 2 data" $m/paged/matrix-2.js "$tmp/mp/matrix-2.js"
# matrix.json in parts: the index (every column with its part, the rows
# without cells) and matrix-K.json, page K's columns in matrix.json's
# form; matrix.csv is the one page's, whole.
check "matrix: paged json index" $m/paged/matrix.json "$tmp/mp/matrix.json"
check "matrix: paged json part 2" $m/paged/matrix-2.json "$tmp/mp/matrix-2.json"
rm -rf "$tmp/mp1"
capture build --no-cache -o "$tmp/mp1" "$tmp/mpt" >/dev/null
cmp -s "$tmp/mp/matrix.csv" "$tmp/mp1/matrix.csv" && ok ||
    bad "matrix: the paged build's matrix.csv is not the one page's"
# The cells' lines (deeper than a row's own), from the parts and whole.
for f in "$tmp/mp/matrix-1.json" "$tmp/mp/matrix-2.json"; do
	sed -n '/^ "rows"/,$p' "$f" | grep '^     '
done >"$tmp/partcells"
sed -n '/^ "rows"/,$p' "$tmp/mp1/matrix.json" | grep '^     ' |
    LC_ALL=C sort >"$tmp/wholecells"
[ -s "$tmp/partcells" ] && LC_ALL=C sort "$tmp/partcells" |
    cmp -s - "$tmp/wholecells" && ok ||
    bad "matrix: the json parts do not hold every cell once"
[ ! -e "$tmp/mp/matrix-3.html" ] && [ ! -e "$tmp/mp/matrix-3.js" ] &&
    [ ! -e "$tmp/mp/matrix-3.json" ] && ok ||
    bad "matrix: a page too many"
[ ! -e "$tmp/mb/matrix-cols.js" ] && [ ! -e "$tmp/mb/matrix-1.json" ] &&
    ok || bad "matrix: one page has page data"
[ ! -x build/pagecheck ] || build/pagecheck "$tmp/mp"/matrix*.html >"$tmp/pc" 2>&1 &&
    ok || { bad "matrix: the pages fail pagecheck"; head -5 "$tmp/pc"; }
grep -ho 'data-col="[^"]*"' "$tmp/mb/matrix.html" >"$tmp/cols1"
rm -rf "$tmp/mp2"
capture build --no-cache --matrix-columns 2 -o "$tmp/mp2" terms >/dev/null
cat "$tmp/mp2"/matrix-*.html | grep -o 'data-col="[^"]*"' >"$tmp/cols2"
[ -s "$tmp/mp2/matrix-2.html" ] && cmp -s "$tmp/cols1" "$tmp/cols2" && ok ||
    bad "matrix: the pages do not hold every column once"
rc=$(capture build --matrix-columns 0 -o "$tmp/mp3" "$tmp/mpt")
[ "$rc" = 2 ] && [ ! -e "$tmp/mp3" ] && ok || bad "matrix: --matrix-columns 0 exit $rc"
# The only script is the template's own; no handlers, no unsafe URLs.
[ "$(grep -o '<script[^>]*>' "$tmp/mb/matrix.html")" = '<script src="matrix.js" defer>' ] && ok ||
    bad "matrix: unexpected script in matrix.html"
if grep -Eiq '<[^>]*[[:space:]]on[a-z]+=|(href|src)="[[:space:]]*(javascript|vbscript|data|file):' "$tmp/mb/matrix.html"; then
	bad "matrix: unsafe markup in matrix.html"
else ok; fi
# Every clause link reaches an anchor of a published page.
grep -o 'href="[^"#]*#[^"]*"' "$tmp/mb/matrix.html" | sed 's/^href="//; s/"$//' | sort -u >"$tmp/links"
nl=0; nbad=0
while IFS='#' read -r page anchor; do
	nl=$((nl + 1))
	grep -q "id=\"$anchor\"" "$tmp/mb/$page" 2>/dev/null || { nbad=$((nbad + 1)); echo "   dangling $page#$anchor"; }
done <"$tmp/links"
[ "$nl" -gt 100 ] && [ "$nbad" = 0 ] && ok || bad "matrix: $nbad of $nl clause links dangle"
# Rows where providers differ are marked, and so are the best values.
grep -q '<tr class="differs" id="late-interest">' "$tmp/mb/matrix.html" && ok || bad "matrix: differing row not marked"
grep -q 'class="value best" data-sort="14.5"' "$tmp/mb/matrix.html" && ok || bad "matrix: best value not marked"
grep -q '<tr id="governing-law">' "$tmp/mb/matrix.html" && bad "matrix: governing-law differs (条項なし at itscom)" || ok

# Topic by topic: termc diff --by-topic.
rc=$(capture diff --by-topic $tax -d $m/cases acme beta)
[ "$rc" = 1 ] && ok || bad "diff --by-topic: differing providers exit $rc"
check "diff --by-topic: text" $m/cases/by-topic.txt "$tmp/out"
rc=$(capture diff --by-topic --format=json $tax -d $m/cases acme beta)
[ "$rc" = 1 ] && grep -q '"result": "differs"' "$tmp/out" && ok || bad "diff --by-topic: json"
check "diff --by-topic: json" $m/cases/by-topic.json "$tmp/out"
rc=$(capture diff --by-topic -d terms directors directors/cloud-operation)
[ "$rc" = 0 ] && ! grep -q '^differs' "$tmp/out" && ok || bad "diff --by-topic: a provider against itself exits $rc"
rc=$(capture diff --by-topic -d terms dnet itscom)
[ "$rc" = 1 ] && grep -q '^differs  jurisdiction' "$tmp/out" && grep -q '大阪地方裁判所' "$tmp/out" && ok ||
    bad "diff --by-topic: dnet vs itscom"
rc=$(capture diff --by-topic acme); [ "$rc" = 2 ] && ok || bad "diff --by-topic: one argument exits 2"
rc=$(capture diff --by-topic -d terms nobody itscom); [ "$rc" = 2 ] && ok || bad "diff --by-topic: unknown provider exits 2 ($rc)"
# argv as `termc diff --by-topic A B` will pass it.
rc=$(capture diff --by-topic -d terms dnet itscom)
[ "$rc" = 1 ] && ok || bad "diff --by-topic: options after --by-topic ($rc)"
# Markers never reach the published page.
rm -rf "$tmp/mc"
rc=$(capture build -o "$tmp/mc" $m/cases)
[ "$rc" = 0 ] && ! grep -rq 'termc: topics' "$tmp/mc" && [ ! -e "$tmp/mc/matrix.html" ] && ok ||
    bad "matrix: marker published, or matrix built without topics.yaml ($rc)"
# Half-width katakana with its voicing marks matches a full-width pattern:
# ｻｰﾋﾞｽ is サービス only when ﾋ and ﾞ are normalized together.
rc=$(capture matrix --format=tsv --topics tests/matrix/halfwidth/topics.yaml tests/matrix/halfwidth/terms)
[ "$rc" = 0 ] && grep -q '^p/d	svc	value	yes	a1' "$tmp/out" && ok ||
    bad "matrix: half-width katakana does not match its topic ($rc)"
