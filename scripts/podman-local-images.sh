#!/usr/bin/env bash
# Builds, from Debian packages only, local stand-ins for the official images the deployment uses (this machine
# cannot pull mcr.microsoft.com/dotnet/*, postgres, nginx or prom/prometheus), and prints their names as
# "VARIABLE=image" lines for an env file (SDK_IMAGE, RUNTIME_IMAGE, POSTGRES_IMAGE, NGINX_IMAGE, PROMETHEUS_IMAGE).
# Grafana has no Debian package: no stand-in for it. Each image is built once per machine: an
# existing one is reused. Production uses the official images (docker/compose.yaml's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="$PWD/docker/local-images/containers.conf"
scripts/ensure-podman.sh

repo=localhost/regisflow-local
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
sdk_version="$(dotnet --version)"
runtime_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)"
debian="$repo/debian:bookworm"
sdk="$repo/dotnet-sdk:$sdk_version"
runtime="$repo/dotnet-aspnet:$runtime_version"
postgres="$repo/postgres:15"
nginx="$repo/nginx:1.22"
prometheus="$repo/prometheus:2.42"

if ! podman image exists "$debian"; then
  echo "Image de base Debian bookworm (debootstrap, environ 1 min)..." >&2
  rootfs="$(mktemp -d /var/tmp/regisflow-debootstrap.XXXXXX)"
  trap 'rm -rf "$rootfs"' EXIT
  mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
  debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
  # The same package sources and apt settings as this machine.
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    rm -f "$rootfs/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/"
  fi
  for conf in /etc/apt/apt.conf.d/99*; do
    [ -f "$conf" ] && cp "$conf" "$rootfs/etc/apt/apt.conf.d/"
  done
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --quiet - "$debian" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

build() { # image, containerfile, message, extra podman build arguments...
  local image="$1" file="$2" message="$3"
  shift 3
  if podman image exists "$image"; then
    return
  fi
  echo "$message" >&2
  podman build --quiet --format docker --build-arg BASE_IMAGE="$debian" "$@" \
    -f "docker/local-images/$file" -t "$image" docker/local-images >/dev/null
}
# dotnet restore inside the image must reach NuGet as this machine does: same extra authorities, same revocation mode.
ca_dir=/usr/local/share/ca-certificates
[ -d "$ca_dir" ] || ca_dir="$(mktemp -d)"
build "$sdk" sdk.Containerfile "Image locale du SDK .NET $sdk_version (copie du SDK de cette machine)..." \
  --volume "$dotnet_root:/host-dotnet:ro" --volume "$ca_dir:/host-ca:ro" \
  --build-arg NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-online}"
build "$runtime" runtime.Containerfile "Image locale du runtime ASP.NET Core $runtime_version..." \
  --volume "$dotnet_root:/host-dotnet:ro"
build "$postgres" postgres.Containerfile "Image locale PostgreSQL 15 (paquet Debian)..."
build "$nginx" nginx.Containerfile "Image locale nginx (paquet Debian)..."
build "$prometheus" prometheus.Containerfile "Image locale Prometheus 2.42 (paquet Debian)..."

echo "SDK_IMAGE=$sdk"
echo "RUNTIME_IMAGE=$runtime"
echo "POSTGRES_IMAGE=$postgres"
echo "NGINX_IMAGE=$nginx"
echo "PROMETHEUS_IMAGE=$prometheus"
