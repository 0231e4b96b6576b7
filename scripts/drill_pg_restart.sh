#!/usr/bin/env bash
# PostgreSQL restart drill, on a scratch cluster of its own (never the shared one).
#
# Creates cluster $PG_VERSION/hlr_drill on port $DRILL_PG_PORT (trust auth on localhost: scratch only),
# migrates and seeds a database, opens a survey, serves the portal with gunicorn, and runs
# scripts/drill_load.py (employees answering the survey, people reading public pages and /healthz) while
# the cluster is restarted with `pg_ctlcluster ... restart -m fast` in the middle. Then it checks:
#   - no error page showed a traceback or was not Chinese (drill_load.py lists any),
#   - every answer the server acknowledged (302) is stored whole: responses == devices == counter ==
#     acknowledged, and each response has one answer per question (nothing half-written, nothing lost),
#   - after the restart requests succeed again (the last failure is followed by successes).
# Needs root or the postgres user (pg_createcluster). Removes the cluster and gunicorn at the end.
#   scripts/drill_pg_restart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PG_VERSION=${PG_VERSION:-$(pg_lsclusters -h | awk 'NR==1 {print $1}')}
PORT=${DRILL_PG_PORT:-5499}
HTTP_PORT=${DRILL_HTTP_PORT:-8099}
SECONDS_OF_LOAD=${DRILL_SECONDS:-24}
RESTART_AFTER=${DRILL_RESTART_AFTER:-8}
CLUSTER=hlr_drill
work=$(mktemp -d)
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/hlr_drill" REDIS_URL="" DB_CONN_MAX_AGE=60 \
       SURVEY_RATE_LIMIT="100000/h" PRIVATE_MEDIA_ROOT="$work/media" DJANGO_SETTINGS_MODULE=hlr_portal.settings.dev
gunicorn_pid=""
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null || true
  pg_dropcluster --stop "$PG_VERSION" "$CLUSTER" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_createcluster "$PG_VERSION" "$CLUSTER" -p "$PORT" -- --auth-local=trust --auth-host=trust >/dev/null
pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
createdb -h 127.0.0.1 -p "$PORT" -U postgres hlr_drill
"$PY" manage.py migrate --verbosity 0
"$PY" manage.py seed_demo >/dev/null 2>&1
token=$("$PY" manage.py shell -c '
from django.utils import timezone
from apps.accounts.models import User
from apps.surveys.models import Survey
from apps.surveys.services import survey_open
rep = User.objects.get(username="rep_141002")
survey = survey_open(unit=rep.memberships.get().unit, year=timezone.localdate().year, by=rep, employee_count=100000)
Survey.objects.filter(pk=survey.pk).update(max_responses=100000)  # the drill answers more than one unit employs
print(survey.token)' | tail -1)

"$PY" -m gunicorn hlr_portal.wsgi -w 3 -b "127.0.0.1:$HTTP_PORT" --log-level warning --error-logfile "$work/gunicorn.log" \
  2>>"$work/gunicorn.log" &
gunicorn_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null && break; sleep 0.2; done

"$PY" scripts/drill_load.py "http://127.0.0.1:$HTTP_PORT" "$token" --seconds "$SECONDS_OF_LOAD" > "$work/load.json" &
load_pid=$!
sleep "$RESTART_AFTER"
echo "restarting PostgreSQL at $(date +%T)"
restart_started=$(date +%s.%N)
pg_ctlcluster "$PG_VERSION" "$CLUSTER" restart -m fast
echo "PostgreSQL back after $(echo "$(date +%s.%N) - $restart_started" | bc) s"
wait "$load_pid"
cat "$work/load.json"
echo "server log: $(grep -c 'database unavailable during' "$work/gunicorn.log" || true) requests answered 503 (logged with traceback)"

"$PY" - "$work/load.json" "$token" <<'PYTHON'
import json, os, sys
import django
django.setup()
from django.db.models import Count
from apps.surveys.models import Survey, SurveyDevice, SurveyResponse

load = json.load(open(sys.argv[1]))
survey = Survey.objects.get(token=sys.argv[2])
questions = survey.template.questions.count()
responses = SurveyResponse.objects.filter(survey=survey)
devices = SurveyDevice.objects.filter(survey=survey).count()
partial = responses.annotate(n=Count("answers")).exclude(n=questions).count()
print(f"acknowledged {load['acknowledged_answers']}, stored responses {responses.count()}, devices {devices}, "
      f"counter {survey.response_count}, responses with other than {questions} answers: {partial}")
problems = []
if not (load["acknowledged_answers"] == responses.count() == devices == survey.response_count):
    problems.append("acknowledged answers and stored answers differ")
if partial:
    problems.append("half-written responses")
if load["error_pages_with_traceback_or_not_chinese"]:
    problems.append("an error page showed a traceback or was not Chinese")
if any(str(status) not in ("200", "302", "503") for kind in ("answers", "pages") for status in load[kind]):
    problems.append("a status other than 200, 302 or 503")
print("drill FAILED: " + "; ".join(problems) if problems else "drill passed")
sys.exit(1 if problems else 0)
PYTHON
