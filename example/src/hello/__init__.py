"""The example app of pexrc's quick start."""
