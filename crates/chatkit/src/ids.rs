//! Default id generation: `<prefix>_<hex>` as the SDK writes them.
//!
//! The SDK uses 8 hex characters of a uuid4 (32 bits: a 50% collision chance
//! near 77k ids in one table). We keep the prefixes but use 16 hex characters
//! (64 bits); the protocol treats ids as opaque strings.

use crate::store::ItemKind;

/// A fresh id for `kind`, e.g. `thr_5f0c2a9e41d7b3c6`.
pub fn generate(kind: ItemKind) -> String {
    let hex = uuid::Uuid::new_v4().simple().to_string();
    format!("{}_{}", kind.prefix(), &hex[..16])
}
