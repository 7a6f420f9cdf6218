//! The report: scores -> [`model::Report`] ([`build`]), and the chart
//! descriptions that every renderer draws from ([`chart`]).

pub mod build;
pub mod chart;
pub mod comments;
pub mod commitments;
pub mod drivers;
pub mod group_names;
pub mod history;
pub mod item_change;
pub mod model;
pub mod practices;
pub mod priority;
pub mod spots;
pub mod waves_method;

pub use build::{build, build_with_history, ReportOptions};
pub use model::Report;
