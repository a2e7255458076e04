//! Shared pieces of the size-measurement binaries: the input a firmware receives and the
//! sink its results go to, both hidden from the optimiser so that nothing is folded away.
#![no_std]

/// A 401 an MCP server sends: the input every challenge binary parses.
pub const HEADER: &[u8] = br#"Negotiate, Bearer realm="mcp", error="invalid_token", error_description="The access token expired", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", DPoP algs="ES256 PS256""#;

/// The input, as the optimiser cannot see it.
#[inline(never)]
pub fn input(bytes: &'static [u8]) -> &'static [u8] {
    core::hint::black_box(bytes)
}

/// Keeps a result alive.
#[inline(never)]
pub fn sink<T>(value: T) {
    core::hint::black_box(value);
}
