"""Receiver masking for principals without ``orders:read_pii``."""

from __future__ import annotations

from typing import Any


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def mask_phone(phone: str) -> str:
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_address(address: str) -> str:
    return address[:6] + "****" if len(address) > 6 else "****"


def mask_receiver(receiver: dict[str, Any]) -> dict[str, Any]:
    return {
        **receiver,
        "name": mask_name(receiver.get("name") or ""),
        "phone": mask_phone(receiver.get("phone") or ""),
        "address": mask_address(receiver.get("address") or ""),
        "masked": True,
    }
