//! [`ProtectedResource`]: what the resource server says about itself, in its challenges and
//! in its RFC 9728 metadata document.

use std::fmt;

use signpost_oauth::{Issuer, ResourceId, ResourceMetadata, Schemes, ServerContext};
use signpost_scope::Scope;

/// A configuration value that signpost refuses, with the setting it was given to and why.
///
/// ```
/// use signpost_tower::ProtectedResource;
///
/// let err = ProtectedResource::new("https://mcp.example.com/mcp#frag").unwrap_err();
/// assert_eq!(err.setting(), "resource");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    setting: &'static str,
    message: String,
}

impl ConfigError {
    pub(crate) fn new(setting: &'static str, message: impl fmt::Display) -> ConfigError {
        ConfigError { setting, message: message.to_string() }
    }

    /// The setting whose value was refused (`"resource"`, `"realm"`, `"required_scope"`).
    pub fn setting(&self) -> &'static str {
        self.setting
    }

    /// Why, in the words of the signpost parser that refused it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.setting, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A protected resource (RFC 9728 §1.2): its resource identifier, the metadata URL built
/// from it, and what goes into its challenges and its metadata document.
///
/// Built once at start-up; every setter checks its value, so that a bad configuration
/// fails there rather than on the first rejected request. The layer
/// ([`layer`](ProtectedResource::layer)) and the metadata service
/// ([`metadata_service`](ProtectedResource::metadata_service)) are made from it.
///
/// ```
/// use signpost_oauth::Schemes;
/// use signpost_tower::ProtectedResource;
///
/// let resource = ProtectedResource::new("https://mcp.example.com/mcp")?
///     .authorization_server("https://auth.example.com")?
///     .scopes_supported("mcp:tools mcp:resources")?
///     .schemes(Schemes::BOTH)
///     .dpop_algs("ES256")?;
/// // RFC 9728 §3.1: the well-known path is inserted before the resource's path.
/// assert_eq!(resource.metadata_path(), "/.well-known/oauth-protected-resource/mcp");
/// assert_eq!(
///     resource.metadata_url(),
///     "https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
/// );
/// # Ok::<(), signpost_tower::ConfigError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ProtectedResource {
    metadata_url: String,
    metadata_path: String,
    metadata_query: Option<String>,
    realm: Option<String>,
    schemes: Schemes,
    dpop_algs: Option<String>,
    document: ResourceMetadata<'static>,
}

impl ProtectedResource {
    /// The resource with identifier `resource` (an `https` URL without fragment, RFC 9728
    /// §1.2; `http` on loopback for development), accepting Bearer tokens, with a metadata
    /// document naming only the resource and `bearer_methods_supported: ["header"]` (the
    /// layer reads the `Authorization` header only).
    ///
    /// # Errors
    ///
    /// When `resource` is not a resource identifier.
    pub fn new(resource: &str) -> Result<ProtectedResource, ConfigError> {
        let id = ResourceId::parse(resource).map_err(|e| ConfigError::new("resource", e))?;
        let metadata_url = id.metadata_url().to_string();
        let metadata_path = id.metadata_path().to_string();
        let metadata_query = id.metadata_path().query().map(str::to_owned);
        let mut document = ResourceMetadata::new(resource.to_owned());
        document.bearer_methods_supported = Some(vec!["header".into()]);
        let this = ProtectedResource {
            metadata_url,
            metadata_path,
            metadata_query,
            realm: None,
            schemes: Schemes::BEARER,
            dpop_algs: None,
            document,
        };
        this.context().check().map_err(|e| ConfigError::new("resource", e))?;
        Ok(this)
    }

    /// Adds an authorization server (its issuer identifier, RFC 8414 §2) to the document's
    /// `authorization_servers`.
    ///
    /// # Errors
    ///
    /// When `issuer` is not an issuer identifier.
    pub fn authorization_server(mut self, issuer: &str) -> Result<Self, ConfigError> {
        Issuer::parse(issuer).map_err(|e| ConfigError::new("authorization_server", e))?;
        self.document
            .authorization_servers
            .get_or_insert_with(Vec::new)
            .push(issuer.to_owned().into());
        Ok(self)
    }

