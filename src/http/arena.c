/* SPDX-License-Identifier: MIT */
/*
 * arena.c - the per-request bump allocator (h2o's req->pool): blocks are
 * chained newest first and all freed when the response is done.
 */
#include "http_int.h"

#include <stdio.h>
#include <string.h>

#define ARENA_BLOCK_MIN 4096

struct http_arena_block {
    struct http_arena_block *next;
    size_t used; /* bytes of data[] handed out */
    size_t cap;  /* bytes of data[] */
    _Alignas(16) unsigned char data[];
};

void http_arena_init(struct http_arena *a)
{
    a->head = NULL;
}

void *http_arena_alloc(struct http_arena *a, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n)
        need = n; /* overflow: let xmalloc fail on the huge size */
    struct http_arena_block *b = a->head;
    if (!b || b->cap - b->used < need) {
        size_t cap = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
        b = xmalloc(sizeof(*b) + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    memset(p, 0, n);
    return p;
}

char *http_arena_strndup(struct http_arena *a, const char *s, size_t n)
{
    char *p = http_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *http_arena_printf(struct http_arena *a, const char *fmt, ...)
{
    struct sb b;
    sb_init(&b, 0);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    char *p = http_arena_strndup(a, b.buf, b.len);
    sb_release(&b);
    return p;
}

void http_arena_release(struct http_arena *a)
{
    struct http_arena_block *b = a->head;
    while (b) {
        struct http_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
