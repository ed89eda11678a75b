#!/usr/bin/env bash
# FOR TESTS AND THE DEMO ONLY: every start DELETES Keycloak's database and imports the realm again,
# so every person, session and setting made since the last start is lost. Production runs
# keycloak/production.sh (its own PostgreSQL database, the realm imported once): docs/operations.md.
#
# Starts, stops and tells the state of a local Keycloak with Jospar's realm.
#
#   keycloak/keycloak.sh start [--demo]   fresh import of keycloak/jospar-realm.json (and, with --demo,
#                                         of the demo people), then wait until the realm answers
#   keycloak/keycloak.sh stop             stop the Keycloak this script started
#   keycloak/keycloak.sh status           running or not (exit 0 when running, 3 when not)
#
# Environment: KC_HOME (default target/keycloak/keycloak-26.4.7, fetched from Maven Central when
# missing), KC_PORT (default 8180), KC_BOOTSTRAP_ADMIN_USERNAME, KC_BOOTSTRAP_ADMIN_PASSWORD,
# JOSPAR_WEBAPPS_CLIENT_SECRET, JOSPAR_IDENTITY_CLIENT_SECRET, JOSPAR_PROMETHEUS_CLIENT_SECRET,
# JOSPAR_PEOPLE_CLIENT_SECRET (required; with --demo the missing
# ones are generated into target/keycloak/demo-secrets.env), JOSPAR_BASE_URL (optional, default
# http://localhost:8080: where Jospar runs, for the web client's redirect URIs).
# See keycloak/README.md.
set -euo pipefail

KC_VERSION=26.4.7
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WORK=target/keycloak
DEFAULT_HOME="$WORK/keycloak-$KC_VERSION"
KC_HOME="${KC_HOME:-$DEFAULT_HOME}"
PORT="${KC_PORT:-8180}"
HOST=127.0.0.1
URL="http://$HOST:$PORT"
REALM=jospar
PID_FILE="$WORK/keycloak.pid"
PORT_FILE="$WORK/keycloak.port"
LOG_FILE="$WORK/keycloak.log"
SECRETS_FILE="$WORK/demo-secrets.env"
REQUIRED=(KC_BOOTSTRAP_ADMIN_USERNAME KC_BOOTSTRAP_ADMIN_PASSWORD JOSPAR_WEBAPPS_CLIENT_SECRET JOSPAR_IDENTITY_CLIENT_SECRET
  JOSPAR_PROMETHEUS_CLIENT_SECRET JOSPAR_PEOPLE_CLIENT_SECRET)
START_TIMEOUT=180
STOP_TIMEOUT=30

die() {
  echo "keycloak.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: keycloak/keycloak.sh start [--demo] | stop | status" >&2
  exit 2
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

random_hex() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex "$1"
  else
    head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'
  fi
}

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
}

