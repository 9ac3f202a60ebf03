use crate::blog::LiveBlog;
use crate::formats;

/// The page of a blog at the Guardian's AMP address.
const PAGE: &str = "https://www.theguardian.com/politics/live/2023/dec/13/x";

/// A page in the shape the Guardian's AMP page is written in (dotcom-rendering's
/// `BodyLiveblog.amp.tsx`, `KeyEvents.amp.tsx` and `Blocks.amp.tsx`): a "Key events" heading
/// with its arrow, each key event a link to `?page=with:block-<id>#block-<id>` holding a
/// `<span>` with its time and one with its title, then the live list, each item's id the
/// block's. No saved Guardian AMP page is among the fixtures, so it is built here from those
/// components; `events` are the list's items.
fn guardian_amp(events: &str) -> String {
    format!(
        "<!doctype html><html amp lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Politics live</title><link rel=\"canonical\" href=\"{PAGE}\"></head><body>\
         <amp-accordion><section><h2>Key events <span><svg viewBox=\"0 0 10 10\">\
         <path d=\"M0 0\"/></svg></span></h2><ul>{events}</ul></section></amp-accordion>\
         <amp-live-list id=\"live-blog-entries-main\" data-max-items-per-page=\"20\">\
         <div update=\"\"><button on=\"tap:live-blog-entries-main.update\">\
         <span>You have updates</span></button></div><div items=\"\">\
         <div id=\"b2\" data-sort-time=\"1702487100000\">\
         <a href=\"{PAGE}?page=with:block-b2#block-b2\">17.05 GMT</a>\
         <h2>10 Downing Street responds</h2><p>A statement.</p></div>\
         <div id=\"b1\" data-sort-time=\"1702479600000\">\
         <a href=\"{PAGE}?page=with:block-b1#block-b1\">15.00 GMT</a><p>Other news.</p></div>\
         </div></amp-live-list></body></html>"
    )
}

/// A key event as the Guardian's AMP page links it.
fn event(id: &str, time: &str, title: &str) -> String {
    format!(
        "<li><a href=\"{PAGE}?page=with:block-{id}#block-{id}\">\
         <span>{time}</span><span>{title}</span></a></li>"
    )
}

/// Each key event's title, entry and time.
fn heads(b: &LiveBlog) -> Vec<(&str, Option<&str>, Option<String>)> {
    b.key_events
        .iter()
        .map(|k| {
            (
                k.title.as_str(),
                k.entry_id.as_deref(),
                k.published.map(|t| t.to_rfc3339()),
            )
        })
        .collect()
}

#[test]
fn a_guardian_amp_key_event_is_titled_without_its_time_and_dated_on_the_pages_day() {
    let events = [
        event("b2", "17.05 GMT", "10 Downing Street responds"),
        event("b0", "09.26 GMT", "Sunak faces vote"),
        // A zone that names several: the time is not the title, and is no time either.
        event("a9", "08.10 IST", "Markets open"),
    ]
    .concat();
    let b = formats::parse(guardian_amp(&events).as_bytes()).unwrap();
    assert_eq!(
        heads(&b),
        [
            (
                "10 Downing Street responds",
                Some("b2"),
                Some("2023-12-13T17:05:00Z".into())
            ),
            (
                "Sunak faces vote",
                Some("b0"),
                Some("2023-12-13T09:26:00Z".into())
            ),
            ("Markets open", Some("a9"), None),
        ]
    );
    let flagged: Vec<&str> = b
        .entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(flagged, ["b2"]);
}

/// Only a time alone in the first element is read apart: a title in one element that starts
/// with a number, or with a time, stays whole, and so does a time in the title's element.
#[test]
fn a_title_that_starts_with_a_number_is_not_cut() {
    let events = [
        format!("<li><a href=\"{PAGE}#block-b1\"><span>10.30 trains cancelled</span></a></li>"),
        format!("<li><a href=\"{PAGE}#block-b1\"><span>2.5m</span> people marched</a></li>"),
        format!("<li><a href=\"{PAGE}#block-b1\">12.30 talks resume</a></li>"),
    ]
    .concat();
    let b = formats::parse(guardian_amp(&events).as_bytes()).unwrap();
    let titles: Vec<&str> = b.key_events.iter().map(|k| k.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "10.30 trains cancelled",
            "2.5m people marched",
            "12.30 talks resume"
        ]
    );
}

