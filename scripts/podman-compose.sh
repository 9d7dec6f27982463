#!/usr/bin/env bash
# Runs docker/compose.yaml with Debian 12's podman (no Docker engine needed), configured by one env file as
# `docker compose --env-file FILE` would be.
#
#   scripts/podman-compose.sh FILE build          build the app image with docker/Dockerfile
#   scripts/podman-compose.sh FILE up [SERVICE...] start the services (COMPOSE_PROFILES=multi: two instances + proxy;
#                                                 monitoring: Prometheus + Grafana), or only those named and their dependencies
#   scripts/podman-compose.sh FILE down [-v]      stop and remove the containers and network (-v: the volumes too)
#   scripts/podman-compose.sh FILE ps | logs SERVICE
#
# podman-compose 1.0.3 (Debian 12) ignores three things of the compose file that docker compose honours; this
# script does them: profiles (COMPOSE_PROFILES), waiting for a dependency's health check before starting what
# depends on it (condition: service_healthy), and the network's declared subnet (ipam). podman uses
# docker/local-images/containers.conf (CONTAINERS_CONF), not the machine's /etc/containers.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
if [ "$#" -lt 2 ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
env_file="$(readlink -f "$1")"
command="$2"
shift 2

# KEY=VALUE lines, read as docker compose reads an env file (no shell quoting: a cron such as "0 * * * *" stays whole).
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  export "${line%%=*}=${line#*=}"
done <"$env_file"
export REGISFLOW_ENV_FILE="$env_file"
export CONTAINERS_CONF="$root/docker/local-images/containers.conf"
project="${COMPOSE_PROJECT_NAME:-regisflow}"
file="$root/docker/compose.yaml"
compose=(podman-compose --project-name "$project" --file "$file")
scripts/ensure-podman.sh

# What the compose file says, for the profiles in COMPOSE_PROFILES (and only the services named after it, with their
# dependencies, when some are): "services", "healthy" (dependencies to wait for), "stop-order", "subnet".
spec() { # what [SERVICE...]
  python3 - "$file" "$@" <<'PY'
import os, re, sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
profiles = {p for p in os.environ.get("COMPOSE_PROFILES", "").split(",") if p}
what = sys.argv[2]
# Stopping concerns every service that may be running, whatever the profiles.
services = {n: s for n, s in spec["services"].items()
            if what == "stop-order" or not s.get("profiles") or profiles & set(s["profiles"])}
def deps(s):
    d = s.get("depends_on") or []
    return d if isinstance(d, dict) else {n: {} for n in d}
def subst(text):
    return re.sub(r"\$\{(\w+)(?::-([^}]*))?\}", lambda m: os.environ.get(m.group(1)) or m.group(2) or "", text)
order = []
def visit(name):
    if name not in order:
        for d in deps(services[name]):
            visit(d)
        order.append(name)
for name in (sys.argv[3:] if what != "stop-order" else []) or services:
    visit(name)
services = {n: services[n] for n in order}
if what == "services":
    print(" ".join(order))
elif what == "healthy":
    print(" ".join(sorted({d for s in services.values() for d, c in deps(s).items() if (c or {}).get("condition") == "service_healthy"})))
elif what == "stop-order":
    print(" ".join(reversed(order)))
elif what == "subnet":
    for c in (((spec.get("networks") or {}).get("default") or {}).get("ipam") or {}).get("config") or []:
        print(subst(c.get("subnet", "")))
PY
}

containers_of() { # service
  podman ps -a --filter "label=io.podman.compose.project=$project" --filter "label=com.docker.compose.service=$1" --format '{{.Names}}'
}

wait_healthy() { # service
  local name
  name="$(containers_of "$1" | head -1)"
  echo "Attente du contrôle de santé de $1 ($name)..." >&2
  for _ in $(seq 1 90); do
    if podman healthcheck run "$name" >/dev/null 2>&1; then
      return 0
    fi
    sleep 2
  done
  echo "$1 n'est pas en bonne santé après 3 minutes :" >&2
  podman logs --tail 30 "$name" >&2 || true
  return 1
}

case "$command" in
  build)
    echo "Construction de l'image ${REGISFLOW_IMAGE:-regisflow:latest} (docker/Dockerfile)..." >&2
    args=(--format docker -f docker/Dockerfile -t "${REGISFLOW_IMAGE:-regisflow:latest}")
    args+=(--build-arg "TARGETARCH=$(dpkg --print-architecture)")
    [ -n "${SDK_IMAGE:-}" ] && args+=(--build-arg "SDK_IMAGE=$SDK_IMAGE")
    [ -n "${RUNTIME_IMAGE:-}" ] && args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
    podman build "${args[@]}" .
    ;;
  up)
    network="${project}_default"
    subnet="$(spec subnet)"
    if [ -n "$subnet" ] && ! podman network exists "$network"; then
      podman network create --subnet "$subnet" --label "io.podman.compose.project=$project" \
        --label "com.docker.compose.project=$project" "$network" >/dev/null
    fi
    healthy="$(spec healthy "$@")"
    if [ -n "$healthy" ]; then
      # shellcheck disable=SC2086 # service names
      "${compose[@]}" up -d --no-build $healthy
      for service in $healthy; do
        wait_healthy "$service"
      done
    fi
    # shellcheck disable=SC2086 # service names
    "${compose[@]}" up -d --no-build --no-deps $(spec services "$@")
    ;;
  down)
    # Stopped in reverse dependency order, with time to finish cleanly (podman-compose's own down waits 1 s).
    for service in $(spec stop-order); do
      for name in $(containers_of "$service"); do
        podman stop --time 10 "$name" >/dev/null
      done
    done
    "${compose[@]}" down "$@"
    podman network rm "${project}_default" >/dev/null 2>&1 || true
    ;;
  *)
    "${compose[@]}" "$command" "$@"
    ;;
esac
