//! The ChatKit server protocol, as `openai-chatkit` 1.6.5 serves it through
//! `ChatKitServer.process()`, for Rust applications.
//!
//! This crate knows nothing about any product: it holds the wire types
//! ([`types`], [`widgets`]), the persistence contract ([`Store`]), the hooks an
//! application implements ([`ChatKitServer`]), the request driver that gives
//! every request the SDK's persistence and event semantics ([`process`]), and
//! the glue that turns a result into an axum response ([`http`]).

pub mod driver;
pub mod error;
pub mod http;
pub mod ids;
pub mod server;
pub mod store;
pub mod stream;
pub mod timestamp;
pub mod types;
pub mod widgets;

pub use driver::{ChatKit, ProcessResult};
pub use error::{HookError, ProcessError, StoreError};
pub use server::{ChatKitServer, EventStream, ThreadCell};
pub use store::{AttachmentStore, ItemKind, Store};
pub use timestamp::Timestamp;
