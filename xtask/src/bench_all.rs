//! `bench`: every benchmark, in release, as child processes. Each prints its figures as
//! lines `name: value unit (ratio Nx vs baseline)`; this echoes the children's output and
//! ends with a summary of every figure line, grouped by step, with the goal where there is
//! one and whether it is met.

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use crate::workspace_root;

/// One benchmark: a name for `--only`, and the cargo arguments that build and run it.
struct Step {
    name: &'static str,
    cargo: &'static [&'static str],
}

const fn bench(name: &'static str, cargo: &'static [&'static str]) -> Step {
    Step { name, cargo }
}

/// Builds everything the steps run, first, so that the steps' times are the benchmarks'.
const BUILD: Step = bench(
    "build",
    &[
        "bench",
        "-p",
        "featurebase-tests",
        "--no-run",
        "--bench",
        "decode",
        "--bench",
        "client",
        "--bench",
        "bulk",
    ],
);
const BUILD_XTASK: Step = bench("build", &["build", "--release", "-p", "xtask"]);

const STEPS: &[Step] = &[
    bench(
        "decode",
        &["bench", "-p", "featurebase-tests", "--bench", "decode"],
    ),
    bench(
        "client",
        &["bench", "-p", "featurebase-tests", "--bench", "client"],
    ),
    bench(
        "bulk",
        &["bench", "-p", "featurebase-tests", "--bench", "bulk"],
    ),
    bench(
        "codegen",
        &[
            "run",
            "--release",
            "-p",
            "xtask",
            "--",
            "bench-codegen",
            "--no-compile",
        ],
    ),
    bench(
        "compile",
        // One build per crate and tree keeps the whole run to minutes.
        &[
            "run",
            "--release",
            "-p",
            "xtask",
            "--",
            "bench-compile",
            "--runs",
            "1",
        ],
    ),
];

/// What a figure must be to meet the issue's goal for it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Check {
    RatioAtMost(f64),
    RatioAtLeast(f64),
    ValueAtMost(f64),
}

/// The goals, by figure name.
const GOALS: &[(&str, Check)] = &[
    (
        "decode 100-item page, generated models (ContactList)",
        Check::RatioAtMost(1.2),
    ),
    ("per call, 1-item page", Check::RatioAtMost(1.05)),
    ("per call, 100-item page", Check::RatioAtMost(1.05)),
    (
        "per call, 200 requests 50 in flight, 1-item page",
        Check::RatioAtMost(1.10),
    ),
    ("bulk sync, achieved rate", Check::RatioAtLeast(0.95)),
    ("bulk sync, contacts lost", Check::ValueAtMost(0.0)),
    (
        "generation, 10032 operations, per operation",
        Check::RatioAtMost(1.10),
    ),
    (
        "compile featurebase-api (release, clean, deps built)",
        Check::RatioAtMost(0.5),
    ),
];

impl Check {
    fn met(self, figure: &Figure) -> bool {
        match self {
            Self::RatioAtMost(most) => figure.ratio <= most,
            Self::RatioAtLeast(least) => figure.ratio >= least,
            Self::ValueAtMost(most) => figure.value <= most,
        }
    }

    fn describe(self) -> String {
        match self {
            Self::RatioAtMost(most) => format!("ratio at most {most:.2}x"),
            Self::RatioAtLeast(least) => format!("ratio at least {least:.2}x"),
            Self::ValueAtMost(most) => format!("at most {most}"),
        }
    }
}

/// One figure line of a benchmark's output.
#[derive(Debug, Clone, PartialEq)]
struct Figure {
    line: String,
    name: String,
    value: f64,
    ratio: f64,
}

/// Reads `name: value unit (ratio Nx vs baseline)`; `None` for any other line.
fn parse_figure(line: &str) -> Option<Figure> {
    let line = line.trim();
    let (head, tail) = line.strip_suffix(')')?.rsplit_once(" (ratio ")?;
    let (ratio, baseline) = tail.split_once("x vs ")?;
    let (name, measured) = head.rsplit_once(": ")?;
    let (value, unit) = measured.split_once(' ')?;
    if name.is_empty() || unit.trim().is_empty() || baseline.trim().is_empty() {
        return None;
    }
    Some(Figure {
        line: line.to_owned(),
        name: name.to_owned(),
        value: value.parse().ok()?,
        ratio: ratio.parse().ok()?,
    })
}

/// `bench [--only STEP]...` (the arguments after the task name): the steps to run.
pub(crate) fn parse(args: &[String]) -> Result<Vec<&'static str>, String> {
    let mut only = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--only" => {
                let name = args.next().ok_or("`--only` needs a step name")?;
                let step = STEPS.iter().find(|step| step.name == name).ok_or_else(|| {
                    let names: Vec<&str> = STEPS.iter().map(|step| step.name).collect();
                    format!("no step `{name}`; the steps are {}", names.join(", "))
                })?;
                only.push(step.name);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if only.is_empty() {
        only = STEPS.iter().map(|step| step.name).collect();
    }
    Ok(only)
}

/// What one step printed: its figures, or that it failed.
struct Outcome {
    step: &'static str,
    figures: Vec<Figure>,
    failed: bool,
}

