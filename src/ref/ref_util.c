/* SPDX-License-Identifier: MIT */
/*
 * ref_util.c - the building blocks of struct ref: a string arena (every
 * label is copied into it once, freed at once by ref_free), a string-keyed
 * hash map (code -> index, so that per-row lookups during 200,000-row
 * imports cost one hash and one memcmp), and parent/child links.
 */
#include "ref_int.h"

#include <stdlib.h>
#include <string.h>

struct ref__chunk {
    struct ref__chunk *next;
    size_t used;
    size_t cap;
    char data[];
};

#define REF__CHUNK_SIZE ((size_t)64 * 1024)

void ref__arena_init(struct ref__arena *a)
{
    a->head = NULL;
}

const char *ref__arena_dup(struct ref__arena *a, const char *p, size_t n)
{
    struct ref__chunk *c = a->head;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > REF__CHUNK_SIZE ? n + 1 : REF__CHUNK_SIZE;
        c = xmalloc(sizeof(*c) + cap);
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    char *dst = c->data + c->used;
    if (n)
        memcpy(dst, p, n);
    dst[n] = '\0';
    c->used += n + 1;
    return dst;
}

void ref__arena_release(struct ref__arena *a)
{
    struct ref__chunk *c = a->head;
    while (c) {
        struct ref__chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* FNV-1a, 32 bits: keys are short codes, this is plenty. */
static uint32_t ref__hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 16777619u;
    }
    return h;
}

void ref__map_init(struct ref__map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
}

/* Finds the slot holding key, or the empty slot where it would go. */
static struct ref__slot *ref__map_slot(const struct ref__map *m, const char *key, size_t len)
{
    size_t i = ref__hash(key, len) & (m->cap - 1);
    for (;;) {
        struct ref__slot *s = &m->slots[i];
        if (!s->key || (s->len == len && memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

static void ref__map_grow(struct ref__map *m)
{
    struct ref__map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof(*m->slots));
    for (size_t i = 0; i < old.cap; i++) {
        if (old.slots[i].key)
            *ref__map_slot(m, old.slots[i].key, old.slots[i].len) = old.slots[i];
    }
    free(old.slots);
}

bool ref__map_put(struct ref__map *m, const char *key, uint32_t idx)
{
    size_t len = strlen(key);
    if ((m->n + 1) * 2 > m->cap)
        ref__map_grow(m);
    struct ref__slot *s = ref__map_slot(m, key, len);
    if (s->key)
        return false;
    s->key = key;
    s->len = (uint32_t)len;
    s->idx = idx;
    m->n++;
    return true;
}

bool ref__map_get(const struct ref__map *m, const char *key, size_t len, uint32_t *idx)
{
    if (m->cap == 0)
        return false;
    const struct ref__slot *s = ref__map_slot(m, key, len);
    if (!s->key)
        return false;
    *idx = s->idx;
    return true;
}

void ref__map_release(struct ref__map *m)
{
    free(m->slots);
    ref__map_init(m);
}

void ref__tree_build(struct ref__tree *t, const uint32_t *parent_of, size_t n)
{
    t->first_child = xmallocarray(n ? n : 1, sizeof(uint32_t));
    t->next_sibling = xmallocarray(n ? n : 1, sizeof(uint32_t));
    uint32_t *last_child = xmallocarray(n ? n : 1, sizeof(uint32_t));
    t->roots_first = REF__NONE;
    t->roots_last = REF__NONE;
    for (size_t i = 0; i < n; i++) {
        t->first_child[i] = REF__NONE;
        t->next_sibling[i] = REF__NONE;
        last_child[i] = REF__NONE;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t p = parent_of[i];
        uint32_t *first = p == REF__NONE ? &t->roots_first : &t->first_child[p];
        uint32_t *last = p == REF__NONE ? &t->roots_last : &last_child[p];
        if (*last == REF__NONE)
            *first = (uint32_t)i;
        else
            t->next_sibling[*last] = (uint32_t)i;
        *last = (uint32_t)i;
    }
    free(last_child);
}

void ref__tree_release(struct ref__tree *t)
{
    free(t->first_child);
    free(t->next_sibling);
    t->first_child = NULL;
    t->next_sibling = NULL;
}
