/*
 * Unit tests for html_date() and html_uses_wareki() (html.c): dates as
 * readers write them, in Japan's eras at each era's first day and the
 * day before, 元年 for an era's first year, Gregorian before 1873 and
 * without wareki, English outside Japanese; and which documents write
 * their dates in an era.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "html.h"
#include "tap.h"

static void
date(const char *iso, int ja, int wareki, const char *want)
{
	char *got = html_date(iso, ja, wareki);

	tap_str(got, want, iso);
	free(got);
}

static void
uses(const char *body, int want, const char *name)
{
	static const char head[] = "---\ntitle: T\nprovider: p\n"
	    "provider_name: P\ndocument: d\nrevision: 2024-04-01\n---\n\n";
	char text[512];
	struct diags d;
	struct doc *doc;

	snprintf(text, sizeof(text), "%s%s", head, body);
	diags_init(&d);
	doc = doc_load_mem("t.md", text, strlen(text), &d);
	if (tap(doc != NULL, name))
		tap_long(html_uses_wareki(doc), want, name);
	doc_free(doc);
	diags_release(&d);
}

int
main(void)
{
	date("2024-04-01", 1, 0, "2024年4月1日");
	date("2024-04-01", 0, 1, "1 April 2024");
	date("2024-04-01", 1, 1, "令和6年4月1日");
	date("2019-05-01", 1, 1, "令和元年5月1日");
	date("2019-04-30", 1, 1, "平成31年4月30日");
	date("1989-01-08", 1, 1, "平成元年1月8日");
	date("1989-01-07", 1, 1, "昭和64年1月7日");
	date("1926-12-25", 1, 1, "昭和元年12月25日");
	date("1926-12-24", 1, 1, "大正15年12月24日");
	date("1912-07-29", 1, 1, "明治45年7月29日");
	date("1873-01-01", 1, 1, "明治6年1月1日");
	date("1872-12-31", 1, 1, "1872年12月31日");
	date("2024-13-01", 1, 1, "2024-13-01");
	date("draft", 1, 1, "draft");
	/* Not YYYY-MM-DD but ten bytes sscanf("%4u-%2u-%2u") reads. */
	date("2024- 4-01", 1, 0, "2024年4月1日");
	date("2024-04-01", 1, HTML_WAREKI_BESIDE, "2024年（令和6年）4月1日");

	uses("## 第1条（施行）\n\nこの約款は、令和6年4月1日から施行します。\n",
	    1, "令和6年 in text");
	uses("## 第1条（施行）\n\nこの約款は、令和元年5月1日から施行します。\n",
	    1, "令和元年");
	uses("## 第1条（施行）\n\n平成三十年十月一日から施行します。\n",
	    1, "平成三十年 in kanji");
	uses("## 第1条（施行）\n\nこの約款は、2024年4月1日から施行します。\n",
	    0, "Gregorian only");
	uses("## 第1条（名称）\n\n本サービスの名称は「令和プラン」とします。\n",
	    0, "an era's name, no year");
	return tap_failed ? 1 : 0;
}
