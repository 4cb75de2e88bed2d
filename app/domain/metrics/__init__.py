"""Order metrics: summary, day trends with group-by, top buyers, unpaid funnel, daily report."""
