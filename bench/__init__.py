"""Benchmarks: ttx measured against baselines taken in the same run."""
