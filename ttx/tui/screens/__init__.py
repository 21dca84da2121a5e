"""The screens: the facilitator console, the room display and the help screen."""
