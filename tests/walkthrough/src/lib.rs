//! The client and the mock generated from `spec/featurebase.yaml` extended with
//! `list-boards.yaml`, the README's walkthrough.

include!(concat!(env!("OUT_DIR"), "/featurebase_api.rs"));

/// The mock server of the extended spec.
pub mod mock {
    include!(concat!(env!("OUT_DIR"), "/featurebase_mock.rs"));
}
