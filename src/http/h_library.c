/* SPDX-License-Identifier: MIT */
/*
 * h_library.c - the library of good practices and method sheets. An
 * upload is the raw file as the request body (its route's body limit,
 * HTTP_MAX_UPLOAD_BODY, is NETWORK_FILE_MAX_BYTES) with its description in the
 * query string; the type comes from the content, never the name. The
 * body arrives spooled to a file by the transport (a fake request's body
 * is spooled here), is mapped read-only for the type check and linked
 * into the library's folder: an upload never sits in the heap. A
 * download goes through the API only (random storage names outside web/),
 * to accounts who may see the resource, as an attachment with nosniff.
 */
#include "http_int.h"
#include "network/network.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(HTTP_MAX_UPLOAD_BODY == NETWORK_FILE_MAX_BYTES,
               "the upload route's body limit is the library's file limit");

static json_t *resource_json(const struct store_resource *r)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:I, s:s, s:I, s:s}", "id",
                     (json_int_t)r->id, "kind", r->kind, "title", r->title, "description",
                     r->description ? r->description : "", "territory_id",
                     r->territory_id ? json_integer(r->territory_id) : json_null(), "visibility",
                     r->visibility, "mime", r->mime, "size_bytes", (json_int_t)r->size_bytes,
                     "original_name", r->original_name ? r->original_name : "", "created_at",
                     (json_int_t)r->created_at, "download", "");
}

static void set_download(json_t *j, int64_t id)
{
    char url[64];
    snprintf(url, sizeof(url), "/api/v1/resources/%lld/file", (long long)id);
    json_object_set_new(j, "download", json_string(url));
}

int http_h_resources_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_resource *rs = NULL;
    size_t n = 0;
    int rc = network_library_list(req->db, &who, &rs, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        json_t *j = resource_json(&rs[i]);
        set_download(j, rs[i].id);
        json_array_append_new(items, j);
    }
    store_resources_free(rs, n);
    return http_net_items(resp, rc, items, e);
}

/* The request body as a spool file: the transport's, or a new one holding
 * req->body (removed by the caller when *is_own). */
static int body_spool(struct http_req *req, const char **path, bool *is_own, struct err *e)
{
    *is_own = false;
    if (req->body_path) {
        *path = req->body_path;
        return ERR_OK;
    }
    char *p = http_arena_alloc(&req->arena, 4096);
    int fd = -1;
    int rc = http_app_spool_open(req->app, p, 4096, &fd, e);
    if (rc)
        return rc;
    *is_own = true;
    *path = p;
    size_t done = 0;
    while (done < req->body_len) {
        ssize_t w = write(fd, req->body + done, req->body_len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = err_set(e, ERR_IO, "%s: %s", p, strerror(errno));
            break;
        }
        done += (size_t)w;
    }
    if (close(fd) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "%s: close failed", p);
    return rc;
}

/* Maps path read-only (len bytes); *map stays NULL for an empty file. */
static int body_map(const char *path, size_t len, void **map, struct err *e)
{
    *map = NULL;
    if (len == 0)
        return ERR_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    struct stat sb;
    int rc = ERR_OK;
    if (fstat(fd, &sb) != 0 || (uint64_t)sb.st_size != (uint64_t)len)
        rc = err_set(e, ERR_IO, "%s: size changed", path);
    void *m = rc == ERR_OK ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    if (rc == ERR_OK && m == MAP_FAILED)
        rc = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    close(fd);
    if (rc == ERR_OK)
        *map = m;
    return rc;
}

int http_h_resource_upload(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    int64_t territory = 0;
    int rc = http_query_id(req, resp, "territory_id", &territory, e);
    if (rc)
        return rc;
    if (req->body_len == 0) {
        http_resp_field_error(resp, "file", "fichier vide");
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "file : fichier vide");
    }
    const char *name = http_req_query(req, "filename");
    if (!name)
        name = http_req_header(req, "X-Filename");
    struct network_resource_input in = {
        .kind = http_req_query(req, "kind"),
        .title = http_req_query(req, "title"),
        .description = http_req_query(req, "description"),
        .visibility = http_req_query(req, "visibility"),
        .territory_id = territory,
        .original_name = name,
    };
    if (!in.kind)
        in.kind = "good_practice";
    if (!in.visibility)
        in.visibility = "network";
    int64_t id = 0;
    const char *dir = http_net_files_dir(req);
    const char *spool = NULL;
    bool is_own_spool = false;
    void *map = NULL;
    rc = body_spool(req, &spool, &is_own_spool, e);
    if (rc == ERR_OK)
        rc = body_map(spool, req->body_len, &map, e);
    if (rc == ERR_OK)
        rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_library_add(req->db, &who, dir, &in, map, req->body_len, spool, &id, e);
    if (map)
        munmap(map, req->body_len);
    if (is_own_spool)
        unlink(spool);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_resource r;
        memset(&r, 0, sizeof(r));
        rc = store_resource_get(req->db, id, &r, e);
        if (rc == ERR_OK) {
            out = resource_json(&r);
            set_download(out, id);
        }
        store_resource_release(&r);
    }
    return http_net_end(req, resp, rc, "create", "resource", id, 201, out, e);
}

/* The user's file name reduced to safe ASCII for the header. */
static const char *safe_name(struct http_req *req, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0)
        return "document";
    if (n > 120)
        n = 120;
    char *out = http_arena_alloc(&req->arena, n + 1);
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool is_ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '.' || c == '-' || c == '_';
        out[i] = is_ok ? c : '_';
    }
    return out;
}

/* RFC 5987 ext-value of the name: UTF-8, percent-encoded but attr-chars. */
static const char *ext_name(struct http_req *req, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n > 200)
        n = 200;
    char *out = http_arena_alloc(&req->arena, 3 * n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        bool is_attr = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       strchr("!#$&+-.^_`|~", c) != NULL;
        if (is_attr && c) {
            out[j++] = (char)c;
        } else {
            snprintf(out + j, 4, "%%%02X", c);
            j += 3;
        }
    }
    out[j] = '\0';
    return out;
}

int http_h_resource_download(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_resource meta;
    memset(&meta, 0, sizeof(meta));
    char *data = NULL;
    size_t len = 0;
    int rc = network_library_open(req->db, &who, http_net_files_dir(req), req->ids[0], &meta, &data,
                                  &len, e);
    if (rc == ERR_OK) {
        sb_add(&resp->body, data, len);
        resp->status = 200;
        /* the type found again from the content (a static string) */
        const char *mime = network_file_type(data, len, meta.original_name);
        resp->content_type = mime ? mime : "application/octet-stream";
        http_resp_header(req, resp, "X-Content-Type-Options", "nosniff");
        http_resp_header(req, resp, "Content-Disposition",
                         http_arena_printf(&req->arena,
                                           "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                                           safe_name(req, meta.original_name),
                                           ext_name(req, meta.original_name)));
        http_resp_header(req, resp, "X-Resource-Type",
                         http_arena_printf(&req->arena, "%s", meta.mime));
        http_resp_header(req, resp, "Cache-Control", "private, no-store");
    }
    free(data);
    store_resource_release(&meta);
    return rc;
}

int http_h_resource_delete(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_library_delete(req->db, &who, http_net_files_dir(req), req->ids[0], e);
    return http_net_end(req, resp, rc, "delete", "resource", req->ids[0], 200,
                        json_pack("{s:b}", "deleted", 1), e);
}
