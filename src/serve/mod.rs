//! The replay server: a real HTTP server on loopback that replays a blog as if live.
