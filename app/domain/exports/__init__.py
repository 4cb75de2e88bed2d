"""Order exports: jobs (CSV through COPY, XLSX through a server-side cursor) and sync CSV."""
