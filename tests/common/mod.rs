//! Helpers shared by the privacy tests (`tests/privacy.rs`,
//! `tests/privacy_properties.rs`): an independent disclosure checker and a
//! tiny survey writer that knows who is scored on what.

#![allow(dead_code)]

pub mod disclosure;
pub mod survey;
