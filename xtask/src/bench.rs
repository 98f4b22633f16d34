//! `bench-codegen`: how the generator's time and the generated code's compile time grow
//! from the 20-operation spec (the baseline) to the synthetic spec of the full API's size.
//!
//! Generation is timed in-process with `Instant` (the median of many runs after a
//! warm-up), in whatever profile xtask was built with (`cargo xtask`: dev). Compile times
//! are the wall clock of one `cargo build -p <crate>` each, after a warm build and a touch
//! of the crate's generated input, in the dev profile: once incremental (its default) and
//! once with `CARGO_INCREMENTAL=0` (the whole crate recompiled, as CI builds). The
//! synthetic crate's build includes its build script generating the client.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::workspace_root;

const BASELINE: &str = "spec/featurebase.yaml";
const SYNTHETIC: &str = "tests/synthetic/spec.yaml";
const WARM_UP: usize = 3;

#[derive(Debug)]
pub(crate) struct BenchOptions {
    pub(crate) iterations: usize,
    pub(crate) compile: bool,
}

/// `bench-codegen [--iterations N] [--no-compile]` (the arguments after the task name).
pub(crate) fn parse(args: &[String]) -> Result<BenchOptions, String> {
    let mut options = BenchOptions {
        iterations: 20,
        compile: true,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--iterations" => {
                let value = args.next().ok_or("`--iterations` needs a value")?;
                options.iterations = value.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("`--iterations` needs a positive number, not `{value}`")
                })?;
            }
            "--no-compile" => options.compile = false,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

