//! A message as words: each knows where it stands in the original text (so
//! a title keeps the user's spelling and punctuation) and carries a
//! lowercase key that phrases are matched on.

/// Characters that may open a word without belonging to it.
const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '«', '(', '[', '{', '*', '•', '-', '–', '—', '@',
];
/// Characters that may close a word without belonging to it.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', ')', ']', '}', '.', ',', '!', '?', ';', ':', '*', '-', '–', '—',
];
const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»'];

/// Spellings that mean the same word, so phrases are written once.
const ALIASES: &[(&str, &str)] = &[
    ("whats", "what's"),
    ("dont", "don't"),
    ("im", "i'm"),
    ("ive", "i've"),
    ("isnt", "isn't"),
    ("todays", "today's"),
    ("to-do", "todo"),
    ("to-dos", "todos"),
    ("re-open", "reopen"),
    ("un-complete", "uncomplete"),
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
    ("tomorow", "tomorrow"),
    ("tommorow", "tomorrow"),
    ("tommorrow", "tomorrow"),
    ("tonite", "tonight"),
    ("a.m", "am"),
    ("p.m", "pm"),
    ("pls", "please"),
    ("plz", "please"),
    ("u", "you"),
];

/// One word of a message.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Byte range of the word in the message, without the punctuation
    /// around it.
    pub start: usize,
    pub end: usize,
    /// End of the punctuation that follows the word, up to the next space.
    pub trail_end: usize,
    /// Lowercase, apostrophes straightened, common spellings unified.
    pub key: String,
    /// Inside quotation marks: the user's own words, never read as a date
    /// or a priority ("add \"meet at 5pm\" tomorrow").
    pub quoted: bool,
}

/// A run of words, `from..to` by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub from: usize,
    pub to: usize,
}

impl Span {
    pub fn new(from: usize, to: usize) -> Span {
        Span { from, to }
    }

    pub fn len(self) -> usize {
        self.to.saturating_sub(self.from)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The words from `at` to the end.
    pub fn from(self, at: usize) -> Span {
        Span::new(at.clamp(self.from, self.to), self.to)
    }

    /// The words before `at`.
    pub fn until(self, at: usize) -> Span {
        Span::new(self.from, at.clamp(self.from, self.to))
    }
}

/// A message split into words.
#[derive(Debug)]
pub(super) struct Message<'a> {
    text: &'a str,
    words: Vec<Word>,
}

impl<'a> Message<'a> {
    pub fn new(text: &'a str) -> Message<'a> {
        Message {
            text,
            words: tokenize(text),
        }
    }

    /// Every word.
    pub fn all(&self) -> Span {
        Span::new(0, self.words.len())
    }

    pub fn word(&self, at: usize) -> Option<&Word> {
        self.words.get(at)
    }

    pub fn key(&self, at: usize) -> &str {
        self.words.get(at).map_or("", |w| w.key.as_str())
    }

    pub fn keys(&self, span: Span) -> Vec<&str> {
        (span.from..span.to).map(|at| self.key(at)).collect()
    }

    /// The punctuation right after word `at` ("," in "milk, eggs").
    pub fn trailing(&self, at: usize) -> &'a str {
        self.words
            .get(at)
            .and_then(|w| self.text.get(w.end..w.trail_end))
            .unwrap_or("")
    }

