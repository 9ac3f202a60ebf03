//! The real live-blog files in `tests/fixtures/` (provenance in its PROVENANCE.md), listed once
//! for every test and benchmark that walks them all.

use std::path::PathBuf;

/// Every fixture, by path under `tests/fixtures/`.
pub const ALL: &[&str] = &[
    "guardian-frontend-json/fe-liveblog-politics-2023-12-13.json",
    "guardian-capi/capi-item-example-liveblog-code-2015.json",
    "html/corkbeo-level-3-live-2020-10-06.html",
    "html/ndtv-ind-vs-sl-cwc-2023-11-02.html",
    "html/timesofindia-ipl-csk-vs-srh-2020-10-02.html",
    "html/sportowefakty-wp-pl-falubaz-relacja.html",
    "jsonld/corkbeo-level-3-live-2020-10-06.ld.json",
    "jsonld/guardian-politics-2023-12-13.linkedData.json",
    "jsonld/timesofindia-ipl-csk-vs-srh-2020-10-02.ld.json",
];

/// The folder they are in.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}
