"""Benchmarks: timings recorded by `make bench`, never asserted in tests."""
