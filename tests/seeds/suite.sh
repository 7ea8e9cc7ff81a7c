# The five source documents: article numbers and captions of each terms
# file against the text it was made from (tests/seeds/check.sh).
# Sourced by tests/run.sh once per binary $T; uses its helpers.
if sh tests/seeds/check.sh "$T" >"$tmp/seeds" 2>&1; then ok
else bad "seeds: articles and captions differ from the sources"; head -30 "$tmp/seeds"; fi
