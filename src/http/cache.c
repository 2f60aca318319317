/* SPDX-License-Identifier: MIT */
/*
 * cache.c - a small cache of whole answers for the heavy read endpoints
 * (the map of 10,000 organisations). An entry is keyed by the endpoint and
 * the caller's scope (role, organisation, territories), never shared
 * between scopes, and dies when any write goes through the API (the
 * generation counter) or after HTTP_CACHE_TTL_S for writes made outside
 * the server (CLI imports). Mutex-guarded; bounded to HTTP_CACHE_SLOTS.
 */
#include "http_int.h"

#include <string.h>
#include <time.h>

struct cache_entry {
    char *key;  /* NULL when free */
    char *body; /* the JSON answer */
    size_t len;
    uint64_t generation; /* app generation when stored */
    int64_t at_s;        /* when stored */
};

struct http_cache {
    pthread_mutex_t lock;
    uint64_t generation; /* bumped by every successful write */
    size_t next;         /* round-robin victim */
    struct cache_entry slots[HTTP_CACHE_SLOTS];
    /* the anonymised labels of every organisation (they depend on the
     * whole population); live like an entry: same generation, TTL */
    struct network_anon anon;
    bool has_anon;
    uint64_t anon_generation;
    int64_t anon_at_s;
};

struct http_cache *http_cache_new(void)
{
    struct http_cache *c = xcalloc(1, sizeof(*c));
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void http_cache_free(struct http_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < HTTP_CACHE_SLOTS; i++) {
        free(c->slots[i].key);
        free(c->slots[i].body);
    }
    network_anon_release(&c->anon);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

void http_cache_invalidate(struct http_cache *c)
{
    pthread_mutex_lock(&c->lock);
    c->generation++;
    pthread_mutex_unlock(&c->lock);
}

static int64_t cache_now(void)
{
    return (int64_t)time(NULL);
}

bool http_cache_get(struct http_cache *c, const char *key, struct sb *out)
{
    bool is_hit = false;
    int64_t now = cache_now();
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < HTTP_CACHE_SLOTS; i++) {
        struct cache_entry *en = &c->slots[i];
        if (en->key && strcmp(en->key, key) == 0 && en->generation == c->generation &&
            now - en->at_s < HTTP_CACHE_TTL_S) {
            sb_reset(out);
            sb_add(out, en->body, en->len);
            is_hit = true;
            break;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return is_hit;
}

void http_cache_put(struct http_cache *c, const char *key, const char *body, size_t len)
{
    pthread_mutex_lock(&c->lock);
    struct cache_entry *en = NULL;
    for (size_t i = 0; i < HTTP_CACHE_SLOTS && !en; i++) {
        if (c->slots[i].key && strcmp(c->slots[i].key, key) == 0)
            en = &c->slots[i];
    }
    if (!en) {
        en = &c->slots[c->next];
        c->next = (c->next + 1) % HTTP_CACHE_SLOTS;
    }
    free(en->key);
    free(en->body);
    en->key = xstrdup(key);
    en->body = xmemdupz(body, len);
    en->len = len;
    en->generation = c->generation;
    en->at_s = cache_now();
    pthread_mutex_unlock(&c->lock);
}

uint64_t http_cache_generation(struct http_cache *c)
{
    pthread_mutex_lock(&c->lock);
    uint64_t g = c->generation;
    pthread_mutex_unlock(&c->lock);
    return g;
}

int http_cache_anon_label(struct http_cache *c, int64_t org_id, struct network_anon_label *out)
{
    int rc = -1;
    int64_t now = cache_now();
    pthread_mutex_lock(&c->lock);
    if (c->has_anon && c->anon_generation == c->generation &&
        now - c->anon_at_s < HTTP_CACHE_TTL_S) {
        const struct network_anon_label *l = network_anon_find(&c->anon, org_id);
        rc = l ? 1 : 0;
        if (l)
            *out = *l;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

void http_cache_anon_take(struct http_cache *c, struct network_anon *a, uint64_t generation)
{
    pthread_mutex_lock(&c->lock);
    network_anon_release(&c->anon);
    c->anon = *a;
    memset(a, 0, sizeof(*a));
    c->has_anon = true;
    c->anon_generation = generation;
    c->anon_at_s = cache_now();
    pthread_mutex_unlock(&c->lock);
}
