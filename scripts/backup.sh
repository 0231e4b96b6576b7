#!/usr/bin/env bash
# Back up the database (pg_dump custom format) and the private files.
#   DATABASE_URL=postgres://... PRIVATE_MEDIA_ROOT=/data/private scripts/backup.sh /backups/2026-11-22
set -euo pipefail
dest=${1:?usage: backup.sh DEST_DIR}
: "${DATABASE_URL:?set DATABASE_URL}"
media=${PRIVATE_MEDIA_ROOT:-$(dirname "$0")/../private_media}
mkdir -p "$dest"
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$dest/database.dump"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/private_media.tar.gz" .
else
  tar -czf "$dest/private_media.tar.gz" --files-from /dev/null
fi
( cd "$dest" && sha256sum database.dump private_media.tar.gz > SHA256SUMS )
echo "backup written to $dest"
