#!/usr/bin/env bash
# Restore a backup made by backup.sh into an EMPTY database and media folder.
#   DATABASE_URL=postgres://.../hlr_restored PRIVATE_MEDIA_ROOT=/data/restored scripts/restore.sh /backups/2026-11-22
set -euo pipefail
src=${1:?usage: restore.sh SRC_DIR}
: "${DATABASE_URL:?set DATABASE_URL}"
media=${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT}
( cd "$src" && sha256sum --check --quiet SHA256SUMS )
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/private_media.tar.gz"
echo "restored $src into $DATABASE_URL and $media"
