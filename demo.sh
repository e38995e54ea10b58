#!/usr/bin/env bash
# Builds the service and runs the main job on the embedded default (see README).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q -DskipTests package
exec java -jar api/target/trainflow-api.jar demo "$@"
