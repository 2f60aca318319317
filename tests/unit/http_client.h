/* SPDX-License-Identifier: MIT */
/*
 * http_client.h - a tiny HTTP/1.1 client over sockets for the tests that
 * drive the real server on 127.0.0.1 (header-only, included by each
 * test program that needs it).
 */
#ifndef SYMBIOSE_HTTP_CLIENT_H
#define SYMBIOSE_HTTP_CLIENT_H

#include "http_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

struct reply {
    int status;
    char head[4096];
    char *body; /* malloc'd */
    size_t body_len;
};

/* Sends raw bytes (Connection: close is the caller's) and reads all. */
static int raw_exchange(int port, const char *req, size_t req_len, struct reply *out)
{
    memset(out, 0, sizeof(*out));
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    size_t off = 0;
    while (off < req_len) {
        ssize_t w = send(fd, req + off, req_len - off, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may answer early (413) and close */
        off += (size_t)w;
    }
    struct sb in;
    sb_init(&in, 16 << 20);
    char buf[8192];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
        sb_add(&in, buf, (size_t)n);
    close(fd);
    char *sep = strstr(in.buf, "\r\n\r\n");
    if (sscanf(in.buf, "HTTP/1.%*d %d", &out->status) != 1 || !sep) {
        sb_release(&in);
        return -1;
    }
    size_t hlen = (size_t)(sep - in.buf);
    snprintf(out->head, sizeof(out->head), "%.*s", (int)hlen, in.buf);
    out->body_len = in.len - hlen - 4;
    out->body = xmemdupz(sep + 4, out->body_len);
    sb_release(&in);
    return 0;
}

static int exchange(int port, const char *method, const char *path, const char *extra_headers,
                    const char *body, struct reply *out)
{
    struct sb r;
    sb_init(&r, 0);
    sb_addf(&r, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s", method, path,
            port, extra_headers ? extra_headers : "");
    if (body)
        sb_addf(&r, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s", strlen(body),
                body);
    else
        sb_adds(&r, "\r\n");
    int rc = raw_exchange(port, r.buf, r.len, out);
    sb_release(&r);
    return rc;
}

static void reply_release(struct reply *r)
{
    free(r->body);
    r->body = NULL;
}

#endif /* SYMBIOSE_HTTP_CLIENT_H */
