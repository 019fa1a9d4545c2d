#!/usr/bin/env bash
# Back up the ISAF Desk PostgreSQL database: one dated pg_dump archive (custom format),
# checked readable, then archives older than the kept number of days are deleted.
# See docs/DEPLOYMENT.md ("Backups") for scheduling and restoring.
#
# Usage: backup.sh            (as the service user, e.g. runuser -u isaf -- backup.sh)
#
# Settings, from the environment (these belong to this script, not to the server):
#   ISAF_ENV_FILE          the server's environment file, read for DATABASE_URL
#                          [/etc/isaf-desk/isaf.env]
#   DATABASE_URL           overrides the one in ISAF_ENV_FILE
#   ISAF_BACKUP_DIR        where archives go [/var/backups/isaf-desk]
#   ISAF_BACKUP_KEEP_DAYS  archives older than this many days are deleted [14]
#
# Exits non-zero when anything fails; a failed run leaves no archive behind and deletes
# no old one.
set -euo pipefail

env_file=${ISAF_ENV_FILE:-/etc/isaf-desk/isaf.env}
backup_dir=${ISAF_BACKUP_DIR:-/var/backups/isaf-desk}
keep_days=${ISAF_BACKUP_KEEP_DAYS:-14}

log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
fail() { log "FAILED: $*" >&2; exit 1; }

[[ $keep_days =~ ^[0-9]+$ ]] && (( keep_days >= 1 )) \
  || fail "ISAF_BACKUP_KEEP_DAYS must be a whole number of days, 1 or more (got '$keep_days')"
for tool in pg_dump pg_restore python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install postgresql-client python3)"
done

url=${DATABASE_URL:-}
if [[ -z $url ]]; then
  [[ -r $env_file ]] || fail "cannot read $env_file and DATABASE_URL is not set"
  # The last DATABASE_URL= line, without surrounding quotes (the file is not sourced:
  # systemd's format allows values a shell would misread).
  url=$(sed -n 's/^[[:space:]]*DATABASE_URL[[:space:]]*=[[:space:]]*//p' "$env_file" | tail -n 1)
  url=${url%\"}; url=${url#\"}; url=${url%\'}; url=${url#\'}
fi
[[ -n $url ]] || fail "no DATABASE_URL in $env_file"

# DATABASE_URL is a SQLAlchemy URL (postgresql+psycopg://USER:PASSWORD@HOST:PORT/NAME).
# Hand it to pg_dump as libpq variables, so the password never shows on a command line.
pg_settings=$(python3 - "$url" <<'PYTHON'
import shlex
import sys
from urllib.parse import parse_qsl, unquote, urlsplit

url = urlsplit(sys.argv[1])
if url.scheme.split("+")[0] not in ("postgresql", "postgres"):
    sys.exit(f"DATABASE_URL is not a PostgreSQL URL (scheme {url.scheme!r})")
settings = {
    "PGHOST": url.hostname or "",
    "PGPORT": str(url.port or ""),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
}
for key, value in parse_qsl(url.query):
    if key == "host":
        settings["PGHOST"] = value  # a Unix socket folder
    elif key == "sslmode":
        settings["PGSSLMODE"] = value
if not settings["PGDATABASE"]:
    sys.exit("DATABASE_URL names no database")
for key, value in settings.items():
    if value:
        print(f"export {key}={shlex.quote(value)}")
PYTHON
) || fail "cannot read DATABASE_URL"
eval "$pg_settings"

umask 077  # the archive holds password hashes and every figure: owner only
mkdir -p "$backup_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_dir/isaf-$PGDATABASE-$stamp.dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

log "dumping database $PGDATABASE on ${PGHOST:-the local socket} to $target"
pg_dump --format=custom --compress=6 --no-password --file="$partial" \
  || fail "pg_dump of $PGDATABASE failed"
# An archive pg_restore cannot list is no backup.
pg_restore --list "$partial" >/dev/null || fail "the archive $partial is not readable"
mv "$partial" "$target"
log "done: $(du -h "$target" | cut -f1) in $target"

# Rotation, only after a good archive: delete this database's archives older than
# keep_days days (the one just made is never among them).
deleted=0
while IFS= read -r -d '' old; do
  rm -f -- "$old"
  deleted=$((deleted + 1))
  log "deleted $old (older than $keep_days days)"
done < <(find "$backup_dir" -maxdepth 1 -type f -name "isaf-$PGDATABASE-*.dump" \
           -mtime +"$((keep_days - 1))" ! -newer "$target" ! -samefile "$target" -print0)
kept=$(find "$backup_dir" -maxdepth 1 -type f -name "isaf-$PGDATABASE-*.dump" | wc -l)
log "kept $kept archive(s), deleted $deleted"
