"""Idempotency-Key records (Stripe semantics); the protocol is in :mod:`.repository`, the write
runner that uses it in :mod:`app.domain.writes`."""
