"""OAuth 2.1 server: Authlib AuthorizationServer with Starlette adapters, tokens, endpoints."""
