/* SPDX-License-Identifier: MIT */
/* alloc.c - allocators that die on out-of-memory, the one fatal case. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void alloc_die(size_t size)
{
    fprintf(stderr, "symbiose: out of memory allocating %zu bytes\n", size);
    exit(70);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        alloc_die(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        alloc_die(n * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        alloc_die(size);
    return q;
}

void *xmallocarray(size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total))
        alloc_die(SIZE_MAX);
    return xmalloc(total);
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total))
        alloc_die(SIZE_MAX);
    return xrealloc(p, total);
}

char *xstrdup(const char *s)
{
    return xmemdupz(s, strlen(s));
}

char *xmemdupz(const void *p, size_t n)
{
    char *q = xmalloc(n + 1);
    if (n)
        memcpy(q, p, n);
    q[n] = '\0';
    return q;
}

void core_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            alloc_die(SIZE_MAX);
        ncap *= 2;
    }
    *arr = xreallocarray(*arr, ncap, elem);
    *cap = ncap;
}
