/*
 * A growable byte buffer, always NUL-terminated after buf_init().
 * An embedded object: buf_init() before use, buf_release() frees the bytes.
 * buf_detach() hands the bytes to the caller, who frees them.
 */
#ifndef TERMC_BUF_H
#define TERMC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t extra);
void	 buf_put(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
char	*buf_detach(struct buf *);

#endif