    /// Sets the document's `scopes_supported` from a space-separated scope (RFC 6749 §3.3).
    ///
    /// # Errors
    ///
    /// When `scope` is not a scope.
    pub fn scopes_supported(mut self, scope: &str) -> Result<Self, ConfigError> {
        let parsed = Scope::parse(scope).map_err(|e| ConfigError::new("scopes_supported", e))?;
        self.document.scopes_supported =
            Some(parsed.iter().map(|t| t.as_str().to_owned().into()).collect());
        Ok(self)
    }

    /// Sets the document's `resource_name`.
    #[must_use]
    pub fn resource_name(mut self, name: &str) -> Self {
        self.document.resource_name = Some(name.to_owned().into());
        self
    }

    /// Sets the `realm` of every challenge.
    ///
    /// # Errors
    ///
    /// When `realm` cannot be written as a quoted-string.
    pub fn realm(mut self, realm: &str) -> Result<Self, ConfigError> {
        ServerContext::new().realm(realm).check().map_err(|e| ConfigError::new("realm", e))?;
        self.realm = Some(realm.to_owned());
        Ok(self)
    }

    /// The token schemes accepted (default [`Schemes::BEARER`]). [`Schemes::DPOP`] alone
    /// also sets `dpop_bound_access_tokens_required` in the document (RFC 9449 §5.2 of
    /// RFC 9728's registry).
    #[must_use]
    pub fn schemes(mut self, schemes: Schemes) -> Self {
        self.schemes = schemes;
        self.document.dpop_bound_access_tokens_required =
            (schemes.dpop() && !schemes.bearer()).then_some(true);
        self
    }

    /// The JWS algorithms accepted in DPoP proofs (space-separated): `algs` on the `DPoP`
    /// challenge and `dpop_signing_alg_values_supported` in the document.
    ///
    /// # Errors
    ///
    /// When `algs` cannot be written as `algs`.
    pub fn dpop_algs(mut self, algs: &str) -> Result<Self, ConfigError> {
        ServerContext::new()
            .dpop_algs(algs)
            .check()
            .map_err(|e| ConfigError::new("dpop_algs", e))?;
        self.document.dpop_signing_alg_values_supported =
            Some(algs.split(' ').filter(|a| !a.is_empty()).map(|a| a.to_owned().into()).collect());
        self.dpop_algs = Some(algs.to_owned());
        Ok(self)
    }

    /// Changes the metadata document in any other way (`jwks_uri`, `resource_documentation`,
    /// ...). `resource` is the resource identifier; change it and clients will refuse the
    /// document (RFC 9728 §3.3).
    #[must_use]
    pub fn with_document(mut self, change: impl FnOnce(&mut ResourceMetadata<'static>)) -> Self {
        change(&mut self.document);
        self
    }

    /// The resource identifier.
    pub fn resource(&self) -> &str {
        &self.document.resource
    }

    /// The URL of the metadata document (RFC 9728 §3.1), written as `resource_metadata` on
    /// every challenge.
    pub fn metadata_url(&self) -> &str {
        &self.metadata_url
    }

    /// The path of the metadata document on the resource's host: `/.well-known/oauth-
    /// protected-resource` followed by the resource identifier's path (without a `/` that
    /// directly follows the host and ends the path, RFC 9728 §3.1).
    pub fn metadata_path(&self) -> &str {
        &self.metadata_path
    }

    /// The query of the metadata URL (without `?`): the resource identifier's, if it has
    /// one (RFC 9728 §3.1 keeps it).
    pub fn metadata_query(&self) -> Option<&str> {
        self.metadata_query.as_deref()
    }

    /// The schemes accepted.
    pub fn accepted_schemes(&self) -> Schemes {
        self.schemes
    }

    /// The metadata document.
    pub fn document(&self) -> &ResourceMetadata<'static> {
        &self.document
    }

    /// The metadata document as JSON (RFC 9728 §3.2), written by signpost-oauth's
    /// [`ResourceMetadata`].
    pub fn document_json(&self) -> String {
        // Serialising strings, lists and booleans into a String cannot fail.
        serde_json::to_string(&self.document).unwrap_or_default()
    }

    /// The challenge context: `realm`, `resource_metadata`, the schemes and `algs`; the
    /// route's scope is added per rejection.
    pub fn context(&self) -> ServerContext<'static> {
        let mut ctx =
            ServerContext::new().resource_metadata(&self.metadata_url).schemes(self.schemes);
        if let Some(realm) = &self.realm {
            ctx = ctx.realm(realm);
        }
        if let Some(algs) = &self.dpop_algs {
            ctx = ctx.dpop_algs(algs);
        }
        ctx.into_owned()
    }
}
