/* SPDX-License-Identifier: MIT */
/* log.c - one line per event on stderr: time, level, module, message. */
#include "core.h"

#include <stdio.h>
#include <time.h>

enum log_level log_threshold = LOG_WARN;

void log_write(enum log_level lvl, const char *module, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    char ts[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    struct sb b;
    sb_init(&b, 8192);
    sb_addf(&b, "%s %s %s: ", ts, names[lvl], module);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    sb_addc(&b, '\n');
    fputs(b.buf, stderr);
    sb_release(&b);
}
