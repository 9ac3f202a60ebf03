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
        html_page)
            # Whole pages, and small ones in the shapes the fast reading takes and refuses.
            find tests/fixtures -type f -name '*.html' -exec cp {} "$dir/" \;
            n=0
            for p in '<!doctype html><html><head><title>T &amp; U</title></head><body><main>' \
                '<div class="post" id="p1"><aside><time>10:01</time></aside><p>a &lt; b</p></div>' \
                '<meta charset=utf-8><link rel=x href=/a?b=1&c=2>  <p>one<p>two<ul><li>a<li>b</ul>' \
                '<body><p>a <b>b <i>i</i></b> <a href=x>l</a><pre>\nx</pre><textarea>\nt</textarea>' \
                '<head><script>if (a < b) { x = "</p>"; }</script><style>p{}</style></head> <!-- c -->' \
                '<body><p><b>x</p>y<table><tr><td>t</table><svg><path/></svg></body></html> '; do
                n=$((n + 1))
                printf '%b' "$p" >"$dir/small-$n.html"
            done
            ;;
        amp_alone)
            # The AMP fixture pages: items skimmed and built, lists of every kind.
            find tests/fixtures/amp -type f -name '*.html' -exec cp {} "$dir/" \;
            ;;
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
# Guardian embed figures as rendered bodies write them (a tweet, a rich link, text around).
embeds = [
    '<p>Here is the clip.</p><figure class="element element-tweet" '
    'data-canonical-url="https://twitter.com/a/status/1"><a href="https://twitter.com/a/status/1">'
    '&quot;140,000 children&quot; <br>— BBC (@BBC) December 13, 2023</a></figure><p>After</p>',
    '<figure class="element element-rich-link" data-canonical-url="/politics/2023/x">'
    '<a href="/politics/2023/x">Gove to ease <b>targets</b></a><div><p>more</p></div></figure>',
    '<figure class="element-embed element-image"><a href=/a>x</a><figcaption>c '
    '<span class="element-image__credit">Photo</span></figcaption></figure>',
]
for i, e in enumerate(embeds):
    (out / f"embed-{i}.html").write_text(e, encoding="utf-8")
PY
            ;;
        feed_fast)
            # No fixture is a feed: small RSS and Atom documents in the shapes the one-pass
            # reading follows, and a few it leaves to feed-rs.
            python3 - "$dir" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
head = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">'
        '<channel><title>Election &amp; after</title><link>https://x.example/live</link>'
        '<atom:link href="https://x.example/feed" rel="self"/>'
        '<description>&lt;p&gt;Results&lt;/p&gt;</description>'
        '<lastBuildDate>Thu, 04 Jul 2024 23:30:00 +0100</lastBuildDate>\n')
items = [
    '<guid isPermaLink="false">p1</guid><title>First &lt;b&gt;x</title>'
    '<link>https://x.example/live#p1</link><pubDate>Thu, 04 Jul 2024 23:00:00 +0100</pubDate>'
    '<dc:creator>Anna Smith</dc:creator><category>key-event</category>'
    '<description>&lt;p&gt;Sunderland &lt;a href="/x"&gt;declares&lt;/a&gt;.&lt;/p&gt;</description>',
    '<title>No guid</title><author>desk@x.example (Ann Lee)</author>'
    '<description><![CDATA[<p>CDATA <b>body</b> &amp; more</p>]]></description>'
    '<enclosure url="https://img.example/a.jpg" type="image/jpeg" length="1"/>',
    '<guid>p3</guid><dc:date>2024-01-02T10:30:00.5+01:00</dc:date>'
    '<content:encoded>&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;</content:encoded>'
    '<description>short</description><!-- c --><media:content url="https://v.example/c.mp4"/>',
]
for n in range(1, len(items) + 1):
    body = ''.join(f'<item>{i}</item>\n' for i in items[:n])
    (out / f'rss-{n}.xml').write_text(head + body + '</channel></rss>\n', encoding='utf-8')
atom_head = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
             'xmlns:m="http://search.yahoo.com/mrss/"><title type="html">Count &amp;amp; after'
             '</title><subtitle>Results</subtitle><updated>2024-07-04T23:30:00Z</updated>'
             '<link href="https://x.example/live"/><link rel="self" href="https://x.example/a"/>\n')
