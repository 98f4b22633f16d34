//! One integration-test binary for the whole workspace (faster to build than many).

mod coverage;
mod e2e;
mod examples;
mod faults;
mod golden;
mod roundtrip;
mod strict;
