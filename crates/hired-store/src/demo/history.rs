//! How each demo application went: when it arrived, how far through the
//! pipeline it got, how it ended and when every move happened — planned in
//! memory so the writer only replays it with back-dated times.

use chrono::{DateTime, Duration, Utc};
use hired_domain::requisition::RequisitionStatus;
use rand::Rng;
use rand::rngs::StdRng;

use super::pick;

/// Index of the offer stage in the default pipeline.
pub(super) const OFFER: usize = 5;
/// Index of the hired stage in the default pipeline.
pub(super) const HIRED: usize = 6;
/// Index of the references stage in the default pipeline.
const REFERENCES: usize = 4;

/// What finally happened to an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Still in play in the stage it reached.
    Active,
    /// Rejected in the stage it reached, with a reason.
    Rejected(&'static str),
    /// The candidate pulled out, maybe saying why.
    Withdrawn(Option<&'static str>),
    /// Hired (reached the hired stage).
    Hired,
}

/// One application's story.
#[derive(Debug, Clone)]
pub(super) struct Story {
    /// When the application arrived.
    pub created: DateTime<Utc>,
    /// Index of the furthest stage reached.
    pub reached: usize,
    /// How it ended (so far).
    pub outcome: Outcome,
    /// When each move happened: one per stage after the first, then one for a rejection or withdrawal.
    pub moves: Vec<DateTime<Utc>>,
}

/// The time a requisition took applications in, and now.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    /// Opened.
    pub start: DateTime<Utc>,
    /// Filled, closed or put on hold; now while open.
    pub end: DateTime<Utc>,
    /// Now: nothing happens after it.
    pub now: DateTime<Utc>,
}

/// Rejection reasons per stage reached; all of them are among the default reasons.
fn rejection_reasons(stage: usize) -> &'static [&'static str] {
    match stage {
        0 => &[
            "Not enough relevant experience",
            "Not enough relevant experience",
            "Missing required skills",
            "Missing required skills",
            "Location or work authorization",
            "Salary expectations outside the band",
        ],
        1 => &[
            "Not enough relevant experience",
            "Missing required skills",
            "Communication concerns",
            "Salary expectations outside the band",
            "Candidate unresponsive",
        ],
        2 => &[
            "Did not pass the technical assessment",
            "Did not pass the technical assessment",
            "Candidate unresponsive",
        ],
        3 => &["Missing required skills", "Communication concerns", "Not enough relevant experience"],
        _ => {
            &["Salary expectations outside the band", "Candidate unresponsive", "Position filled by another candidate"]
        }
    }
}

/// A likely reason to reject an application that reached `stage`.
fn rejection_reason(rng: &mut StdRng, stage: usize) -> &'static str {
    let reasons = rejection_reasons(stage);
    reasons[rng.random_range(0..reasons.len())]
}

const FILLED_REASON: &str = "Position filled by another candidate";

const WITHDRAWAL_REASONS: &[Option<&str>] = &[
    Some("Accepted another offer"),
    Some("Accepted another offer"),
    Some("Staying with their current employer"),
    Some("Relocation no longer possible"),
    None,
];

/// A random time in `[from, to]`.
fn between(rng: &mut StdRng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_seconds().max(1);
    from + Duration::seconds(rng.random_range(0..=span))
}

/// `n` increasing times after `from`, a few days apart, squeezed to end by `limit`.
pub(super) fn spread(rng: &mut StdRng, from: DateTime<Utc>, limit: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
    let gaps: Vec<i64> = (0..n).map(|_| rng.random_range(86_400..=9 * 86_400) + rng.random_range(0..28_800)).collect();
    let total: i64 = gaps.iter().sum();
    let room = (limit - from).num_seconds().max(60 * n as i64);
    let mut at = from;
    gaps.into_iter()
        .map(|gap| {
            let gap = if total > room { (gap as i128 * room as i128 / total as i128) as i64 } else { gap };
            at += Duration::seconds(gap.max(60));
            at
        })
        .collect()
}