pub(crate) fn run(only: &[&str]) -> ExitCode {
    let builds = [&BUILD, &BUILD_XTASK].into_iter().map(run_step);
    let steps = STEPS.iter().filter(|step| only.contains(&step.name));
    let outcomes: Vec<Outcome> = builds.chain(steps.map(run_step)).collect();
    println!();
    print!("{}", summary(&outcomes));
    if outcomes.iter().any(|outcome| outcome.failed) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs the step's cargo command, echoing its output as it comes and keeping its figures.
fn run_step(step: &Step) -> Outcome {
    println!("== {}: cargo {}", step.name, step.cargo.join(" "));
    let started = Instant::now();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let child = Command::new(cargo)
        .args(step.cargo)
        .current_dir(workspace_root())
        .stdout(Stdio::piped())
        .spawn();
    let mut figures = Vec::new();
    let status = child.and_then(|mut child| {
        let stdout = child.stdout.take().expect("stdout is piped");
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            println!("{line}");
            figures.extend(parse_figure(&line));
        }
        child.wait()
    });
    let failed = !matches!(status, Ok(status) if status.success());
    if failed {
        println!("step failed: {}", step.name);
    }
    println!(
        "== {} took {:.1} s",
        step.name,
        started.elapsed().as_secs_f64()
    );
    Outcome {
        step: step.name,
        figures,
        failed,
    }
}

/// Every figure again, grouped by step, with its goal where there is one; a step that
/// printed none (the builds) is left out unless it failed.
fn summary(outcomes: &[Outcome]) -> String {
    let mut text = String::from("summary\n");
    for outcome in outcomes {
        if outcome.figures.is_empty() && !outcome.failed {
            continue;
        }
        text.push_str(&format!("  {}\n", outcome.step));
        if outcome.failed {
            text.push_str(&format!("    step failed: {}\n", outcome.step));
        }
        for figure in &outcome.figures {
            text.push_str(&format!("    {}{}\n", figure.line, verdict(figure)));
        }
    }
    text
}

/// ` [goal: ..., met]` for a figure with a goal; nothing otherwise.
fn verdict(figure: &Figure) -> String {
    let Some((_, check)) = GOALS.iter().find(|(name, _)| *name == figure.name) else {
        return String::new();
    };
    let met = if check.met(figure) { "met" } else { "not met" };
    format!(" [goal: {}, {met}]", check.describe())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_figure_lines_and_nothing_else() {
        let figure = parse_figure(
            "per call, 1-item page: 141.2 µs (ratio 1.03x vs hand-written reqwest (same models))",
        );
        let figure = figure.expect("a figure");
        assert_eq!(figure.name, "per call, 1-item page");
        assert_eq!((figure.value, figure.ratio), (141.2, 1.03));
        let ignored = [
            "decode: a 100-item contacts page (91 KB), median of 400 rounds",
            "   Compiling featurebase-api v0.1.0",
            "x: 12 µs (ratio fast vs y)",
            "x: 12 (ratio 1.0x vs y)",
            "",
        ];
        for line in ignored {
            assert_eq!(parse_figure(line), None, "{line}");
        }
    }

    #[test]
    fn the_summary_groups_figures_by_step_with_their_goals() {
        let output = "\
client overhead: median µs per request
per call, 1-item page: 141.2 µs (ratio 1.03x vs hand-written reqwest into the same models)
per call, 100-item page: 700.0 µs (ratio 1.07x vs hand-written reqwest into the same models)
per call, GET /v2/contacts/{id}: 138.0 µs (ratio 1.04x vs hand-written reqwest into the same models)
";
        let outcomes = [
            Outcome {
                step: "build",
                figures: Vec::new(),
                failed: false,
            },
            Outcome {
                step: "client",
                figures: output.lines().filter_map(parse_figure).collect(),
                failed: false,
            },
            Outcome {
                step: "bulk",
                figures: vec![
                    parse_figure("bulk sync, contacts lost: 1 contacts (ratio 0.0001x vs sent)")
                        .expect("a figure"),
                ],
                failed: false,
            },
            Outcome {
                step: "compile",
                figures: Vec::new(),
                failed: true,
            },
        ];
        expect_test::expect![[r#"
            summary
              client
                per call, 1-item page: 141.2 µs (ratio 1.03x vs hand-written reqwest into the same models) [goal: ratio at most 1.05x, met]
                per call, 100-item page: 700.0 µs (ratio 1.07x vs hand-written reqwest into the same models) [goal: ratio at most 1.05x, not met]
                per call, GET /v2/contacts/{id}: 138.0 µs (ratio 1.04x vs hand-written reqwest into the same models)
              bulk
                bulk sync, contacts lost: 1 contacts (ratio 0.0001x vs sent) [goal: at most 0, not met]
              compile
                step failed: compile
        "#]]
        .assert_eq(&summary(&outcomes));
    }

    #[test]
    fn only_picks_known_steps() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse(&args(&[])).expect("valid").len(), STEPS.len());
        assert_eq!(
            parse(&args(&["--only", "bulk", "--only", "decode"])).expect("valid"),
            ["bulk", "decode"]
        );
        let error = parse(&args(&["--only", "nope"])).expect_err("unknown step");
        assert!(
            error.contains("decode, client, bulk, codegen, compile"),
            "{error}"
        );
        assert!(parse(&args(&["--only"])).is_err());
    }
}
