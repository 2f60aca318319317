/* SPDX-License-Identifier: MIT */
/*
 * csv_text.c - CSV fields of user text, neutralised against spreadsheet
 * formula injection (see sb_add_csv_text in core.h).
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

void sb_add_csv_text(struct sb *b, const char *s)
{
    /* the characters that make Excel, LibreOffice or Sheets read a cell
     * as a formula (OWASP CSV injection); checked on the first byte */
    if (!s[0] || !strchr("=+-@\t\r", s[0])) {
        sb_add_csv(b, s);
        return;
    }
    size_t len = strlen(s);
    char *quoted = xmalloc(len + 2);
    quoted[0] = '\'';
    memcpy(quoted + 1, s, len + 1);
    sb_add_csv(b, quoted);
    free(quoted);
}
