"""The Textual face of ttx: the facilitator console and the room display.

Everything here reads and writes sessions through `ttx.session`; nothing below
`ttx.tui` imports Textual.
"""
