"""Every role's workbench, the public home page and the navigation: reads every process, owns none."""
