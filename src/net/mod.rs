//! Fetching: the HTTP client, URL to endpoint, and the poll schedule.

pub mod endpoint;
pub mod schedule;
