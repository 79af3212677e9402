//! The words of a task that `q` searches, and the words of a search.
//!
//! A search matches a task when every word of the search begins a word of
//! the task's title or description: "groc" finds "Buy groceries", "milk buy"
//! finds "Buy milk". The words live in `task_words`, keyed by user first,
//! so a search reads only the searching user's entries for its words —
//! a range per word, whatever the size of the database (docs/decisions/0010).

use std::collections::BTreeSet;

/// Longest word kept, in characters. Longer words are kept by their first
/// characters; a search word that long is checked against the text too.
pub const MAX_WORD_CHARS: usize = 40;

/// The distinct words of `search_key` (already lower-cased): runs of
/// letters and digits, each cut to [`MAX_WORD_CHARS`].
pub fn index_words(search_key: &str) -> BTreeSet<String> {
    search_key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.chars().take(MAX_WORD_CHARS).collect())
        .collect()
}

/// One word of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchWord {
    /// The start that an indexed word must have (at most [`MAX_WORD_CHARS`]).
    pub prefix: String,
    /// Set when the word was longer than an indexed word can be: the whole
    /// word, for the text itself to be checked against.
    pub whole: Option<String>,
}

impl SearchWord {
    /// The smallest string greater than every word that starts with the
    /// prefix, so `word >= prefix AND word < upper` is an index range.
    /// U+10FFFF is the greatest character, and it is not alphanumeric, so
    /// no indexed word contains it.
    pub fn upper_bound(&self) -> String {
        let mut upper = self.prefix.clone();
        upper.push(char::MAX);
        upper
    }
}

/// The words of `search` (already lower-cased), without repeats. Empty when
/// it has no letters or digits at all; the caller then falls back to a
/// substring match.
pub fn search_words(search: &str) -> Vec<SearchWord> {
    let mut seen = BTreeSet::new();
    search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && seen.insert(*word))
        .map(|word| {
            let prefix: String = word.chars().take(MAX_WORD_CHARS).collect();
            let whole = (prefix.len() < word.len()).then(|| word.to_owned());
            SearchWord { prefix, whole }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let words = index_words("buy milk, e-mail bob@example.com\n2× größe 10kg");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(
            words,
            [
                "10kg", "2", "bob", "buy", "com", "e", "example", "größe", "mail", "milk"
            ]
        );
        assert!(index_words("  -- !! ").is_empty());
    }

    #[test]
    fn long_words_are_cut_and_checked_whole() {
        let long = "a".repeat(MAX_WORD_CHARS + 5);
        let indexed = index_words(&long);
        assert_eq!(indexed.len(), 1);
        assert_eq!(
            indexed.iter().next().map(|w| w.chars().count()),
            Some(MAX_WORD_CHARS)
        );
        let searched = search_words(&long);
        assert_eq!(searched.len(), 1);
        assert_eq!(searched[0].prefix.chars().count(), MAX_WORD_CHARS);
        assert_eq!(searched[0].whole.as_deref(), Some(long.as_str()));
        assert_eq!(search_words("short")[0].whole, None);
    }

    #[test]
    fn search_words_drop_repeats_and_punctuation() {
        let words: Vec<String> = search_words("milk, milk & bread!")
            .into_iter()
            .map(|w| w.prefix)
            .collect();
        assert_eq!(words, ["milk", "bread"]);
        assert!(search_words("%_%").is_empty());
    }

    #[test]
    fn the_upper_bound_sorts_after_every_continuation() {
        let word = &search_words("gro")[0];
        let upper = word.upper_bound();
        for continued in ["gro", "groceries", "grozzz", "gro9", "groß", "gro漢字"] {
            assert!(
                continued >= word.prefix.as_str() && continued < upper.as_str(),
                "{continued}"
            );
        }
        assert!("grp" >= upper.as_str());
    }
}