entries = [
    '<id>e1</id><title>First &lt;b&gt;x</title><link href="https://x.example/live#e1"/>'
    '<published>2024-07-04T23:00:00+01:00</published><updated>2024-07-04T23:10:00Z</updated>'
    '<author><name>Anna Smith</name></author><category term="key-event"/>'
    '<content type="html">&lt;p&gt;Sunderland &lt;a href="/x"&gt;declares&lt;/a&gt;&lt;/p&gt;</content>',
    '<title type="text">No id</title><author><email>desk@x.example (Ann Lee)</email></author>'
    '<summary type="html"><![CDATA[<p>CDATA <b>body</b></p>]]></summary><content/>',
    '<id>e3</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
    '</content><m:content url="https://v.example/c.mp4"/><rights type="odd">r</rights>',
]
for n in range(1, len(entries) + 1):
    body = ''.join(f'<entry>{e}</entry>\n' for e in entries[:n])
    (out / f'atom-{n}.xml').write_text(atom_head + body + '</feed>\n', encoding='utf-8')
PY
            ;;
        guardian_poll)
            # Real poll answers, answers in the site's shape made from the Guardian page's
            # blocks and key events, and small ones led by what a page puts in its head or the
            # fast page reading leaves to html5ever, for the two readings of their HTML.
            cp tests/fixtures/guardian-poll/*.json "$dir/"
            python3 - "$dir" <<'PY'
import datetime, html, json, pathlib, sys
out = pathlib.Path(sys.argv[1])
def iso(ms):
    t = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
    return t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'
def article(b):
    i, t = html.escape(b['id']), b.get('blockFirstPublished') or b.get('blockCreatedOn') or 0
    s = (f'<article id="block-{i}" class="block"><header><div><a href="?page=with:block-{i}'
         f'#block-{i}"><time dateTime="{iso(t)}">{b.get("blockFirstPublishedDisplay", "")}'
         '</time></a></div>')
    s += f'<h2>{html.escape(b["title"])}</h2>' if b.get('title') else ''
    s += ''.join(f'<div><span>{html.escape(c.get("name", ""))}</span></div>'
                 for c in b.get('contributors', []))
    return s + '</header>' + ''.join(e.get('html', '') for e in b.get('elements', [])) + '</article>'
def card(b):
    i, t = html.escape(b['id']), b.get('blockFirstPublished') or 0
    return (f'<li><a href="?filterKeyEvents=false&amp;page=with:block-{i}#block-{i}"><div>'
            f'<time dateTime="{iso(t)}">1h ago</time></div><div>{html.escape(b.get("title", ""))}'
            '</div></a></li>')
def write(name, n, most_recent, body, timeline):
    doc = {'numNewBlocks': n, 'mostRecentBlockId': f'block-{most_recent}', 'html': body,
           'timeline': timeline}
    (out / name).write_text(json.dumps(doc, ensure_ascii=False), encoding='utf-8')
for f in pathlib.Path('tests/fixtures').rglob('*.json'):
    page = json.loads(f.read_text(encoding='utf-8'))
    if not isinstance(page, dict) or not isinstance(page.get('blocks'), list):
        continue
    blocks, timeline = page['blocks'], '<ul>' + ''.join(map(card, page.get('keyEvents', []))) + '</ul>'
    for n in (1, 2, 5):
        for at in range(len(blocks) - n + 1):
            got = blocks[at:at + n]
            write(f'{f.stem}-{n}-{at}.json', n, got[0]['id'], ''.join(map(article, got)), timeline)
rich = ('<p>a &amp; <b>b</b> <i>i</i> <a href="https://x.example/">l</a><br>x<sub>2</sub></p>'
        '<h3>Sub</h3><ol><li>one<li>two</ol><pre>x\n y</pre><blockquote><p>q</p></blockquote>'
        '<figure><img src="https://i.example/a.jpg" alt="a"><figcaption>c</figcaption></figure>')
one = {'id': 'b1', 'blockFirstPublished': 1704724540000, 'title': 'T', 'elements': [{'html': rich}]}
two = dict(one, id='b2', title='', contributors=[{'name': 'Joan Smith'}],
           elements=[{'html': '<p>one &amp; two</p>'}])
for n, lead in enumerate(['<style>.a{}</style>', '<title>x</title><meta charset="utf-8">',
                          '<script>var a = "<article>";</script>', '<noscript><p>n</p></noscript>',
                          'text first ', '<!-- c --><base href="/z">', '<table><tr><td>t</table>',
                          '<svg><path/></svg>', '<html><body class="b">', '']):
    write(f'small-{n}.json', 2, 'b2', lead + article(two) + lead + article(one),
          lead + '<ul>' + card(two) + '</ul>')
PY
            ;;
        input)
            # What terminals send: keys in their several forms, both mouse reports, text, a
            # bracketed paste; the first byte of each is how long the pieces are cut.
            n=0
            for p in '\x01jkG?q\r\t\x7f\x1a\x04' '\x03\x1b[A\x1b[B\x1bOC\x1b[1;5D\x1b[5~\x1b[6~' \
                '\x02\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<64;1;1M\x1b[<65;200;60M' \
                '\x05\x1b[M #$\x1b[Ma!!\x1b[[A\x1b[15~\x1b[Z\x1bOP' \
                '\x07\x1b\x1bj\x1bq\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80' \
                '\x03j\x1b[200~q\x1b[Aa\x1b[201\x1b[201~k\x1b[200~\x1b[201~'; do
                n=$((n + 1))
                printf '%b' "$p" >"$dir/keys-$n"
            done
            ;;
        stored)
            # The blogs of the fixtures (each saved and read back), and read state and cache
            # files of every version in the shapes the reader writes.
            find tests/fixtures -type f ! -name '*.md' -exec cp {} "$dir/" \;
            cp assets/*.txt "$dir/"
            python3 - "$dir" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
url = "https://x.test/live"
ids = ["block-1", "a b", "50%", "é\u00a0x", "k%20"]
def written(ids):
    return "".join(i.replace("%", "%25").replace(" ", "%20") + " " for i in ids)
prints = "".join(f"{n:016x}" + i.replace("%", "%25").replace(" ", "%20") + " "
                 for n, i in enumerate(ids, 1))
for v in (2, 3):
    (out / f"state-{v}.json").write_text(json.dumps({
        "liveblog_state": v, "url": url, "last_looked": "2025-02-17T17:00:00Z",
        "place": {"id": "a b", "line": 3}, "seen": written(ids), "fingerprints": prints,
        "key_event_ids": written(ids[:2]), "previous": {"block-1": "It said\nthis."}}))
(out / "state-1.json").write_text(json.dumps({
    "liveblog_state": 1, "url": url, "last_looked": None, "place": None, "seen": ids,
    "fingerprints": {i: n for n, i in enumerate(ids)}, "key_event_ids": ids[1:]}))
blog = {"liveblog_format": 1, "title": "T", "standfirst": "S", "url": url, "live": True,
        "updated": "2025-02-17T17:00:00Z",
        "key_events": [{"title": "K", "entry_id": "a b", "published": "2025-02-17T16:00:00Z"}],
        "entries": [{"id": i, "title": "t", "published": "2025-02-17T16:00:00Z",
                     "authors": ["A"], "key_event": n == 1, "text": "x " + i}
                    for n, i in enumerate(ids)]}
(out / "cache-1.json").write_text(json.dumps({
    "liveblog_cache": 1, "url": url, "fetched_at": "2025-02-17T17:00:01Z", "etag": "\"e\"",
    "last_modified": None, "subsec": {"updated": 5000, "entries": {"a b": [120, None]}},
    "blog": blog}))
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
    [ "$t" = html_page ] && max_len=16384
    [ "$t" = stored ] && max_len=16384
    cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -max_len="$max_len" -rss_limit_mb=4096 -timeout=60 \
        -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1 || true
}
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    run "$t" &
done
wait
# The stored target's files, one directory per fuzzing process (in memory when /dev/shm is).
rm -rf /dev/shm/liveblog-fuzz-stored-* "${TMPDIR:-/tmp}"/liveblog-fuzz-stored-*

printf '%-14s %12s %10s %8s %8s\n' target runs "runs/s" cov crashes
for t in "${targets[@]}"; do
    log="fuzz/logs/$t.log"
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
    printf '%-14s %12s %10s %8s %8s\n' "$t" "$runs" "$rate" "$cov" "$crashes"
done
