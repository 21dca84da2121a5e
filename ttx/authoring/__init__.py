"""Reading authored YAML with positions, problems, cross-checks, schemas and scaffolds."""
