//! `bulk_upsert` on the contacts and companies resources.

use crate::models::{Company, Contact, UpsertCompanyRequest, UpsertContactRequest};
use crate::resources::{UsersCompanies, UsersContacts};
use crate::runtime::{self, BulkUpsert};

/// The two methods on `$resource`, whose `create_or_update` takes `$request` to `$model`.
macro_rules! bulk_upsert {
    ($resource:ident, $request:ident, $model:ident, $what:literal) => {
        impl $resource {
            #[doc = concat!("Creates or updates every ", $what, " of `items`, ")]
            /// [`DEFAULT_CONCURRENCY`](runtime::DEFAULT_CONCURRENCY) at a time; see
            /// [`bulk_upsert_with`](Self::bulk_upsert_with).
            pub fn bulk_upsert<I>(&self, items: I) -> BulkUpsert<$request, $model>
            where
                I: IntoIterator<Item = $request, IntoIter: Send + 'static>,
            {
                self.bulk_upsert_with(items, runtime::DEFAULT_CONCURRENCY)
            }

            /// Like [`bulk_upsert`](Self::bulk_upsert), with at most `concurrency` requests
            /// in flight, paced by the API's rate-limit headers so that a long sync runs at
            /// the allowed rate rather than in bursts of 429s. The stream yields one
            /// [`BulkResult`](runtime::BulkResult) per item as they complete (created,
            /// updated, or failed with its error, each with its input and index): a
            /// rate-limited item waits for the window to reset and is tried again; none is
            /// dropped.
            pub fn bulk_upsert_with<I>(
                &self,
                items: I,
                concurrency: usize,
            ) -> BulkUpsert<$request, $model>
            where
                I: IntoIterator<Item = $request, IntoIter: Send + 'static>,
            {
                let resource = self.clone();
                runtime::bulk(items, concurrency, move |item| {
                    resource.create_or_update(item).send_with_response()
                })
            }
        }
    };
}

bulk_upsert!(UsersContacts, UpsertContactRequest, Contact, "contact");
bulk_upsert!(UsersCompanies, UpsertCompanyRequest, Company, "company");
