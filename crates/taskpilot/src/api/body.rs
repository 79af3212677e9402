//! [`ApiJson`]: the REST API's JSON request body. A body that is not JSON is
//! a 400; JSON that does not fit (a wrong type, an unknown or missing field)
//! is a 422 naming the field, like any other invalid input.

use axum::extract::{FromRequest, Request};
use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::auth::json_body::has_json_content_type;
use crate::error::ApiError;
use crate::state::AppState;
use crate::tasks::FieldError;

/// A JSON request body deserialized into `T` (see the module docs).
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        if !has_json_content_type(req.headers()) {
            return Err(ApiError::bad_request(
                "request body must be JSON (Content-Type: application/json)",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            ApiError::from_body_rejection(rejection, state.config.max_body_bytes)
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Deserialize `bytes`: first as JSON (else a 400), then into `T` (else a
/// 422 naming the field), so a truncated body is never reported as a
/// field problem.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("request body is not valid JSON: {e}")))?;
    if !value.is_object() {
        // serde would read an array into a struct by position.
        return Err(ApiError::Validation(vec![FieldError::new(
            "body",
            "the body must be a JSON object, e.g. {\"title\": \"Buy milk\"}",
        )]));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ApiError::Validation(vec![field_error(&path, &e.into_inner().to_string())])
    })
}

/// Every field name the API's bodies have: a refusal names one of these, or
/// `body` when the field is not one of ours.
const FIELDS: [&str; 12] = [
    "title",
    "description",
    "completed",
    "priority",
    "tags",
    "due",
    "remind_at",
    "recurrence",
    "time_zone",
    "conversation_id",
    "message",
    "body",
];

/// The field a serde data error is about: the path's first segment (a
/// field of the body's type), or `body` for a field the type does not have.
fn field_error(path: &str, message: &str) -> FieldError {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return FieldError::new("body", format!("there is no field `{name}`"));
    }
    let named = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let candidate = match (path, named) {
        (".", Some(name)) => name,
        (path, _) => path.split(['.', '[']).next().unwrap_or_default(),
    };
    let field = FIELDS
        .iter()
        .find(|known| **known == candidate)
        .copied()
        .unwrap_or("body");
    let message = if named.is_some() {
        "this field is required".to_owned()
    } else {
        message.to_owned()
    };
    FieldError::new(field, message)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        title: String,
        done: Option<bool>,
    }

    fn fields(body: &str) -> Vec<(String, String)> {
        match parse::<Body>(body.as_bytes()) {
            Err(ApiError::Validation(fields)) => fields
                .into_iter()
                .map(|f| (f.field.to_owned(), f.message))
                .collect(),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn data_errors_name_their_field() {
        assert_eq!(
            fields(r#"{"title": 5}"#),
            [(
                "title".to_owned(),
                "invalid type: integer `5`, expected a string".to_owned()
            )]
        );
        assert_eq!(
            fields(r#"{"title": "x", "titel": "y"}"#),
            [("body".to_owned(), "there is no field `titel`".to_owned())]
        );
        assert_eq!(
            fields(r#"{}"#),
            [("title".to_owned(), "this field is required".to_owned())]
        );
    }

    #[test]
    fn only_an_object_is_a_body() {
        assert_eq!(fields(r#"["x", true]"#)[0].0, "body");
    }

    #[test]
    fn syntax_errors_are_bad_requests() {
        assert!(matches!(
            parse::<Body>(b"{\"title\": "),
            Err(ApiError::BadRequest { .. })
        ));
    }
}
