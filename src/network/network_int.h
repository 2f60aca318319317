/* SPDX-License-Identifier: MIT */
/*
 * network_int.h - declarations shared between the files of the network
 * module (not for other modules): civil-date arithmetic used by the
 * time-zone code and the iCalendar writer and parser.
 */
#ifndef SYMBIOSE_NETWORK_INT_H
#define SYMBIOSE_NETWORK_INT_H

#include "network.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (any month/day). */
int64_t network__days_from_civil(int64_t y, unsigned m, unsigned d);
/* Inverse of network__days_from_civil. */
void network__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* Breaks seconds since the epoch into a civil date-time (no zone). */
void network__civil_from_secs(int64_t s, struct network_civil *c);
/* Seconds since the epoch of a civil date-time read as if it were UTC. */
int64_t network__secs_from_civil(const struct network_civil *c);
/* Number of days in month m (1..12) of year y. */
unsigned network__month_days(int64_t y, unsigned m);

#endif /* SYMBIOSE_NETWORK_INT_H */
