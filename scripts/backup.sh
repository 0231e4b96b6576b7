#!/usr/bin/env bash
# Back up the database (pg_dump custom format) and the private files, optionally encrypted.
#   DATABASE_URL=postgres://... PRIVATE_MEDIA_ROOT=/data/private scripts/backup.sh /backups/2026-11-22
# With BACKUP_KEY_FILE (a file holding a long random passphrase, kept apart from the backups) each
# part is encrypted with AES-256 (openssl enc, PBKDF2) and only the encrypted files are kept.
set -euo pipefail
dest=${1:?usage: backup.sh DEST_DIR}
: "${DATABASE_URL:?set DATABASE_URL}"
media=${PRIVATE_MEDIA_ROOT:-$(dirname "$0")/../private_media}
key=${BACKUP_KEY_FILE:-}
mkdir -p "$dest"
chmod 700 "$dest"
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$dest/database.dump"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/private_media.tar.gz" .
else
  tar -czf "$dest/private_media.tar.gz" --files-from /dev/null
fi
parts=(database.dump private_media.tar.gz)
if [ -n "$key" ]; then
  [ -r "$key" ] || { echo "BACKUP_KEY_FILE $key cannot be read" >&2; exit 1; }
  for part in "${parts[@]}"; do
    openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass "file:$key" \
      -in "$dest/$part" -out "$dest/$part.enc"
    rm -f "$dest/$part"
  done
  parts=(database.dump.enc private_media.tar.gz.enc)
fi
( cd "$dest" && sha256sum "${parts[@]}" > SHA256SUMS )
echo "backup written to $dest${key:+ (encrypted)}"
