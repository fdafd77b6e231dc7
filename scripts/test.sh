#!/usr/bin/env bash
# The whole test suite from a clean machine: installs what is missing, configures the
# AddressSanitizer + UndefinedBehaviorSanitizer build, builds it and runs every test
# (unit, contract, integration over real sockets, and the find_package consumer).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
preset="${TRACTION_TEST_PRESET:-asan}"
cmake --preset "$preset" -DTRACTION_BUILD_TESTS=ON
cmake --build --preset "$preset"
ctest --preset "$preset" "$@"
