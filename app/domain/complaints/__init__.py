"""Buyer complaints (投诉) on an order and the merchant's response."""
