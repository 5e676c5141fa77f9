//! Time and time-ordered ids at the precision both databases keep.

use chrono::{DateTime, SubsecRound, Utc};
use uuid::Uuid;

/// Now, truncated to microseconds so values read back equal values written.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A UUIDv7 carrying `at` as its timestamp, so ids sort like creation times
/// even for back-dated records (demo history, imports).
pub(crate) fn uuid_at(at: DateTime<Utc>) -> Uuid {
    let ts = uuid::Timestamp::from_unix(uuid::NoContext, at.timestamp().max(0) as u64, at.timestamp_subsec_nanos());
    Uuid::new_v7(ts)
}
