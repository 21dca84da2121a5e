"""The console's widgets: header, MSEL table, inject view and live log."""
