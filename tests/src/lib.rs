//! The golden outputs of the generator, compiled: each fixture's expected code is a
//! module here, and its mock server (`expected/mock.rs`) a `mock` module beside the client's
//! `models`, so a golden that does not build fails `cargo test`.

#![allow(missing_docs, unreachable_pub)]

#[rustfmt::skip]
#[path = "../golden/petstore/expected/mod.rs"]
pub mod petstore;

/// The mock server of the `petstore` fixture.
pub mod petstore_mock {
    use super::petstore::models;

    #[rustfmt::skip]
    pub mod mock {
        include!("../golden/petstore/expected/mock.rs");
    }
}

#[rustfmt::skip]
#[path = "../golden/shapes/expected/mod.rs"]
pub mod shapes;

/// The mock server of the `shapes` fixture.
pub mod shapes_mock {
    use super::shapes::models;

    #[rustfmt::skip]
    pub mod mock {
        include!("../golden/shapes/expected/mock.rs");
    }
}

#[rustfmt::skip]
#[path = "../golden/naming/expected/mod.rs"]
pub mod naming;

/// The mock server of the `naming` fixture.
pub mod naming_mock {
    use super::naming::models;

    #[rustfmt::skip]
    pub mod mock {
        include!("../golden/naming/expected/mock.rs");
    }
}

#[rustfmt::skip]
#[path = "../golden/composition/expected/mod.rs"]
pub mod composition;

/// The mock server of the `composition` fixture.
pub mod composition_mock {
    use super::composition::models;

    #[rustfmt::skip]
    pub mod mock {
        include!("../golden/composition/expected/mock.rs");
    }
}
