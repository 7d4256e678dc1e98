#!/usr/bin/env bash
# Runs the test files that use Redis, PostgreSQL or Chromium as a machine without them would: in a
# network namespace of its own (only loopback, nothing listening on 6379 or 5432) and with Chromium
# declared missing. Every such test must then skip with its reason, and the run must pass. `.ci/run`
# runs this before the full suite, so a test that reaches for a service without skipping cannot
# come back. Needs `unshare -n` (root, or unprivileged user namespaces) and `ip`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The files that name a service or use the helper that skips without one.
mapfile -t files < <(grep -lE "helpers/services\.js|redis://|postgres(ql)?://|127\.0\.0\.1:(6379|5432)" test/*.test.ts)
echo "Without services: ${#files[@]} test files, in a network namespace with loopback only."

if ! unshare -n -r true 2>/dev/null && ! unshare -n true 2>/dev/null; then
  echo "test-without-services: cannot create a network namespace here (unshare -n is not permitted)." >&2
  echo "Run it as root, or where unprivileged user namespaces are allowed." >&2
  exit 2
fi
as_root=-r; [ "$(id -u)" = 0 ] && as_root=
unset REQUIRE_ALL_SUITES
export SERVICES_UNAVAILABLE=chromium,ding
# shellcheck disable=SC2016
exec unshare -n $as_root bash -c 'ip link set lo up && exec node --import tsx scripts/run-tests.ts "$@"' run-tests "${files[@]}"
