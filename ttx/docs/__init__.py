"""Documents before play: the Situation Manual, the facilitator/evaluator guide, the EEGs."""
