//! The older pages an endpoint asks for, given the address its blog's pages name for it.

use super::*;

#[test]
fn an_amp_page_s_next_address_may_be_a_page_of_its_canonical_page() {
    let e = resolve(
        &Url::parse("https://a.example/amp/live/budget").unwrap(),
        None,
    );
    let own = Some("https://a.example/live/budget");
    let next = "https://a.example/live/budget?page=2";
    assert_eq!(e.older_page(next), None, "not a page of the AMP page");
    assert_eq!(
        e.older_page_of(next, own).map(String::from).as_deref(),
        Some(next)
    );
    for (bad, own) in [
        ("https://a.example/live/election?page=2", own),
        (
            "https://b.example/live/budget?page=2",
            Some("https://b.example/live/budget"),
        ),
        (next, None),
    ] {
        assert_eq!(e.older_page_of(bad, own), None, "{bad}");
    }
    // The endpoint's own pages, as before.
    let own_page = "https://a.example/amp/live/budget?page=2";
    assert!(e.older_page_of(own_page, None).is_some());
}
