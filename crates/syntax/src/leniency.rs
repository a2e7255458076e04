//! The one definition of a parser's leniency settings, shared by the signpost parsers.

/// Defines a `Leniency` type: a `Copy` set of named switches, each forgiving one deviation
/// from a grammar, that is both a parser's setting and its report of what it forgave.
///
/// For crate authors: every signpost parser crate (`signpost-challenge`, `signpost-link`,
/// `signpost-scope`) defines its `Leniency` with this macro, so that all of them have the
/// same API and the same defaults. The macro is hidden from the rendered docs of this crate;
/// the generated types are documented where they are defined.
///
/// ```
/// signpost_syntax::leniency! {
///     /// What a parser of some field forgives.
///     pub struct Leniency: u8 {
///         /// `a;b` where the grammar wants `a, b`.
///         const SEMICOLONS = 1 << 0, "semicolons";
///         /// HTAB where the grammar wants SP.
///         const TABS = 1 << 1, "tabs";
///     }
/// }
///
/// // Strict by default: nothing is forgiven.
/// assert_eq!(Leniency::default(), Leniency::NONE);
/// assert!(Leniency::NONE.is_empty());
/// let both = Leniency::SEMICOLONS | Leniency::TABS;
/// assert_eq!(both, Leniency::ALL);
/// assert!(both.contains(Leniency::TABS));
/// assert_eq!(both.difference(Leniency::TABS), Leniency::SEMICOLONS);
/// // Kebab-case names in a fixed order, for logs, flags and JSON.
/// assert_eq!(both.names().collect::<Vec<_>>(), ["semicolons", "tabs"]);
/// assert_eq!(Leniency::from_name("tabs"), Some(Leniency::TABS));
/// assert_eq!(format!("{both:?}"), "Leniency(semicolons | tabs)");
/// assert_eq!(format!("{:?}", Leniency::NONE), "Leniency(NONE)");
/// ```
///
/// The generated type has:
///
/// - one associated `const` per switch, plus `NONE` (the `Default`: strict) and `ALL`;
/// - `union` (also `|` and `|=`), `difference`, `contains`, `is_empty`, all `const fn`;
/// - `names()`, the kebab-case names of its switches in the order they are declared, and
///   `from_name()`, their inverse for one switch;
/// - a `Debug` that lists the names (`Leniency(single-quotes | recover)`);
/// - crate-private `any` (whether any switch of the argument is set) and `insert`, for the
///   parser that reads the setting and writes the report.
///
/// Each switch is a single bit of the integer type given after the name (`u8` or `u16`).
#[doc(hidden)]
#[macro_export]
macro_rules! leniency {
    (
        $(#[$meta:meta])*
        pub struct $Name:ident: $T:ty {
            $(
                $(#[$fmeta:meta])*
                const $FLAG:ident = $bits:expr, $name:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $Name($T);

        #[allow(dead_code)]
        impl $Name {
            $(
                $(#[$fmeta])*
                pub const $FLAG: $Name = $Name($bits);
            )+

            /// Nothing forgiven: the grammar as written (the default).
            pub const NONE: $Name = $Name(0);

            /// Every switch.
            pub const ALL: $Name = $Name(0 $(| $bits)+);

            const NAMES: &'static [($Name, &'static str)] = &[$(($Name::$FLAG, $name)),+];

            /// The switches of both sets (also `self | other`).
            #[must_use]
            pub const fn union(self, other: $Name) -> $Name {
                $Name(self.0 | other.0)
            }

            /// The switches of `self` that are not in `other`.
            #[must_use]
            pub const fn difference(self, other: $Name) -> $Name {
                $Name(self.0 & !other.0)
            }

            /// Whether every switch of `other` is in `self`.
            pub const fn contains(self, other: $Name) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether no switch is set: strict, or nothing was forgiven.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// The kebab-case names of the switches in the set, in a fixed order (the order
            /// of the constants above), for logs and JSON.
            pub fn names(self) -> impl ::core::iter::Iterator<Item = &'static str> {
                $Name::NAMES.iter().filter(move |(l, _)| self.contains(*l)).map(|(_, n)| *n)
            }

            /// The switch with this kebab-case name, as [`names`](Self::names) gives it.
            pub fn from_name(name: &str) -> ::core::option::Option<$Name> {
                $Name::NAMES.iter().find(|(_, n)| *n == name).map(|(l, _)| *l)
            }

            /// Whether any switch of `other` is in `self`.
            #[inline]
            pub(crate) const fn any(self, other: $Name) -> bool {
                self.0 & other.0 != 0
            }

            /// Adds the switches of `other`.
            #[inline]
            pub(crate) fn insert(&mut self, other: $Name) {
                self.0 |= other.0;
            }
        }

        impl ::core::ops::BitOr for $Name {
            type Output = $Name;
            fn bitor(self, rhs: $Name) -> $Name {
                self.union(rhs)
            }
        }

        impl ::core::ops::BitOrAssign for $Name {
            fn bitor_assign(&mut self, rhs: $Name) {
                self.0 |= rhs.0;
            }
        }

        impl ::core::fmt::Debug for $Name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(::core::stringify!($Name))?;
                if self.is_empty() {
                    return f.write_str("(NONE)");
                }
                f.write_str("(")?;
                for (i, n) in self.names().enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    f.write_str(n)?;
                }
                f.write_str(")")
            }
        }
    };
}
