//! `POST /api/{user_id}/chat`: the course's chat contract — a message in,
//! the assistant's answer and the tool calls it made out — on the same
//! threads as ChatKit (a `conversation_id` is a ChatKit thread id), through
//! the same ChatKit server, so both surfaces see one conversation.

use axum::Json;
use axum::extract::{Path, State};
use chatkit::driver::ProcessResult;
use chatkit::types::{ThreadItem, ThreadStreamEvent};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::ApiJson;
use super::docs::ErrorResponse;
use super::tasks::same_user;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{CallLog, RequestContext};

/// Longest message, in characters.
const MAX_MESSAGE_CHARS: usize = 4000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(chat))
}

/// A message to the assistant.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    /// The conversation to continue (a ChatKit thread id); a new one when absent.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// What the user says (1–4000 characters).
    #[schema(min_length = 1, max_length = 4000)]
    pub message: String,
}

/// The assistant's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChatResponse {
    pub conversation_id: String,
    /// The assistant's words, then what its widgets show, as text.
    pub response: String,
    /// Each task tool the assistant called: `{tool, arguments, result}`.
    pub tool_calls: Vec<Value>,
}

/// Chat with the assistant (course contract).
#[utoipa::path(post, path = "/api/{user_id}/chat", tag = "course", request_body = ChatRequest,
    params(("user_id" = String, Path, description = "Must be the token's user")),
    responses(
        (status = 200, description = "The answer", body = ChatResponse),
        (status = 400, description = "Not JSON", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 404, description = "No such conversation (or not yours)", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "A field was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn chat(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path_user): Path<String>,
    ApiJson(input): ApiJson<ChatRequest>,
) -> Result<Json<ChatResponse>, ApiError> {
    same_user(&user, &path_user)?;
    let message = input.message.trim();
    let chars = message.chars().count();
    let refuse = |why: String| {
        Err(ApiError::Validation(vec![crate::tasks::FieldError::new(
            "message", why,
        )]))
    };
    if chars == 0 || chars > MAX_MESSAGE_CHARS {
        return refuse(format!("a message is 1 to {MAX_MESSAGE_CHARS} characters"));
    }
    // NUL and other control characters cannot be stored (PostgreSQL refuses
    // NUL in text) and are never typed; line breaks and tabs are fine.
    if message
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return refuse("a message cannot contain control characters".to_owned());
    }
    let content = json!({
        "content": [{"type": "input_text", "text": message}],
        "attachments": [],
        "inference_options": {},
    });
    let request = match &input.conversation_id {
        Some(thread_id) => json!({
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": content},
        }),
        None => json!({"type": "threads.create", "params": {"input": content}}),
    };
    let log = CallLog::default();
    let mut ctx = RequestContext::from(user);
    ctx.tool_calls = Some(log.clone());
    let body = serde_json::to_vec(&request).map_err(anyhow::Error::new)?;
    let ProcessResult::Stream(mut events) = state.chatkit.process(&body, ctx).await? else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "a message answered without a stream"
        )));
    };
    let mut conversation_id = input.conversation_id.clone();
    let (mut words, mut shown, mut failure) = (Vec::new(), Vec::new(), None);
    while let Some(event) = events.next().await {
        match event {
            ThreadStreamEvent::ThreadCreated { thread } => conversation_id = Some(thread.id),
            ThreadStreamEvent::ThreadItemDone { item } => match item {
                ThreadItem::AssistantMessage(m) => words.push(m.text()),
                ThreadItem::Widget(w) => shown.extend(w.copy_text),
                _ => {}
            },
            ThreadStreamEvent::Error(error) => {
                failure = Some(
                    error
                        .message
                        .unwrap_or_else(|| "The assistant could not answer; try again.".to_owned()),
                )
            }
            _ => {}
        }
    }
    let conversation_id = conversation_id
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no conversation was created")))?;
    words.extend(shown);
    words.extend(failure);
    Ok(Json(ChatResponse {
        conversation_id,
        response: words.join("\n\n"),
        tool_calls: log.records(),
    }))
}
