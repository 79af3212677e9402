//! An incremental reader of `text/event-stream` bodies: bytes in, event data out.
//!
//! Implements the parts of the SSE format a ChatKit server uses (`data:` lines,
//! blank-line dispatch) and tolerates the rest (comments, `event:`/`id:`/`retry:`
//! fields, CRLF line endings), so the checks judge the events, not the framing.

use std::fmt;

/// Why a body is not a well-formed event stream.
#[derive(Debug, PartialEq, Eq)]
pub enum SseError {
    /// A line was not UTF-8.
    NotUtf8,
    /// The body ended inside an event (no blank line after its last `data:`).
    Truncated,
}

impl fmt::Display for SseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SseError::NotUtf8 => f.write_str("event stream is not UTF-8"),
            SseError::Truncated => f.write_str("event stream ended in the middle of an event"),
        }
    }
}

impl std::error::Error for SseError {}

/// Splits a byte stream, fed chunk by chunk, into the `data` of each event.
#[derive(Debug, Default)]
pub struct SseParser {
    /// Bytes received but not yet ending in a newline.
    pending: Vec<u8>,
    /// The data lines of the event being read, joined with `\n`.
    data: Option<String>,
}

impl SseParser {
    /// Feeds one chunk and returns the data of every event it completes.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<String>, SseError> {
        let mut events = Vec::new();
        // Only the new bytes can hold a newline the pending ones did not.
        let mut search_from = self.pending.len();
        self.pending.extend_from_slice(chunk);
        let mut line_start = 0;
        while let Some(offset) = self.pending[search_from..].iter().position(|&b| b == b'\n') {
            let line_end = search_from + offset;
            let line = self.pending[line_start..line_end]
                .strip_suffix(b"\r")
                .unwrap_or(&self.pending[line_start..line_end]);
            let line = std::str::from_utf8(line).map_err(|_| SseError::NotUtf8)?;
            if let Some(data) = take_line(&mut self.data, line) {
                events.push(data);
            }
            line_start = line_end + 1;
            search_from = line_start;
        }
        self.pending.drain(..line_start);
        Ok(events)
    }

    /// Declares the body over; fails if it stopped inside an event.
    pub fn finish(self) -> Result<(), SseError> {
        if self.pending.is_empty() && self.data.is_none() {
            Ok(())
        } else {
            Err(SseError::Truncated)
        }
    }
}

/// Applies one line to the event being read (`data`); returns the event's
/// data when the line ends it.
fn take_line(data: &mut Option<String>, line: &str) -> Option<String> {
    if line.is_empty() {
        return data.take();
    }
    let (field, value) = match line.split_once(':') {
        Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
        None => (line, ""),
    };
    // Comments (empty field name) and other fields carry nothing we check.
    if field == "data" {
        match data {
            Some(data) => {
                data.push('\n');
                data.push_str(value);
            }
            None => *data = Some(value.to_owned()),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(chunks: &[&[u8]]) -> (Vec<String>, Result<(), SseError>) {
        let mut parser = SseParser::default();
        let mut events = Vec::new();
        for chunk in chunks {
            events.extend(parser.push(chunk).expect("valid chunk"));
        }
        (events, parser.finish())
    }

    #[test]
    fn reads_chatkit_framing() {
        let body =
            b"data: {\"type\":\"thread.created\"}\n\ndata: {\"type\":\"thread.item.done\"}\n\n";
        let (events, end) = parse_all(&[body]);
        assert_eq!(
            events,
            [
                r#"{"type":"thread.created"}"#,
                r#"{"type":"thread.item.done"}"#
            ]
        );
        assert_eq!(end, Ok(()));
    }

    #[test]
    fn events_split_across_chunks_at_every_byte() {
        let body: &[u8] = b"data: {\"a\":1}\n\ndata: {\"b\":\"\xc3\xa9\"}\n\n";
        for split in 0..=body.len() {
            let (events, end) = parse_all(&[&body[..split], &body[split..]]);
            assert_eq!(events, [r#"{"a":1}"#, r#"{"b":"é"}"#], "split at {split}");
            assert_eq!(end, Ok(()));
        }
    }

    #[test]
    fn joins_multiline_data_and_ignores_other_fields() {
        let body =
            b": comment\r\nevent: message\r\nid: 7\r\ndata: one\r\ndata:two\r\nretry: 10\r\n\r\n";
        let (events, end) = parse_all(&[body]);
        assert_eq!(events, ["one\ntwo"]);
        assert_eq!(end, Ok(()));
    }

    #[test]
    fn blank_lines_without_data_dispatch_nothing() {
        let (events, end) = parse_all(&[b"\n\n: keep-alive\n\n"]);
        assert!(events.is_empty());
        assert_eq!(end, Ok(()));
    }

    #[test]
    fn body_ending_inside_an_event_is_truncated() {
        assert_eq!(
            parse_all(&[b"data: {}\n\ndata: {\"x\""]).1,
            Err(SseError::Truncated)
        );
        // A complete data line still needs the blank line that dispatches it.
        assert_eq!(parse_all(&[b"data: {}\n"]).1, Err(SseError::Truncated));
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let mut parser = SseParser::default();
        assert_eq!(parser.push(b"data: \xff\n\n"), Err(SseError::NotUtf8));
    }
}
