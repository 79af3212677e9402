//! ChatKit objects are stored as the JSON the wire uses, so what the client
//! sent comes back byte for byte and new fields need no migration.

use anyhow::Context as _;
use chatkit::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The JSON text stored for `value`.
pub(super) fn encode<T: Serialize>(value: &T) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value).context("serializing a ChatKit object")?)
}

/// Reads back what [`encode`] stored. A failure means a corrupt row or a type
/// that changed incompatibly, so `what` names the row for the logs.
pub(super) fn decode<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    Ok(serde_json::from_str(text).with_context(|| format!("decoding stored {what}"))?)
}
