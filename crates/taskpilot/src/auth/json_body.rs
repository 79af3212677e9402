//! [`JsonBody`]: like `axum::Json`, but every way a body can be wrong becomes
//! our `{code, message}` JSON error, naming the field at fault.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// A JSON request body deserialized into `T`. Rejections: 400 when the body is
/// not JSON (wrong `Content-Type` or bad syntax) or lacks/mistypes a field, 413
/// when it is larger than `MAX_BODY_BYTES`.
#[derive(Debug, Clone)]
pub(crate) struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
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
        parse(&bytes).map(JsonBody)
    }
}

pub(crate) fn has_json_content_type(headers: &HeaderMap) -> bool {
    let Some(content_type) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Deserialize `bytes`, with errors that say which field is wrong and how.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let not_json = |e: serde_json::Error| {
        ApiError::bad_request(format!("request body is not valid JSON: {e}"))
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if !inner.is_data() {
            return not_json(inner);
        }
        // serde says "missing field `x`" itself; for a wrong type it does not
        // name the field, so the path does.
        let what = without_position(&inner);
        if path == "." {
            ApiError::bad_request(format!("invalid request body: {what}"))
        } else {
            ApiError::bad_request(format!("invalid request body: field `{path}`: {what}"))
        }
    })?;
    // Anything after the value (other than whitespace) makes it not JSON.
    deserializer.end().map_err(not_json)?;
    Ok(value)
}

/// serde_json's message without its " at line 1 column 9" suffix (which means
/// little for a one-line body).
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    message
        .strip_suffix(&suffix)
        .map(str::to_string)
        .unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct SignIn {
        email: String,
        password: String,
    }

    fn message(body: &str) -> String {
        match parse::<SignIn>(body.as_bytes()) {
            Err(ApiError::BadRequest { message, .. }) => message,
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named() {
        assert_eq!(
            message(r#"{"email": "a@b.co"}"#),
            "invalid request body: missing field `password`"
        );
    }

    #[test]
    fn a_mistyped_field_is_named() {
        assert_eq!(
            message(r#"{"email": 5, "password": "x"}"#),
            "invalid request body: field `email`: invalid type: integer `5`, expected a string"
        );
    }

    #[test]
    fn bad_syntax_says_so() {
        assert!(
            message("email=a@b.co").starts_with("request body is not valid JSON"),
            "{}",
            message("email=a")
        );
        assert!(message(r#"{"email": "#).starts_with("request body is not valid JSON"));
        assert!(
            message(r#"{"email": "a@b.co", "password": "x"} trailing"#)
                .starts_with("request body is not valid JSON")
        );
    }

    #[test]
    fn json_content_types_are_recognised() {
        let with = |ct: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static(ct),
            );
            has_json_content_type(&headers)
        };
        assert!(with("application/json"));
        assert!(with("application/json; charset=utf-8"));
        assert!(with("Application/JSON"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!has_json_content_type(&HeaderMap::new()));
    }
}
