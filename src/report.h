/*
 * Machine-readable reports of diagnostics for CI systems: JSON (jansson,
 * in checkcmd.c) and JUnit XML (libxml2, in html_junit.c, the libxml2
 * layer).  Both return a NUL-terminated string the caller frees.
 */
#ifndef TERMC_REPORT_H
#define TERMC_REPORT_H

struct diags;

/*
 * JUnit XML: one <testsuite> per file named in files (paths as loaded),
 * one <testcase> per finding (classname = the code's name) with a
 * <failure> when it fails the run (errors; warnings too when strict) and a
 * <system-out> otherwise; a file without findings gets one passing
 * testcase "check".  Findings on other paths get a suite of their own.
 */
char	*report_junit(const struct diags *, char *const *files, size_t nfiles,
	    int strict);

#endif
