/* SPDX-License-Identifier: MIT */
/*
 * draw.h - helpers shared by the report documents (inside the report
 * module only): French number formatting and the anonymised label of an
 * organisation.
 */
#ifndef SYMBIOSE_REPORT_DRAW_H
#define SYMBIOSE_REPORT_DRAW_H

#include "report.h"

/* French figure: grouped thousands, decimal comma, "—" for NAN. */
const char *report_fmt(char *buf, size_t cap, double v, int decimals);
/* Whether the reader sees by name an organisation of territory_id (0:
 * none): every one for REPORT_READER_FULL, those of the document's
 * territory for REPORT_READER_TERRITORY, none for REPORT_READER_ANONYMOUS. */
bool report_party_named(const struct report_doc *d, int64_t territory_id);
/* What the reader may see of one side of a synergy (of territory_id): the
 * name, or the activity label and commune name ("Fabrication de ... (Nantes)"). */
void report_party(const struct report_doc *d, int64_t org_id, int64_t territory_id,
                  const char *name, const char *naf, const char *commune, struct sb *out);
/* Where an organisation the reader does not see by name is placed: the
 * centre of its k-anonymous label's area, else of its commune (0,0: not
 * drawn). */
struct geo_point report_party_pos(const struct report_doc *d, int64_t org_id, const char *commune);
/* Decimals to show for an indicator's values. */
int report_decimals(const struct report_indicator *ind);
/* Day "JJ/MM/AAAA" of unix seconds (UTC). */
void report_day(int64_t at, char buf[11]);

#endif /* SYMBIOSE_REPORT_DRAW_H */
