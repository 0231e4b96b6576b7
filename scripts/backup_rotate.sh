#!/usr/bin/env bash
# The scheduled backup: a new dated backup under ROOT, then the oldest removed beyond BACKUP_KEEP.
#   DATABASE_URL=... PRIVATE_MEDIA_ROOT=... BACKUP_KEY_FILE=/etc/hlr/backup.key scripts/backup_rotate.sh /backups
# cron (as the portal's user): 30 1 * * *  cd /opt/hlr-portal && scripts/backup_rotate.sh /backups
set -euo pipefail
root=${1:?usage: backup_rotate.sh ROOT_DIR}
keep=${BACKUP_KEEP:-30}
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { echo "BACKUP_KEEP must be a whole number of at least 1, not '$keep'" >&2; exit 1; }
mkdir -p "$root"
name=$(date -u +%Y-%m-%dT%H%M%SZ)
"$(dirname "$0")/backup.sh" "$root/$name"
# Dated names sort by time; only complete backups (with their checksums) count and are removed.
mapfile -t backups < <(find "$root" -mindepth 2 -maxdepth 2 -name SHA256SUMS -printf '%h\n' | sort)
excess=$(( ${#backups[@]} - keep ))
for (( i = 0; i < excess; i++ )); do
  rm -rf -- "${backups[$i]}"
  echo "removed old backup ${backups[$i]}"
done
