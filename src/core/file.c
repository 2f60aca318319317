/* SPDX-License-Identifier: MIT */
/* file.c - reading a whole file with a size bound. */
#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int file_read_all(const char *path, size_t max_bytes, char **out, size_t *out_len, struct err *e)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = ERR_OK;

    *out = NULL;
    f = fopen(path, "rb");
    if (!f) {
        rc = err_set(e, ERR_IO, "%s : ouverture impossible : %s", path, strerror(errno));
        goto out;
    }
    for (;;) {
        if (cap - len < 65536) {
            cap = cap ? cap * 2 : 65536;
            buf = xrealloc(buf, cap + 1);
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (len > max_bytes) {
            rc = err_set(e, ERR_TOO_LARGE, "%s : fichier de plus de %zu octets", path, max_bytes);
            goto out;
        }
        if (n == 0) {
            if (ferror(f)) {
                rc = err_set(e, ERR_IO, "%s : erreur de lecture", path);
                goto out;
            }
            break;
        }
    }
    if (!buf)
        buf = xmalloc(1);
    buf[len] = '\0';
    *out = buf;
    buf = NULL;
    if (out_len)
        *out_len = len;
out:
    free(buf);
    if (f)
        fclose(f);
    return rc;
}

int data_load(const char *dir, const char *name, char **out, size_t *len, struct err *e)
{
    *out = NULL;
    if (dir && dir[0]) {
        struct sb path;
        sb_init(&path, 4096);
        sb_addf(&path, "%s/%s", dir, name);
        int rc = sb_finish(&path, e);
        if (!rc)
            rc = file_read_all(path.buf, (size_t)256 << 20, out, len, e);
        sb_release(&path);
        return rc;
    }
    for (size_t i = 0; i < embed_n_files; i++) {
        if (strcmp(embed_files[i].name, name) == 0) {
            *out = xmemdupz(embed_files[i].data, embed_files[i].len);
            *len = embed_files[i].len;
            return ERR_OK;
        }
    }
    return err_set(e, ERR_NOT_FOUND, "reference file '%s' is not built in", name);
}
