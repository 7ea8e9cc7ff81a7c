/*
 * YAML bounds: see yamlguard.h.
 *
 * libyaml 0.2.5 is quadratic in flow nesting: at every token its scanner
 * walks the possible simple key of each open flow level, so "title: [[[…"
 * 40,000 levels deep (80 KB) takes seconds.  Block nesting costs more bytes
 * than levels, but a bound on both is one rule.  The check runs libyaml's
 * own scanner token by token and counts the collections it opens, so it
 * agrees with the loader on what is nested (quotes, comments, block
 * scalars), and it stops at the first level past the limit: the
 * quadratic part is never reached.  The scanner looks ahead at most 1024
 * characters for a simple key, so the check costs O(len * YAML_MAX_DEPTH).
 */
#include <yaml.h>

#include "yamlguard.h"

enum yguard
yaml_guard(const char *bytes, size_t len, int *line, int *col)
{
	yaml_parser_t parser;
	yaml_token_t tok;
	yaml_token_type_t type;
	yaml_mark_t mark;
	enum yguard rc = YG_OK;
	int depth = 0;

	*line = *col = 0;
	if (len > YAML_MAX_BYTES) {
		for (size_t i = 0; i < YAML_MAX_BYTES; i++)
			if (bytes[i] == '\n')
				++*line;
		return YG_SIZE;
	}
	if (!yaml_parser_initialize(&parser))
		return YG_OK;		/* the loader will say so */
	yaml_parser_set_input_string(&parser, (const unsigned char *)bytes,
	    len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	do {
		if (!yaml_parser_scan(&parser, &tok))
			break;		/* a syntax error: the loader's */
		type = tok.type;
		mark = tok.start_mark;
		yaml_token_delete(&tok);
		switch (type) {
		case YAML_BLOCK_SEQUENCE_START_TOKEN:
		case YAML_BLOCK_MAPPING_START_TOKEN:
		case YAML_FLOW_SEQUENCE_START_TOKEN:
		case YAML_FLOW_MAPPING_START_TOKEN:
			depth++;
			break;
		case YAML_BLOCK_END_TOKEN:
		case YAML_FLOW_SEQUENCE_END_TOKEN:
		case YAML_FLOW_MAPPING_END_TOKEN:
			depth--;
			break;
		default:
			break;
		}
		if (depth > YAML_MAX_DEPTH) {
			*line = (int)mark.line;
			*col = (int)mark.column;
			rc = YG_DEPTH;
			break;
		}
	} while (type != YAML_STREAM_END_TOKEN);
	yaml_parser_delete(&parser);
	return rc;
}
