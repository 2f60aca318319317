/* SPDX-License-Identifier: MIT */
/*
 * context.c - building and freeing the application context, and its pool
 * of database handles: a store handle serves one thread at a time, so a
 * request takes one from the pool (opening a new one when none is idle)
 * and gives it back when done.
 */
#include "http_int.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A spool file older than this is left by a server that stopped during an
 * upload (a body has HTTP_BODY_DEADLINE_S = 10 min at most to arrive). */
#define SPOOL_STALE_S 3600

/* Removes the stale uploads of the spool folder, if there is one. */
static void spool_sweep(const char *db_path)
{
    char dir[4096], path[4096];
    int w = snprintf(dir, sizeof(dir), "%s.files/spool", db_path);
    if (w < 0 || (size_t)w >= sizeof(dir))
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, "upload-", 7) != 0)
            continue;
        w = snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        struct stat sb;
        if (w < 0 || (size_t)w >= sizeof(path) || lstat(path, &sb) != 0)
            continue;
        if (S_ISREG(sb.st_mode) && now - sb.st_mtime > SPOOL_STALE_S && unlink(path) == 0)
            log_info("http", "removed the stale upload %s", path);
    }
    closedir(d);
}

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
    app->idle_timeout_s =
        cfg->idle_timeout_s > 0 ? cfg->idle_timeout_s : HTTP_IDLE_TIMEOUT_DEFAULT_S;
    app->trusted_proxy = cfg->trusted_proxy ? xstrdup(cfg->trusted_proxy) : NULL;
    app->rl = http_ratelimit_new();
    app->cache = http_cache_new();
    randombytes_buf(app->secret, sizeof(app->secret));
    spool_sweep(app->db_path);
    int rc = ref_load(&app->ref, app->data_dir, e);
    if (rc == ERR_OK)
        rc = report_framework_load(&app->fw, app->data_dir, e);
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
    report_framework_release(&app->fw);
    free(app->web_dir);
    free(app->db_path);
    free(app->data_dir);
    free(app->trusted_proxy);
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

int http_app_spool_open(const struct http_app *app, char *path, size_t size, int *fd, struct err *e)
{
    *fd = -1;
    int w = snprintf(path, size, "%s.files", app->db_path);
    if (w < 0 || (size_t)w >= size)
        return err_set(e, ERR_IO, "spool folder path too long");
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    w = snprintf(path, size, "%s.files/spool", app->db_path);
    if (w < 0 || (size_t)w >= size)
        return err_set(e, ERR_IO, "spool folder path too long");
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    w = snprintf(path, size, "%s.files/spool/upload-XXXXXX", app->db_path);
    if (w < 0 || (size_t)w >= size)
        return err_set(e, ERR_IO, "spool folder path too long");
    *fd = mkstemp(path);
    if (*fd < 0)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    return ERR_OK;
}
