"""Benchmarks and scale checks: `python -m benchmarks` (see PERFORMANCE.md).

Not part of the test suite's pass/fail; tests/test_benchmarks_smoke.py runs a
tiny version of each piece to keep it working.
"""
