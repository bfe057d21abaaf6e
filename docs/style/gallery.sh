#!/usr/bin/env bash
# Rebuilds the gallery of docs/style.md: three content photos in three styles from
# ../shared/testdata, FastStyle and DeepPaint at quality 0 (256 px), plus the measures table.
#   docs/style/gallery.sh [testdata folder]     (needs the server jar: ./aips run builds it, or mvn -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
testdata="${1:-${AIPS_TESTDATA:-../shared/testdata}}"
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
[ -f server/target/aips-server.jar ] || mvn -B -q -DskipTests package
java -cp server/target/aips-server.jar org.aips.server.style.StyleGallery docs/style 0 model-pack \
  "$testdata/content/portrait_astronaut.png" "$testdata/content/street_bus.jpg" "$testdata/content/landscape_lake.png" -- \
  "$testdata/style/starry_night.jpg" "$testdata/style/graffiti.png" "$testdata/style/bubbles_abstract.jpg" \
  | tee docs/style/measures.md
