#!/usr/bin/env bash
# Installs what sopcheck needs on a fresh Debian machine: system packages
# (Tesseract with Indonesian, poppler, chromium for the browser tests) and the
# locked Python packages. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
APT_PACKAGES=(tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd poppler-utils fonts-dejavu-core ${SOPCHECK_EXTRA_APT:-})
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install: apt packages ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
echo "install: python packages (requirements.lock)"
$PY -m pip install -q --disable-pip-version-check --root-user-action=ignore -r requirements.lock
$PY -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps -e .