    /// The punctuation right before word `at` ("(" in "(urgent)").
    pub fn leading(&self, at: usize) -> &'a str {
        let from = at
            .checked_sub(1)
            .and_then(|before| self.words.get(before))
            .map_or(0, |w| w.trail_end);
        self.words
            .get(at)
            .and_then(|w| self.text.get(from..w.start))
            .map_or("", str::trim_start)
    }

    /// The original text of `span`, from its first word to its last.
    pub fn text(&self, span: Span) -> &'a str {
        if span.is_empty() {
            return "";
        }
        match (self.words.get(span.from), self.words.get(span.to - 1)) {
            (Some(first), Some(last)) => self.text.get(first.start..last.end).unwrap_or(""),
            _ => "",
        }
    }

    /// The original text of `span` with the words `remove` says to drop cut
    /// out; what stood between a cut run and the next kept word (a comma)
    /// stays.
    pub fn text_without(&self, span: Span, remove: impl Fn(usize) -> bool) -> String {
        let mut out = String::new();
        let mut last_kept: Option<usize> = None;
        for at in span.from..span.to {
            if remove(at) {
                continue;
            }
            let Some(word) = self.words.get(at) else {
                break;
            };
            if let Some(kept) = last_kept {
                let gap_from = if kept + 1 == at {
                    self.words.get(kept).map_or(word.start, |w| w.end)
                } else {
                    // Keep the kept word's own punctuation ("milk,") and what
                    // followed the cut ("…tomorrow, and").
                    out.push_str(self.trailing(kept));
                    out.push(' ');
                    self.words.get(at - 1).map_or(word.start, |w| w.end)
                };
                out.push_str(self.text.get(gap_from..word.start).unwrap_or(" "));
            }
            out.push_str(self.text.get(word.start..word.end).unwrap_or(""));
            last_kept = Some(at);
        }
        out
    }

    /// Whether `span` starts with `phrase` (keys separated by spaces).
    fn matches_at(&self, span: Span, at: usize, phrase: &str) -> Option<usize> {
        let mut len = 0;
        for part in phrase.split(' ') {
            if at + len >= span.to || self.key(at + len) != part {
                return None;
            }
            len += 1;
        }
        Some(len)
    }

    /// The rest of `span` after the longest of `phrases` it starts with.
    pub fn after_any(&self, span: Span, phrases: &[&str]) -> Option<Span> {
        phrases
            .iter()
            .filter_map(|p| self.matches_at(span, span.from, p))
            .max()
            .map(|len| span.from(span.from + len))
    }

    /// `span` without the longest of `phrases` it ends with.
    pub fn before_any(&self, span: Span, phrases: &[&str]) -> Option<Span> {
        phrases
            .iter()
            .filter_map(|p| {
                let len = p.split(' ').count();
                let at = span.to.checked_sub(len).filter(|at| *at >= span.from)?;
                self.matches_at(span, at, p).map(|_| len)
            })
            .max()
            .map(|len| span.until(span.to - len))
    }

    /// Whether `span` is exactly one of `phrases`.
    pub fn is_any(&self, span: Span, phrases: &[&str]) -> bool {
        phrases
            .iter()
            .any(|p| self.matches_at(span, span.from, p) == Some(span.len()))
    }

    /// Where one of `phrases` occurs in `span`: (start, length), leftmost
    /// first.
    pub fn find_any(&self, span: Span, phrases: &[&str]) -> Vec<(usize, usize)> {
        (span.from..span.to)
            .filter_map(|at| {
                phrases
                    .iter()
                    .filter_map(|p| self.matches_at(span, at, p))
                    .max()
                    .map(|len| (at, len))
            })
            .collect()
    }
}

/// Words of one span being read: what is understood is marked, and what is
/// left over is the title.
pub(super) struct Reading<'m, 'a> {
    message: &'m Message<'a>,
    span: Span,
    read: Vec<bool>,
}

impl<'m, 'a> Reading<'m, 'a> {
    pub fn new(message: &'m Message<'a>, span: Span) -> Self {
        Reading {
            message,
            span,
            read: vec![false; span.len()],
        }
    }

    fn is_read(&self, at: usize) -> bool {
        self.read.get(at - self.span.from).copied().unwrap_or(true)
    }

    /// Mark `span` as understood.
    pub fn mark(&mut self, span: Span) {
        for at in span.from.max(self.span.from)..span.to.min(self.span.to) {
            self.read[at - self.span.from] = true;
        }
    }

    /// Runs of words still to read, quoted words excepted.
    fn runs(&self) -> Vec<Span> {
        let mut runs = Vec::new();
        let mut start = None;
        for at in self.span.from..=self.span.to {
            let open = at < self.span.to
                && !self.is_read(at)
                && self.message.word(at).is_some_and(|w| !w.quoted);
            match (open, start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    runs.push(Span::new(from, at));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }

    /// Offer every unread stretch to `phrase`, left to right: given the keys
    /// from a word to the end of its run (and that word's index), it answers
    /// how many words it understood and what they mean. Understood words
    /// are marked and their meanings returned in order.
    pub fn take_all<T>(
        &mut self,
        mut phrase: impl FnMut(&[&str], usize) -> Option<(usize, T)>,
    ) -> Vec<T> {
        let mut found = Vec::new();
        for run in self.runs() {
            let keys = self.message.keys(run);
            let mut offset = 0;
            while offset < keys.len() {
                match phrase(&keys[offset..], run.from + offset) {
                    Some((len, meaning)) if len > 0 => {
                        let len = len.min(keys.len() - offset);
                        self.mark(Span::new(run.from + offset, run.from + offset + len));
                        found.push(meaning);
                        offset += len;
                    }
                    _ => offset += 1,
                }
            }
        }
        found
    }

    /// The keys of the words not yet understood.
    pub fn unread_keys(&self) -> Vec<&'m str> {
        (self.span.from..self.span.to)
            .filter(|at| !self.is_read(*at))
            .filter_map(|at| self.message.word(at).map(|w| w.key.as_str()))
            .collect()
    }

    /// The first and last word not yet understood.
    pub fn unread_bounds(&self) -> Option<(usize, usize)> {
        let mut unread = (self.span.from..self.span.to).filter(|at| !self.is_read(*at));
        let first = unread.next()?;
        Some((first, unread.next_back().unwrap_or(first)))
    }

    /// The original text of the words not yet understood, tidied.
    pub fn leftover(&self) -> String {
        tidy(&self.message.text_without(self.span, |at| self.is_read(at)))
    }
}

/// Text left over from a message, made presentable: single spaces, no
/// space before punctuation, no punctuation or brackets left dangling at the
/// ends, and no quotation marks around the whole.
pub(super) fn tidy(text: &str) -> String {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        (" ,", ","),
        (" ;", ";"),
        (" :", ":"),
        (" .", "."),
        (" !", "!"),
        (" ?", "?"),
        (",,", ","),
        ("()", ""),
        ("[]", ""),
        ("( )", ""),
        ("[ ]", ""),
    ] {
        while text.contains(from) {
            text = text.replace(from, to);
        }
    }
    loop {
        let trimmed = text
            .trim_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '-' | '–' | '—')
            })
            .to_string();
        let unquoted = strip_wrapping_quotes(&trimmed).to_string();
        if unquoted == text {
            return text;
        }
        text = unquoted;
    }
}

