// Response models are `#[non_exhaustive]`: new fields in the API are not breaking changes.
use featurebase_api::models::{DeletedContact, DeletedContactObject};
use featurebase_api::runtime::True;

fn main() {
    let _deleted = DeletedContact {
        deleted: True,
        id: "676f0f6765bdaa7d7d760f88".into(),
        object: DeletedContactObject::Contact,
    };
}
