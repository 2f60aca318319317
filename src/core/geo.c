/* SPDX-License-Identifier: MIT */
/* geo.c - great-circle distances and coordinate checks. */
#include "core.h"

#include <math.h>
#include <time.h>

double geo_haversine_km(struct geo_point a, struct geo_point b)
{
    const double rad = M_PI / 180.0;
    double dlat = (b.lat - a.lat) * rad;
    double dlon = (b.lon - a.lon) * rad;
    double s1 = sin(dlat / 2.0);
    double s2 = sin(dlon / 2.0);
    double h = s1 * s1 + cos(a.lat * rad) * cos(b.lat * rad) * s2 * s2;
    if (h > 1.0)
        h = 1.0;
    return 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(h));
}

bool geo_point_valid(struct geo_point p)
{
    return isfinite(p.lat) && isfinite(p.lon) && p.lat >= -90.0 && p.lat <= 90.0 &&
           p.lon >= -180.0 && p.lon <= 180.0;
}

double core_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
