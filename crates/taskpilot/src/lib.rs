//! TaskPilot: a multi-user task manager with a conversational assistant that
//! speaks the ChatKit protocol. The binary in `main.rs` only parses the
//! configuration and calls [`app::serve`]; everything is composed in [`app`].
//!
//! Data flows one way: HTTP surface (`api`, `auth::routes`) → services
//! (`assistant`, `tools`, `tasks`, `auth`) → `store`. The task tools are
//! shared by the assistant and MCP; they go through `tasks` like the API.

pub mod api;
pub mod app;
pub mod assistant;
pub mod auth;
pub mod config;
pub mod error;
pub mod state;
pub mod store;
pub mod tasks;
pub mod tools;
