# The five source documents: article numbers and captions of each terms
# file against the text it was made from (tests/seeds/check.sh).
# Sourced by tests/run.sh once per binary $T; uses its helpers.
if sh tests/seeds/check.sh "$T" >"$tmp/seeds" 2>&1; then ok
else bad "seeds: articles and captions differ from the sources"; head -30 "$tmp/seeds"; fi
# The check can fail: a copy of terms/ with an article recaptioned, one
# renumbered and one removed must fail with a diff naming all three.
rm -rf "$tmp/broken" && cp -r terms "$tmp/broken"
w=$tmp/broken/dnet/secure-managed-server-windows/2006-04-12.md
sed -e 's/^# 第３条（アカウントの管理）/# 第３条（アカウント管理）/' \
    -e 's/^# 第５条/# 第7条/' "$w" >"$tmp/w.md" && mv "$tmp/w.md" "$w"
m=$tmp/broken/mic/full-managed/2012-02-29.md
sed -e '/^## 第14条(ドメイン)$/d' "$m" >"$tmp/m.md" && mv "$tmp/m.md" "$m"
if TERMS_DIR=$tmp/broken sh tests/seeds/check.sh "$T" >"$tmp/seeds" 2>&1; then
	bad "seeds: a broken copy of terms/ passes the check"
elif grep -qx -- '-第３条（アカウントの管理）' "$tmp/seeds" &&
    grep -qx -- '+第３条（アカウント管理）' "$tmp/seeds" &&
    grep -qx -- '-第５条（運用状況の調査等）' "$tmp/seeds" &&
    grep -qx -- '+第7条（運用状況の調査等）' "$tmp/seeds" &&
    grep -qx -- '-第14条（ドメイン）' "$tmp/seeds" &&
    grep -q '^first difference: source line 135: 第14条（ドメイン）' "$tmp/seeds"; then
	ok
else
	bad "seeds: the diff of a broken copy does not show the breaks"
	head -30 "$tmp/seeds"
fi