/// `text` without quotation marks around all of it, or a lone one left at
/// either end once the words beside it were read (`the task "call mom`).
fn strip_wrapping_quotes(text: &str) -> &str {
    let quotes = text.matches(QUOTES).count();
    let mut chars = text.chars();
    match (chars.next(), chars.next_back()) {
        (Some(open), Some(close))
            if QUOTES.contains(&open) && QUOTES.contains(&close) && quotes == 2 =>
        {
            chars.as_str().trim()
        }
        (Some(open), _) if QUOTES.contains(&open) && quotes == 1 => text[open.len_utf8()..].trim(),
        (_, Some(close)) if QUOTES.contains(&close) && quotes == 1 => {
            text[..text.len() - close.len_utf8()].trim()
        }
        _ => text,
    }
}

/// `text` without any of `leading` words at its start and `trailing` words
/// at its end (case-insensitive), e.g. the "on" of "call mom on" once
/// "Friday" was understood.
pub(super) fn trim_words(text: &str, leading: &[&str], trailing: &[&str]) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    while words.len() > 1
        && words
            .first()
            .is_some_and(|w| leading.iter().any(|l| l.eq_ignore_ascii_case(w)))
    {
        words.remove(0);
    }
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let w = w.trim_end_matches([',', ';', ':']);
            trailing.iter().any(|t| t.eq_ignore_ascii_case(w))
        })
    {
        words.pop();
    }
    tidy(&words.join(" "))
}

fn tokenize(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut open_quote: Option<usize> = None;
    for (chunk_start, chunk) in chunks(text) {
        let core_from = chunk.len() - chunk.trim_start_matches(OPENERS).len();
        let core = chunk[core_from..].trim_end_matches(CLOSERS);
        let core_to = core_from + core.len();
        if open_quote.is_none() && chunk[..core_from].contains(QUOTES) {
            open_quote = Some(words.len());
        }
        if !core.is_empty() {
            words.push(Word {
                start: chunk_start + core_from,
                end: chunk_start + core_to,
                trail_end: chunk_start + chunk.len(),
                key: key_of(core),
                quoted: open_quote.is_some(),
            });
        }
        if chunk[core_to..].contains(QUOTES) {
            open_quote = None;
        }
    }
    // A quotation mark never closed was an apostrophe or a slip: the words
    // after it are read as usual.
    if let Some(from) = open_quote {
        for word in &mut words[from..] {
            word.quoted = false;
        }
    }
    words
}

/// The whitespace-separated chunks of `text` with their byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |chunk| {
        // `split_whitespace` yields subslices of `text`.
        let start = chunk.as_ptr() as usize - text.as_ptr() as usize;
        (start, chunk)
    })
}

fn key_of(core: &str) -> String {
    let key = core.to_lowercase().replace(['’', '‘'], "'");
    ALIASES
        .iter()
        .find(|(spelling, _)| *spelling == key)
        .map_or(key, |(_, word)| (*word).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_place_and_get_keys() {
        let message = Message::new("  Buy “Milk”, tmrw!! #Errands ");
        let keys = message.keys(message.all());
        assert_eq!(keys, ["buy", "milk", "tomorrow", "#errands"]);
        assert_eq!(message.text(message.all()), "Buy “Milk”, tmrw!! #Errands");
        assert_eq!(message.trailing(1), "”,");
        assert!(message.word(1).is_some_and(|w| w.quoted));
        assert!(message.word(2).is_some_and(|w| !w.quoted));
    }

    #[test]
    fn an_unclosed_quote_quotes_nothing() {
        let message = Message::new("call 'mom tomorrow");
        assert!(message.word(2).is_some_and(|w| !w.quoted));
    }

    #[test]
    fn leftover_drops_read_words_and_dangling_punctuation() {
        let message = Message::new("buy milk tomorrow at 5pm, high priority #errands");
        let mut reading = Reading::new(&message, message.all());
        reading.mark(Span::new(2, 8));
        assert_eq!(reading.leftover(), "buy milk");

        let message = Message::new("milk, eggs tomorrow, and bread");
        let mut reading = Reading::new(&message, message.all());
        reading.mark(Span::new(2, 3));
        assert_eq!(reading.leftover(), "milk, eggs, and bread");
    }

    #[test]
    fn tidy_and_trim_words() {
        assert_eq!(tidy("  “buy milk”  "), "buy milk");
        assert_eq!(tidy("call mom () ,"), "call mom");
        assert_eq!(tidy("\"call mom"), "call mom");
        assert_eq!(tidy("mom's"), "mom's");
        assert_eq!(
            trim_words("to call mom on", &["to"], &["on", "at"]),
            "call mom"
        );
    }
}
