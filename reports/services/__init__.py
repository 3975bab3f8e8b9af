"""Writes with rules on reporting periods and reports, and the consolidation."""
