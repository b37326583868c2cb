#!/usr/bin/env bash
# Fails when the browser tests did not really run in this `mvn -B verify`: without Chromium they are
# reported as skipped (io.kring.browser.RequiresChromium), which must not pass for a green CI run.
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
reports=(target/surefire-reports/TEST-io.kring.browser.*.xml)
if [ ${#reports[@]} -eq 0 ]; then
    echo "browser tests: no Surefire report of io.kring.browser found: they did not run" >&2
    exit 1
fi
total=0
for report in "${reports[@]}"; do
    # The first <testsuite ...> element carries the class's counts.
    suite=$(grep -o -m1 '<testsuite [^>]*>' "$report")
    tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")
    skipped=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")
    name=$(basename "$report" .xml)
    if [ "${skipped:-0}" -ne 0 ]; then
        echo "browser tests: ${name#TEST-} skipped $skipped of $tests tests (is Chromium installed?)" >&2
        exit 1
    fi
    total=$((total + ${tests:-0}))
done
if [ "$total" -eq 0 ]; then
    echo "browser tests: none ran" >&2
    exit 1
fi
echo "browser tests: $total ran, none skipped"
