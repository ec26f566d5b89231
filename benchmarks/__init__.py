"""Benchmarks of the build at scale: a generator of synthetic articles and a runner."""
