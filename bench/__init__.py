"""The benchmark behind `make bench` and the load test behind `make load` (never installed)."""
