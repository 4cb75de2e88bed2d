"""Who may do what: scopes and roles, shop scope, the principal behind a token, allowed actions,
password and secret hashing. The domain speaks these types; :mod:`app.auth` builds them from a
request."""