fetch_distribution() {
  [[ -d "$KC_HOME" ]] && return 0
  [[ "$KC_HOME" == "$DEFAULT_HOME" ]] || die "KC_HOME=$KC_HOME does not exist (unset KC_HOME to fetch Keycloak $KC_VERSION into $DEFAULT_HOME)"
  local zip="$WORK/keycloak-quarkus-dist-$KC_VERSION.zip"
  mkdir -p "$WORK"
  if [[ ! -f "$zip" ]]; then
    echo "Fetching Keycloak $KC_VERSION from Maven Central (about 160 MB) ..."
    ./mvnw -q dependency:copy "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$WORK"
  fi
  echo "Unpacking $zip ..."
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" -d "$WORK"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -m zipfile -e "$zip" "$WORK"
  else
    (cd "$WORK" && jar xf "keycloak-quarkus-dist-$KC_VERSION.zip")
  fi
  # python's zipfile and jar drop the executable bit
  chmod +x "$KC_HOME"/bin/*.sh
  [[ -x "$KC_HOME/bin/kc.sh" ]] || die "no $KC_HOME/bin/kc.sh after unpacking $zip"
}

# With --demo: fill in the missing variables, from the previous demo run's file if there is one
# (so that a Jospar started with it keeps working), else at random; write them to $SECRETS_FILE.
demo_secrets() {
  local name value previous generated=0
  mkdir -p "$WORK"
  for name in "${REQUIRED[@]}"; do
    [[ -n "${!name:-}" ]] && continue
    previous=""
    if [[ -f "$SECRETS_FILE" ]]; then
      previous="$(sed -n "s/^export $name=//p" "$SECRETS_FILE" | tail -n 1)"
    fi
    if [[ -n "$previous" ]]; then
      value="$previous"
    elif [[ "$name" == KC_BOOTSTRAP_ADMIN_USERNAME ]]; then
      value="admin-$(random_hex 4)"
      generated=1
    else
      value="$(random_hex 16)"
      generated=1
    fi
    printf -v "$name" '%s' "$value"
    export "${name?}"
  done
  (
    umask 077
    {
      echo "# Demo only: secrets of the local demo Keycloak started by keycloak/keycloak.sh start --demo."
      echo "# Use with: source $SECRETS_FILE"
      for name in "${REQUIRED[@]}"; do
        echo "export $name=${!name}"
      done
      echo "export JOSPAR_KEYCLOAK_URL=$URL"
      echo "export JOSPAR_KEYCLOAK_REALM=$REALM"
    } > "$SECRETS_FILE"
  )
  chmod 600 "$SECRETS_FILE"
  if [[ $generated == 1 ]]; then
    echo "Demo: generated the missing secrets into $SECRETS_FILE (mode 600)."
  else
    echo "Demo: secrets written to $SECRETS_FILE (mode 600)."
  fi
}

start() {
  local demo=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --demo) demo=1 ;;
      *) usage ;;
    esac
    shift
  done

  local pid
  if pid="$(running_pid)"; then
    die "Keycloak is already running (pid $pid, $URL); stop it first: keycloak/keycloak.sh stop"
  fi
  rm -f "$PID_FILE"
  command -v curl >/dev/null 2>&1 || die "curl is needed to wait for Keycloak"
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "KC_PORT must be a port number, not '$PORT'"
  if [[ "$(http_status "$URL/")" != "000" ]]; then
    die "something already answers on $URL; choose another port with KC_PORT"
  fi

  if [[ $demo == 1 ]]; then
    demo_secrets
  fi
  local name
  for name in "${REQUIRED[@]}"; do
    [[ -n "${!name:-}" ]] || die "$name is not set. Set it in the environment (from your secret store), or run 'keycloak/keycloak.sh start --demo' for a local demo with generated secrets."
    export "${name?}"
  done

  fetch_distribution

  # A fresh import every time: the realm as committed, with the secrets of this environment.
  rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/import"
  mkdir -p "$KC_HOME/data/import"
  cp keycloak/jospar-realm.json "$KC_HOME/data/import/jospar-realm.json"
  if [[ $demo == 1 ]]; then
    # Keycloak imports <realm>-users-<n>.json beside <realm>-realm.json into the same realm.
    cp keycloak/demo/jospar-users-0.json "$KC_HOME/data/import/jospar-users-0.json"
  fi

  mkdir -p "$WORK"
  echo "Starting Keycloak $KC_VERSION for tests and the demo: its database is new at every start (production: keycloak/production.sh)."
  echo "Starting Keycloak $KC_VERSION from $KC_HOME on $URL (log: $LOG_FILE) ..."
  nohup "$KC_HOME/bin/kc.sh" start-dev --http-host="$HOST" --http-port="$PORT" --hostname="$URL" --import-realm \
    > "$LOG_FILE" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  echo "$PORT" > "$PORT_FILE"

  local well_known="$URL/realms/$REALM/.well-known/openid-configuration"
  local waited=0
  until [[ "$(http_status "$well_known")" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE" "$PORT_FILE"
      tail -n 40 "$LOG_FILE" >&2 || true
      die "Keycloak stopped during start; the log is $LOG_FILE"
    fi
    if (( waited >= START_TIMEOUT )); then
      tail -n 40 "$LOG_FILE" >&2 || true
      die "the realm did not answer at $well_known within ${START_TIMEOUT}s; Keycloak (pid $pid) is left running, stop it with keycloak/keycloak.sh stop"
    fi
    sleep 2
    waited=$((waited + 2))
  done

  echo
  echo "Keycloak is running (pid $pid) after ${waited}s."
  echo "  issuer:        $URL/realms/$REALM"
  echo "  admin console: $URL/admin/ (user $KC_BOOTSTRAP_ADMIN_USERNAME)"
  if [[ $demo == 1 ]]; then
    echo "  demo people:   <body>.official, <body>.supervisor, <body>.deputy, coordinator, coordinator2, auditor, admin; password 'demo'"
  fi
  echo
  # the secrets' names, never their values: a terminal's scrollback and CI logs keep what is printed
  echo "Jospar's keycloak profile needs JOSPAR_KEYCLOAK_URL=$URL, JOSPAR_KEYCLOAK_REALM=$REALM,"
  echo "JOSPAR_WEBAPPS_CLIENT_SECRET and JOSPAR_IDENTITY_CLIENT_SECRET (the values this Keycloak was started with)."
  if [[ $demo == 1 ]]; then
    echo "(all of them are in $SECRETS_FILE, mode 600: source $SECRETS_FILE)"
  fi
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE" "$PORT_FILE"
    echo "Keycloak is not running."
    return 0
  fi
  # kc.sh forwards TERM to its java child and waits for it
  local children
  children="$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ' || true)"
  echo "Stopping Keycloak (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && (( waited < STOP_TIMEOUT )); do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Keycloak did not stop within ${STOP_TIMEOUT}s; killing it."
    local child
    for child in $children; do
      kill -KILL "$child" 2>/dev/null || true
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
  echo "Keycloak stopped."
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if [[ -z "${KC_PORT:-}" && -f "$PORT_FILE" ]]; then
      PORT="$(cat "$PORT_FILE")"
      URL="http://$HOST:$PORT"
    fi
    local answer
    answer="$(http_status "$URL/realms/$REALM/.well-known/openid-configuration")"
    if [[ "$answer" == 200 ]]; then
      echo "Keycloak is running (pid $pid): issuer $URL/realms/$REALM"
    else
      echo "Keycloak is running (pid $pid) but $URL/realms/$REALM does not answer (yet?): HTTP $answer (KC_PORT=$PORT)"
    fi
    return 0
  fi
  echo "Keycloak is not running."
  return 3
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
  start) start "$@" ;;
  stop) [[ $# -eq 0 ]] || usage; stop ;;
  status) [[ $# -eq 0 ]] || usage; status ;;
  *) usage ;;
esac
