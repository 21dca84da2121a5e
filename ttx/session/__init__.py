"""Sessions: event types, the SQLite journal, the state fold and the game clock."""
