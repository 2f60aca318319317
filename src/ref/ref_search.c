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

size_t ref_low_search(const struct ref *r, const char *query, struct ref_hit *hits, size_t max)
{
    struct search_query q;
    if (!search_query_init(&q, query))
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < r->n_low && n < max; i++) {
        const struct ref_low *x = &r->low[i];
        if (search_match(&q, x->code, x->fold_fr))
            hits[n++] = (struct ref_hit){x->code, x->label_fr, x->level};
    }
    return n;
}

size_t ref_nace_search(const struct ref *r, const char *query, struct ref_hit *hits, size_t max)
{
    struct search_query q;
    if (!search_query_init(&q, query))
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < r->n_nace && n < max; i++) {
        const struct ref_nace *x = &r->nace[i];
        if (search_match(&q, x->code, x->fold_fr))
            hits[n++] = (struct ref_hit){x->code, x->label_fr, x->level};
    }
    return n;
}
