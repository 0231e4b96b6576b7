#!/usr/bin/env bash
# Install the HLR Portal from this offline bundle into TARGET, with no package index:
#
#   sha256sum -c SHA256SUMS && ./install.sh /opt/hlr-portal
#
# Needs Python 3.11 with venv and the Debian packages in debian-packages.txt
# (apt-get install ./debs/*.deb where the bundle carries them).
set -euo pipefail
bundle=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: install.sh TARGET_DIR}
python=${PYTHON:-python3}

mkdir -p "$target"
tar -xzf "$bundle/hlr-portal-src.tar.gz" -C "$target" --strip-components=1
rm -rf "$target/staticfiles"
cp -r "$bundle/static" "$target/staticfiles"
"$python" -m venv "$target/.venv"
PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS="" "$target/.venv/bin/pip" install --quiet --no-index \
  --find-links "$bundle/wheels" -r "$bundle/requirements.txt"
echo "installed in $target; next: set DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, then"
echo "  $target/.venv/bin/python $target/manage.py migrate"
