"""The bottom layer: errors, settings and the types every stage hands on. Imports nothing of ours."""
