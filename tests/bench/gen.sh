#!/bin/sh
# gen.sh BYTES OUT.md: one terms file of about BYTES, made of the bodies of
# the terms/ documents repeated, with chapters, sections and articles
# renumbered so that the result is a valid document with unique numbers.
set -eu
bytes=$1
out=$2
pass=$(cat terms/*/*/*.md | wc -c)
copies=$((bytes / pass + 1))
{
	printf -- '---\nprovider: bench\nprovider_name: ベンチマーク株式会社\ndocument: corpus\ntitle: ベンチマーク約款\nrevision: 2024-01-01\n---\n\n'
	i=0
	while [ $i -lt $copies ]; do
		for f in terms/*/*/*.md; do
			# Body only: skip the front matter.
			awk 'NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {fm=0; next} !fm' "$f"
		done
		i=$((i + 1))
	done
} | awk -v limit="$bytes" '
	# Stop at the size limit on a heading boundary.
	/^#+ 第[ 　]*[0-9０-９一二三四五六七八九十百]+[ 　]*条/ {
		if (size > limit) exit
		art++
		sub(/第[ 　]*[0-9０-９一二三四五六七八九十百]+[ 　]*条(の[0-9０-９]+)?/, "第" art "条")
	}
	/^#+ 第[ 　]*[0-9０-９一二三四五六七八九十百]+[ 　]*[章節]/ {
		ch++
		sub(/第[ 　]*[0-9０-９一二三四五六七八九十百]+/, "第" ch)
	}
	{ print; size += length($0) + 1 }
' >"$out"
