"""Demo data of each process for seed_demo: idempotent, every name marked 演示."""
