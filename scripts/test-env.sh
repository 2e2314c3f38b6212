#!/usr/bin/env bash
# Makes this machine ready for the integration and end-to-end tests: a reachable Docker engine,
# a static busybox (the base of every test image), a local registry binary, Chromium and the
# AWS CLI.
# Installs what is missing through apt when we are root on Debian/Ubuntu; otherwise says exactly
# what to install. Safe to run again: when everything is there it only checks.
set -euo pipefail

readonly DOCKERD_LOG=${STOWAGE_DOCKERD_LOG:-/tmp/stowage-dockerd.log}
readonly DOCKERD_PID_FILE=/var/run/docker.pid
readonly ENGINE_WAIT_SECONDS=30

apt_updated=false

say() { printf 'test-env: %s\n' "$*"; }

fail() {
  printf 'test-env: ERROR: %s\n' "$*" >&2
  exit 1
}

is_debian_like() {
  [[ -r /etc/os-release ]] || return 1
  local id id_like
  id=$(. /etc/os-release && printf '%s' "${ID:-}")
  id_like=$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")
  [[ "$id" == debian || "$id" == ubuntu || " $id_like " == *' debian '* || " $id_like " == *' ubuntu '* ]]
}

can_install() {
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 && is_debian_like
}

# Installs Debian packages, or stops with the command a person has to run.
install_packages() {
  local packages=("$@")
  if ! can_install; then
    fail "missing: ${packages[*]}. Install them as root on Debian/Ubuntu with:
    sudo apt-get update && sudo apt-get install -y ${packages[*]}
  (elsewhere: a Docker engine, a statically linked busybox at /bin/busybox, the CNCF
  Distribution registry as 'docker-registry', and Chromium at /usr/bin/chromium)."
  fi
  if [[ "$apt_updated" == false ]]; then
    say 'apt-get update'
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  say "apt-get install ${packages[*]}"
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=l apt-get install -y -qq "${packages[@]}" >/dev/null
}

engine_reachable() {
  command -v docker >/dev/null 2>&1 &&
    timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# dockerd lives in /usr/sbin, which is not on every user's PATH.
dockerd_path() {
  command -v dockerd 2>/dev/null || { [[ -x /usr/sbin/dockerd ]] && echo /usr/sbin/dockerd; }
}

# pgrep is in procps, which minimal images lack; /proc is always there.
dockerd_running() {
  local comm
  for comm in /proc/[0-9]*/comm; do
    [[ "$(cat "$comm" 2>/dev/null)" == dockerd ]] && return 0
  done
  return 1
}

busybox_is_static() {
  [[ -x /bin/busybox ]] || return 1
  local description
  # ldd exits 1 for a static binary, so read its words rather than its status.
  if command -v ldd >/dev/null 2>&1; then
    description=$(ldd /bin/busybox 2>&1 || true)
  else
    description=$(file -L /bin/busybox 2>/dev/null || true)
  fi
  [[ "$description" == *'not a dynamic executable'* || "$description" == *'statically linked'* ]]
}

# Everything missing is installed in one go, or named in one message.
ensure_packages() {
  local missing=()
  if ! engine_reachable && { ! command -v docker >/dev/null 2>&1 || [[ -z "$(dockerd_path)" ]]; }; then
    missing+=(docker.io)
  fi
  busybox_is_static || missing+=(busybox-static)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # The browser-history test reads Chromium's History database.
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  if ((${#missing[@]} > 0)); then
    install_packages "${missing[@]}"
  fi
  busybox_is_static || fail '/bin/busybox is still not a static binary after installing busybox-static'
  command -v docker-registry >/dev/null 2>&1 || fail 'docker-registry is still missing after installing it'
  [[ -x /usr/bin/chromium ]] || fail '/usr/bin/chromium is still missing after installing chromium'
  command -v sqlite3 >/dev/null 2>&1 || fail 'sqlite3 is still missing after installing it'
  say "busybox (static), docker-registry, sqlite3, chromium ($(/usr/bin/chromium --version 2>/dev/null | head -n 1)) present"
}

ensure_engine() {
  if engine_reachable; then
    say "Docker engine reachable (server $(docker version --format '{{.Server.Version}}'))"
    return
  fi

  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != unix:///var/run/docker.sock ]]; then
    fail "DOCKER_HOST=$DOCKER_HOST does not answer 'docker version'. Start that engine, or unset
  DOCKER_HOST to let this script start a local dockerd."
  fi

  local dockerd
  dockerd=$(dockerd_path) || fail 'dockerd is still missing after installing docker.io'
  if ! dockerd_running; then
    if [[ "$(id -u)" != 0 ]]; then
      fail "the Docker engine is not running and starting it needs root. Start it with:
    sudo dockerd >$DOCKERD_LOG 2>&1 &     (or: sudo systemctl start docker)"
    fi
    if [[ -e "$DOCKERD_PID_FILE" ]]; then
      # A killed daemon leaves its pid file behind and the next dockerd refuses to start.
      say "removing stale $DOCKERD_PID_FILE (no dockerd process is running)"
      rm -f "$DOCKERD_PID_FILE"
    fi
    say "starting $dockerd (log: $DOCKERD_LOG)"
    # setsid: the daemon must outlive this script and npm's process group. It gets no file
    # descriptor beyond stdio: a lock held by whoever ran the tests would otherwise stay
    # held for as long as the daemon lives.
    setsid bash -c 'for fd in /proc/$$/fd/*; do fd=${fd##*/}; ((fd > 2)) && eval "exec $fd>&-"; done; exec "$0"' \
      "$dockerd" >"$DOCKERD_LOG" 2>&1 </dev/null &
  elif [[ "$(id -u)" != 0 ]]; then
    fail "dockerd is running but 'docker version' fails for $(id -un). Join the docker group
  (sudo usermod -aG docker $(id -un), then log in again) or run the tests as root."
  else
    say 'dockerd is running but not answering yet; waiting for it'
  fi

  local waited=0
  until engine_reachable; do
    if ((waited >= ENGINE_WAIT_SECONDS)); then
      [[ -r "$DOCKERD_LOG" ]] && tail -n 20 "$DOCKERD_LOG" >&2
      fail "the Docker engine did not answer within ${ENGINE_WAIT_SECONDS}s (log: $DOCKERD_LOG)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "Docker engine reachable after ${waited}s (server $(docker version --format '{{.Server.Version}}'))"
}

# The AWS CLI drives test/ecs/aws-cli.int.test.ts, which skips (saying why) without it.
ensure_awscli() {
  if command -v aws >/dev/null 2>&1; then
    say "AWS CLI present ($(aws --version 2>&1 | head -n 1))"
  elif can_install; then
    install_packages awscli
  else
    say 'AWS CLI missing: the aws ecs --endpoint-url test will skip (apt-get install awscli)'
  fi
}

ensure_packages
ensure_awscli
ensure_engine
say 'ready'
