//! Turning a [`ProcessResult`] into an axum response.
//!
//! Streams are written the way the SDK behind Starlette writes them: each
//! event as `data: <compact JSON>\n\n`, flushed as soon as it is produced, no
//! `event:`/`id:` lines, no heartbeat. Failures are the app's to map (it
//! knows its error format); see [`crate::ProcessError`].

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures::StreamExt;

use crate::driver::ProcessResult;
use crate::types::ThreadStreamEvent;

/// `content-type` of event streams (Starlette appends the charset too).
pub const EVENT_STREAM: &str = "text/event-stream; charset=utf-8";

/// One event as an SSE frame.
pub fn encode_event(event: &ThreadStreamEvent) -> Bytes {
    match serde_json::to_vec(event) {
        Ok(json) => {
            let mut frame = Vec::with_capacity(json.len() + 8);
            frame.extend_from_slice(b"data: ");
            frame.extend_from_slice(&json);
            frame.extend_from_slice(b"\n\n");
            Bytes::from(frame)
        }
        Err(e) => {
            // Our own types always serialise; if one ever does not, say so in
            // the stream rather than cutting it.
            tracing::error!(error = %e, "an event failed to serialise");
            Bytes::from_static(
                b"data: {\"type\":\"error\",\"code\":\"stream.error\",\"allow_retry\":true}\n\n",
            )
        }
    }
}

impl IntoResponse for ProcessResult {
    fn into_response(self) -> Response {
        match self {
            ProcessResult::Json(body) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                body,
            )
                .into_response(),
            ProcessResult::Stream(events) => {
                let frames = events.map(|event| Ok::<_, Infallible>(encode_event(&event)));
                let mut response = Response::new(Body::from_stream(frames));
                *response.status_mut() = StatusCode::OK;
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(EVENT_STREAM));
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                // Tell buffering reverse proxies (nginx) to pass events through at once.
                headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
                response
            }
        }
    }
}
