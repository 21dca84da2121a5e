"""After-action reports built from a session: model, templates, PDF and charts."""
