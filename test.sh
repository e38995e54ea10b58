#!/usr/bin/env bash
# Runs every test of every module (see README).
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
