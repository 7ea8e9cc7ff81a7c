/*
 * Revision timelines: see timeline.h.
 *
 * The x axis runs from the first revision's date to the last one's (a
 * year's margin when all fall on one day); each year is a tick.  Every
 * point carries a <title> with its date and its count of changes, which
 * browsers show on hover and screen readers read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "timeline.h"
#include "xalloc.h"

#define X(s)		((const xmlChar *)(s))
#define TL_WIDTH	640
#define TL_LABEL	190		/* the lane labels' column */
#define TL_LANE		28
#define TL_TOP		24

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
static long
days_of(const char *date)
{
	int y, m, d;
	long era, yoe, doy, doe;

	if (date == NULL || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
attr(xmlTextWriterPtr w, const char *name, const char *fmt, double v)
{
	char s[32];

	snprintf(s, sizeof(s), fmt, v);
	xmlTextWriterWriteAttribute(w, X(name), X(s));
}

/* A label cut to 14 characters, with "…" when cut. */
static char *
short_label(const char *s)
{
	size_t i = 0, chars = 0;
	char *r;

	while (s[i] != '\0' && chars < 14) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	if (s[i] == '\0')
		return xstrdup(s);
	r = xmalloc(i + 4);
	memcpy(r, s, i);
	memcpy(r + i, "…", 4);
	return r;
}

char *
timeline_svg(const struct tl_lane *lanes, size_t n, int ja, size_t *len)
{
	xmlBufferPtr out = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(out, 0);
	long lo = 0, hi = 0, day;
	size_t i, k;
	int first = 1, y, y0 = 0, y1 = 0, height, step;
	double span, x, cy, r;
	char *s, title[128];

	if (n > TIMELINE_MAX_LANES)
		n = TIMELINE_MAX_LANES;
	for (i = 0; i < n; i++)
		if (lanes[i].n == 0)
			n = i;	/* a lane without points ends the drawing */
	/* The span of the dates, and the first and last years. */
	for (i = 0; i < n; i++)
		for (k = 0; k < lanes[i].n; k++) {
			day = days_of(lanes[i].pts[k].date);
			y = atoi(lanes[i].pts[k].date);
			if (first || day < lo)
				lo = day;
			if (first || day > hi)
				hi = day;
			if (first || y < y0)
				y0 = y;
			if (first || y > y1)
				y1 = y;
			first = 0;
		}
	if (hi - lo < 1) {
		lo -= 183;
		hi += 183;
	}
	span = (double)(hi - lo);
	height = TL_TOP + (int)n * TL_LANE + 8;
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, X("svg"));
	xmlTextWriterWriteAttribute(w, X("xmlns"),
	    X("http://www.w3.org/2000/svg"));
	attr(w, "width", "%.0f", TL_WIDTH);
	attr(w, "height", "%.0f", height);
	snprintf(title, sizeof(title), "0 0 %d %d", TL_WIDTH, height);
	xmlTextWriterWriteAttribute(w, X("viewBox"), X(title));
	xmlTextWriterWriteAttribute(w, X("font-family"), X("sans-serif"));
	xmlTextWriterWriteElement(w, X("title"), X(ja ? "改定の年表" :
	    "Revision timeline"));
	/* A year is labelled every step years, 40 px apart at least. */
	step = 1;
	while (step < 100 && (TL_WIDTH - TL_LABEL - 16) * 365.25 * step /
	    span < 40)
		step++;
	for (y = y0; y <= y1 + 1; y++) {
		snprintf(title, sizeof(title), "%04d-01-01", y);
		day = days_of(title);
		if (day < lo || day > hi)
			continue;
		x = TL_LABEL + (TL_WIDTH - TL_LABEL - 16) * (double)(day - lo) /
		    span + 8;
		xmlTextWriterStartElement(w, X("line"));
		attr(w, "x1", "%.1f", x);
		attr(w, "x2", "%.1f", x);
		attr(w, "y1", "%.0f", TL_TOP - 6);
		attr(w, "y2", "%.0f", height - 4);
		xmlTextWriterWriteAttribute(w, X("stroke"), X("#d0d0d0"));
		xmlTextWriterEndElement(w);
		if (y % step != 0 || x > TL_WIDTH - 36)
			continue;
		xmlTextWriterStartElement(w, X("text"));
		attr(w, "x", "%.1f", x + 2);
		attr(w, "y", "%.0f", 12);
		xmlTextWriterWriteAttribute(w, X("font-size"), X("10"));
		xmlTextWriterWriteAttribute(w, X("fill"), X("#444"));
		snprintf(title, sizeof(title), ja ? "%d年" : "%d", y);
		xmlTextWriterWriteString(w, X(title));
		xmlTextWriterEndElement(w);
	}
	for (i = 0; i < n; i++) {
		cy = TL_TOP + (double)i * TL_LANE + TL_LANE / 2.0;
		xmlTextWriterStartElement(w, X("text"));
		attr(w, "x", "%.0f", 4);
		attr(w, "y", "%.1f", cy + 4);
		xmlTextWriterWriteAttribute(w, X("font-size"), X("11"));
		xmlTextWriterWriteAttribute(w, X("fill"), X("#1b1b1b"));
		s = short_label(lanes[i].label);
		xmlTextWriterWriteString(w, X(s));
		free(s);
		xmlTextWriterEndElement(w);
		xmlTextWriterStartElement(w, X("line"));
		attr(w, "x1", "%.0f", TL_LABEL);
		attr(w, "x2", "%.0f", TL_WIDTH - 4);
		attr(w, "y1", "%.1f", cy);
		attr(w, "y2", "%.1f", cy);
		xmlTextWriterWriteAttribute(w, X("stroke"), X("#8a8a8a"));
		xmlTextWriterEndElement(w);
		for (k = 0; k < lanes[i].n; k++) {
			const struct tl_point *p = &lanes[i].pts[k];

			x = TL_LABEL + (TL_WIDTH - TL_LABEL - 16) *
			    (double)(days_of(p->date) - lo) / span + 8;
			/* Area grows with the changes: r² ∝ 1 + changes. */
			r = 3.5;
			while (r < 11 && r * r < 12.25 * (1.0 +
			    (double)p->changes))
				r += 0.5;
			xmlTextWriterStartElement(w, X("circle"));
			attr(w, "cx", "%.1f", x);
			attr(w, "cy", "%.1f", cy);
			attr(w, "r", "%.1f", r);
			xmlTextWriterWriteAttribute(w, X("fill"), X(p->first ?
			    "#5b5b5b" : "#0b57a4"));
			xmlTextWriterWriteAttribute(w, X("fill-opacity"),
			    X("0.8"));
			if (p->first)
				snprintf(title, sizeof(title), ja ?
				    "%s 制定・初版" : "%s first revision",
				    p->date);
			else
				snprintf(title, sizeof(title), ja ?
				    "%s 変更 %zu件" : "%s %zu changed",
				    p->date, p->changes);
			xmlTextWriterWriteElement(w, X("title"), X(title));
			xmlTextWriterEndElement(w);
		}
	}
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	*len = (size_t)xmlBufferLength(out);
	s = xstrndup((const char *)xmlBufferContent(out), *len);
	xmlBufferFree(out);
	return s;
}
