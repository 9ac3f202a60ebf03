//! The answer to the Guardian page's own live poll,
//! `<path>.json?lastUpdate=block-<id>&isLivePage=true&dcr=true`.
//!
//! It says how many blocks are newer than the one named (`numNewBlocks`, at most 5 as the site
//! computes it), the newest one's id when there are any (`mostRecentBlockId`, `"block-<id>"`)
//! and those blocks rendered as HTML (`html`), plus a key-events `timeline` in HTML. Only the
//! count and the id are read: the blocks themselves are fetched as structured page JSON, which
//! the HTML is a rendering of.

use super::{Format, FormatError};
use serde_json::Value;

/// What a live poll reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveUpdate {
    /// Blocks newer than the one the poll named.
    pub new_blocks: u64,
    /// The newest block's id without its `block-` prefix, when the answer names one.
    pub most_recent: Option<String>,
}

/// Reads a live-poll answer. A document without a numeric `numNewBlocks` is not one.
pub fn parse(bytes: &[u8]) -> Result<LiveUpdate, FormatError> {
    // serde_json stops at 128 levels of nesting, so a hostile `[[[[…` is an error, not a crash.
    let doc: Value = serde_json::from_slice(super::without_bom(bytes))
        .map_err(|e| FormatError::malformed(Format::GuardianPage, e))?;
    let Some(n) = doc.get("numNewBlocks") else {
        return Err(FormatError::NotALiveBlog(
            "the Guardian live poll's answer has no \"numNewBlocks\"".into(),
        ));
    };
    let new_blocks = n.as_u64().ok_or_else(|| {
        FormatError::malformed(
            Format::GuardianPage,
            "\"numNewBlocks\" is not a whole number",
        )
    })?;
    let most_recent = doc
        .get("mostRecentBlockId")
        .and_then(Value::as_str)
        .map(|s| s.trim().trim_start_matches("block-").to_string())
        .filter(|s| !s.is_empty());
    Ok(LiveUpdate {
        new_blocks,
        most_recent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_answer_reads_as_one_new_block_and_its_id() {
        let bytes = include_bytes!(
            "../../tests/fixtures/guardian-poll/guardian-liveblog-poll-response-tweet-block.json"
        );
        assert_eq!(
            parse(bytes).unwrap(),
            LiveUpdate {
                new_blocks: 1,
                most_recent: Some("659c06188f08f409d77a8151".into()),
            }
        );
    }

    #[test]
    fn nothing_new_and_wrong_shapes() {
        let none = parse(br#"{"numNewBlocks":0,"html":"","timeline":""}"#).unwrap();
        assert_eq!((none.new_blocks, none.most_recent), (0, None));
        assert!(matches!(
            parse(br#"{"blocks":[]}"#),
            Err(FormatError::NotALiveBlog(_))
        ));
        assert!(matches!(
            parse(br#"{"numNewBlocks":"2"}"#),
            Err(FormatError::Malformed { .. })
        ));
        assert!(matches!(
            parse(br#"{"numNewBlocks":-1}"#),
            Err(FormatError::Malformed { .. })
        ));
        assert!(parse(b"<html>").is_err());
        assert!(parse("[".repeat(100_000).as_bytes()).is_err());
    }
}
