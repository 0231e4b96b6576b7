#!/usr/bin/env bash
# Restore drill: back up the live database and files, restore them into a
# scratch database and folder, and prove the copy holds the same rows in
# every table (row counts and a checksum of each table's contents) and the
# same files (sha256). Exits non-zero on any difference.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hlr_portal scripts/restore_drill.sh
# With BACKUP_KEY_FILE the backup is encrypted, and the drill also proves that no plain copy is left in it.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL}"
media=${PRIVATE_MEDIA_ROOT:-private_media}
work=$(mktemp -d)
scratch_db="hlr_restore_drill_$$"
base_url=${DATABASE_URL%/*}
restored_url="$base_url/$scratch_db"
cleanup() { psql "$base_url/postgres" -qc "DROP DATABASE IF EXISTS $scratch_db" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

PRIVATE_MEDIA_ROOT="$media" scripts/backup.sh "$work/backup"
if [ -n "${BACKUP_KEY_FILE:-}" ] && ls "$work/backup" | grep -qv -e '\.enc$' -e '^SHA256SUMS$'; then
  echo "the encrypted backup holds unencrypted files: $(ls "$work/backup")" >&2
  exit 1
fi
psql "$base_url/postgres" -qc "CREATE DATABASE $scratch_db"
DATABASE_URL="$restored_url" PRIVATE_MEDIA_ROOT="$work/media" scripts/restore.sh "$work/backup"

fingerprint() {  # one line per table: name, row count, md5 of the ordered rows
  psql "$1" -tA <<'SQL'
SELECT format('%s %s %s', t.table_name, x.n, x.digest)
FROM information_schema.tables t,
LATERAL (SELECT (xpath('/row/n/text()', q))[1]::text AS n, (xpath('/row/d/text()', q))[1]::text AS digest
         FROM query_to_xml(format('SELECT count(*) AS n, md5(coalesce(string_agg(r::text, ''|'' ORDER BY r::text), '''')) AS d FROM %I.%I r', t.table_schema, t.table_name), false, false, '') q) x
WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
ORDER BY t.table_name;
SQL
}
fingerprint "$DATABASE_URL" > "$work/live.txt"
fingerprint "$restored_url" > "$work/restored.txt"
( cd "$media" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 -r sha256sum ) > "$work/live_files.txt" || true
( cd "$work/media" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum ) > "$work/restored_files.txt"

diff -u "$work/live.txt" "$work/restored.txt"
diff -u "$work/live_files.txt" "$work/restored_files.txt"
echo "restore drill passed: $(wc -l < "$work/live.txt") tables and $(wc -l < "$work/live_files.txt") files identical"
