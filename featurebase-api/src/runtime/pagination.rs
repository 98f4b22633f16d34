//! Cursor pagination: a page of items that knows how to fetch the next one, and a stream
//! of items across every page.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use futures::stream::{self, BoxStream, StreamExt};

use super::{BoxFuture, Error};

/// Fetches the page after the given cursor.
pub(crate) type Fetch<T> = Arc<dyn Fn(String) -> BoxFuture<Page<T>> + Send + Sync>;

/// Every item of a list, page after page, each page fetched when the stream reaches it:
/// from `.items()` on a list request, or [`Page::into_stream`]. It is `Unpin`, so
/// `while let Some(item) = items.try_next().await?` needs no `pin!`.
pub type Items<T> = BoxStream<'static, Result<T, Error>>;

/// The pages of a list, from [`Page::pages`]; `Unpin` like [`Items`].
pub type Pages<T> = BoxStream<'static, Result<Page<T>, Error>>;

/// Where [`Page::pages`] is, with every cursor fetched so far: a server that sends one
/// of them again would otherwise be followed in a loop.
enum Step<T> {
    Ready(Page<T>, BTreeSet<String>),
    Fetch(String, Fetch<T>, BTreeSet<String>),
    Done,
}

/// One page of a list operation.
///
/// ```no_run
/// use futures::TryStreamExt;
///
/// # async fn run(client: featurebase_api::Client) -> Result<(), featurebase_api::Error> {
/// let mut page = client.users().contacts().list().limit(100).await?;
/// loop {
///     for contact in &page.data {
///         println!("{}", contact.name);
///     }
///     match page.next_page().await? {
///         Some(next) => page = next,
///         None => break,
///     }
/// }
///
/// // Or every item of every page, each page fetched when the stream reaches it:
/// let names: Vec<String> = client
///     .users()
///     .contacts()
///     .list()
///     .items()
///     .map_ok(|contact| contact.name)
///     .try_collect()
///     .await?;
/// # Ok(()) }
/// ```
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// The cursor of the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    fetch: Fetch<T>,
    /// The cursor this page was fetched with, to stop if a server repeats it.
    cursor: Option<String>,
}

impl<T: Send + 'static> Page<T> {
    pub(crate) fn new(
        data: Vec<T>,
        next_cursor: Option<String>,
        cursor: Option<String>,
        fetch: Fetch<T>,
    ) -> Self {
        Self {
            data,
            next_cursor,
            fetch,
            cursor,
        }
    }

    /// Whether there is a page after this one.
    pub fn has_more(&self) -> bool {
        self.next().is_some()
    }

    /// Fetches the next page, or `None` after the last one.
    pub async fn next_page(&self) -> Result<Option<Page<T>>, Error> {
        match self.next() {
            Some(cursor) => (self.fetch)(cursor.to_owned()).await.map(Some),
            None => Ok(None),
        }
    }

    /// This page and the pages after it, each fetched when the previous one has been read.
    /// The stream ends after the last page, or after the first error.
    pub fn pages(self) -> Pages<T> {
        let seen = self.cursor.iter().cloned().collect();
        stream::unfold(Step::Ready(self, seen), |step| async move {
            let (page, mut seen) = match step {
                Step::Ready(page, seen) => (page, seen),
                Step::Fetch(cursor, fetch, seen) => match fetch(cursor).await {
                    Ok(page) => (page, seen),
                    Err(error) => return Some((Err(error), Step::Done)),
                },
                Step::Done => return None,
            };
            let next = match page.next() {
                Some(cursor) if seen.insert(cursor.to_owned()) => {
                    Step::Fetch(cursor.to_owned(), Arc::clone(&page.fetch), seen)
                }
                _ => Step::Done,
            };
            Some((Ok(page), next))
        })
        .boxed()
    }

    /// Every item of this page and the pages after it, fetched as the stream is read.
    pub fn into_stream(self) -> Items<T> {
        self.pages().flat_map(page_items).boxed()
    }

    #[doc(hidden)]
    /// Every item across all pages, starting from the first page a list request returns.
    pub fn items(first: impl Future<Output = Result<Page<T>, Error>> + Send + 'static) -> Items<T> {
        stream::once(first)
            .map(|first| match first {
                Ok(page) => page.into_stream(),
                Err(error) => failed(error),
            })
            .flatten()
            .boxed()
    }

    /// The cursor to fetch next: present, not empty, and not the one this page came from.
    fn next(&self) -> Option<&str> {
        let next = self.next_cursor.as_deref().filter(|c| !c.is_empty())?;
        (self.cursor.as_deref() != Some(next)).then_some(next)
    }
}

/// The items of one page of [`Page::pages`], or its error.
fn page_items<T: Send + 'static>(page: Result<Page<T>, Error>) -> Items<T> {
    match page {
        Ok(page) => stream::iter(page.data.into_iter().map(Ok)).boxed(),
        Err(error) => failed(error),
    }
}

fn failed<T: Send + 'static>(error: Error) -> Items<T> {
    stream::once(async { Err(error) }).boxed()
}

impl<T: fmt::Debug> fmt::Debug for Page<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("data", &self.data)
            .field("next_cursor", &self.next_cursor)
            .finish()
    }
}

/// Pages are equal when their items and next cursors are.
impl<T: PartialEq> PartialEq for Page<T> {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data && self.next_cursor == other.next_cursor
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}
