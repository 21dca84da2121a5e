"""Helpers more than one test package uses (test modules never import each other)."""
