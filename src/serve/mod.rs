//! The replay server: a real HTTP server on loopback that replays a blog as if live.

pub mod timeline;
pub mod writers;

pub use timeline::{Change, ChangeKind, ReplayOptions, Snapshot, Timeline};