/// A key event the Guardian writes without a title (`event.title ?? ''`) shows its time alone:
/// it takes the title of the post it heads, and one heading no post on the page is left out.
#[test]
fn a_key_event_showing_only_its_time_takes_its_posts_title() {
    let events = [event("b2", "17.05 GMT", ""), event("b0", "09.26 GMT", "")].concat();
    let b = formats::parse(guardian_amp(&events).as_bytes()).unwrap();
    assert_eq!(
        heads(&b),
        [(
            "10 Downing Street responds",
            Some("b2"),
            Some("2023-12-13T17:05:00Z".into())
        )]
    );
}

/// A page whose posts run over more than a day leaves the day of a shown time unsure: the
/// time is still read apart from the title, but not taken as the key event's time.
#[test]
fn a_shown_time_is_not_dated_on_a_page_whose_posts_run_over_days() {
    // The older post two days before the newer one.
    let page = guardian_amp(&event("b0", "09.26 GMT", "Sunak faces vote"))
        .replace("1702479600000", "1702306800000");
    let b = formats::parse(page.as_bytes()).unwrap();
    assert_eq!(heads(&b), [("Sunak faces vote", Some("b0"), None)]);
}

/// An older page of a blog (`?page=with:block-<id>`) lists the blog's key events up to its
/// newest, a day after its own posts: one that is a post on the page takes that post's time,
/// and those above it are dated going up the list, past midnight onto the next day.
#[test]
fn key_events_newer_than_an_older_pages_posts_are_dated_on_their_own_day() {
    let events = [
        event("c3", "10.15 GMT", "Talks resume"),
        event("c2", "00.40 GMT", "Vote passes after midnight"),
        event("c1", "21.30 GMT", "Debate opens"),
        event("b2", "17.05 GMT", "10 Downing Street responds"),
        event("b0", "09.26 GMT", "Sunak faces vote"),
    ]
    .concat();
    let b = formats::parse(guardian_amp(&events).as_bytes()).unwrap();
    let times: Vec<(&str, Option<String>)> =
        heads(&b).into_iter().map(|(t, _, at)| (t, at)).collect();
    assert_eq!(
        times,
        [
            ("Talks resume", Some("2023-12-14T10:15:00Z".into())),
            (
                "Vote passes after midnight",
                Some("2023-12-14T00:40:00Z".into())
            ),
            ("Debate opens", Some("2023-12-13T21:30:00Z".into())),
            (
                "10 Downing Street responds",
                Some("2023-12-13T17:05:00Z".into())
            ),
            ("Sunak faces vote", Some("2023-12-13T09:26:00Z".into())),
        ]
    );
}

/// A key event that is a post on the page takes the post's time, not the one it shows: the
/// Guardian shows when a post was created, and lists it by when it was published.
#[test]
fn a_key_event_on_the_page_takes_its_posts_time() {
    let b =
        formats::parse(guardian_amp(&event("b2", "16.58 GMT", "Statement")).as_bytes()).unwrap();
    assert_eq!(
        heads(&b),
        [("Statement", Some("b2"), Some("2023-12-13T17:05:00Z".into()))]
    );
}

/// One day's list, as the politics blog of 13 December 2023 gives it, reads on that day: the
/// post drafted at 09.41 and published after the one at 10.10 is listed above it, which is no
/// new day.
#[test]
fn a_single_days_list_reads_on_its_day_with_a_drafted_post_out_of_order() {
    let events = [
        event("b2", "17.05 GMT", "10 Downing Street responds"),
        event("a3", "11.45 GMT", "Drakeford to step down"),
        event("a2", "09.41 GMT", "Cleverly on the ECHR"),
        event("a1", "10.10 GMT", "Poll on Sunak"),
        event("a0", "09.26 GMT", "Cleverly on the Rwanda bill"),
    ]
    .concat();
    let b = formats::parse(guardian_amp(&events).as_bytes()).unwrap();
    let times: Vec<Option<String>> = heads(&b).into_iter().map(|(_, _, at)| at).collect();
    assert_eq!(
        times,
        [
            Some("2023-12-13T17:05:00Z".into()),
            Some("2023-12-13T11:45:00Z".into()),
            Some("2023-12-13T09:41:00Z".into()),
            Some("2023-12-13T10:10:00Z".into()),
            Some("2023-12-13T09:26:00Z".into()),
        ]
    );
}
