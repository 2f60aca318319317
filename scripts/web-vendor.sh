#!/usr/bin/env bash
# web-vendor.sh - copies the browser libraries installed by npm (see
# package-lock.json) into web/vendor/, which the server serves: the map
# never loads code from a CDN at run time. Run by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/leaflet/dist ] || [ ! -d node_modules/leaflet.markercluster/dist ]; then
  echo "web-vendor: node_modules missing (npm ci): the map page will show its fallback notice"
  exit 0
fi
mkdir -p web/vendor/leaflet/images web/vendor/markercluster
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css web/vendor/leaflet/
cp node_modules/leaflet/dist/images/*.png web/vendor/leaflet/images/
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css web/vendor/markercluster/
echo "web-vendor: leaflet and leaflet.markercluster copied to web/vendor/"
