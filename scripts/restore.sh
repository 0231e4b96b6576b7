#!/usr/bin/env bash
# Restore a backup made by backup.sh into an EMPTY database and media folder.
#   DATABASE_URL=postgres://.../hlr_restored PRIVATE_MEDIA_ROOT=/data/restored scripts/restore.sh /backups/2026-11-22
# An encrypted backup needs the same BACKUP_KEY_FILE it was made with.
set -euo pipefail
src=${1:?usage: restore.sh SRC_DIR}
: "${DATABASE_URL:?set DATABASE_URL}"
media=${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT}
( cd "$src" && sha256sum --check --quiet SHA256SUMS )
plain=$(mktemp -d)
trap 'rm -rf "$plain"' EXIT
for part in database.dump private_media.tar.gz; do
  if [ -f "$src/$part.enc" ]; then
    : "${BACKUP_KEY_FILE:?this backup is encrypted: set BACKUP_KEY_FILE}"
    openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass "file:$BACKUP_KEY_FILE" \
      -in "$src/$part.enc" -out "$plain/$part"
  else
    ln -s "$(cd "$src" && pwd)/$part" "$plain/$part"
  fi
done
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$plain/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$plain/private_media.tar.gz"
echo "restored $src into $DATABASE_URL and $media"
