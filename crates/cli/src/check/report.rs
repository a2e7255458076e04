//! The report of `check`: one line a finding for a person, or the JSON document of
//! `docs/cli.md`.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::findings::{Finding, Level, Outcome};
use crate::out::{shown, Style};

/// `{"resource":..., "findings":[...], "summary":{"must_failed":N,"should_failed":N}}`.
pub fn to_json(resource: &str, findings: &[Finding]) -> Value {
    let listed: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "level": f.level.as_str(),
                "result": f.result.as_str(),
                "clause": f.clause,
                "detail": f.detail,
            })
        })
        .collect();
    json!({
        "resource": resource,
        "findings": listed,
        "summary": {
            "must_failed": failed(findings, Level::Must),
            "should_failed": failed(findings, Level::Should),
        },
    })
}

/// How many findings of `level` failed.
pub fn failed(findings: &[Finding], level: Level) -> usize {
    findings.iter().filter(|f| f.level == level && f.result == Outcome::Fail).count()
}

/// The report for a person: `RESULT level id [clause] detail`, a line each, then a summary.
/// Everything the server sent is escaped for the terminal.
pub fn to_text(resource: &str, findings: &[Finding], style: Style) -> String {
    let width = findings.iter().map(|f| f.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "signpost check {}", shown(resource));
    for f in findings {
        let word = match f.result {
            Outcome::Pass => style.pass("PASS"),
            Outcome::Fail => style.fail("FAIL"),
            Outcome::Skip => style.warn("SKIP"),
        };
        let _ = writeln!(
            out,
            "{word} {:<6} {:<width$} [{}] {}",
            f.level.as_str(),
            f.id,
            f.clause,
            shown(&f.detail)
        );
    }
    let count = |o: Outcome| findings.iter().filter(|f| f.result == o).count();
    let _ = writeln!(
        out,
        "Summary: {} passed, {} failed ({} must, {} should), {} skipped.",
        count(Outcome::Pass),
        count(Outcome::Fail),
        failed(findings, Level::Must),
        failed(findings, Level::Should),
        count(Outcome::Skip),
    );
    out
}
