#!/usr/bin/env bash
# Sets up a fresh machine for wbapi: the pinned pnpm, the locked dependencies and, with
# --browser, Debian's Chromium for the browser tests. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm@$pnpm_version (corepack is not used: its signature check fails here)"
  npm install -g "pnpm@$pnpm_version" >/dev/null
fi

echo "setup: installing dependencies from pnpm-lock.yaml"
pnpm install --frozen-lockfile

if [ "$want_browser" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
  echo "setup: chromium at $(command -v chromium)"
fi
