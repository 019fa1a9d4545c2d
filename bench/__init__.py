"""Benchmarks: each `bench_*.py` module measures figures against a target (and, where there
is one, a baseline measured in the same run); `python -m bench` runs them all."""
