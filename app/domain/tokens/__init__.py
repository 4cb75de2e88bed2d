"""OAuth tokens and authorization codes: issuing, rotating and revoking pairs (service), and
their rows (repository). The OAuth server in :mod:`app.oauth2` drives both from Authlib's
synchronous callbacks."""
