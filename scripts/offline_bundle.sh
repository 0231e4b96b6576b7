#!/usr/bin/env bash
# Build an offline installation bundle for a machine without internet access:
#
#   scripts/offline_bundle.sh OUT_DIR
#
# OUT_DIR receives
#   wheels/                 a wheel for every pinned requirement (requirements.txt), for this
#                           machine's Python and platform (the image's: CPython 3.11, Linux x86_64)
#   hlr-portal-src.tar.gz   the source of the checked-out commit (git archive)
#   static/                 the collected static files (Bootstrap, htmx, our css/js: nothing from a CDN)
#   debian-packages.txt     the Debian packages the portal needs at run time (and debs/ with --debs)
#   hlr-portal-image.tar.gz the Docker image (docker save), when a Docker engine answers here
#   install.sh              installs the bundle into a virtualenv with no package index
#   MANIFEST.txt, SHA256SUMS
#
# On the target: `sha256sum -c SHA256SUMS && ./install.sh /opt/hlr-portal`, or
# `docker load < hlr-portal-image.tar.gz` for the compose deployment.
set -euo pipefail
cd "$(dirname "$0")/.."

with_debs=""
if [ "${1:-}" = "--debs" ]; then with_debs=yes; shift; fi
out=${1:?usage: scripts/offline_bundle.sh [--debs] OUT_DIR}
PY=${PY:-.venv/bin/python}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/wheels" "$out/static" "$out/debs"

echo "== wheels"
# The machine's own pip configuration (extra indexes, find-links) must not leak into what the bundle holds.
PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS="" "$PY" -m pip wheel --quiet --wheel-dir "$out/wheels" -r requirements.txt
cp requirements.txt "$out/requirements.txt"

echo "== source"
commit=$(git rev-parse HEAD)
git archive --format=tar.gz --prefix=hlr-portal/ -o "$out/hlr-portal-src.tar.gz" HEAD

echo "== static files"
DJANGO_SETTINGS_MODULE=hlr_portal.settings.dev STATIC_ROOT_OVERRIDE="$out/static" \
  "$PY" - <<'PY'
import os

import django
from django.conf import settings

django.setup()
settings.STATIC_ROOT = os.environ["STATIC_ROOT_OVERRIDE"]
from django.core.management import call_command  # noqa: E402

call_command("collectstatic", interactive=False, verbosity=0)
PY

echo "== Debian packages"
cp scripts/offline/debian-packages.txt "$out/debian-packages.txt"
if [ -n "$with_debs" ]; then
  mkdir -p "$out/debs"
  (cd "$out/debs" && grep -v '^#' "$out/debian-packages.txt" | xargs apt-get download)
fi

echo "== image"
image_note="not included: no Docker engine answered on the build machine (build it where one does: docker build -t hlr-portal:$commit . && docker save hlr-portal:$commit | gzip > hlr-portal-image.tar.gz)"
if docker info >/dev/null 2>&1; then
  docker build -q -t "hlr-portal:$commit" . >/dev/null
  docker save "hlr-portal:$commit" | gzip > "$out/hlr-portal-image.tar.gz"
  image_note="hlr-portal-image.tar.gz (hlr-portal:$commit)"
fi

cp scripts/offline/install.sh "$out/install.sh"
chmod +x "$out/install.sh"
{
  echo "HLR Portal offline bundle"
  echo "commit: $commit"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -m), $("$PY" -c 'import sys; print("CPython %d.%d" % sys.version_info[:2])')"
  echo "wheels: $(ls "$out/wheels" | wc -l)"
  echo "image: $image_note"
} > "$out/MANIFEST.txt"
(cd "$out" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
echo "bundle written to $out"
cat "$out/MANIFEST.txt"
