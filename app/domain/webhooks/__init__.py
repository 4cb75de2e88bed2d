"""Webhooks: endpoints, fan-out from the change log, signed at-least-once delivery, replay."""
