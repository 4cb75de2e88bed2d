#!/usr/bin/env bash
# Builds and installs the Citus extension for the system PostgreSQL 15 from the vendored source
# (../shared/vendor/citus: tarball + a one-line patch for Debian's 15.20 headers; see its README).
# Skips everything when that Citus version is already installed. Needs root or sudo for apt-get
# and `make install` (into PostgreSQL's own lib/ and share/ directories).
set -euo pipefail

CITUS_VERSION="${CITUS_VERSION:-13.2.2}"
# The vendored source sits in shared/ beside the checkout (or beside a folder of worktrees).
find_vendor() {
    local dir
    dir="$(cd "$(dirname "$0")/.." && pwd)"
    while [[ "$dir" != "/" ]]; do
        dir="$(dirname "$dir")"
        if [[ -f "$dir/shared/vendor/citus/citus-$CITUS_VERSION.tar.gz" ]]; then
            echo "$dir/shared/vendor/citus"
            return
        fi
    done
}
VENDOR="${CITUS_VENDOR:-$(find_vendor)}"
PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}"

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)

installed_version() {
    # citus_version() is a string compiled into the library: "Citus 13.2.2 on ...".
    local lib
    lib="$("$PG_CONFIG" --pkglibdir 2>/dev/null)/citus.so"
    [[ -f "$lib" ]] && grep -aoE "Citus [0-9]+\.[0-9]+\.[0-9]+" "$lib" | head -n1 | cut -d' ' -f2
}

if [[ -x "$PG_CONFIG" && "$(installed_version || true)" == "$CITUS_VERSION" ]]; then
    echo "==> Citus $CITUS_VERSION already installed for $("$PG_CONFIG" --version); nothing to do."
    exit 0
fi

if [[ -z "$VENDOR" ]]; then
    echo "No shared/vendor/citus/citus-$CITUS_VERSION.tar.gz beside this checkout; set CITUS_VENDOR." >&2
    exit 1
fi

echo "==> Installing the Citus build dependencies (apt-get)"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    postgresql-15 postgresql-server-dev-15 liblz4-dev libzstd-dev libkrb5-dev patch

server="$(/usr/lib/postgresql/15/bin/postgres --version | awk '{print $3}')"
headers="$("$PG_CONFIG" --version | awk '{print $2}')"
if [[ "$server" != "$headers" ]]; then
    echo "PostgreSQL server $server and headers $headers differ; upgrading postgresql-15" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --only-upgrade postgresql-15
fi

build="$(mktemp -d /tmp/og-citus-build.XXXXXX)"
trap 'rm -rf "$build"' EXIT
echo "==> Building Citus $CITUS_VERSION in $build (a few minutes on 2 cores)"
tar -xzf "$VENDOR/citus-$CITUS_VERSION.tar.gz" -C "$build"
cd "$build/citus-$CITUS_VERSION"
patch -p1 < "$VENDOR/pg15.20-compat.patch"
nice -n 19 ./configure -q --without-libcurl PG_CONFIG="$PG_CONFIG"
nice -n 19 make -s -j2
"${sudo[@]}" make -s install
echo "==> Installed Citus $(installed_version) into $("$PG_CONFIG" --pkglibdir)"
