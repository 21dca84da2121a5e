"""The rendering layer every ttx document shares: templates, HTML, PDF and Word."""
