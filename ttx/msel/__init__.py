"""MSEL spreadsheets: a scenario out to CSV or XLSX, and a planner's MSEL back into
scenario and inject files. Imports `ttx.authoring` and `ttx.model`, nothing above them."""
