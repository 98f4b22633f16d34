//! Compile-time guarantees of the generated client, checked by compiling small programs.
//! After an intended change of the compiler's messages, re-bless with
//! `TRYBUILD=overwrite cargo test -p featurebase-tests --test ui`.

#[test]
fn compile_time_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}
