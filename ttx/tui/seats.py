"""Which session verb each console action uses: the console asks the session's seat
(`ttx.session.seats`) whether it may, and keeps no seat rules of its own."""

from __future__ import annotations

from ttx.session.seats import Seat, Verb

ACTION_VERBS: dict[str, Verb] = {
    "startex": Verb.startex,
    "deliver_next": Verb.deliver,
    "deliver_selected": Verb.deliver,
    "skip": Verb.skip,
    "contingency": Verb.deliver,
    "next_module": Verb.start_module,
    "toggle_pause": Verb.pause,
    "record_move": Verb.move,
    "record_observation": Verb.observe,
    "add_improvement": Verb.improve,
    "add_note": Verb.note,
    "amend_entry": Verb.correct,
    "announce": Verb.announce,
    "room_screen": Verb.show_screen,
    "acknowledge": Verb.acknowledge,
    "send_message": Verb.move,
    "forward": Verb.move,
    "feedback": Verb.feedback,
    "end_session": Verb.end,
    "write_analysis": Verb.analyse,
}
"""Console actions that change the session, and the verb each one asks for."""


def seat_allows(seat: Seat, action: str) -> bool:
    """Whether `seat` may run the console action named `action` (actions that change
    nothing, such as help or quit, are open to every seat)."""
    verb = ACTION_VERBS.get(action)
    return verb is None or seat.may(verb)
