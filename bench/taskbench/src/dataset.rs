//! The benchmark's data, generated deterministically from `--seed`: who the
//! users are, which tags each one has, and every task, in id order.
//!
//! Tasks are generated in creation order with owners interleaved (as when
//! many people use the service at once), so the heavy user's rows are
//! spread over the whole table rather than packed together: a listing has to
//! find them through the indexes, as it would in production.

use std::collections::BTreeSet;

use anyhow::{Result, ensure};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// Tags each user has; a task carries 1–3 of its owner's.
pub const TAGS_PER_USER: usize = 10;
/// How far back task creation goes, and how far due dates spread each way.
const HISTORY_DAYS: i64 = 730;
const DUE_SPREAD_DAYS: i64 = 365;

/// The size of the data set: what `--users/--tasks/--heavy/--seed` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub users: u32,
    pub tasks: u64,
    /// Tasks of the first ("heavy") user, the one the listings are timed for.
    pub heavy: u64,
    pub seed: u64,
}

impl Plan {
    pub fn check(&self) -> Result<()> {
        ensure!(self.users >= 1, "--users must be at least 1");
        ensure!(self.heavy >= 1, "--heavy must be at least 1");
        ensure!(
            self.heavy <= self.tasks,
            "--heavy ({}) cannot exceed --tasks ({})",
            self.heavy,
            self.tasks
        );
        ensure!(
            self.users > 1 || self.heavy == self.tasks,
            "with one user, every task is the heavy user's: make --heavy equal --tasks"
        );
        Ok(())
    }
}

/// A user's index in the plan: 0 is the heavy user (the signed-up account).
pub type UserIndex = usize;

