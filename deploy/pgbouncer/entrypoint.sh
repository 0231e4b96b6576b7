#!/bin/sh
# The one login PgBouncer accepts and passes on: the portal's database user, password from the environment.
set -eu
printf '"hlr" "%s"\n' "${POSTGRES_PASSWORD:?}" > /tmp/userlist.txt
exec pgbouncer /etc/pgbouncer/pgbouncer.ini
