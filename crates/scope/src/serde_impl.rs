//! `serde`: scopes as one space-separated string, borrowed from the input where possible.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{Scope, ScopeSet, ScopeToken};

impl Serialize for ScopeToken<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Scope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// As the canonical form (sorted, single SP).
impl<const N: usize> Serialize for ScopeSet<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A visitor for a value borrowed from the input.
struct Borrowed<T>(PhantomData<T>);

macro_rules! borrowed_visitor {
    ($ty:ty, $expecting:literal, $parse:expr) => {
        impl<'de> Visitor<'de> for Borrowed<$ty> {
            type Value = $ty;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($expecting)
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<$ty, E> {
                $parse(v).map_err(E::custom)
            }

            fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<$ty, E> {
                match core::str::from_utf8(v) {
                    Ok(s) => self.visit_borrowed_str(s),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
                }
            }
        }
    };
}

borrowed_visitor!(ScopeToken<'de>, "a scope-token borrowed from the input", ScopeToken::new);
borrowed_visitor!(Scope<'de>, "a scope (RFC 6749 §3.3) borrowed from the input", Scope::parse);

/// Borrowed from the input: fails on input that must be unescaped first (a JSON string with
/// a `\u` escape); deserialize a `ScopeTokenBuf` then.
impl<'de: 'a, 'a> Deserialize<'de> for ScopeToken<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ScopeToken<'a>, D::Error> {
        deserializer.deserialize_str(Borrowed::<ScopeToken<'de>>(PhantomData))
    }
}

/// Borrowed from the input, checked strictly: fails on input that must be unescaped first
/// (a JSON string with a `\u` escape); deserialize an `OwnedScopeSet` then.
impl<'de: 'a, 'a> Deserialize<'de> for Scope<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scope<'a>, D::Error> {
        deserializer.deserialize_str(Borrowed::<Scope<'de>>(PhantomData))
    }
}

/// Borrowed from the input and checked strictly, as [`Scope`]; more than `N` distinct
/// tokens is an error.
impl<'de: 'a, 'a, const N: usize> Deserialize<'de> for ScopeSet<'a, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ScopeSet<'a, N>, D::Error> {
        struct SetVisitor<const N: usize>;
        impl<'de, const N: usize> Visitor<'de> for SetVisitor<N> {
            type Value = ScopeSet<'de, N>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a scope of at most {N} distinct tokens borrowed from the input")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<ScopeSet<'de, N>, E> {
                ScopeSet::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(SetVisitor::<N>)
    }
}

#[cfg(feature = "alloc")]
mod owned {
    use core::fmt;

    use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
    use serde::ser::{Serialize, Serializer};

    use crate::{OwnedScopeSet, ScopeToken, ScopeTokenBuf};

    impl Serialize for ScopeTokenBuf {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    /// As the canonical form (sorted, single SP).
    impl Serialize for OwnedScopeSet {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for ScopeTokenBuf {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ScopeTokenBuf, D::Error> {
            struct TokenVisitor;
            impl Visitor<'_> for TokenVisitor {
                type Value = ScopeTokenBuf;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a scope-token")
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<ScopeTokenBuf, E> {
                    ScopeToken::new(v).map(|t| t.to_buf()).map_err(E::custom)
                }
            }
            deserializer.deserialize_str(TokenVisitor)
        }
    }

    /// From a space-separated string, checked strictly; or, as some token endpoints send
    /// it, from an array of scope-token strings.
    impl<'de> Deserialize<'de> for OwnedScopeSet {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OwnedScopeSet, D::Error> {
            struct SetVisitor;
            impl<'de> Visitor<'de> for SetVisitor {
                type Value = OwnedScopeSet;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a scope (RFC 6749 §3.3) or an array of scope-tokens")
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<OwnedScopeSet, E> {
                    OwnedScopeSet::parse(v).map_err(E::custom)
                }

                fn visit_seq<A: SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<OwnedScopeSet, A::Error> {
                    let mut set = OwnedScopeSet::new();
                    while let Some(token) = seq.next_element::<ScopeTokenBuf>()? {
                        set.insert_buf(token);
                    }
                    Ok(set)
                }
            }
            // Arrays only where the format describes itself (JSON, YAML); a compact binary
            // format holds what `serialize` wrote, a string.
            if deserializer.is_human_readable() {
                deserializer.deserialize_any(SetVisitor)
            } else {
                deserializer.deserialize_str(SetVisitor)
            }
        }
    }
}
