/* SPDX-License-Identifier: MIT */
/*
 * context.c - building and freeing the application context, and its pool
 * of database handles: a store handle serves one thread at a time, so a
 * request takes one from the pool (opening a new one when none is idle)
 * and gives it back when done.
 */
#include "http_int.h"

#include <sodium.h>
#include <string.h>

#define POOL_MAX_IDLE 16

int http_app_new(struct http_app **out, const struct http_config *cfg, struct err *e)
{
    *out = NULL;
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium failed to initialise");
    struct http_app *app = xcalloc(1, sizeof(*app));
    pthread_mutex_init(&app->pool.lock, NULL);
    pthread_mutex_init(&app->detect.lock, NULL);
    app->web_dir = xstrdup(cfg->web_dir ? cfg->web_dir : "web");
    app->db_path = xstrdup(cfg->db_path ? cfg->db_path : "symbiose.db");
    app->data_dir = cfg->data_dir ? xstrdup(cfg->data_dir) : NULL;
    app->max_body = cfg->max_body ? cfg->max_body : HTTP_MAX_BODY_DEFAULT;
    app->is_insecure_cookie = cfg->is_insecure_cookie;
    app->rl = http_ratelimit_new();
    app->cache = http_cache_new();
    randombytes_buf(app->secret, sizeof(app->secret));
    int rc = ref_load(&app->ref, app->data_dir, e);
    if (rc == ERR_OK)
        rc = ref_rules_load(&app->rules, app->ref, app->data_dir, e);
    if (rc == ERR_OK) {
        /* open once now: a missing or unmigratable database fails early */
        struct store *s = NULL;
        rc = store_open(&s, app->db_path, STORE_OPEN_CREATE, e);
        if (rc != ERR_OK) {
            store_close(s);
        } else {
            app->pool.idle = xmallocarray(POOL_MAX_IDLE, sizeof(*app->pool.idle));
            app->pool.cap_idle = POOL_MAX_IDLE;
            app->pool.idle[app->pool.n_idle++] = s;
        }
    }
    if (rc != ERR_OK) {
        http_app_free(app);
        return rc;
    }
    *out = app;
    return ERR_OK;
}

void http_app_free(struct http_app *app)
{
    if (!app)
        return;
    for (size_t i = 0; i < app->pool.n_idle; i++)
        store_close(app->pool.idle[i]);
    free(app->pool.idle);
    pthread_mutex_destroy(&app->pool.lock);
    pthread_mutex_destroy(&app->detect.lock);
    http_ratelimit_free(app->rl);
    http_cache_free(app->cache);
    ref_rules_free(app->rules);
    ref_free(app->ref);
    free(app->web_dir);
    free(app->db_path);
    free(app->data_dir);
    sodium_memzero(app->secret, sizeof(app->secret));
    free(app);
}

int http_db_acquire(struct http_app *app, struct http_req *req, struct err *e)
{
    struct store *s = NULL;
    pthread_mutex_lock(&app->pool.lock);
    if (app->pool.n_idle)
        s = app->pool.idle[--app->pool.n_idle];
    pthread_mutex_unlock(&app->pool.lock);
    if (!s) {
        int rc = store_open(&s, app->db_path, STORE_OPEN_DEFAULT, e);
        if (rc)
            return rc;
    }
    req->db = s;
    return ERR_OK;
}

void http_db_release(struct http_app *app, struct http_req *req)
{
    struct store *s = req->db;
    req->db = NULL;
    if (!s)
        return;
    store_tx_rollback(s); /* a handler that failed half-way leaves nothing */
    pthread_mutex_lock(&app->pool.lock);
    if (app->pool.n_idle < app->pool.cap_idle) {
        app->pool.idle[app->pool.n_idle++] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&app->pool.lock);
    store_close(s);
}

bool http_detect_claim(struct http_app *app, int64_t territory_id)
{
    struct http_detect_guard *g = &app->detect;
    pthread_mutex_lock(&g->lock);
    bool is_free = g->n < HTTP_DETECT_MAX_RUNNING;
    for (size_t i = 0; i < g->n && is_free; i++)
        is_free = territory_id != 0 && g->scopes[i] != 0 && g->scopes[i] != territory_id;
    if (is_free)
        g->scopes[g->n++] = territory_id;
    pthread_mutex_unlock(&g->lock);
    return is_free;
}

void http_detect_release(struct http_app *app, int64_t territory_id)
{
    struct http_detect_guard *g = &app->detect;
    pthread_mutex_lock(&g->lock);
    for (size_t i = 0; i < g->n; i++) {
        if (g->scopes[i] == territory_id) {
            g->scopes[i] = g->scopes[--g->n];
            break;
        }
    }
    pthread_mutex_unlock(&g->lock);
}
