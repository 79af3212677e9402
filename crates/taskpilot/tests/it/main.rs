//! TaskPilot's integration tests: one binary, a module per feature. Every test
//! starts the real server on 127.0.0.1:0 with its own database from
//! [`db::fresh_database_url`] (SQLite by default, PostgreSQL when
//! `TEST_DATABASE_URL` is set) and drives it over HTTP.

mod assistant_stories;
mod auth;
mod chatkit_flow;
mod db;
mod fake_openai;
mod helpers;
mod llm_agent;
mod store_contract;
mod tasks_api;
mod tasks_listing;
mod tasks_recurrence;
