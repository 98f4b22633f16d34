//! The model types under test by name, with the JSON round trip the tests put them through.

use std::fmt::Debug;

use featurebase_api::models as featurebase_models;
use featurebase_tests::composition::models as composition_models;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One model type, type-erased.
pub(crate) struct Model {
    /// The type's name in the spec.
    pub(crate) name: &'static str,
    /// Decodes JSON text as the model and encodes it again.
    pub(crate) reencode: fn(&str) -> Result<Value, serde_json::Error>,
    /// Whether two JSON texts decode to equal values.
    pub(crate) decode_equal: fn(&str, &str) -> Result<bool, serde_json::Error>,
}

fn reencode<T: DeserializeOwned + Serialize>(json: &str) -> Result<Value, serde_json::Error> {
    let decoded: T = serde_json::from_str(json)?;
    Ok(serde_json::to_value(&decoded).expect("a decoded model encodes"))
}

fn decode_equal<T>(a: &str, b: &str) -> Result<bool, serde_json::Error>
where
    T: DeserializeOwned + PartialEq + Debug,
{
    Ok(serde_json::from_str::<T>(a)? == serde_json::from_str::<T>(b)?)
}

macro_rules! by_name {
    ($table:ident in $module:ident: $($model:ident),* $(,)?) => {
        pub(crate) const $table: &[Model] = &[$(Model {
            name: stringify!($model),
            reencode: reencode::<$module::$model>,
            decode_equal: decode_equal::<$module::$model>,
        }),*];
    };
}

by_name![FEATUREBASE in featurebase_models:
    AttachContactRequest,
    BlockedContact,
    Company,
    CompanyList,
    Contact,
    ContactEmailPreferences,
    ContactList,
    DeletedCompany,
    DeletedContact,
    EmailPreferences,
    EmailPreferencesPatch,
    ErrorDetail,
    ErrorResponse,
    PreferenceState,
    UnblockedContact,
    UpdateEmailPreferencesRequest,
    UpsertCompanyRequest,
    UpsertContactCompany,
    UpsertContactRequest,
];

// The generator's composition golden: unions, integer enums, `readOnly`, `writeOnly` and
// clearable request fields, which the Featurebase spec does not use (yet).
by_name![COMPOSITION in composition_models:
    Animal,
    AnimalPatch,
    Cat,
    Dog,
    Feeding,
    FeedingFood,
    Owner,
    Pet,
    Problem,
    Recipe,
    Tag,
];

/// The Featurebase model named `name`.
pub(crate) fn featurebase_model(name: &str) -> &'static Model {
    FEATUREBASE
        .iter()
        .find(|model| model.name == name)
        .unwrap_or_else(|| panic!("no Featurebase model named `{name}`"))
}
