#!/usr/bin/env bash
# Install what is missing, then run the service with the sample corpus loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec sopcheck serve --demo "$@"
