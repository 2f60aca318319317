/* SPDX-License-Identifier: MIT */
/* err.c - error codes, the caller-provided error and the error list. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const err_names[] = {
#define ERR_NAME_(name, str, msg) str,
    ERR_CODE_MAP(ERR_NAME_)
#undef ERR_NAME_
};

static const char *const err_messages[] = {
#define ERR_MSG_(name, str, msg) msg,
    ERR_CODE_MAP(ERR_MSG_)
#undef ERR_MSG_
};

void err_init(struct err *e)
{
    e->code = ERR_OK;
    e->msg[0] = '\0';
}

int err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
    if (!e)
        return (int)code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    if (n < 0)
        e->msg[0] = '\0';
    return (int)code;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
    if (!e)
        return ERR_INTERNAL;
    struct sb b;
    sb_init(&b, 0);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    sb_adds(&b, ": ");
    sb_adds(&b, e->msg);
    size_t n = b.len < sizeof(e->msg) - 1 ? b.len : sizeof(e->msg) - 1;
    memcpy(e->msg, b.buf, n);
    e->msg[n] = '\0';
    sb_release(&b);
    return (int)e->code;
}

const char *err_code_name(enum err_code code)
{
    if ((int)code < 0 || code >= ERR_CODE_COUNT)
        return "unknown";
    return err_names[code];
}

const char *err_code_message(enum err_code code)
{
    if ((int)code < 0 || code >= ERR_CODE_COUNT)
        return "unknown error";
    return err_messages[code];
}

void err_list_init(struct err_list *l, size_t max_kept)
{
    memset(l, 0, sizeof(*l));
    l->max_kept = max_kept ? max_kept : 1000;
}

void err_list_add(struct err_list *l, const char *fmt, ...)
{
    if (l->n >= l->max_kept) {
        l->n_dropped++;
        return;
    }
    struct sb b;
    sb_init(&b, 4096);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    CORE_GROW(l->lines, l->cap, l->n + 1);
    l->lines[l->n++] = sb_detach(&b, NULL);
    sb_release(&b);
}

void err_list_release(struct err_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->lines[i]);
    free(l->lines);
    memset(l, 0, sizeof(*l));
}
