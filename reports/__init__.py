"""Reporting periods, progress reports and their review, dashboards, exports."""
