"""Benchmark: a synthetic multi-source corpus, and the speed, memory and recovery of each stage.

Run with `python -m reconcile.bench` (or `make bench`); see `reconcile.bench.run` for the options.
"""
