"""The Textual facilitator console and the display seat."""
