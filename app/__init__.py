"""OrderGate: order-integration platform for Douyin-style shops."""

__version__ = "0.1.0"
