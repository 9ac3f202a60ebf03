//! The one-pass reading of Atom gives what feed-rs gives wherever it answers.

use super::super::tests::same;
use crate::serve::writers;

fn atom(inner: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" \
         xmlns:m=\"http://search.yahoo.com/mrss/\" xmlns:x=\"urn:other\">\n{inner}\n</feed>\n"
    )
}

fn entry(inner: &str) -> String {
    format!("<entry>{inner}</entry>")
}

/// Every fixture's blog (and the bundled one) written as Atom by the replay server, which is
/// how the big feed of the benchmark is made.
#[test]
fn every_fixture_written_as_atom_reads_the_same_both_ways() {
    for (name, feed) in super::super::tests::fixture_feeds_as(writers::atom) {
        assert!(same(&feed), "not taken: {name}");
    }
}

#[test]
fn common_atom_shapes_take_the_fast_path_and_read_the_same() {
    for doc in [
        atom("<title>T</title>"),
        atom(""),
        atom(&entry("<title>no feed title</title>")),
        // Links in the text relative to the entry's page (its first alternate link), or none.
        atom(&entry(
            "<id>r</id><link rel=\"self\" href=\"https://x.example/self\"/>\
             <link href=\"https://x.example/live/post\"/><content type=\"html\">\
             &lt;a href=\"/other\"&gt;o&lt;/a&gt; &lt;a href=\"next\"&gt;n&lt;/a&gt;</content>",
        )),
        atom(&entry(
            "<id>r2</id><content type=\"html\">&lt;a href=\"/x\"&gt;x&lt;/a&gt;</content>",
        )),
        atom(&format!(
            "<title type=\"html\">Election &amp;amp; after</title><subtitle type=\"text\">\
             Results &lt;live&gt;</subtitle><id>urn:x</id><updated>2024-07-04T23:30:00+01:00\
             </updated><link href=\"https://news.example/feed\" rel=\"self\"/>\
             <link href=\"HTTPS://News.example/live\"/><rights>©</rights>\
             <author><name>Desk</name></author><generator uri=\"u\">g</generator>{}",
            entry(
                "<id>post-1</id><title type=\"text\">x&lt;y &amp; z</title>\
                 <published>2024-07-04T23:00:00.25Z</published>\
                 <updated>Thu, 04 Jul 2024 23:10:00 +0100</updated>\
                 <author><name>Anna Smith</name><email>a@x.com</email></author>\
                 <author><email>desk@x.com (Ann Lee)</email></author><author/>\
                 <author><name> </name><email>b@x.com</email></author>\
                 <contributor><name>C</name></contributor><category term=\"key-event\"/>\
                 <content type=\"html\"><![CDATA[<p>Sunderland <b>declares</b>.</p>]]></content>",
            )
        )),
        // Plain text bodies, XHTML given as text, summaries when content is blank.
        atom(
            &[
                entry("<id>a</id><content>line one\n\n  line two </content>"),
                entry("<id>b</id><content type=\"xhtml\">a &lt;b&gt;</content>"),
                entry("<id>c</id><content type=\"html\">  </content><summary>kept</summary>"),
                entry("<id>d</id><content/><summary type=\"html\">&lt;p&gt;s</summary>"),
                entry("<id>e</id><summary>one</summary><summary></summary>"),
                entry("<id>f</id><content type=\"text/html\">&lt;i&gt;x</content>"),
            ]
            .concat(),
        ),
        // Ids: missing, blank, twice (an empty one keeps the first), made from the page link.
        atom(
            &[
                entry("<title>A</title><link href=\"https://x.example/a\"/>"),
                entry("<id> </id><link rel=\"self\" href=\"https://x/s\"/><link href=\" b \"/>"),
                entry("<id>k</id><id></id>"),
                entry("<link rel=\"related\" href=\"https://x/c\"/><link href=\"https://x/d\"/>"),
                entry("<link/><link href=\"\"/><title>t</title>"),
                entry("<link href=\"https://x/f?a=1&amp;b=2\"/><published>2024-01-02T10:30:00Z</published>"),
            ]
            .concat(),
        ),
        // Times: both strict forms, empty ones that keep the earlier, twice.
        atom(
            &[
                entry("<id>t1</id><updated>2024-01-02T10:30:00Z</updated><updated/>"),
                entry("<id>t2</id><pubDate>Mon, 1 Jan 2024 09:00:00 GMT</pubDate>"),
                entry("<id>t3</id><published>2024-01-02T10:30:00Z</published><published>2024-02-02T10:30:00-05:00</published>"),
            ]
            .concat(),
        ),
        // Namespaces: prefixed Atom, other namespaces skipped, undeclared prefixes read as
        // Atom, Media RSS outside entries ignored.
        "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:title>T</a:title><title>no</title>\
         <a:entry><a:id>1</a:id><a:title>one</a:title></a:entry></a:feed>"
            .to_string(),
        "<feed><title>no namespace</title><entry><id>1</id><q:title>undeclared</q:title>\
         </entry></feed>"
            .to_string(),
        atom(
            "<x:title>not this</x:title><m:thumbnail url=\"https://x/t.jpg\"/>\
             <entry><id>1</id><x:id>no</x:id><title xmlns=\"urn:other\">skipped</title>\
             <extra><title>nested</title></extra><entry><id>inner</id></entry></entry>",
        ),
        "<feed xmlns=\"urn:other\"><title>T</title><entry><id>1</id></entry></feed>".to_string(),
        // Entities, comments and CDATA in text.
        atom(&entry(
            "<id>&#x1F600;</id><title>A<!-- note -->B &#38; &unknown; <![CDATA[<i>]]></title>",
        )),
    ] {
        assert!(same(&doc), "not taken: {doc}");
    }
}

