"""Workbench sections, one module per process."""
