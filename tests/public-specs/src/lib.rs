//! The clients generated from the public example specs in this directory that the
//! generator accepts (`expectations.yaml`), each compiled as a module. The build script
//! writes them into `OUT_DIR`; `tests/public_specs.rs` builds each client and a request.

/// The OpenAPI Initiative's `petstore.yaml`.
pub mod petstore {
    include!(concat!(env!("OUT_DIR"), "/petstore/featurebase_api.rs"));
    pub mod mock {
        include!(concat!(env!("OUT_DIR"), "/petstore/featurebase_mock.rs"));
    }
}

/// The OpenAPI Initiative's `petstore-expanded.yaml`.
pub mod petstore_expanded {
    include!(concat!(
        env!("OUT_DIR"),
        "/petstore-expanded/featurebase_api.rs"
    ));
    pub mod mock {
        include!(concat!(
            env!("OUT_DIR"),
            "/petstore-expanded/featurebase_mock.rs"
        ));
    }
}

/// An ASP.NET Core "Todo" API as Swashbuckle describes it (JSON offered beside
/// `text/plain` and `application/json-patch+json`).
pub mod aspnetcore_todo {
    include!(concat!(
        env!("OUT_DIR"),
        "/aspnetcore-todo/featurebase_api.rs"
    ));
    pub mod mock {
        include!(concat!(
            env!("OUT_DIR"),
            "/aspnetcore-todo/featurebase_mock.rs"
        ));
    }
}

/// SwaggerHub's "Simple Inventory API" template.
pub mod simple_inventory {
    include!(concat!(
        env!("OUT_DIR"),
        "/simple-inventory/featurebase_api.rs"
    ));
    pub mod mock {
        include!(concat!(
            env!("OUT_DIR"),
            "/simple-inventory/featurebase_mock.rs"
        ));
    }
}

/// The OpenAPI Initiative's `api-with-examples.yaml`, whose responses give examples but
/// no schema (their bodies are not decoded).
pub mod api_with_examples {
    include!(concat!(
        env!("OUT_DIR"),
        "/api-with-examples/featurebase_api.rs"
    ));
    pub mod mock {
        include!(concat!(
            env!("OUT_DIR"),
            "/api-with-examples/featurebase_mock.rs"
        ));
    }
}

/// The OpenAPI Initiative's `callback-example.yaml`: its operation has no `operationId`
/// (it is named `post_streams`) and its `callbacks` are ignored.
pub mod callback_example {
    include!(concat!(
        env!("OUT_DIR"),
        "/callback-example/featurebase_api.rs"
    ));
    pub mod mock {
        include!(concat!(
            env!("OUT_DIR"),
            "/callback-example/featurebase_mock.rs"
        ));
    }
}

/// The OpenAPI Initiative's `link-example.yaml` (its response `links` are ignored).
pub mod link_example {
    include!(concat!(env!("OUT_DIR"), "/link-example/featurebase_api.rs"));
    pub mod mock {
        include!(concat!(
            env!("OUT_DIR"),
            "/link-example/featurebase_mock.rs"
        ));
    }
}

/// The OpenAPI Initiative's `uspto.yaml`, whose search takes a form body.
pub mod uspto {
    include!(concat!(env!("OUT_DIR"), "/uspto/featurebase_api.rs"));
    pub mod mock {
        include!(concat!(env!("OUT_DIR"), "/uspto/featurebase_mock.rs"));
    }
}

/// The specs included above, by file stem, as `expectations.yaml` names them.
pub const INCLUDED: &[&str] = &[
    "api-with-examples",
    "aspnetcore-todo",
    "callback-example",
    "link-example",
    "petstore",
    "petstore-expanded",
    "simple-inventory",
    "uspto",
];

/// The specs the build script generated: every one `expectations.yaml` says is accepted.
pub const ACCEPTED: &str = env!("PUBLIC_SPECS_ACCEPTED");
