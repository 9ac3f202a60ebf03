#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) on a corpus seeded from tests/fixtures and
# the bundled blog, then prints one line per target: runs, coverage, crashes. Needs the nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Run from the repository's root:
#
#   fuzz/run.sh            # every target, 10 minutes each, JOBS (default 2) at a time
#   fuzz/run.sh 60 sanitize merge
#
# A crash leaves its input in fuzz/artifacts/<target>/; turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
jobs="${JOBS:-2}"

seed() {
    local t="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    case "$t" in
        config) cp assets/config.toml "$dir/" ;;
        html_fast)
            # Whole pages for the script scan, and every HTML string of the JSON fixtures as a
            # fragment of its own for the one-pass reading of bodies.
            find tests/fixtures -type f -name '*.html' -exec cp {} "$dir/" \;
            python3 - "$dir" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for f in pathlib.Path("tests/fixtures").rglob("*.json"):
    try:
        stack = [json.loads(f.read_text(encoding="utf-8"))]
    except ValueError:
        continue
    n = 0
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str) and "<" in v:
            n += 1
            (out / f"{f.stem}-{n}.html").write_text(v, encoding="utf-8")
PY
            ;;
        *) find tests/fixtures -type f ! -name '*.md' -exec cp {} "$dir/" \;
           cp assets/*.txt "$dir/" ;;
    esac
}

cargo +nightly fuzz build -O >/dev/null
mkdir -p fuzz/logs
run() {
    local t="$1"
    seed "$t"
    # Fragments are small: shorter inputs let the fragment target try many more of them.
    local max_len=65536
    [ "$t" = html_fast ] && max_len=16384
    cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -max_len="$max_len" -rss_limit_mb=4096 -timeout=60 \
        -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1 || true
}
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    run "$t" &
done
wait

printf '%-14s %12s %10s %8s %8s\n' target runs "runs/s" cov crashes
for t in "${targets[@]}"; do
    log="fuzz/logs/$t.log"
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
    printf '%-14s %12s %10s %8s %8s\n' "$t" "$runs" "$rate" "$cov" "$crashes"
done
