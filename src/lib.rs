//! liveblog: a terminal reader for news live blogs.
//!
//! Data flows one way: a source is fetched (`net`) or read, parsed (`formats`) into a
//! [`blog::LiveBlog`], merged into the reader's state (`tui::model`) and drawn (`tui::ui`).

pub mod alert;
pub mod blog;
pub mod config;
pub mod crash;
pub mod dump;
pub mod event;
pub mod follow;
pub mod formats;
pub mod glance;
pub mod live;
pub mod logging;
pub mod net;
pub mod sanitize;
pub mod serve;
pub mod session;
pub mod source;
pub mod store;
pub mod tui;
mod word8;
