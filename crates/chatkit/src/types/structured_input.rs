//! Structured input: questions the assistant asks and the answers the client submits.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

tagged_union! {
    /// One question of a structured-input item.
    pub enum StructuredInput ("structured input") {
        /// Pick one or more options (free text is accepted too).
        MultipleChoice(MultipleChoiceInput) = "multiple_choice",
        /// Answer in free text.
        Freeform(FreeformInput) = "freeform",
    }
}

impl StructuredInput {
    /// The question id answers are keyed by.
    pub fn id(&self) -> &str {
        match self {
            StructuredInput::MultipleChoice(q) => &q.id,
            StructuredInput::Freeform(q) => &q.id,
        }
    }

    /// The recorded answer, if any.
    pub fn answer(&self) -> Option<&StructuredInputAnswer> {
        match self {
            StructuredInput::MultipleChoice(q) => q.answer.as_ref(),
            StructuredInput::Freeform(q) => q.answer.as_ref(),
        }
    }

    /// Records (or clears) the answer.
    pub fn set_answer(&mut self, answer: Option<StructuredInputAnswer>) {
        match self {
            StructuredInput::MultipleChoice(q) => q.answer = answer,
            StructuredInput::Freeform(q) => q.answer = answer,
        }
    }
}

/// A multiple-choice question.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MultipleChoiceInput {
    /// Stable question id.
    pub id: String,
    /// The question shown.
    pub question: String,
    /// The recorded answer.
    #[serde(default)]
    pub answer: Option<StructuredInputAnswer>,
    /// Suggested choices.
    pub options: Vec<MultipleChoiceOption>,
    /// Whether more than one value may be submitted.
    #[serde(default)]
    pub multiple: bool,
}
wire_serialize!(
    MultipleChoiceInput,
    [id, question, answer = opt],
    "multiple_choice",
    [options, multiple]
);

/// One suggested choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultipleChoiceOption {
    /// The value submitted when chosen.
    pub value: String,
}

/// A free-text question.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FreeformInput {
    /// Stable question id.
    pub id: String,
    /// The question shown.
    pub question: String,
    /// The recorded answer.
    #[serde(default)]
    pub answer: Option<StructuredInputAnswer>,
    /// Supporting text.
    #[serde(default)]
    pub description: Option<String>,
}
wire_serialize!(
    FreeformInput,
    [id, question, answer = opt],
    "freeform",
    [description = opt]
);

/// An answer, as recorded on a question and as submitted by the client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructuredInputAnswer {
    /// The values given.
    #[serde(default)]
    pub values: Vec<String>,
    /// Whether the question was skipped.
    #[serde(default)]
    pub skipped: bool,
}

impl StructuredInputAnswer {
    /// A skipped answer: `{"values":[],"skipped":true}`.
    pub fn skipped() -> Self {
        StructuredInputAnswer {
            values: Vec::new(),
            skipped: true,
        }
    }
}

/// The state of a structured-input item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StructuredInputStatus {
    /// Waiting for the user.
    #[default]
    Pending,
    /// Answered.
    Answered,
    /// Skipped as a whole.
    Skipped,
}

/// The overall status of a submission.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubmissionStatus {
    /// The user answered (some answers may still be skipped).
    #[default]
    Answered,
    /// The user skipped everything.
    Skipped,
}

impl From<SubmissionStatus> for StructuredInputStatus {
    fn from(status: SubmissionStatus) -> Self {
        match status {
            SubmissionStatus::Answered => StructuredInputStatus::Answered,
            SubmissionStatus::Skipped => StructuredInputStatus::Skipped,
        }
    }
}

/// What `threads.add_structured_input` submits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StructuredInputSubmission {
    /// Answered or skipped.
    #[serde(default)]
    pub status: SubmissionStatus,
    /// Answers keyed by question id, in the order sent.
    #[serde(default)]
    pub answers: IndexMap<String, StructuredInputAnswer>,
}
