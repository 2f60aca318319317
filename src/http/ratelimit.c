/* SPDX-License-Identifier: MIT */
/*
 * ratelimit.c - counts failed logins per key ("pair:EMAIL|IP" for one
 * account from one address, "addr:IP" for one address) in a small
 * mutex-guarded table; entries older than the window are ignored and
 * recycled. Bounded memory: when full, the oldest entry is replaced.
 * Pairs get progressive delays, never a lockout: failures from one
 * address do not stop the account's owner elsewhere.
 */
#include "http_int.h"

#include <string.h>

#define RL_SLOTS 1024
#define RL_KEY_MAX 280
#define RL_MAX_HITS 32

struct rl_entry {
    char key[RL_KEY_MAX];
    int64_t hits[RL_MAX_HITS]; /* times of failures, ring */
    size_t n_hits;             /* how many of hits[] are set, <= RL_MAX_HITS */
    size_t next;               /* ring position of the next hit */
    int64_t last_s;
};

struct http_ratelimit {
    pthread_mutex_t lock;
    struct rl_entry slots[RL_SLOTS];
};

struct http_ratelimit *http_ratelimit_new(void)
{
    struct http_ratelimit *rl = xcalloc(1, sizeof(*rl));
    pthread_mutex_init(&rl->lock, NULL);
    return rl;
}

void http_ratelimit_free(struct http_ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

/* Entry for key, or NULL; with is_create, a free or the oldest slot. */
static struct rl_entry *rl_find(struct http_ratelimit *rl, const char *key, bool is_create)
{
    struct rl_entry *oldest = NULL;
    for (size_t i = 0; i < RL_SLOTS; i++) {
        struct rl_entry *en = &rl->slots[i];
        if (en->key[0] && strcmp(en->key, key) == 0)
            return en;
        if (!oldest || !en->key[0] || (oldest->key[0] && en->last_s < oldest->last_s))
            oldest = en;
    }
    if (!is_create)
        return NULL;
    memset(oldest, 0, sizeof(*oldest));
    size_t n = strlen(key);
    if (n >= RL_KEY_MAX)
        n = RL_KEY_MAX - 1;
    memcpy(oldest->key, key, n);
    return oldest;
}

void http_ratelimit_hit(struct http_ratelimit *rl, const char *key, int64_t now_s)
{
    pthread_mutex_lock(&rl->lock);
    struct rl_entry *en = rl_find(rl, key, true);
    en->hits[en->next] = now_s;
    en->next = (en->next + 1) % RL_MAX_HITS;
    if (en->n_hits < RL_MAX_HITS)
        en->n_hits++;
    en->last_s = now_s;
    pthread_mutex_unlock(&rl->lock);
}

bool http_ratelimit_blocked(struct http_ratelimit *rl, const char *key, int64_t now_s, int max,
                            int64_t window_s)
{
    pthread_mutex_lock(&rl->lock);
    struct rl_entry *en = rl_find(rl, key, false);
    int n = 0;
    for (size_t i = 0; en && i < en->n_hits; i++) {
        if (now_s - en->hits[i] < window_s)
            n++;
    }
    pthread_mutex_unlock(&rl->lock);
    return n >= max;
}

void http_ratelimit_clear(struct http_ratelimit *rl, const char *key)
{
    pthread_mutex_lock(&rl->lock);
    struct rl_entry *en = rl_find(rl, key, false);
    if (en)
        memset(en, 0, sizeof(*en));
    pthread_mutex_unlock(&rl->lock);
}

int64_t http_login_delay_s(int n_failures)
{
    if (n_failures < HTTP_LOGIN_FREE_TRIES)
        return 0;
    int shift = n_failures - HTTP_LOGIN_FREE_TRIES;
    if (shift >= 10) /* 1024 s: past the cap already */
        return HTTP_LOGIN_MAX_DELAY_S;
    int64_t d = (int64_t)1 << shift;
    return d < HTTP_LOGIN_MAX_DELAY_S ? d : HTTP_LOGIN_MAX_DELAY_S;
}

int64_t http_ratelimit_wait(struct http_ratelimit *rl, const char *key, int64_t now_s)
{
    pthread_mutex_lock(&rl->lock);
    struct rl_entry *en = rl_find(rl, key, false);
    int n = 0;
    int64_t last = 0;
    for (size_t i = 0; en && i < en->n_hits; i++) {
        if (now_s - en->hits[i] < HTTP_LOGIN_FORGET_S) {
            n++;
            if (en->hits[i] > last)
                last = en->hits[i];
        }
    }
    pthread_mutex_unlock(&rl->lock);
    int64_t left = last + http_login_delay_s(n) - now_s;
    return n > 0 && left > 0 ? left : 0;
}
