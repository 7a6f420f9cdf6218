//! mlbizops: score an LLM-adoption readiness survey against a rubric and
//! report the results to leadership.
//!
//! Data flows one way: rubric + survey -> scores -> report model -> renderers.

pub mod bibliography;
pub mod cli;
pub mod comments;
pub mod diag;
pub mod disclosure;
pub mod limits;
pub mod output;
pub mod questionnaire;
pub mod render;
pub mod report;
pub mod rubric;
pub mod score;
pub mod suggest;
pub mod survey;
pub mod text;
mod tomlwalk;
pub mod trend;
pub mod workspace;
