"""Sessions: event types, the SQLite journal, the state fold and the game clock.

Pure: no UI. See docs/session-api.md for the names other layers use.
"""
