//! How an entry's links are numbered: one rule for the reader's `[n]` marks and its `f` list,
//! and for the text form's marks and the addresses listed under each entry.

/// The number (from 1) of a link to `url` in an entry whose links so far are `links`: the one
/// it already has when the entry linked that address before, so that one address is listed
/// once, else the next, with `url` added.
pub fn link_number(links: &mut Vec<String>, url: &str) -> usize {
    if let Some(i) = links.iter().position(|l| l == url) {
        return i + 1;
    }
    links.push(url.to_owned());
    links.len()
}

/// The number (from 1) of an image's or embed's address: always a number of its own, as each
/// picture and embed is a thing of its own in the entry, even where a link led there before.
pub fn media_number(links: &mut Vec<String>, url: &str) -> usize {
    links.push(url.to_owned());
    links.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_linked_twice_keeps_its_number_and_media_take_their_own() {
        let mut links = Vec::new();
        assert_eq!(link_number(&mut links, "https://a/"), 1);
        assert_eq!(link_number(&mut links, "https://b/"), 2);
        assert_eq!(link_number(&mut links, "https://a/"), 1);
        assert_eq!(media_number(&mut links, "https://b/"), 3);
        assert_eq!(link_number(&mut links, "https://b/"), 2);
        assert_eq!(links, ["https://a/", "https://b/", "https://b/"]);
    }
}
