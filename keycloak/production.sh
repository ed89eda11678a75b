#!/usr/bin/env bash
# Keycloak for production: its own PostgreSQL database, so people, sessions and settings survive
# restarts and upgrades; Jospar's realm imported once (only when the database has no such realm) and
# changed afterwards through Keycloak's admin API. Secrets are read from the environment file, never
# printed and never put on a command line. docs/operations.md, 'Keycloak for production', walks it through.
#
#   keycloak/production.sh build        kc.sh build --db=postgres --health-enabled=true (once per install or upgrade)
#   keycloak/production.sh run          start in the foreground (a systemd unit's ExecStart)
#   keycloak/production.sh start        start in the background, wait until the realm answers
#   keycloak/production.sh stop         stop what 'start' started
#   keycloak/production.sh status       exit 0 when the realm answers
#   keycloak/production.sh apply-realm  add what the committed realm has and the running one lacks (new bodies'
#                                       groups, new clients) over the admin API; changes nothing that exists
#   keycloak/production.sh new-env FILE write an environment file with generated secrets (mode 600), values not shown
#
# KEYCLOAK_ENV (default /etc/keycloak/keycloak.env) holds Keycloak's own KC_* settings (KC_DB_URL,
# KC_DB_USERNAME, KC_DB_PASSWORD, KC_HOSTNAME, KC_HTTPS_CERTIFICATE_FILE/KC_HTTPS_CERTIFICATE_KEY_FILE
# or KC_HTTP_ENABLED=true with KC_PROXY_HEADERS=xforwarded behind a proxy, KC_BOOTSTRAP_ADMIN_*) and the
# realm's client secrets (JOSPAR_*_CLIENT_SECRET), which the first import writes into the realm.
# KC_HOME (default /opt/keycloak/keycloak-26.4.7): the unpacked distribution. KC_STATE: pid and log (default $KC_HOME/data).
set -euo pipefail

KC_VERSION=26.4.7
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEYCLOAK_ENV="${KEYCLOAK_ENV:-/etc/keycloak/keycloak.env}"
KC_HOME="${KC_HOME:-/opt/keycloak/keycloak-$KC_VERSION}"
REALM=jospar
REALM_FILE="${JOSPAR_REALM_FILE:-$ROOT/keycloak/jospar-realm.json}"
START_TIMEOUT="${KC_START_TIMEOUT:-300}"
SECRETS=(JOSPAR_WEBAPPS_CLIENT_SECRET JOSPAR_IDENTITY_CLIENT_SECRET JOSPAR_PROMETHEUS_CLIENT_SECRET JOSPAR_PEOPLE_CLIENT_SECRET)