/// Plans one application to a requisition in `status`; `hire` makes it one of the hires.
pub(super) fn story(rng: &mut StdRng, status: RequisitionStatus, window: Window, hire: bool) -> Story {
    use RequisitionStatus::*;
    let lead_time = if hire { Duration::days(40) } else { Duration::hours(6) };
    let latest = (window.end - lead_time).max(window.start + Duration::hours(1));
    let created = between(rng, window.start, latest);
    if hire {
        let moves = spread(rng, created, window.end, HIRED);
        return Story { created, reached: HIRED, outcome: Outcome::Hired, moves };
    }
    let age_days = (window.end - created).num_days();
    let cap = match status {
        Draft | Open | OnHold => OFFER,
        Filled | Closed => REFERENCES,
    }
    .min(usize::try_from(age_days / 5).unwrap_or(0));
    let mut reached = 0;
    while reached < cap && rng.random_bool(0.62) {
        reached += 1;
    }
    let roll = rng.random_range(0..100);
    let outcome = match status {
        Draft | Open | OnHold => {
            let (active, rejected) = if age_days > 60 { (25, 88) } else { (70, 93) };
            if roll < active {
                Outcome::Active
            } else if roll < rejected {
                Outcome::Rejected(rejection_reason(rng, reached))
            } else {
                Outcome::Withdrawn(*pick(rng, WITHDRAWAL_REASONS))
            }
        }
        Filled if reached >= 2 && roll < 50 => Outcome::Rejected(FILLED_REASON),
        Filled | Closed if roll < 80 => Outcome::Rejected(rejection_reason(rng, reached)),
        Filled | Closed => Outcome::Withdrawn(*pick(rng, WITHDRAWAL_REASONS)),
    };
    let terminal = usize::from(outcome != Outcome::Active);
    let limit = if outcome == Outcome::Rejected(FILLED_REASON) {
        (window.end + Duration::hours(rng.random_range(2..72))).min(window.now)
    } else {
        window.end
    };
    let moves = spread(rng, created, limit, reached + terminal);
    Story { created, reached, outcome, moves }
}

/// A note a colleague might leave on a candidate: by the recruiter (`true`) or by the team.
pub(super) fn note(rng: &mut StdRng, by_recruiter: bool, skill: &str) -> String {
    let years = rng.random_range(2..9);
    let weeks = rng.random_range(2..7);
    if by_recruiter {
        match rng.random_range(0..5) {
            0 => format!("Phone screen: {years} years with {skill}, clear communicator. Available in {weeks} weeks."),
            1 => format!("Referred by a former colleague; strong {skill} work on GitHub. Worth fast-tracking."),
            2 => "Asked for a remote-first arrangement; open to hybrid two days a week.".to_owned(),
            3 => format!("Prefers interviews in the morning (their time zone). Notice period {weeks} weeks."),
            _ => format!("Good screen. Currently on a {skill} team of eight; looking for more ownership."),
        }
    } else {
        match rng.random_range(0..5) {
            0 => format!(
                "Pair-programming session: clean {skill} code and good test habits; a bit slow on the SQL part."
            ),
            1 => "System design: sensible trade-offs on caching and queues; missed idempotency on retries at first."
                .to_owned(),
            2 => format!("Strong signal from the panel on {skill}. Check references with their last two managers."),
            3 => format!("Good fit for the team; would need some mentoring on {skill} at our scale."),
            _ => "Thoughtful questions about on-call and code review. Communication was excellent.".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use hired_domain::pipeline::DEFAULT_REJECTION_REASONS;
    use rand::SeedableRng;

    use super::*;

    fn window(days: i64) -> Window {
        let now = Utc::now();
        Window { start: now - Duration::days(days), end: now, now }
    }

    #[test]
    fn rejection_reasons_are_default_reasons() {
        for stage in 0..=HIRED {
            for reason in rejection_reasons(stage) {
                assert!(DEFAULT_REJECTION_REASONS.contains(reason), "{reason}");
            }
        }
    }

    #[test]
    fn moves_are_in_order_and_never_in_the_future() {
        let mut rng = StdRng::seed_from_u64(1);
        for status in RequisitionStatus::ALL {
            for i in 0..500 {
                let w = window(200);
                let s = story(&mut rng, *status, w, i % 50 == 0);
                let mut previous = s.created;
                for at in &s.moves {
                    assert!(*at > previous && *at <= w.now, "{s:?}");
                    previous = *at;
                }
                let terminal = usize::from(matches!(s.outcome, Outcome::Rejected(_) | Outcome::Withdrawn(_)));
                assert_eq!(s.moves.len(), s.reached + terminal, "{s:?}");
            }
        }
    }

    #[test]
    fn hires_go_through_every_stage() {
        let mut rng = StdRng::seed_from_u64(2);
        let s = story(&mut rng, RequisitionStatus::Filled, window(300), true);
        assert_eq!((s.reached, s.outcome, s.moves.len()), (HIRED, Outcome::Hired, HIRED));
    }
}
