"""Tests of the council dashboards (issue 5)."""