die() { echo "production.sh: $*" >&2; exit 1; }
usage() { sed -n '7,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

load_env() {
  [[ -r "$KEYCLOAK_ENV" ]] || die "cannot read $KEYCLOAK_ENV (KEYCLOAK_ENV); write one with: keycloak/production.sh new-env $KEYCLOAK_ENV"
  set -a
  # shellcheck disable=SC1090
  . "$KEYCLOAK_ENV"
  set +a
  local name
  for name in KC_DB_URL KC_DB_USERNAME KC_DB_PASSWORD KC_HOSTNAME "${SECRETS[@]}"; do
    [[ -n "${!name:-}" ]] || die "$name is not set in $KEYCLOAK_ENV"
  done
  STATE="${KC_STATE:-$KC_HOME/data}"
  PID_FILE="$STATE/jospar-keycloak.pid"
  LOG_FILE="$STATE/jospar-keycloak.log"
  LOCAL_URL="http://127.0.0.1:${KC_HTTP_PORT:-8080}"
  [[ -n "${KC_HTTPS_CERTIFICATE_FILE:-}" ]] && LOCAL_URL="https://127.0.0.1:${KC_HTTPS_PORT:-8443}"
  # the management interface (health) listens apart from the realm
  MANAGEMENT_URL="${LOCAL_URL%:*}:${KC_HTTP_MANAGEMENT_PORT:-9000}"
}

http_status() { curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }

realm_answers() { [[ "$(http_status "$LOCAL_URL/realms/$REALM/.well-known/openid-configuration")" == 200 ]]; }

build() {
  [[ -x "$KC_HOME/bin/kc.sh" ]] || die "no Keycloak at $KC_HOME (KC_HOME); unpack keycloak-$KC_VERSION.zip there"
  "$KC_HOME/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true
}

prepare_import() {
  # --import-realm imports the files of data/import and skips a realm the database already has:
  # the first start creates the realm, later starts leave it as the administrators changed it
  mkdir -p "$KC_HOME/data/import"
  install -m 0600 "$REALM_FILE" "$KC_HOME/data/import/$REALM-realm.json"
  rm -f "$KC_HOME/data/import/$REALM-users-"*.json
}

run() {
  load_env
  prepare_import
  exec "$KC_HOME/bin/kc.sh" start --optimized --import-realm
}

start() {
  load_env
  local pid
  if [[ -f "$PID_FILE" ]] && pid="$(cat "$PID_FILE")" && kill -0 "$pid" 2>/dev/null; then
    die "Keycloak is already running (pid $pid)"
  fi
  prepare_import
  mkdir -p "$STATE"
  nohup "$KC_HOME/bin/kc.sh" start --optimized --import-realm > "$LOG_FILE" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  local waited=0
  until realm_answers; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOG_FILE" >&2; rm -f "$PID_FILE"; die "Keycloak stopped during start; log: $LOG_FILE"; }
    (( waited < START_TIMEOUT )) || die "the realm did not answer within ${START_TIMEOUT}s (pid $pid left running); log: $LOG_FILE"
    sleep 2
    waited=$((waited + 2))
  done
  echo "Keycloak is running (pid $pid) after ${waited}s: issuer ${KC_HOSTNAME%/}/realms/$REALM, log $LOG_FILE"
}

stop() {
  load_env
  local pid
  if ! [[ -f "$PID_FILE" ]] || ! pid="$(cat "$PID_FILE")" || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$PID_FILE"
    echo "Keycloak is not running."
    return 0
  fi
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null && (( waited < 60 )); do sleep 1; waited=$((waited + 1)); done
  kill -0 "$pid" 2>/dev/null && die "Keycloak (pid $pid) did not stop within 60s"
  rm -f "$PID_FILE"
  echo "Keycloak stopped."
}

status() {
  load_env
  if realm_answers; then
    echo "Keycloak answers: issuer ${KC_HOSTNAME%/}/realms/$REALM"
    return 0
  fi
  echo "Keycloak does not answer at $LOCAL_URL/realms/$REALM"
  return 3
}

# The committed realm with this environment's secrets, for the admin API's partial import.
realm_with_secrets() {
  perl -pe 's/\$\{(JOSPAR_[A-Z_]+)(?::([^}]*))?\}/defined $ENV{$1} ? $ENV{$1} : (defined $2 ? $2 : $&)/ge' "$REALM_FILE"
}

apply_realm() {
  load_env
  [[ -n "${KC_BOOTSTRAP_ADMIN_USERNAME:-}" && -n "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ]] \
    || die "apply-realm signs in as an administrator of the master realm: set KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD in $KEYCLOAK_ENV"
  realm_answers || die "Keycloak does not answer at $LOCAL_URL"
  local token
  # the password goes to curl on its standard input, not on its command line
  token="$(printf 'grant_type=password&client_id=admin-cli&username=%s&password=%s' \
      "$(jq -rn --arg v "$KC_BOOTSTRAP_ADMIN_USERNAME" '$v|@uri')" "$(jq -rn --arg v "$KC_BOOTSTRAP_ADMIN_PASSWORD" '$v|@uri')" \
    | curl -sfk --data @- "$LOCAL_URL/realms/master/protocol/openid-connect/token" | jq -r .access_token)" \
    || die "the master realm refused KC_BOOTSTRAP_ADMIN_USERNAME with its password"
  realm_with_secrets | jq '{ifResourceExists: "SKIP", groups, clients, users, roles}' \
    | curl -sfk -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data @- \
      "$LOCAL_URL/admin/realms/$REALM/partialImport" \
    | jq -r '"apply-realm: \(.added) added, \(.skipped) already there"' \
    || die "the admin API refused the partial import"
}

new_env() {
  local file="$1"
  [[ -e "$file" ]] && die "$file exists; it is not overwritten (its secrets are in use)"
  local name
  (
    umask 077
    {
      echo "# Keycloak for Jospar (keycloak/production.sh). Mode 600, owner keycloak. Fill in the blanks."
      echo "KC_DB_URL=jdbc:postgresql://127.0.0.1:5432/keycloak"
      echo "KC_DB_USERNAME=keycloak"
      echo "KC_DB_PASSWORD=$(openssl rand -hex 16)"
      echo "# the address people and Jospar use, e.g. https://sso.example.kz"
      echo "KC_HOSTNAME="
      echo "# HTTPS on Keycloak itself ..."
      echo "#KC_HTTPS_CERTIFICATE_FILE=/etc/keycloak/tls.crt"
      echo "#KC_HTTPS_CERTIFICATE_KEY_FILE=/etc/keycloak/tls.key"
      echo "# ... or plain HTTP on loopback behind a proxy that ends TLS"
      echo "KC_HTTP_ENABLED=true"
      echo "KC_HTTP_HOST=127.0.0.1"
      echo "KC_HTTP_PORT=8180"
      echo "KC_PROXY_HEADERS=xforwarded"
      echo "# the first administrator of the master realm, created at the first start only"
      echo "KC_BOOTSTRAP_ADMIN_USERNAME=admin"
      echo "KC_BOOTSTRAP_ADMIN_PASSWORD=$(openssl rand -hex 16)"
      for name in "${SECRETS[@]}"; do
        echo "$name=$(openssl rand -hex 24)"
      done
    } > "$file"
  )
  echo "wrote $file (mode 600) with generated secrets; set KC_HOSTNAME and the database's password there. Values are not shown:"
  echo "read them with: grep _SECRET= $file"
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
  build) build ;;
  run) run ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  apply-realm) apply_realm ;;
  new-env) [[ $# -eq 1 ]] || usage; new_env "$1" ;;
  *) usage ;;
esac
