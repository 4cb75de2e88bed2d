"""Demo data: realistic shops and orders loaded in bulk, and a live ingest simulator."""

from app.demo.loader import DemoSummary, load_demo

__all__ = ["DemoSummary", "load_demo"]
