"""Buyer address-change requests: the merchant approves or rejects; the worker settles the
ones left pending (approved after a delay while unshipped, rejected once shipped)."""
