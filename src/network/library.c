/* SPDX-License-Identifier: MIT */
/*
 * library.c - the library of good practices and method sheets. Files are
 * accepted by their content (magic bytes), never by their name, within a
 * size limit; they are stored under random, non-guessable names in a
 * folder outside web/, and read back only for accounts allowed to see
 * them (others get "not found", as if the file did not exist).
 */
#include "network_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const resource_kinds[] = {"good_practice", "method_sheet", "other", NULL};
static const char *const visibilities[] = {"network", "territory", "facilitators", NULL};

static bool has_prefix(const unsigned char *p, size_t len, const char *magic, size_t n)
{
    return len >= n && !memcmp(p, magic, n);
}

static bool contains(const unsigned char *p, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        const unsigned char *hit = memchr(p + i, needle[0], len - n + 1 - i);
        if (!hit)
            return false;
        i = (size_t)(hit - p);
        if (!memcmp(hit, needle, n))
            return true;
    }
    return false;
}

static bool ends_with_nocase(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, k = strlen(suffix);
    return n >= k && !strcasecmp(s + n - k, suffix);
}

/* A ZIP container: an office document, told apart by its member names. */
static const char *zip_type(const unsigned char *p, size_t len)
{
    static const char odf_prefix[] = "application/vnd.oasis.opendocument.";
    /* ODF: the first member is "mimetype", stored, holding the type */
    if (len > 38 + sizeof(odf_prefix) && !memcmp(p + 30, "mimetype", 8) &&
        !memcmp(p + 38, odf_prefix, sizeof(odf_prefix) - 1)) {
        const unsigned char *kind = p + 38 + sizeof(odf_prefix) - 1;
        if (!memcmp(kind, "text", 4))
            return "application/vnd.oasis.opendocument.text";
        if (!memcmp(kind, "spreadsheet", 11))
            return "application/vnd.oasis.opendocument.spreadsheet";
        if (!memcmp(kind, "presentation", 12))
            return "application/vnd.oasis.opendocument.presentation";
        return NULL;
    }
    if (!contains(p, len, "[Content_Types].xml"))
        return NULL;
    if (contains(p, len, "word/document.xml"))
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (contains(p, len, "xl/workbook.xml"))
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (contains(p, len, "ppt/presentation.xml"))
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return NULL;
}

const char *network_file_type(const void *data, size_t len, const char *original_name)
{
    const unsigned char *p = data;
    if (len == 0)
        return NULL;
    if (has_prefix(p, len, "%PDF-", 5))
        return "application/pdf";
    if (has_prefix(p, len, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (has_prefix(p, len, "\xFF\xD8\xFF", 3))
        return "image/jpeg";
    if (has_prefix(p, len, "PK\x03\x04", 4))
        return zip_type(p, len);
    /* text: valid UTF-8, no NUL or odd control bytes, and not markup that a
     * browser could run (HTML, SVG, XML) */
    if (!utf8_valid(data, len))
        return NULL;
    size_t i = has_prefix(p, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
    for (size_t k = i; k < len; k++)
        if ((p[k] < 0x20 && p[k] != '\t' && p[k] != '\n' && p[k] != '\r' && p[k] != '\f') ||
            p[k] == 0x7F)
            return NULL;
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i < len && p[i] == '<')
        return NULL;
    return ends_with_nocase(original_name, ".csv") ? "text/csv" : "text/plain";
}

bool network_resource_visible(struct store *s, const struct store_account *who,
                              const struct store_resource *r)
{
    if (network__is_admin(who))
        return true;
    if (r->uploaded_by > 0 && r->uploaded_by == who->id)
        return true;
    if (!strcmp(r->visibility, "network"))
        return true;
    if (!strcmp(r->visibility, "facilitators"))
        return who->role == STORE_ROLE_FACILITATOR;
    if (!strcmp(r->visibility, "territory"))
        return r->territory_id && network__sees_territory(s, who, r->territory_id);
    return false;
}

/* 32 hex digits from the system's CSPRNG. */
static int random_name(char out[40], struct err *e)
{
    unsigned char raw[16];
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium init failed");
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(out, 40, raw, sizeof(raw));
    return ERR_OK;
}

/* dir/name into path; ERR_INTERNAL if it does not fit. */
static int file_path(char *path, size_t size, const char *dir, const char *name, struct err *e)
{
    int w = snprintf(path, size, "%s/%s", dir, name);
    if (w < 0 || (size_t)w >= size)
        return err_set(e, ERR_IO, "files folder path too long");
    return ERR_OK;
}

static bool storage_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n != 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef", name[i]))
            return false;
    return true;
}

static int write_new_file(const char *path, const void *data, size_t len, struct err *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    const char *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, p + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int saved = errno;
            close(fd);
            unlink(path);
            return err_set(e, ERR_IO, "%s: %s", path, strerror(saved));
        }
        done += (size_t)w;
    }
    if (close(fd) != 0) {
        unlink(path);
        return err_set(e, ERR_IO, "%s: close failed", path);
    }
    return ERR_OK;
}