/// One task row, with the id of each tag it carries.
#[derive(Debug, Clone)]
pub struct SeedTask {
    pub id: i64,
    pub user: UserIndex,
    pub title: String,
    pub description: Option<String>,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    pub priority: i16,
    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` (UTC: seeded users keep the
    /// default zone) or `~` for none, as the product stores it.
    pub due_key: String,
    pub due_at: Option<DateTime<Utc>>,
    pub remind_at: Option<DateTime<Utc>>,
    pub recurrence: Option<String>,
    pub recurrence_start: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub tag_ids: Vec<i64>,
}

impl SeedTask {
    /// What the product stores as `title_key`: the title lower-cased.
    pub fn title_key(&self) -> String {
        self.title.to_lowercase()
    }

    /// What the product stores as `search_key`: title and description, lower-cased.
    pub fn search_key(&self) -> String {
        match &self.description {
            Some(description) => format!("{}\n{}", self.title, description).to_lowercase(),
            None => self.title.to_lowercase(),
        }
    }
}

/// One tag row.
#[derive(Debug, Clone)]
pub struct SeedTag {
    pub id: i64,
    pub user: UserIndex,
    pub name: String,
}

/// Generates the data set in id order, a batch at a time.
pub struct Dataset {
    plan: Plan,
    /// "Now" for the data: creation times end here and due dates centre on it.
    pub anchor: DateTime<Utc>,
    pub user_ids: Vec<String>,
    rng: Rng,
    generated: u64,
    heavy_left: u64,
}

impl Dataset {
    /// The data set for `plan`, with `heavy_user_id` as user 0, anchored at `anchor`.
    pub fn new(plan: Plan, heavy_user_id: &str, anchor: DateTime<Utc>) -> Dataset {
        // Both backends keep microseconds; trimming here keeps them equal.
        let anchor = anchor.trunc_subsecs(6);
        let mut id_rng = Rng::new(plan.seed ^ 0x5EED_0F05_E125);
        let mut user_ids = vec![heavy_user_id.to_owned()];
        user_ids.extend((1..plan.users).map(|_| uuid_like(&mut id_rng)));
        Dataset {
            plan,
            anchor,
            user_ids,
            rng: Rng::new(plan.seed),
            generated: 0,
            heavy_left: plan.heavy,
        }
    }

    /// Every user's tags; tag ids are `user * TAGS_PER_USER + k + 1`.
    pub fn tags(&self) -> Vec<SeedTag> {
        (0..self.user_ids.len())
            .flat_map(|user| {
                tag_names(self.plan.seed, user)
                    .into_iter()
                    .enumerate()
                    .map(move |(k, name)| SeedTag {
                        id: tag_id(user, k),
                        user,
                        name: name.to_owned(),
                    })
            })
            .collect()
    }

    /// The next `size` tasks (fewer at the end; empty when done).
    pub fn next_batch(&mut self, size: usize) -> Vec<SeedTask> {
        let left = self.plan.tasks - self.generated;
        let count = left.min(size as u64);
        (0..count).map(|_| self.next_task()).collect()
    }

    fn next_task(&mut self) -> SeedTask {
        let index = self.generated;
        self.generated += 1;
        let rng = &mut self.rng;

        // Exactly `heavy` tasks go to user 0, spread evenly at random.
        let remaining = self.plan.tasks - index;
        let user = if rng.below(remaining) < self.heavy_left {
            self.heavy_left -= 1;
            0
        } else {
            1 + rng.below(u64::from(self.plan.users) - 1) as usize
        };

        // Created in id order over the last two years.
        let history = Duration::days(HISTORY_DAYS).num_microseconds().unwrap_or(0);
        let offset = (i128::from(history) * i128::from(index) / i128::from(self.plan.tasks)) as i64;
        let created_at = self.anchor - Duration::microseconds(history - offset);
        let room = (self.anchor - created_at).num_microseconds().unwrap_or(0);
        let month = Duration::days(30).num_microseconds().unwrap_or(0);
        let edited = rng.between(0, room.min(month));
        let updated_at = created_at + Duration::microseconds(edited);

        let completed = rng.percent(60);
        // Skewed to none and low, as people mostly leave the default.
        let priority = rng.weighted(&[40, 30, 15, 10, 5]) as i16;
        let title = title(rng);
        let description = rng.percent(25).then(|| sentence(rng));

        let mut task = SeedTask {
            id: i64::try_from(index + 1).unwrap_or(i64::MAX),
            user,
            title,
            description,
            completed,
            completed_at: completed.then_some(updated_at),
            priority,
            due_key: "~".to_owned(),
            due_at: None,
            remind_at: None,
            recurrence: None,
            recurrence_start: None,
            version: 1 + i64::from(completed) + rng.between(0, 2),
            created_at,
            updated_at,
            tag_ids: Vec::new(),
        };
        if rng.percent(50) {
            set_due(&mut task, self.anchor.date_naive(), rng);
        }
        if rng.percent(30) {
            task.tag_ids = pick_tags(rng)
                .into_iter()
                .map(|k| tag_id(user, k))
                .collect();
        }
        task
    }
}

/// A due date within a year either side of `today`; 30% at a time of day,
/// a few repeating, a few with a reminder.
fn set_due(task: &mut SeedTask, today: NaiveDate, rng: &mut Rng) {
    let day = today + Duration::days(rng.between(-DUE_SPREAD_DAYS, DUE_SPREAD_DAYS));
    let day_text = day.format("%Y-%m-%d").to_string();
    if rng.percent(30) {
        let hour = rng.between(7, 21) as u32;
        let minute = *rng.pick(&[0u32, 15, 30, 45]);
        let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
        let at = day.and_time(time).and_utc();
        task.due_key = format!("{day_text}T{}", time.format("%H:%M:%S"));
        task.due_at = Some(at);
        if rng.percent(20) {
            task.remind_at = Some(at - Duration::hours(1));
        }
        if rng.percent(4) {
            task.recurrence_start = Some(at.to_rfc3339());
        }
    } else {
        task.due_key = day_text.clone();
        if rng.percent(4) {
            task.recurrence_start = Some(day_text);
        }
    }
    if task.recurrence_start.is_some() {
        let rule = *rng.pick(&["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY"]);
        task.recurrence = Some(rule.to_owned());
    }
}

/// 1–3 distinct tag slots (0..TAGS_PER_USER), the first slots used most,
/// as a few tags ("work", "home") carry most of a person's tasks.
fn pick_tags(rng: &mut Rng) -> Vec<usize> {
    const SLOT_WEIGHTS: [u64; TAGS_PER_USER] = [30, 20, 14, 10, 8, 6, 5, 3, 2, 2];
    let count = 1 + rng.weighted(&[60, 30, 10]);
    let mut slots = BTreeSet::new();
    while slots.len() < count {
        slots.insert(rng.weighted(&SLOT_WEIGHTS));
    }
    slots.into_iter().collect()
}

fn tag_id(user: UserIndex, slot: usize) -> i64 {
    i64::try_from(user * TAGS_PER_USER + slot + 1).unwrap_or(i64::MAX)
}

/// A user's tag names, slot by slot: 10 of [`TAG_WORDS`], per user.
pub fn tag_names(seed: u64, user: UserIndex) -> Vec<&'static str> {
    let mut rng = Rng::new(seed ^ 0x7A65 ^ (user as u64).wrapping_mul(0x9E37_79B9));
    let mut words: Vec<&'static str> = TAG_WORDS.to_vec();
    // A partial Fisher–Yates shuffle: the first TAGS_PER_USER are the pick.
    for i in 0..TAGS_PER_USER {
        let j = i + rng.below((words.len() - i) as u64) as usize;
        words.swap(i, j);
    }
    words.truncate(TAGS_PER_USER);
    words
}

/// A title of 2–5 words: a verb and what it applies to, capitalised.
fn title(rng: &mut Rng) -> String {
    let mut words = vec![*rng.pick(VERBS)];
    let nouns = 1 + rng.weighted(&[50, 35, 15]);
    for _ in 0..nouns {
        if rng.percent(20) {
            words.push(*rng.pick(ADJECTIVES));
        }
        words.push(*rng.pick(NOUNS));
    }
    words.truncate(5);
    capitalise(&words.join(" "))
}

/// A description: one sentence of 6–14 words.
fn sentence(rng: &mut Rng) -> String {
    let count = rng.between(6, 14);
    let words: Vec<&str> = (0..count)
        .map(|_| match rng.below(4) {
            0 => *rng.pick(VERBS),
            1 => *rng.pick(ADJECTIVES),
            _ => *rng.pick(NOUNS),
        })
        .collect();
    format!("{}.", capitalise(&words.join(" ")))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 128 random bits in the shape of a UUID, like the product's user ids.
fn uuid_like(rng: &mut Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFF,
        0x8000 | (b >> 48 & 0x3FFF),
        b & 0xFFFF_FFFF_FFFF
    )
}

/// The word searched for by the `q` case: a noun of [`NOUNS`], so about 2%
/// of titles (and some descriptions) contain it.
pub const SEARCH_WORD: &str = "invoice";

const TAG_WORDS: &[&str] = &[
    "work",
    "home",
    "errands",
    "health",
    "finance",
    "family",
    "reading",
    "garden",
    "travel",
    "shopping",
    "school",
    "car",
    "kids",
    "fitness",
    "projects",
    "admin",
    "music",
    "cooking",
    "friends",
    "volunteering",
    "pets",
    "taxes",
    "learning",
    "someday",
];

const VERBS: &[&str] = &[
    "call",
    "email",
    "buy",
    "fix",
    "clean",
    "book",
    "pay",
    "review",
    "write",
    "plan",
    "send",
    "order",
    "schedule",
    "check",
    "renew",
    "update",
    "prepare",
    "return",
    "pick up",
    "drop off",
    "organise",
    "cancel",
    "print",
    "sign",
    "file",
    "read",
    "finish",
    "start",
    "ask about",
    "research",
    "water",
    "wash",
    "replace",
    "repair",
    "sort",
    "pack",
    "visit",
    "draft",
    "submit",
    "confirm",
];

const ADJECTIVES: &[&str] = &[
    "new",
    "old",
    "weekly",
    "monthly",
    "urgent",
    "spare",
    "broken",
    "big",
    "small",
    "second",
    "annual",
    "quarterly",
    "kitchen",
    "garden",
    "office",
    "school",
    "birthday",
    "winter",
    "summer",
    "shared",
];

const NOUNS: &[&str] = &[
    "invoice",
    "report",
    "dentist",
    "doctor",
    "plumber",
    "groceries",
    "milk",
    "bread",
    "car",
    "tyres",
    "passport",
    "insurance",
    "rent",
    "electricity bill",
    "phone bill",
    "taxes",
    "receipts",
    "presentation",
    "slides",
    "budget",
    "meeting",
    "notes",
    "contract",
    "letter",
    "package",
    "library books",
    "laundry",
    "dishes",
    "windows",
    "gutters",
    "lawn",
    "plants",
    "bike",
    "helmet",
    "tickets",
    "hotel",
    "flight",
    "train",
    "visa",
    "gift",
    "cake",
    "party",
    "vet",
    "dog",
    "cat",
    "bank",
    "loan",
    "mortgage",
    "pension",
    "newsletter",
    "blog post",
    "website",
    "backup",
    "laptop",
    "printer",
    "router",
    "password",
    "license",
    "registration",
    "form",
    "application",
    "interview",
    "resume",
    "course",
    "exam",
    "homework",
    "piano",
    "guitar",
    "recipe",
    "dinner",
    "lunch",
    "breakfast",
    "coffee",
    "tea",
    "batteries",
    "light bulbs",
    "shelf",
    "curtains",
    "paint",
    "fence",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            users: 10,
            tasks: 5_000,
            heavy: 1_000,
            seed: 1,
        }
    }

    #[test]
    fn the_heavy_user_gets_exactly_their_share_and_ids_run_in_order() {
        let mut data = Dataset::new(plan(), "heavy", Utc::now());
        let mut all = Vec::new();
        loop {
            let batch = data.next_batch(777);
            if batch.is_empty() {
                break;
            }
            all.extend(batch);
        }
        assert_eq!(all.len(), 5_000);
        assert_eq!(all.iter().filter(|t| t.user == 0).count(), 1_000);
        assert!(all.windows(2).all(|w| w[0].id + 1 == w[1].id));
        assert!(all.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        assert!(all.iter().all(|t| t.updated_at <= data.anchor));
        // Every tag of a task is its owner's.
        let tags = data.tags();
        for task in &all {
            for id in &task.tag_ids {
                let tag = &tags[usize::try_from(*id - 1).unwrap_or(usize::MAX)];
                assert_eq!(tag.user, task.user);
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let anchor = Utc::now();
        let first = Dataset::new(plan(), "h", anchor).next_batch(50);
        let second = Dataset::new(plan(), "h", anchor).next_batch(50);
        let titles = |tasks: &[SeedTask]| tasks.iter().map(|t| t.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&first), titles(&second));
    }

    #[test]
    fn a_users_tags_are_distinct() {
        let names = tag_names(1, 3);
        let unique: BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), TAGS_PER_USER);
    }
}
