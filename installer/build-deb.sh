#!/usr/bin/env bash
# Builds the Debian package from a release build: installs what is missing,
# configures the `package` preset (Release, no tests, EA_PACKAGE=ON), builds,
# and runs CPack. Prints the path of build/package/egress-auditor_<version>_amd64.deb.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

bash installer/install-deps.sh
cmake --preset package
cmake --build --preset package
(cd build/package && cpack -G DEB >/dev/null)
ls "$repo"/build/package/egress-auditor_*_amd64.deb
