#!/usr/bin/env bash
# What PyFlink drafts' tests need before the integration tier: a python3 that can make virtual environments
# (the engine provisions PyFlink itself, per Flink version, through python3 -m venv + pip). Debian's python3
# lacks venv until python3-venv is installed; any other python3 that has it is left alone.
set -euo pipefail
if command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "install-python: $(command -v python3) ($(python3 --version 2>&1)) can make virtual environments"
  exit 0
fi
if command -v apt-get >/dev/null; then
  echo "install-python: installing python3 and python3-venv with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
  python3 -c 'import venv, ensurepip'
else
  echo "install-python: python3 with the venv module is needed (PyFlink drafts' tests); install it and re-run" >&2
  exit 1
fi
