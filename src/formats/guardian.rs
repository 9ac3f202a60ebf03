//! Not yet implemented: this format is refused with a clear error until its parser lands.

use super::{Format, FormatError};
use crate::blog::LiveBlog;

pub fn parse(_bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    Err(FormatError::NotALiveBlog(format!(
        "{} is not supported yet",
        Format::GuardianPage.name()
    )))
}
