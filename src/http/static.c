/* SPDX-License-Identifier: MIT */
/*
 * static.c - the files of web/ (the browser interface). Only plain names
 * are served: segments of letters, digits, '-', '_' and '.', none starting
 * with a dot, so "..", hidden files and encoded tricks never reach the
 * file system; the resolved path must also stay inside the folder.
 */
#include "http_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STATIC_MAX_BYTES ((size_t)16 << 20)

static const struct {
    const char *ext;
    const char *type;
} content_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".csv", "text/csv; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
};

static const char *content_type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof(content_types) / sizeof(content_types[0]); i++) {
        if (strcmp(dot, content_types[i].ext) == 0)
            return content_types[i].type;
    }
    return NULL;
}

/* true if every segment is a plain name. */
static bool path_plain(const char *p)
{
    if (p[0] != '/')
        return false;
    bool at_start = true;
    for (p++; *p; p++) {
        char c = *p;
        if (c == '/') {
            if (at_start)
                return false; /* empty segment */
            at_start = true;
            continue;
        }
        bool is_ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.';
        if (!is_ok || (at_start && c == '.'))
            return false;
        at_start = false;
    }
    return true;
}

int http_static_serve(const char *web_dir, struct http_req *req, struct http_resp *resp,
                      struct err *e)
{
    const char *path = req->path;
    if (strcmp(path, "/") == 0)
        path = "/index.html";
    if (strlen(path) > 512 || !path_plain(path))
        return err_set(e, ERR_FORBIDDEN, "path refused");
    const char *type = content_type_of(path);
    if (!type)
        return err_set(e, ERR_NOT_FOUND, "no such file");
    char *full = http_arena_printf(&req->arena, "%s%s", web_dir, path);
    char root_real[PATH_MAX];
    char file_real[PATH_MAX];
    if (!realpath(web_dir, root_real) || !realpath(full, file_real))
        return err_set(e, ERR_NOT_FOUND, "no such file");
    size_t rl = strlen(root_real);
    if (strncmp(file_real, root_real, rl) != 0 || file_real[rl] != '/')
        return err_set(e, ERR_FORBIDDEN, "path refused");
    struct stat st;
    if (stat(file_real, &st) != 0 || !S_ISREG(st.st_mode))
        return err_set(e, ERR_NOT_FOUND, "no such file");
    char *data = NULL;
    size_t len = 0;
    struct err fe;
    if (file_read_all(file_real, STATIC_MAX_BYTES, &data, &len, &fe) != ERR_OK)
        return err_set(e, ERR_NOT_FOUND, "no such file");
    sb_reset(&resp->body);
    sb_add(&resp->body, data, len);
    free(data);
    resp->status = 200;
    resp->content_type = type;
    return ERR_OK;
}
