/* SPDX-License-Identifier: MIT */
/*
 * ref_search.c - accent-insensitive search over the French labels of the
 * List of Waste and of NACE/NAF, for autocompletion. The query is folded
 * with text_fold like the labels were at load time, split into words, and
 * an entry matches when every word starts a word of its folded label. A
 * query that starts with a digit also matches codes by prefix ("15 01",
 * "1501", "23.5"). A linear scan: about 2,700 short labels, well under a
 * millisecond, so no index is kept.
 */
#include "ref_int.h"

#include <string.h>

#define SEARCH_MAX_QUERY 256 /* bytes of folded query kept */
#define SEARCH_MAX_WORDS 16

struct search_query {
    char buf[SEARCH_MAX_QUERY + 1]; /* folded query, words NUL-separated */
    const char *words[SEARCH_MAX_WORDS];
    size_t n_words;
    char code[SEARCH_MAX_QUERY + 1]; /* alphanumerics of the query, upper case; "" if none */
    size_t code_len;
    bool is_code_only; /* only digits: match codes, not labels ("03 01" is in label text) */
};

/* Alphanumerics of s, upper case (codes compare without separators). */
static size_t code_key(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (; *s && k + 1 < cap; s++) {
        char c = *s;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
            out[k++] = c;
    }
    out[k] = '\0';
    return k;
}

/* Returns false for a query with nothing to search for. */
static bool search_query_init(struct search_query *q, const char *query)
{
    memset(q, 0, sizeof(*q));
    if (!query)
        return false;
    size_t n = strnlen(query, 4 * SEARCH_MAX_QUERY);
    struct sb b;
    sb_init(&b, 0);
    text_fold(&b, query, n);
    size_t len = b.len < SEARCH_MAX_QUERY ? b.len : SEARCH_MAX_QUERY;
    memcpy(q->buf, b.buf, len);
    q->buf[len] = '\0';
    sb_release(&b);
    if (q->buf[0] >= '0' && q->buf[0] <= '9')
        q->code_len = code_key(q->buf, q->code, sizeof(q->code));
    q->is_code_only = q->buf[0] && strspn(q->buf, "0123456789 ") == len;
    char *p = q->buf;
    while (*p && q->n_words < SEARCH_MAX_WORDS) {
        q->words[q->n_words++] = p;
        char *sp = strchr(p, ' ');
        if (!sp)
            break;
        *sp = '\0';
        p = sp + 1;
    }
    return q->n_words > 0;
}

/* true if w starts a word of the folded text s. */
static bool has_word_prefix(const char *s, const char *w)
{
    for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
        if (p == s || p[-1] == ' ')
            return true;
    }
    return false;
}

static bool search_match(const struct search_query *q, const char *code, const char *fold)
{
    if (q->code_len) {
        char key[16];
        size_t n = code_key(code, key, sizeof(key));
        if (n >= q->code_len && memcmp(key, q->code, q->code_len) == 0)
            return true;
    }
    if (q->is_code_only)
        return false;
    for (size_t i = 0; i < q->n_words; i++) {
        if (!has_word_prefix(fold, q->words[i]))
            return false;
    }
    return true;
}

/* Reads entry i of one list as a hit; returns its folded French label. */
typedef const char *(*search_entry_fn)(const struct ref *r, size_t i, struct ref_hit *hit);

static const char *low_entry(const struct ref *r, size_t i, struct ref_hit *hit)
{
    const struct ref_low *x = &r->low[i];
    *hit = (struct ref_hit){x->code, x->label_fr, x->level};
    return x->fold_fr;
}

static const char *nace_entry(const struct ref *r, size_t i, struct ref_hit *hit)
{
    const struct ref_nace *x = &r->nace[i];
    *hit = (struct ref_hit){x->code, x->label_fr, x->level};
    return x->fold_fr;
}

static size_t search_run(const struct ref *r, const char *query, size_t n_entries,
                         search_entry_fn entry, struct ref_hit *hits, size_t max)
{
    struct search_query q;
    if (!search_query_init(&q, query))
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < n_entries && n < max; i++) {
        struct ref_hit hit;
        const char *fold = entry(r, i, &hit);
        if (search_match(&q, hit.code, fold))
            hits[n++] = hit;
    }
    return n;
}

size_t ref_low_search(const struct ref *r, const char *query, struct ref_hit *hits, size_t max)
{
    return search_run(r, query, r->n_low, low_entry, hits, max);
}

size_t ref_nace_search(const struct ref *r, const char *query, struct ref_hit *hits, size_t max)
{
    return search_run(r, query, r->n_nace, nace_entry, hits, max);
}

/* true if code_len digits of q->code start one of the '|'-joined codes. */
static bool any_code_prefix(const struct search_query *q, const char *codes)
{
    for (const char *p = codes; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= q->code_len && memcmp(p, q->code, q->code_len) == 0)
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

static bool commune_match(const struct search_query *q, const struct ref_commune *c)
{
    if (q->code_len)
        return any_code_prefix(q, c->postal_codes) || any_code_prefix(q, c->insee);
    for (size_t i = 0; i < q->n_words; i++) {
        if (!has_word_prefix(c->fold_name, q->words[i]))
            return false;
    }
    return true;
}

size_t ref_commune_search(const struct ref *r, const char *query, const struct ref_commune **out,
                          size_t max)
{
    struct search_query q;
    if (!search_query_init(&q, query))
        return 0;
    /* the abbreviations of place names */
    for (size_t i = 0; i < q.n_words; i++) {
        if (strcmp(q.words[i], "st") == 0)
            q.words[i] = "saint";
        else if (strcmp(q.words[i], "ste") == 0)
            q.words[i] = "sainte";
    }
    size_t n = 0, first_len = strlen(q.words[0]);
    /* pass 0: names that start with the query; pass 1: the others */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < r->n_communes && n < max; i++) {
            const struct ref_commune *c = &r->communes[i];
            bool is_start = q.code_len || strncmp(c->fold_name, q.words[0], first_len) == 0;
            if (is_start == (pass == 0) && commune_match(&q, c))
                out[n++] = c;
        }
    }
    return n;
}