pub(crate) fn run(options: &BenchOptions) -> ExitCode {
    match bench(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What one spec costs to generate.
struct Generation {
    spec: String,
    operations: usize,
    lines: usize,
    runs: usize,
    median: Duration,
    min: Duration,
    max: Duration,
    peak_mib: Option<f64>,
}

fn per_op(generation: &Generation) -> f64 {
    generation.median.as_secs_f64() / generation.operations.max(1) as f64
}

/// The synthetic spec with its operations `copies` times over, each copy under a path
/// prefix, `operationId` suffix and resource of its own, sharing the components: how
/// generation grows far past the full API's size.
fn scaled(text: &str, copies: usize) -> Result<String, String> {
    use serde_yaml::{Mapping, Value};
    let mut doc: Value = serde_yaml::from_str(text).map_err(|error| error.to_string())?;
    let paths = doc["paths"].as_mapping().cloned().unwrap_or_default();
    let mut scaled = Mapping::new();
    for copy in 0..copies {
        for (path, item) in &paths {
            let mut item = item.clone();
            let operations = item
                .as_mapping_mut()
                .into_iter()
                .flat_map(|m| m.values_mut());
            for operation in operations.filter(|op| op.get("operationId").is_some()) {
                let text = |key: &str| operation[key].as_str().unwrap_or_default().to_owned();
                let (id, sdk_path) = (text("operationId"), text("x-sdk-path"));
                operation["operationId"] = format!("{id}Copy{copy}").into();
                operation["x-sdk-path"] = format!("copy{copy}.{sdk_path}").into();
            }
            let path = path.as_str().unwrap_or_default();
            scaled.insert(format!("/copy{copy}{path}").into(), item);
        }
    }
    doc["paths"] = Value::Mapping(scaled);
    serde_yaml::to_string(&doc).map_err(|error| error.to_string())
}

/// The process's peak resident memory so far (`VmHWM`), where the system says.
fn peak_mib() -> Option<f64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn bench(options: &BenchOptions) -> Result<(), String> {
    let root = workspace_root();
    let profile = if cfg!(debug_assertions) {
        "dev (unoptimized, as `cargo xtask` builds it)"
    } else {
        "release"
    };
    println!(
        "bench-codegen: `featurebase_codegen::generate`, median of {} runs after {WARM_UP} warm-up runs",
        options.iterations
    );
    println!("  generation profile: {profile}");
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("unknown");
    println!("  machine: {cores} cores, 1-minute load average at start {load}");
    let read = |spec: &str| {
        fs::read_to_string(root.join(spec)).map_err(|error| format!("cannot read {spec}: {error}"))
    };
    let synthetic_text = read(SYNTHETIC)?;
    let mut specs = vec![
        (BASELINE.to_owned(), read(BASELINE)?),
        (SYNTHETIC.to_owned(), synthetic_text.clone()),
    ];
    for copies in [9, 88] {
        specs.push((
            format!("synthetic x {copies}"),
            scaled(&synthetic_text, copies)?,
        ));
    }
    let mut generations = Vec::new();
    for (spec, text) in &specs {
        generations.push(generation(spec, text, options.iterations)?);
    }
    println!("  (peak memory: the process's high-water mark after each spec, in this order)");
    println!();
    println!(
        "  {:<27} {:>6} {:>8} {:>5} {:>11} {:>11} {:>11} {:>10} {:>9}",
        "spec", "ops", "lines", "runs", "median", "min", "max", "per op", "peak MiB"
    );
    for g in &generations {
        println!(
            "  {:<27} {:>6} {:>8} {:>5} {:>11} {:>11} {:>11} {:>10} {:>9}",
            g.spec,
            g.operations,
            g.lines,
            g.runs,
            millis(g.median),
            millis(g.min),
            millis(g.max),
            millis(g.median / g.operations.max(1) as u32),
            g.peak_mib
                .map_or_else(|| "?".to_owned(), |mib| format!("{mib:.0}")),
        );
    }
    let (baseline, synthetic) = (&generations[0], &generations[1]);
    let largest = &generations[generations.len() - 1];
    println!(
        "  per operation, largest/synthetic: {:.2}x (1.00x is linear growth)",
        per_op(largest) / per_op(synthetic)
    );
    println!();
    for g in &generations {
        println!("{}", figure_line(g, baseline));
    }
    println!();
    println!(
        "  ratio synthetic/baseline: time {:.2}x, operations {:.2}x, generated lines {:.2}x, time per operation {:.2}x",
        ratio(synthetic.median, baseline.median),
        synthetic.operations as f64 / baseline.operations as f64,
        synthetic.lines as f64 / baseline.lines as f64,
        ratio(synthetic.median, baseline.median) * baseline.operations as f64
            / synthetic.operations as f64,
    );
    if !options.compile {
        return Ok(());
    }

    println!();
    println!(
        "compile time: `cargo build -p <crate>` after touching its generated input, dev profile, wall clock, one run each after a warm build"
    );
    println!(
        "  (incremental: the dev profile's default; CARGO_INCREMENTAL=0: the whole crate recompiled, as CI builds)"
    );
    let targets = [
        ("featurebase-synthetic", SYNTHETIC),
        ("featurebase-api", "featurebase-api/src/lib.rs"),
    ];
    for (package, _) in targets {
        cargo_build(&root, package, Incremental::Yes)?;
    }
    println!(
        "  {:<23} {:<28} {:>12} {:>20}",
        "crate", "touched", "incremental", "CARGO_INCREMENTAL=0"
    );
    let mut times = Vec::new();
    for (package, input) in targets {
        let mut row = Vec::new();
        for incremental in [Incremental::Yes, Incremental::No] {
            touch(&root.join(input))?;
            let (elapsed, compiled) = cargo_build(&root, package, incremental)?;
            if !compiled {
                return Err(format!(
                    "touching {input} did not make cargo compile {package}"
                ));
            }
            row.push(elapsed);
        }
        println!(
            "  {package:<23} {input:<28} {:>12} {:>20}",
            seconds(row[0]),
            seconds(row[1])
        );
        times.push(row);
    }
    println!(
        "  {:<23} {:<28} {:>11.2}x {:>19.2}x",
        "ratio synthetic/api",
        "",
        ratio(times[0][0], times[1][0]),
        ratio(times[0][1], times[1][1]),
    );
    Ok(())
}

/// Times `generate` on `text`: fewer runs for larger specs, so that each spec takes about
/// as long as `iterations` runs of the synthetic one.
fn generation(spec: &str, text: &str, iterations: usize) -> Result<Generation, String> {
    let invalid = |diagnostics: featurebase_codegen::Diagnostics| diagnostics.render(spec);
    let operations = featurebase_codegen::lower(text)
        .map_err(invalid)?
        .output
        .operations
        .len();
    let runs = (iterations * 114 / operations.max(1)).clamp(3, iterations.max(3));
    let warm_up = if operations > 1000 { 1 } else { WARM_UP };
    let mut lines = 0;
    for _ in 0..warm_up {
        let files = featurebase_codegen::generate(text, spec)
            .map_err(invalid)?
            .output;
        lines = files.iter().map(|file| file.contents.lines().count()).sum();
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let files = featurebase_codegen::generate(text, spec);
        times.push(start.elapsed());
        std::hint::black_box(files).map_err(invalid)?;
    }
    times.sort();
    Ok(Generation {
        spec: spec.to_owned(),
        operations,
        lines,
        runs,
        median: median(&times),
        min: times[0],
        max: times[times.len() - 1],
        peak_mib: peak_mib(),
    })
}

/// `generation, N operations, per operation: X ms (ratio Rx vs ...)`: the standard figure
/// line `cargo xtask bench` reads, against the time per operation of `baseline`.
fn figure_line(generation: &Generation, baseline: &Generation) -> String {
    format!(
        "generation, {} operations, per operation: {:.3} ms (ratio {:.2}x vs {}, {} operations)",
        generation.operations,
        per_op(generation) * 1000.0,
        per_op(generation) / per_op(baseline),
        baseline.spec,
        baseline.operations,
    )
}

/// The median of sorted, non-empty `times`.
pub(crate) fn median(times: &[Duration]) -> Duration {
    let middle = times.len() / 2;
    if times.len() % 2 == 1 {
        times[middle]
    } else {
        (times[middle - 1] + times[middle]) / 2
    }
}

/// Sets the file's modification time to now, as `touch` does, without changing it.
fn touch(path: &Path) -> Result<(), String> {
    File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()))
        .map_err(|error| format!("cannot touch {}: {error}", path.display()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Incremental {
    Yes,
    No,
}

/// Runs `cargo build -p package` in the workspace: how long it took and whether it
/// compiled `package`; fails with cargo's output if the build does.
fn cargo_build(
    root: &Path,
    package: &str,
    incremental: Incremental,
) -> Result<(Duration, bool), String> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let flag = match incremental {
        Incremental::Yes => "1",
        Incremental::No => "0",
    };
    let start = Instant::now();
    let output = Command::new(cargo)
        .args(["build", "-p", package])
        .env("CARGO_INCREMENTAL", flag)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("`cargo build -p {package}` failed:\n{stderr}"));
    }
    Ok((elapsed, stderr.contains(&format!("Compiling {package} "))))
}

pub(crate) fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn millis(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let ms = Duration::from_millis;
        assert_eq!(median(&[ms(1), ms(2), ms(9)]), ms(2));
        assert_eq!(median(&[ms(1), ms(3), ms(5), ms(9)]), ms(4));
    }

    #[test]
    fn figure_lines_give_the_time_per_operation_against_the_baseline() {
        let generation = |spec: &str, operations, median| Generation {
            spec: spec.to_owned(),
            operations,
            lines: 0,
            runs: 1,
            median,
            min: median,
            max: median,
            peak_mib: None,
        };
        let baseline = generation(BASELINE, 20, Duration::from_millis(40));
        let large = generation("synthetic x 9", 1026, Duration::from_millis(1026));
        assert_eq!(
            figure_line(&large, &baseline),
            "generation, 1026 operations, per operation: 1.000 ms (ratio 0.50x vs spec/featurebase.yaml, 20 operations)"
        );
    }

    #[test]
    fn options() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let options = parse(&args(&["--iterations", "5", "--no-compile"])).expect("valid");
        assert_eq!((options.iterations, options.compile), (5, false));
        assert!(parse(&args(&["--iterations", "0"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
    }
}
