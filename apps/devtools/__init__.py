"""Demo and benchmark data: seed_demo, seed_scale.

Installed by the development settings (demo, tests, benchmark seeding), never in production.
"""
