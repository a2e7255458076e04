//! The two metadata documents (with the `serde` feature): RFC 9728 protected-resource
//! metadata and RFC 8414 authorization-server metadata, read borrowing from the JSON.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::metadata::Mismatch;
use crate::{IssuerMetadataUrl, ResourceMetadataUrl};

/// A JSON string that borrows from the input unless it holds escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(String::from(v)))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        d.deserialize_str(V).map(Text)
    }
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

fn owned_text(s: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    s.map(owned)
}

fn owned_list(v: Option<Vec<Cow<'_, str>>>) -> Option<Vec<Cow<'static, str>>> {
    v.map(|v| v.into_iter().map(owned).collect())
}

fn owned_flag(b: Option<bool>) -> Option<bool> {
    b
}

/// Hands a deserializer's input to the derived visitor as a map only: serde's derive
/// would also take a JSON array of the members in declaration order, which no metadata
/// document is (RFC 9728 §3.2 and RFC 8414 §3.2 say "a JSON object").
struct ObjectOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        enum identifier ignored_any
    }
}

/// Iterates over the members that are present, as `(member, value)`.
fn present<'s, const N: usize>(
    members: [(&'static str, &'s Option<Cow<'s, str>>); N],
) -> impl Iterator<Item = (&'static str, &'s str)> {
    members.into_iter().filter_map(|(name, v)| v.as_deref().map(|v| (name, v)))
}

// The Rust type, the serde attributes and the conversions of each kind of member.
macro_rules! member_type {
    ($lt:lifetime, text) => { Option<Cow<$lt, str>> };
    ($lt:lifetime, list) => { Option<Vec<Cow<$lt, str>>> };
    ($lt:lifetime, flag) => { Option<bool> };
}
macro_rules! raw_type {
    ($lt:lifetime, text) => { Option<Text<$lt>> };
    ($lt:lifetime, list) => { Option<Vec<Text<$lt>>> };
    ($lt:lifetime, flag) => { Option<bool> };
}
macro_rules! from_raw {
    (text, $v:expr) => {
        $v.map(|t| t.0)
    };
    (list, $v:expr) => {
        $v.map(|v| v.into_iter().map(|t| t.0).collect())
    };
    (flag, $v:expr) => {
        $v
    };
}
macro_rules! owned_member {
    (text, $v:expr) => {
        owned_text($v)
    };
    (list, $v:expr) => {
        owned_list($v)
    };
    (flag, $v:expr) => {
        owned_flag($v)
    };
}

/// Defines a metadata document: the public struct (`Serialize`, pub fields), a private
/// twin that the derive deserialises (through [`ObjectOnly`]), `new`, `into_owned`.
macro_rules! document {
    (
        $(#[$doc:meta])*
        pub struct $name:ident, $raw:ident {
            $(#[$req_doc:meta])*
            required $req:ident,
            $( $(#[$field_doc:meta])* $kind:ident $field:ident, )*
        }
    ) => {
        $(#[$doc])*
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        pub struct $name<'a> {
            $(#[$req_doc])*
            pub $req: Cow<'a, str>,
            $(
                $(#[$field_doc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: member_type!('a, $kind),
            )*
        }

        mod $raw {
            use super::*;

            // Same name, so that serde's messages say "struct ResourceMetadata".
            #[derive(Deserialize)]
            #[serde(remote = "Self", bound(deserialize = "'de: 'a"))]
            pub(super) struct $name<'a> {
                pub(super) $req: Text<'a>,
                $(
                    #[serde(default)]
                    pub(super) $field: raw_type!('a, $kind),
                )*
            }
        }

        impl<'de: 'a, 'a> Deserialize<'de> for $name<'a> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name<'a>, D::Error> {
                let raw = $raw::$name::deserialize(ObjectOnly(d))?;
                Ok($name { $req: raw.$req.0, $( $field: from_raw!($kind, raw.$field), )* })
            }
        }

        impl<'a> $name<'a> {
            #[doc = concat!("A document with `", stringify!($req), "` and no other member (for a server that publishes one).")]
            pub fn new($req: impl Into<Cow<'a, str>>) -> $name<'a> {
                $name { $req: $req.into(), $( $field: None, )* }
            }

            /// The same document, owning its strings.
            pub fn into_owned(self) -> $name<'static> {
                $name {
                    $req: owned(self.$req),
                    $( $field: owned_member!($kind, self.$field), )*
                }
            }
        }
    };
}

document! {
    /// Protected resource metadata (RFC 9728 §2), borrowed from the JSON text where it
    /// can be.
    ///
    /// Every registered member is a field; members the crate does not know are ignored,
    /// as RFC 9728 §3.2 requires. A member given as `null` counts as absent. The two
    /// boolean members mean `false` when absent (RFC 9728 §2).
    ///
    /// ```
    /// use signpost_oauth::{ResourceId, ResourceMetadata};
    ///
    /// let json = r#"{"resource":"https://resource.example.com",
    ///                "authorization_servers":["https://as1.example.com"]}"#;
    /// let doc: ResourceMetadata = serde_json::from_str(json).unwrap();
    /// let resource = ResourceId::parse("https://resource.example.com")?;
    /// doc.check(&resource.metadata_url()).expect("the document describes this resource");
    /// assert_eq!(doc.authorization_servers.unwrap()[0], "https://as1.example.com");
    /// # Ok::<(), signpost_oauth::ParseError>(())
    /// ```
    pub struct ResourceMetadata, raw_resource {
        /// REQUIRED. The resource identifier.
        required resource,
        /// Issuer identifiers of the authorization servers usable with this resource.
        list authorization_servers,
        /// The URL of the resource's JWK Set.
        text jwks_uri,
        /// Scope values used in authorization requests for this resource (RECOMMENDED).
        list scopes_supported,
        /// How bearer tokens may be sent: `"header"`, `"body"`, `"query"` (RFC 6750).
        list bearer_methods_supported,
        /// JWS algorithms the resource signs responses with.
        list resource_signing_alg_values_supported,
        /// A human-readable name (language-tagged variants such as `resource_name#fr`
        /// are other members, ignored here).
        text resource_name,
        /// A URL of human-readable documentation.
        text resource_documentation,
        /// A URL of the resource's data-usage policy.
        text resource_policy_uri,
        /// A URL of the resource's terms of service.
        text resource_tos_uri,
        /// Whether the resource supports mutual-TLS certificate-bound access tokens
        /// (RFC 8705); absent means `false`.
        flag tls_client_certificate_bound_access_tokens,
        /// `authorization_details` types the resource supports (RFC 9396).
        list authorization_details_types_supported,
        /// JWS algorithms accepted for DPoP proofs (RFC 9449).
        list dpop_signing_alg_values_supported,
        /// Whether the resource always requires DPoP-bound access tokens (RFC 9449);
        /// absent means `false`.
        flag dpop_bound_access_tokens_required,
        /// A JWT whose claims are metadata values (RFC 9728 §2.2), not verified here.
        text signed_metadata,
    }
}

impl ResourceMetadata<'_> {
    /// Checks `resource` against the URL the document was fetched from (RFC 9728 §3.3):
    /// identical to the resource identifier the URL was built from, or, for a URL from
    /// a `resource_metadata` challenge, to the URL of the request.
    ///
    /// # Errors
    ///
    /// A [`Mismatch`] with both strings; the document must then not be used.
    pub fn check<'s>(&'s self, url: &ResourceMetadataUrl<'s>) -> Result<(), Mismatch<'s>> {
        url.rule().check(url.expected_resource(), &self.resource)
    }

    /// The URLs in the document that a client may fetch, as `(member, url)`: each
    /// `authorization_servers` entry (an issuer, whose metadata the client fetches
    /// next) and `jwks_uri`. Check each with a [`Guard`](crate::Guard) first.
    pub fn urls(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        let servers = self.authorization_servers.iter().flatten();
        servers
            .map(|s| ("authorization_servers", &**s))
            .chain(present([("jwks_uri", &self.jwks_uri)]))
    }
}

document! {
    /// Authorization server metadata (RFC 8414 §2, with the members later
    /// specifications registered that a client of a protected resource acts on),
    /// borrowed from the JSON text where it can be.
    ///
    /// Members the crate does not know are ignored (RFC 8414 §3.2). A member given as
    /// `null` counts as absent. `response_types_supported` is REQUIRED by RFC 8414 but
    /// optional here: the caller decides whether its absence matters.
    ///
    /// ```
    /// use signpost_oauth::{AuthorizationServerMetadata, Issuer};
    ///
    /// let json = r#"{"issuer":"https://attacker.example","token_endpoint":"https://attacker.example/token"}"#;
    /// let doc: AuthorizationServerMetadata = serde_json::from_str(json).unwrap();
    /// let issuer = Issuer::parse("https://honest.example")?;
    /// let url = issuer.metadata_url();
    /// let err = doc.check(&url).unwrap_err();
    /// assert_eq!((err.expected(), err.found()), ("https://honest.example", "https://attacker.example"));
    /// # Ok::<(), signpost_oauth::ParseError>(())
    /// ```
    pub struct AuthorizationServerMetadata, raw_server {
        /// REQUIRED. The issuer identifier.
        required issuer,
        /// The authorization endpoint (RFC 6749).
        text authorization_endpoint,
        /// The token endpoint (RFC 6749).
        text token_endpoint,
        /// The URL of the server's JWK Set.
        text jwks_uri,
        /// The dynamic client registration endpoint (RFC 7591).
        text registration_endpoint,
        /// Supported scope values (RECOMMENDED).
        list scopes_supported,
        /// Supported `response_type` values (REQUIRED by RFC 8414).
        list response_types_supported,
        /// Supported `response_mode` values; absent means `["query", "fragment"]`.
        list response_modes_supported,
        /// Supported grant types; absent means `["authorization_code", "implicit"]`.
        list grant_types_supported,
        /// Client authentication methods at the token endpoint; absent means
        /// `"client_secret_basic"`.
        list token_endpoint_auth_methods_supported,
        /// JWS algorithms for JWT client authentication at the token endpoint.
        list token_endpoint_auth_signing_alg_values_supported,
        /// A URL of human-readable documentation.
        text service_documentation,
        /// Languages and scripts of the user interface (BCP 47 tags).
        list ui_locales_supported,
        /// A URL of the server's data-usage policy for clients.
        text op_policy_uri,
        /// A URL of the server's terms of service for clients.
        text op_tos_uri,
        /// The revocation endpoint (RFC 7009).
        text revocation_endpoint,
        /// Client authentication methods at the revocation endpoint.
        list revocation_endpoint_auth_methods_supported,
        /// JWS algorithms for JWT client authentication at the revocation endpoint.
        list revocation_endpoint_auth_signing_alg_values_supported,
        /// The introspection endpoint (RFC 7662).
        text introspection_endpoint,
        /// Client authentication methods at the introspection endpoint.
        list introspection_endpoint_auth_methods_supported,
        /// JWS algorithms for JWT client authentication at the introspection endpoint.
        list introspection_endpoint_auth_signing_alg_values_supported,
        /// PKCE code challenge methods (RFC 7636); absent means PKCE is not supported.
        list code_challenge_methods_supported,
        /// A JWT whose claims are metadata values (RFC 8414 §2.1), not verified here.
        text signed_metadata,
        /// Resource identifiers of protected resources usable with this server
        /// (RFC 9728 §4).
        list protected_resources,
        /// Whether the server sends `iss` in authorization responses (RFC 9207); absent
        /// means `false`.
        flag authorization_response_iss_parameter_supported,
        /// JWS algorithms accepted for DPoP proofs (RFC 9449).
        list dpop_signing_alg_values_supported,
        /// Whether the server accepts URLs of client ID metadata documents as
        /// `client_id` (draft-ietf-oauth-client-id-metadata-document, used by MCP);
        /// absent means `false`.
        flag client_id_metadata_document_supported,
        /// The pushed authorization request endpoint (RFC 9126).
        text pushed_authorization_request_endpoint,
        /// Whether authorization requests must be pushed (RFC 9126); absent means
        /// `false`.
        flag require_pushed_authorization_requests,
        /// The device authorization endpoint (RFC 8628).
        text device_authorization_endpoint,
        /// The OpenID Connect UserInfo endpoint (present in RFC 8414's own example).
        text userinfo_endpoint,
    }
}

impl AuthorizationServerMetadata<'_> {
    /// Checks `issuer` against the URL the document was fetched from (RFC 8414 §3.3,
    /// OpenID Connect Discovery 1.0 §4.3).
    ///
    /// # Errors
    ///
    /// A [`Mismatch`] with both strings; the document must then not be used.
    pub fn check<'s>(&'s self, url: &IssuerMetadataUrl<'s>) -> Result<(), Mismatch<'s>> {
        url.rule().check(url.expected_issuer(), &self.issuer)
    }

    /// The endpoints in the document that a client fetches or sends a user to, as
    /// `(member, url)`: the authorization, token, JWK Set, registration, revocation,
    /// introspection, pushed authorization request, device authorization and UserInfo
    /// endpoints. Check each with a [`Guard`](crate::Guard) before using it.
    pub fn urls(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        present([
            ("authorization_endpoint", &self.authorization_endpoint),
            ("token_endpoint", &self.token_endpoint),
            ("jwks_uri", &self.jwks_uri),
            ("registration_endpoint", &self.registration_endpoint),
            ("revocation_endpoint", &self.revocation_endpoint),
            ("introspection_endpoint", &self.introspection_endpoint),
            ("pushed_authorization_request_endpoint", &self.pushed_authorization_request_endpoint),
            ("device_authorization_endpoint", &self.device_authorization_endpoint),
            ("userinfo_endpoint", &self.userinfo_endpoint),
        ])
    }
}
