#!/usr/bin/env bash
# The Japanese fonts the layout generator (samples/generate) draws with:
# Debian's fonts-ipaexfont and fonts-noto-cjk.  Installs them when missing
# and running as root (CI, a fresh machine); otherwise says in one line what
# to install and exits 2.  Called by `make test` and .ci/run.
set -euo pipefail
if [ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] \
        && [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends fonts-ipaexfont fonts-noto-cjk >&2
    exit 0
fi
echo "fonts.sh: the tests need Debian's fonts-ipaexfont and fonts-noto-cjk: sudo apt-get install fonts-ipaexfont fonts-noto-cjk" >&2
exit 2
