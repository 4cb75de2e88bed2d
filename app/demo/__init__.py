"""Demo data: realistic shops and orders loaded in bulk, and a live ingest simulator."""

from app.demo.loader import DemoSummary, load_demo, orders_present

__all__ = ["DemoSummary", "load_demo", "orders_present"]