#[test]
fn atom_shapes_it_does_not_follow_are_left_to_feed_rs() {
    for doc in [
        // Markup inside text constructs, content elsewhere or of another type.
        atom("<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">T</div></title>"),
        atom(&entry(
            "<id>1</id><content type=\"xhtml\"><div>x</div></content>",
        )),
        atom(&entry(
            "<id>1</id><content src=\"https://x/a\" type=\"text/html\"/>",
        )),
        atom(&entry(
            "<id>1</id><content type=\"application/xml\"><a/></content>",
        )),
        atom(&entry(
            "<id>1</id><content type=\"text/markdown\">*x*</content>",
        )),
        atom(&entry(
            "<id>1</id><content type=\"image/png\">iVBO</content>",
        )),
        // Types feed-rs fails the feed for.
        atom("<title type=\"markdown\">x</title>"),
        atom("<rights type=\"TEXT\">x</rights>"),
        atom(&entry("<id>1</id><summary type=\"text/plain\">x</summary>")),
        // Media RSS in an entry, xml:base, times in neither strict form, an entry root.
        atom(&entry("<id>1</id><m:content url=\"https://x/v.mp4\"/>")),
        atom(&entry(
            "<id>1</id><link xml:base=\"https://x/\" href=\"a\"/>",
        )),
        atom(&entry("<id>1</id><updated>2024-01-02 10:30:00</updated>")),
        atom(&entry("<id>1</id><published>yesterday</published>")),
        "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>1</id></entry>".to_string(),
        // Names and ids holding markup, XML errors.
        atom(&entry("<author><name>A <b>B</b></name></author>")),
        atom(&entry("<id>a<x/></id>")),
        atom(&entry("<title>x</titl>")),
        atom(&entry("<title>a & b</title>")),
        // Attributes given twice, which feed-rs leaves out and quick-xml refuses.
        atom(&entry(
            "<link href=\"https://x/c\" rel=\"alternate\" rel=\"related\"/>",
        )),
        atom(&entry(
            "<link href=\"https://x/d\" href=\"https://x/e\" rel=\"related\"/>",
        )),
    ] {
        assert!(!same(&doc), "taken: {doc}");
    }
}

/// Pieces of a feed's head that the one-pass reading reads.
const FEED: &[&str] = &[
    "<title>Live: the count</title>",
    "<title type=\"html\">A &amp;amp; B &lt;i&gt;x&lt;/i&gt;</title>",
    "<title type=\"text\">x&lt;y</title>",
    "<title type=\"xhtml\">plain</title>",
    "<title/>",
    "<subtitle>Results &amp; reaction</subtitle>",
    "<subtitle type=\"html\"><![CDATA[<p>All <b>night</b></p>]]></subtitle>",
    "<updated>2024-07-04T23:30:00Z</updated>",
    "<updated>2024-07-04T23:30:00.123+02:00</updated>",
    "<updated></updated>",
    "<link href=\"https://news.example/live\"/>",
    "<link rel=\"self\" href=\"https://news.example/feed\"/>",
    "<link href=\"/relative\" rel=\"alternate\"/>",
    "<link href=\"HTTP://X.Example:80/a/../b\"/>",
    "<link rel=\"alternate\"/>",
    "<rights>r</rights>",
    "<id>urn:feed</id>",
    "<author><name>Desk</name></author>",
    "<x:title>other</x:title>",
    "<icon>https://x/i.png</icon>",
    "<!-- a comment -->",
];
/// Pieces of a feed's head the one-pass reading gives up at.
const FEED_ODD: &[&str] = &[
    "<title type=\"odd\">t</title>",
    "<updated>4 July</updated>",
    "<rights type=\"bad\">r</rights>",
    "<subtitle type=\"xhtml\"><div>x</div></subtitle>",
];
/// Pieces of an entry that the one-pass reading reads.
const ENTRY: &[&str] = &[
    "<id>e-1</id>",
    "<id> e-2 </id>",
    "<id></id>",
    "<id>&#x41;&amp;</id>",
    "<title>A title</title>",
    "<title type=\"html\">&lt;b&gt;bold&lt;/b&gt; &amp;amp;</title>",
    "<title type=\"text\">1 &lt; 2</title>",
    "<title></title>",
    "<published>2025-02-17T13:46:40Z</published>",
    "<published>Mon, 17 Feb 2025 13:46:40 +0100</published>",
    "<pubDate>2025-02-17T14:00:00+00:00</pubDate>",
    "<updated>2025-02-17T13:50:00.5Z</updated>",
    "<updated/>",
    "<link href=\"https://news.example/live#p1\"/>",
    "<link href=\"https://news.example/live#p2\" rel=\"self\"/>",
    "<link href=\" https://news.example/p3 \" rel=\"alternate\"/>",
    "<link href=\"not a url\"/>",
    "<link href=\"\"/>",
    "<author><name>Anna Smith</name></author>",
    "<author><email>desk@x.com (Ann Lee)</email></author>",
    "<author><name></name><email>e@x.com</email><uri>https://x</uri></author>",
    "<author><x:name xmlns:x=\"urn:x\">Other ns</x:name></author>",
    "<author/>",
    "<content type=\"html\">&lt;p&gt;Body &amp;amp; more&lt;/p&gt;&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;</content>",
    "<content type=\"html\"><![CDATA[<p>cdata <a href=\"https://x\">link</a></p>]]></content>",
    "<content>plain line\nsecond line</content>",
    "<content type=\"text\">   </content>",
    "<content/>",
    "<summary>Summary text</summary>",
    "<summary type=\"html\">&lt;p&gt;sum&lt;/p&gt;</summary>",
    "<category term=\"key-event\"/>",
    "<contributor><name>C</name></contributor>",
    "<rights type=\"html\">r</rights>",
    "<x:id>other</x:id>",
    "<q:title>undeclared prefix</q:title>",
    "<extra><title>nested</title></extra>",
    "<!-- c --><?pi x?>",
];
/// Pieces of an entry the one-pass reading gives up at.
const ENTRY_ODD: &[&str] = &[
    "<title type=\"xhtml\"><div>x</div></title>",
    "<published>17/02/2025</published>",
    "<author><name>a <i>b</i></name></author>",
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p></div></content>",
    "<content src=\"https://x/a.html\"/>",
    "<content type=\"text/plain\">t</content>",
    "<summary type=\"nope\">x</summary>",
    "<m:thumbnail url=\"https://x/t.jpg\"/>",
    "<link href=\"https://x/c\" rel=\"a\" rel=\"b\"/>",
    "<title>a & b</title>",
];

/// A made-up Atom document: common and odd pieces in any order, so that both the readings'
/// agreement and the one-pass reading's giving up are tried on every field.
fn random_atom(rng: &mut fastrand::Rng) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(match rng.usize(..10) {
        0 => "<feed>",
        1 => "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\" xmlns:m=\"http://search.yahoo.com/mrss/\" xmlns:x=\"urn:x\">",
        _ => "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:m=\"http://search.yahoo.com/mrss/\" xmlns:x=\"urn:x\">",
    });
    for _ in 0..rng.usize(..6) {
        out.push_str(pick(rng, FEED, FEED_ODD));
        out.push('\n');
    }
    for _ in 0..rng.usize(..8) {
        out.push_str("<entry>");
        for _ in 0..=rng.usize(..6) {
            out.push_str(pick(rng, ENTRY, ENTRY_ODD));
        }
        out.push_str("</entry>\n");
    }
    out.push_str(if out.contains("<a:feed") {
        "</a:feed>"
    } else {
        "</feed>"
    });
    out
}

/// A common piece, or one time in forty an odd one, which the one-pass reading gives up at.
fn pick(rng: &mut fastrand::Rng, common: &[&'static str], odd: &[&'static str]) -> &'static str {
    if rng.usize(..40) == 0 {
        odd[rng.usize(..odd.len())]
    } else {
        common[rng.usize(..common.len())]
    }
}

/// 4,000 made-up documents read both ways: wherever the one-pass reading answers it agrees,
/// and it both answers and gives up often enough for that to mean something.
#[test]
fn made_up_atom_feeds_read_the_same_both_ways() {
    let mut rng = fastrand::Rng::with_seed(0xa70e);
    let (mut taken, mut left) = (0, 0);
    for _ in 0..4_000 {
        if same(&random_atom(&mut rng)) {
            taken += 1;
        } else {
            left += 1;
        }
    }
    assert!(taken > 800 && left > 800, "taken {taken}, left {left}");
}
