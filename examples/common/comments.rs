//! Free-text comments of the 2026-Q3 Acme survey, for the built-in
//! rubric's two comment questions (`comment.help`, `comment.worries`).
//! Written in English, German, French and Spanish; a few carry an e-mail
//! address or a phone number (which the report redacts), one names a team
//! whose comments are not shown (withheld), and the Security team (four
//! respondents, under the comment threshold) writes some too.
//!
//! Drawn from their own random stream per respondent, so adding comments
//! changes no answer of the data set. Included by `acme.rs`.

use crate::rng::Rng;

const SEED: u64 = 190_019;

/// What would most help your team use LLMs better?
const HELP: &[&str] = &[
    "A shared library of tested prompts for the tasks we repeat every week.",
    "Clear rules on which customer data we may send to a provider.",
    "Time set aside for training, not squeezed between tickets.",
    "Test cases and a simple evaluation we can run before each release.",
    "A budget per feature so we can see what each one costs.",
    "Better search over our wiki and documentation for the assistant.",
    "Someone who owns our LLM tools and answers questions.",
    "Access to the approved assistant for everyone, not only engineers.",
    "Examples of good system prompt changes and how they were reviewed.",
    "Monitoring that tells us when answer quality drops after a model update.",
    "Eine gemeinsame Sammlung geprüfter Prompts und mehr Zeit für Schulung.",
    "Klare Regeln, welche Daten wir verwenden dürfen, und ein Budget pro Team.",
    "Une formation courte et des consignes claires sur les données clients.",
    "Des tests automatiques avant chaque mise en production, svp.",
    "Más formación y una búsqueda mejor en la documentación interna.",
    "Happy to help with the prompt library, write to dana.reyes@acme-analytics.example",
    "Please call me on +1 415 555 0134 about the evaluation test cases.",
];

/// What worries you about how we use LLMs?
const WORRIES: &[&str] = &[
    "Hallucinations in answers to customers that nobody checks.",
    "Personal data ending up in prompts and in the provider's logs.",
    "Prompt injection through documents the retrieval picks up.",
    "Costs growing every month without anyone looking at the spend.",
    "We switch models without testing, and quality changes silently.",
    "Nobody reviews system prompt changes before they go live.",
    "Compliance and privacy rules are unclear, so people avoid the tools.",
    "Fear that the tools will be used to cut jobs instead of helping.",
    "Die Qualität der Antworten wird nicht gemessen, und Datenschutz ist unklar.",
    "Les coûts augmentent et personne ne suit la qualité des réponses.",
    "Me preocupa la seguridad de los datos de clientes en los prompts.",
    "Legal takes weeks to approve a new vendor, so teams use their own accounts.",
    "Leaks of internal documents through the assistant; ask me at p.okafor@acme-analytics.example",
];

/// The comments of respondent `n` (1-based, in file order) of `team`:
/// (help, worries), empty when they wrote none.
pub fn comments(n: usize, team: &str) -> (String, String) {
    let mut rng = Rng(SEED ^ (n as u64).wrapping_mul(0x9E37_79B9));
    // The small Security team comments eagerly; most others sometimes.
    let rate = if team == "Security" { 0.9 } else { 0.55 };
    let help = if rng.unit() < rate {
        HELP[(rng.next() % HELP.len() as u64) as usize]
    } else {
        ""
    };
    let worries = if rng.unit() < rate * 0.7 {
        WORRIES[(rng.next() % WORRIES.len() as u64) as usize]
    } else {
        ""
    };
    (help.to_string(), worries.to_string())
}
