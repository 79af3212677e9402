//! The task domain: the rules a task obeys, whichever surface (assistant,
//! API, MCP) creates or changes it.

mod title;

pub use title::{TaskTitle, TitleError};
