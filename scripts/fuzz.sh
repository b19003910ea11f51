#!/usr/bin/env bash
# Fuzz khabar with libFuzzer: scripts/fuzz.sh [TARGET|all] [SECONDS]
#
# Targets (their bodies are in src/fuzzing.rs): layout, shaping, bidi,
# folding, loaders, config, extractor. Every target by default, 600 s each.
# A crash, a run over 1 s or an allocation over 512 MB is a finding: its
# input is kept in fuzz/artifacts/TARGET/. Once fixed, copy it to
# tests/data/fuzz/TARGET/: `cargo test` replays every input there.
# Seed corpora come from the seeds, the test data and small documents of
# each format (written below); fuzz/corpus/ keeps what the fuzzer grew.
set -euo pipefail
cd "$(dirname "$0")/.."

all=(layout shaping bidi folding loaders config extractor)
targets=("${all[@]}")
if [ $# -ge 1 ] && [ "$1" != all ]; then
    targets=("$1")
fi
seconds=${2:-600}

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly

# Seeds: the first bytes of an input choose (a width, a direction, a
# format); the rest is text from the repository.
python3 - "${targets[@]}" <<'EOF'
import glob, os, sys

texts = []
for path in sorted(glob.glob("seeds/*.txt") + glob.glob("tests/data/*.txt")
                   + glob.glob("tests/stories/*.txt")):
    for line in open(path, encoding="utf-8"):
        if line.strip():
            texts.append(line.strip().encode())
texts = texts[:150]

docs = {
    1: b"---\ntitle: \xd8\xae\xd8\xa8\xd8\xb1\ndate: 2024-01-02\ndir: rtl\n---\n# \xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\n\n\xd9\x86\xd8\xb5 **NATO** [link](http://a)\n",
    2: b'<html dir="rtl"><head><meta property="og:title" content="x"><title>t</title></head><body><article><p>\xd9\x86\xd8\xb5</p><ul><li>a</li></ul></article></body></html>',
    3: b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>http://a/1</link><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><description><![CDATA[<p>b</p>]]></description></item></channel></rss>',
    4: b'{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","title":"a","content_text":"b","date_published":"2024-01-01T00:00:00Z"}]}',
    5: b'<?xml version="1.0"?><opml version="2.0"><body><outline text="x"><outline xmlUrl="http://a/feed.xml"/></outline></body></opml>',
}
atom = b'<?xml version="1.0" encoding="windows-1256"?><feed xmlns="http://www.w3.org/2005/Atom"><title>\xe6\xdf\xc7\xe1\xc9</title><entry><title>a</title></entry></feed>'
config = [
    b'layout = "rtl"\nbidi = "engine"\ntheme = "light"\nfeeds = ["http://a/f.xml"]\n[keys]\nquit = ["q", "ctrl-c"]\ndown = ["j", "shift-x"]\n',
    b'refresh_on_start = false\nfetch_timeout = 5\n[keys]\nsearch = "s"\n',
]

for target in sys.argv[1:]:
    out = f"fuzz/corpus/{target}"
    os.makedirs(out, exist_ok=True)
    seeds = []
    if target == "layout":
        seeds = [bytes([w, 0]) + t for t in texts for w in (1, 7, 40)]
    elif target in ("shaping", "bidi", "folding"):
        seeds = [bytes([i % 3 if target == "bidi" else 4]) + t for i, t in enumerate(texts)]
    elif target == "loaders":
        seeds = [bytes([k]) + d for k, d in docs.items()] + [bytes([3]) + atom]
        seeds += [b"\x00" + t for t in texts[:20]]
        seeds += [b"\x00\xef\xbb\xbf" + texts[0], b"\x00\xff\xfe" + texts[0].decode().encode("utf-16-le")]
    elif target == "config":
        seeds = config
    elif target == "extractor":
        # the pages made for the tests, whole and nested in themselves
        for path in sorted(glob.glob("tests/pages/*.html")):
            page = open(path, "rb").read()
            seeds += [b"\x00" + page, b"\x07" + page]
        seeds.append(b"\x00" + docs[2])
    for i, s in enumerate(seeds):
        with open(f"{out}/seed-{i:04}", "wb") as f:
            f.write(s)
EOF

printf '%-8s %12s %8s %9s\n' target runs seconds findings
for t in "${targets[@]}"; do
    log="fuzz/$t.log"
    mkdir -p "fuzz/artifacts/$t"
    # built first, so that the time counted is the fuzzing's
    (cd fuzz && cargo +nightly fuzz build "$t") >"$log" 2>&1
    set +e
    start=$SECONDS
    (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=1 -rss_limit_mb=512 -malloc_limit_mb=512 \
        -print_final_stats=1) >>"$log" 2>&1
    set -e
    ran=$((SECONDS - start))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    findings=$(find "fuzz/artifacts/$t" -type f | wc -l)
    printf '%-8s %12s %8s %9s\n' "$t" "$runs" "$ran" "$findings"
    if grep -q "ERROR: libFuzzer\|SUMMARY: " "$log"; then
        grep -m3 "ERROR: libFuzzer\|SUMMARY: \|panicked at" "$log" | sed 's/^/    /'
    fi
done
