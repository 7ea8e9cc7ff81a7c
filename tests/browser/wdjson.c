/*
 * wdjson: the JSON that tests/browser/run.sh exchanges with chromedriver
 * (the W3C WebDriver protocol), so that the shell needs no JSON of its own.
 *
 *   wdjson str <TEXT          TEXT as one JSON string literal
 *   wdjson get KEY ... <JSON  the value under KEY, then under the next
 *                             KEY...: a string as it is, anything else as
 *                             compact JSON; exit 1 when a KEY is missing
 *   wdjson severe <JSON       the message of every entry of "value" whose
 *                             level is SEVERE (a browser log), one a line
 *
 * Exit 2 when standard input is not what the mode reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

/* All of standard input; *len is its length. */
static char *
slurp(size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *s = malloc(cap);

	while (s != NULL && (r = fread(s + n, 1, cap - n, stdin)) > 0) {
		n += r;
		if (n == cap && (s = realloc(s, cap *= 2)) == NULL)
			break;
	}
	if (s == NULL) {
		fputs("wdjson: out of memory\n", stderr);
		exit(2);
	}
	*len = n;
	return s;
}

static json_t *
load(void)
{
	json_error_t e;
	size_t len;
	char *s = slurp(&len);
	json_t *j = json_loadb(s, len, 0, &e);

	free(s);
	if (j == NULL) {
		fprintf(stderr, "wdjson: %d:%d: %s\n", e.line, e.column, e.text);
		exit(2);
	}
	return j;
}

/* A string's bytes as they are, anything else as compact JSON. */
static void
print_value(const json_t *v)
{
	char *s;

	if (json_is_string(v)) {
		fwrite(json_string_value(v), 1, json_string_length(v), stdout);
		putchar('\n');
		return;
	}
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	puts(s != NULL ? s : "");
	free(s);
}

int
main(int argc, char **argv)
{
	json_t *j, *v, *e;
	size_t len, i;
	char *s, *out;
	int k;

	if (argc == 2 && strcmp(argv[1], "str") == 0) {
		s = slurp(&len);
		v = json_stringn(s, len);
		free(s);
		if (v == NULL) {
			fputs("wdjson: input is not UTF-8\n", stderr);
			return 2;
		}
		out = json_dumps(v, JSON_ENCODE_ANY);
		fputs(out, stdout);
		free(out);
		json_decref(v);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "get") == 0) {
		j = load();
		for (v = j, k = 2; k < argc && v != NULL; k++)
			v = json_object_get(v, argv[k]);
		if (v != NULL)
			print_value(v);
		json_decref(j);
		return v == NULL;
	}
	if (argc == 2 && strcmp(argv[1], "severe") == 0) {
		j = load();
		v = json_object_get(j, "value");
		json_array_foreach(v, i, e) {
			if (json_is_string(json_object_get(e, "level")) &&
			    strcmp(json_string_value(json_object_get(e,
			    "level")), "SEVERE") == 0)
				print_value(json_object_get(e, "message"));
		}
		json_decref(j);
		return 0;
	}
	fputs("usage: wdjson str | get KEY ... | severe\n", stderr);
	return 2;
}
