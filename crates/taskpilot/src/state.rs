//! The state every handler can reach, passed explicitly (no globals).

use std::sync::Arc;

use axum::extract::FromRef;

use crate::auth::Auth;
use crate::config::Config;
use crate::store::{Db, RequestContext};
use crate::tasks::TaskService;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    pub auth: Arc<Auth>,
    pub chatkit: Arc<chatkit::ChatKit<RequestContext>>,
    pub tasks: TaskService,
}

impl FromRef<AppState> for Arc<Auth> {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}
