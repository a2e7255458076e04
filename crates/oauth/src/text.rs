//! Text that borrows, or (with `alloc`) owns: the storage of the values a framework keeps
//! beyond the input they came from ([`ServerContext::into_owned`](crate::ServerContext::into_owned),
//! [`Decision::into_owned`](crate::Decision::into_owned)).

use core::fmt;

/// A string borrowed for `'a`, or (with `alloc`) owned. Equality compares the text, however
/// it is stored.
#[derive(Clone)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    #[cfg(feature = "alloc")]
    Owned(alloc::string::String),
}

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            #[cfg(feature = "alloc")]
            Text::Owned(s) => s,
        }
    }

    /// The same text, owned.
    #[cfg(feature = "alloc")]
    pub(crate) fn into_owned(self) -> Text<'static> {
        match self {
            Text::Borrowed(s) => Text::Owned(s.into()),
            Text::Owned(s) => Text::Owned(s),
        }
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text<'_> {}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}