int network_library_add(struct store *s, const struct store_account *who, const char *files_dir,
                        const struct network_resource_input *in, const void *data, size_t len,
                        const char *src_path, int64_t *id, struct err *e)
{
    struct store_resource r = {0};
    char path[4096];
    int rc = network__check_enum("kind", in->kind, resource_kinds, e);
    if (rc == ERR_OK)
        rc = network_check_text("title", in->title, true, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("description", in->description, false, true, 10000, e);
    if (rc == ERR_OK)
        rc = network__check_enum("visibility", in->visibility, visibilities, e);
    if (rc == ERR_OK && !strcmp(in->visibility, "territory") && in->territory_id <= 0)
        rc = err_set(e, ERR_INPUT, "territory_id : obligatoire pour une visibilité territoire");
    if (rc == ERR_OK)
        rc = network_check_text("original_name", in->original_name, false, false, 255, e);
    if (rc == ERR_OK && len == 0)
        rc = err_set(e, ERR_INPUT, "file : fichier vide");
    if (rc == ERR_OK && len > NETWORK_FILE_MAX_BYTES)
        rc = err_set(e, ERR_TOO_LARGE, "file : fichier trop volumineux (%zu Mo au plus)",
                     NETWORK_FILE_MAX_BYTES >> 20);
    const char *mime = rc == ERR_OK ? network_file_type(data, len, in->original_name) : NULL;
    if (rc == ERR_OK && !mime)
        rc = err_set(e, ERR_INPUT,
                     "file : type de fichier refusé (acceptés : PDF, PNG, JPEG, "
                     "documents Word, Excel, PowerPoint ou OpenDocument, texte, "
                     "CSV)");
    if (rc)
        return rc;
    bool is_allowed =
        network__is_admin(who) ||
        (who->role == STORE_ROLE_FACILITATOR &&
         (strcmp(in->visibility, "territory") || network__facilitates(who, in->territory_id))) ||
        (who->role == STORE_ROLE_MEMBER && !strcmp(in->visibility, "network"));
    if (!is_allowed)
        return network__forbidden(e, "déposer un document");
    memcpy(r.kind, in->kind, strlen(in->kind) + 1);
    memcpy(r.visibility, in->visibility, strlen(in->visibility) + 1);
    memcpy(r.mime, mime, strlen(mime) + 1);
    r.title = (char *)in->title;
    r.description = (char *)(in->description ? in->description : "");
    r.original_name = (char *)(in->original_name ? in->original_name : "");
    r.territory_id = in->territory_id;
    r.size_bytes = (int64_t)len;
    r.uploaded_by = network__who_id(who);
    if (mkdir(files_dir, 0700) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "%s: %s", files_dir, strerror(errno));
    rc = random_name(r.storage_name, e);
    if (rc == ERR_OK)
        rc = file_path(path, sizeof(path), files_dir, r.storage_name, e);
    if (rc == ERR_OK && src_path) {
        /* the body already lies in a spool file of the same folder tree:
         * moved into place, never copied through memory */
        if (link(src_path, path) != 0)
            rc = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    } else if (rc == ERR_OK) {
        rc = write_new_file(path, data, len, e);
    }
    if (rc)
        return rc;
    rc = store_resource_insert(s, &r, id, e);
    if (rc == ERR_CONFLICT)
        rc = err_set(e, ERR_INPUT, "territory_id : territoire %lld introuvable",
                     (long long)in->territory_id);
    if (rc)
        unlink(path);
    return rc;
}

int network_library_list(struct store *s, const struct store_account *who,
                         struct store_resource **out, size_t *n, struct err *e)
{
    int rc = store_resource_list(s, out, n, e);
    if (rc)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (network_resource_visible(s, who, &(*out)[i])) {
            struct store_resource tmp = (*out)[kept];
            (*out)[kept++] = (*out)[i];
            (*out)[i] = tmp;
        }
    }
    for (size_t i = kept; i < *n; i++)
        store_resource_release(&(*out)[i]);
    *n = kept;
    return ERR_OK;
}

/* Loads resource id if who may see it; hidden ones are "not found". */
static int load_visible(struct store *s, const struct store_account *who, int64_t id,
                        struct store_resource *meta, struct err *e)
{
    int rc = store_resource_get(s, id, meta, NULL);
    if (rc == ERR_OK && !network_resource_visible(s, who, meta)) {
        store_resource_release(meta);
        rc = ERR_NOT_FOUND;
    }
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "document %lld introuvable", (long long)id);
    if (rc)
        return store_resource_get(s, id, meta, e);
    return ERR_OK;
}

int network_library_open(struct store *s, const struct store_account *who, const char *files_dir,
                         int64_t id, struct store_resource *meta, char **data, size_t *len,
                         struct err *e)
{
    char path[4096];
    *data = NULL;
    *len = 0;
    int rc = load_visible(s, who, id, meta, e);
    if (rc)
        return rc;
    if (!storage_name_ok(meta->storage_name))
        rc = err_set(e, ERR_INTERNAL, "resource %lld: bad storage name", (long long)id);
    if (rc == ERR_OK)
        rc = file_path(path, sizeof(path), files_dir, meta->storage_name, e);
    if (rc == ERR_OK)
        rc = file_read_all(path, NETWORK_FILE_MAX_BYTES, data, len, e);
    if (rc)
        store_resource_release(meta);
    return rc;
}

int network_library_delete(struct store *s, const struct store_account *who, const char *files_dir,
                           int64_t id, struct err *e)
{
    struct store_resource meta;
    char path[4096];
    int rc = load_visible(s, who, id, &meta, e);
    if (rc)
        return rc;
    if (!network__is_admin(who) && meta.uploaded_by != who->id)
        rc = network__forbidden(e, "supprimer ce document");
    if (rc == ERR_OK)
        rc = store_resource_delete(s, id, e);
    if (rc == ERR_OK && storage_name_ok(meta.storage_name) &&
        file_path(path, sizeof(path), files_dir, meta.storage_name, NULL) == ERR_OK)
        unlink(path);
    store_resource_release(&meta);
    return rc;
}
