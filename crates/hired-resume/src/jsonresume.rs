//! JSON Resume (<https://jsonresume.org>): reading the old pre-1.0 keys, the v1 keys and the
//! messy real-world variants into a [`Profile`](crate::Profile), and writing a profile back as
//! a v1 document.
