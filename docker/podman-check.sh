#!/usr/bin/env bash
# The image of docker/Dockerfile, built and started for real on a machine without Docker and
# without a reachable image registry: Debian's podman, and a base image made with debootstrap
# (Debian 12 + openjdk-17-jre-headless + curl) from Debian's mirror. Starts the image on its
# embedded MariaDB, then on the MariaDB server at 127.0.0.1:3306 (root, no password), and checks
# /q/health/ready and a login each time. Needs root. Not in CI (debootstrap takes minutes).
#
#   docker/podman-check.sh            WORK=/var/tmp/clientbase-podman keeps the base image's folder
#
# Found on this kind of machine (a Firecracker VM): crun refuses cgroups in "hybrid mode" while a
# controller (hugetlb) sits on the cgroup2 hierarchy, so the script mounts it as cgroup v1 first;
# and crun may not raise RLIMIT_NOFILE to podman's default 1048576, so the limits are given.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/var/tmp/clientbase-podman}
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=4096:4096)
command -v podman >/dev/null && command -v debootstrap >/dev/null \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman debootstrap >/dev/null
if [ -n "$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null)" ] && [ ! -d /sys/fs/cgroup/hugetlb ]; then
  mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
fi
if ! podman image exists localhost/debian-jre17:bookworm; then
  [ -d "$WORK/rootfs/usr/lib/jvm" ] || debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl,ca-certificates \
    bookworm "$WORK/rootfs" http://deb.debian.org/debian
  tar -C "$WORK/rootfs" -c . | podman import - localhost/debian-jre17:bookworm
fi
[ -f target/clientbase.jar ] || ./mvnw -B -q package -DskipTests
podman build --format docker "${LIMITS[@]}" -f docker/Dockerfile -t localhost/clientbase:check \
  --build-arg RUNTIME_IMAGE=localhost/debian-jre17:bookworm --build-arg BUILD_IMAGE=localhost/debian-jre17:bookworm \
  --build-arg JAR_STAGE=prebuilt .

check() { # name port env...
  local name=$1 port=$2; shift 2
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman run -d --name "$name" --network host "${LIMITS[@]}" -e QUARKUS_HTTP_PORT="$port" \
    -e CLIENTBASE_ADMIN_PASSWORD=Podman-Check-Passw0rd "$@" localhost/clientbase:check >/dev/null 2>&1
  for i in $(seq 1 90); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      curl -fs "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"login":"admin","password":"Podman-Check-Passw0rd"}' | grep -q accessToken
      podman healthcheck run "$name" # the image's own HEALTHCHECK (curl inside the image): exit 0 when healthy
      echo "podman-check: $name ready after $i s, admin logged in, HEALTHCHECK healthy"
      podman rm -f "$name" >/dev/null
      return 0
    fi
    sleep 1
  done
  podman logs "$name" | tail -20
  podman rm -f "$name" >/dev/null
  echo "podman-check: $name not ready in 90 s" >&2
  return 1
}
check clientbase-embedded 18190
mariadb --protocol=TCP -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS clientbase_podman;
  CREATE DATABASE clientbase_podman CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
check clientbase-external 18191 -e CLIENTBASE_DB_URL=jdbc:mariadb://127.0.0.1:3306/clientbase_podman \
  -e CLIENTBASE_DB_USER=root -e CLIENTBASE_DB_PASSWORD=
