"""Benchmarks and measurement scripts (run as ``python bench/<script>.py``); a package so that
tests can share their corpus builder (``from bench.corpus import make_pair``)."""
