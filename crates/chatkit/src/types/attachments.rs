//! Attachments: files and images the user adds to a message.
//!
//! `metadata` is for the server only: it is stored but the SDK strips it from
//! every response. Call [`Attachment::without_metadata`] (or
//! [`super::ThreadItem::strip_attachment_metadata`]) before sending.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

tagged_union! {
    /// A file or image attached to a user message.
    pub enum Attachment ("attachment") {
        /// Any file.
        File(FileAttachment) = "file",
        /// An image, with a preview.
        Image(ImageAttachment) = "image",
    }
}

/// Where and how the client uploads the bytes (two-phase upload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadDescriptor {
    /// The upload address.
    #[serde(serialize_with = "serialize_url")]
    pub url: String,
    /// POST or PUT.
    pub method: UploadMethod,
    /// Headers to send with the upload.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
}

/// The HTTP method of an upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadMethod {
    /// `POST`.
    #[serde(rename = "POST")]
    Post,
    /// `PUT`.
    #[serde(rename = "PUT")]
    Put,
}

/// A generic file attachment.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FileAttachment {
    /// The attachment id (`atc_…`).
    pub id: String,
    /// The file name.
    pub name: String,
    /// The MIME type.
    pub mime_type: String,
    /// Two-phase upload instructions; `None` once uploaded.
    #[serde(default)]
    pub upload_descriptor: Option<UploadDescriptor>,
    /// The thread it belongs to, set when a message using it is saved.
    #[serde(default)]
    pub thread_id: Option<String>,
    /// Server-only data; stripped from responses.
    #[serde(default)]
    pub metadata: Option<Map<String, Value>>,
}
wire_serialize!(
    FileAttachment,
    [
        id,
        name,
        mime_type,
        upload_descriptor = opt,
        thread_id = opt,
        metadata = opt
    ],
    "file",
    []
);

/// An image attachment.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ImageAttachment {
    /// The attachment id (`atc_…`).
    pub id: String,
    /// The file name.
    pub name: String,
    /// The MIME type.
    pub mime_type: String,
    /// Two-phase upload instructions; `None` once uploaded.
    #[serde(default)]
    pub upload_descriptor: Option<UploadDescriptor>,
    /// The thread it belongs to, set when a message using it is saved.
    #[serde(default)]
    pub thread_id: Option<String>,
    /// Server-only data; stripped from responses.
    #[serde(default)]
    pub metadata: Option<Map<String, Value>>,
    /// Where the client loads the preview from.
    pub preview_url: String,
}
wire_serialize!(
    ImageAttachment,
    [
        id,
        name,
        mime_type,
        upload_descriptor = opt,
        thread_id = opt,
        metadata = opt
    ],
    "image",
    [preview_url = url]
);

/// Writes a URL as pydantic's `AnyUrl` does for the common case: an
/// `http(s)` origin without a path gets a trailing `/`
/// (`https://example.com?q` → `https://example.com/?q`).
pub(crate) fn normalize_url(url: &str) -> Cow<'_, str> {
    let Some(rest_at) = ["https://", "http://"]
        .iter()
        .find(|scheme| {
            url.get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        })
        .map(|scheme| scheme.len())
    else {
        return Cow::Borrowed(url);
    };
    let authority_end = url[rest_at..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| rest_at + i);
    if url[authority_end..].starts_with('/') {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(format!(
            "{}/{}",
            &url[..authority_end],
            &url[authority_end..]
        ))
    }
}

fn serialize_url<S: serde::Serializer>(url: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&normalize_url(url))
}

impl Attachment {
    /// The attachment id.
    pub fn id(&self) -> &str {
        match self {
            Attachment::File(a) => &a.id,
            Attachment::Image(a) => &a.id,
        }
    }

    /// The file name.
    pub fn name(&self) -> &str {
        match self {
            Attachment::File(a) => &a.name,
            Attachment::Image(a) => &a.name,
        }
    }

    /// The MIME type.
    pub fn mime_type(&self) -> &str {
        match self {
            Attachment::File(a) => &a.mime_type,
            Attachment::Image(a) => &a.mime_type,
        }
    }

    /// The thread it belongs to, once linked.
    pub fn thread_id(&self) -> Option<&str> {
        match self {
            Attachment::File(a) => a.thread_id.as_deref(),
            Attachment::Image(a) => a.thread_id.as_deref(),
        }
    }

    /// Links the attachment to a thread.
    pub fn set_thread_id(&mut self, thread_id: impl Into<String>) {
        let thread_id = Some(thread_id.into());
        match self {
            Attachment::File(a) => a.thread_id = thread_id,
            Attachment::Image(a) => a.thread_id = thread_id,
        }
    }

    /// The server-only metadata.
    pub fn metadata(&self) -> Option<&Map<String, Value>> {
        match self {
            Attachment::File(a) => a.metadata.as_ref(),
            Attachment::Image(a) => a.metadata.as_ref(),
        }
    }

    /// Drops the server-only metadata in place.
    pub fn strip_metadata(&mut self) {
        match self {
            Attachment::File(a) => a.metadata = None,
            Attachment::Image(a) => a.metadata = None,
        }
    }

    /// A copy fit for a client: without `metadata`.
    pub fn without_metadata(&self) -> Attachment {
        let mut copy = self.clone();
        copy.strip_metadata();
        copy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_round_trip_and_metadata_stripping() {
        let json = r#"{"id":"atc","name":"a.png","mime_type":"image/png","upload_descriptor":{"url":"https://up.example.com/","method":"PUT","headers":{"b":"1","a":"2"}},"thread_id":"t","metadata":{"k":1},"type":"image","preview_url":"https://example.com/"}"#;
        let attachment: Attachment = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&attachment).unwrap(), json);
        assert_eq!(attachment.id(), "atc");
        let client = serde_json::to_string(&attachment.without_metadata()).unwrap();
        assert!(!client.contains("metadata"), "{client}");
    }

    #[test]
    fn urls_are_written_like_any_url() {
        for (given, written) in [
            ("https://example.com", "https://example.com/"),
            ("https://example.com?x=1", "https://example.com/?x=1"),
            ("http://a.b:8080#f", "http://a.b:8080/#f"),
            ("https://a.b/c", "https://a.b/c"),
            ("data:image/png;base64,xx", "data:image/png;base64,xx"),
        ] {
            assert_eq!(normalize_url(given), written);
        }
        let attachment: Attachment = serde_json::from_str(
            r#"{"type":"image","id":"a","name":"n","mime_type":"image/png","upload_descriptor":{"url":"https://up.example.com","method":"POST"},"preview_url":"https://example.com"}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&attachment).unwrap(),
            r#"{"id":"a","name":"n","mime_type":"image/png","upload_descriptor":{"url":"https://up.example.com/","method":"POST","headers":{}},"type":"image","preview_url":"https://example.com/"}"#
        );
    }

    #[test]
    fn file_attachment_minimal() {
        let mut attachment: Attachment =
            serde_json::from_str(r#"{"type":"file","id":"atc_1","name":"a.txt","mime_type":"text/plain","metadata":null}"#)
                .unwrap();
        attachment.set_thread_id("thr_1");
        assert_eq!(
            serde_json::to_string(&attachment).unwrap(),
            r#"{"id":"atc_1","name":"a.txt","mime_type":"text/plain","thread_id":"thr_1","type":"file"}"#
        );
        assert!(
            serde_json::from_str::<Attachment>(
                r#"{"type":"image","id":"a","name":"n","mime_type":"image/png"}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<UploadDescriptor>(r#"{"url":"u","method":"put"}"#).is_err());
    }
}
