"""Modal forms: each returns a filled-in draft, or None when cancelled; nothing is written here."""
