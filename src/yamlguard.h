/*
 * Bounds on YAML text before libyaml loads it: one check that front matter
 * (meta.c) and the topic taxonomy (topics.c) both pass first.
 */
#ifndef TERMC_YAMLGUARD_H
#define TERMC_YAMLGUARD_H

#include <stddef.h>

#define YAML_MAX_BYTES	(1024 * 1024)	/* one YAML text */
#define YAML_MAX_DEPTH	32		/* nested collections, flow or block */

enum yguard {
	YG_OK,
	YG_SIZE,	/* more than YAML_MAX_BYTES */
	YG_DEPTH	/* collections nested deeper than YAML_MAX_DEPTH */
};

/*
 * Check len bytes of UTF-8 YAML against the limits.  Returns YG_OK, or the
 * limit broken with *line and *col (0-based, as libyaml's marks) where the
 * text breaks it.  Syntax errors pass: the loader reports them.
 */
enum yguard	yaml_guard(const char *bytes, size_t len, int *line, int *col);

#endif
