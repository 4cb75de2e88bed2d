"""Background jobs: the runner used by ``ordergate worker`` and ``ordergate up``."""
