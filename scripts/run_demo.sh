#!/usr/bin/env bash
# Bring up the portal with demo data. With REDIS_URL set, a Celery worker and
# beat run beside the web server; without it, tasks run in-process.
# The demo (fixed passwords, DEBUG) listens on this machine only; HOST=0.0.0.0
# opens it to the network, and ALLOWED_HOSTS must then name the address used.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-hlr_portal.settings.dev}
export DEBUG=${DEBUG:-true}
# The demo's admins log in with the printed password only; set OTP_REQUIRED_ROLES=system_admin,city_admin,county_admin
# to try two-factor login (as production requires by default).
export OTP_REQUIRED_ROLES=${OTP_REQUIRED_ROLES-}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

$PY manage.py migrate --noinput
$PY manage.py seed_demo

echo "门户启动中：http://${HOST}:${PORT}/ （按 Ctrl+C 停止）"
if [ -n "${REDIS_URL:-}" ]; then
  .venv/bin/celery -A hlr_portal worker --beat --loglevel=INFO --concurrency=2 &
  worker=$!
  trap 'kill $worker 2>/dev/null || true' EXIT
  $PY manage.py runserver --noreload "${HOST}:${PORT}"
else
  exec $PY manage.py runserver --noreload "${HOST}:${PORT}"
fi
