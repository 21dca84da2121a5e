"""Checks of what a person typed and of what a session allows now, each refused in one
line with a hint and the choices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from ttx.errors import TtxError
from ttx.hints import did_you_mean
from ttx.session.records import InjectStatus

if TYPE_CHECKING:
    from ttx.session.fold import SessionState

_MAX_LISTED = 12


def unknown(what: str, word: str, choices: Sequence[str]) -> TtxError:
    """`no WHAT 'word' in this scenario (did you mean …?); known: a, b, c`."""
    message = f"no {what} '{word}' in this scenario{did_you_mean(word, choices)}"
    if 0 < len(choices) <= _MAX_LISTED:
        message += f"; choose from {', '.join(choices)}"
    return TtxError(message)


def checked_choice(what: str, word: str, choices: Sequence[str]) -> str:
    """`word` if it is one of `choices`, else a refusal that lists them."""
    if word in choices:
        return word
    hint = did_you_mean(word, choices)
    refuse(f"'{word}' is not a {what}{hint}; choose {', '.join(choices)}")


def checked_text(what: str, text: str) -> str:
    """`text` without surrounding blanks; refused when nothing is left."""
    stripped = text.strip()
    if not stripped:
        refuse(f"{what} cannot be empty")
    return stripped


def checked_due(text: str) -> str:
    """An ISO date `YYYY-MM-DD` (or empty), as written back by `date.isoformat`."""
    value = text.strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        refuse(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2027-06-30")


def refuse(message: str) -> NoReturn:
    """Raise the one-line refusal `message`."""
    raise TtxError(message)


# -- checks against a session's state --------------------------------------------


def check_role(state: SessionState, role: str) -> str:
    roles = [r.id for r in state.snapshot.scenario.roles]
    if role not in roles:
        raise unknown("role", role, roles)
    return role


def check_objective(state: SessionState, objective: str) -> str:
    objectives = [obj.id for obj in state.snapshot.scenario.objectives]
    if objective not in objectives:
        raise unknown("objective", objective, objectives)
    return objective


def check_known_inject(state: SessionState, inject_id: str) -> None:
    if inject_id not in state.snapshot.injects:
        raise unknown("inject", inject_id, list(state.snapshot.injects))


def check_delivered(state: SessionState, inject_id: str) -> None:
    check_known_inject(state, inject_id)
    if state.inject_status[inject_id] is not InjectStatus.delivered:
        refuse(f"inject '{inject_id}' has not been delivered yet")


def check_releasable(state: SessionState, inject_id: str, verb: str, *,
                     allow_future_module: bool = False) -> None:
    """Refuse unless `inject_id` can be delivered (or skipped) now."""
    check_known_inject(state, inject_id)
    status = state.inject_status[inject_id]
    if status is InjectStatus.delivered:
        delivery = state.delivery_of(inject_id)
        refuse(f"inject '{inject_id}' was already delivered"
               + (f" (#{delivery.seq})" if delivery else ""))
    module = state.snapshot.module_of(inject_id)
    if status is InjectStatus.pending and module is not None and \
            module.id not in state.modules_started and not allow_future_module:
        refuse(f"inject '{inject_id}' is planned in module '{module.id}', which has "
               f"not started; start it first")
    if status is InjectStatus.unavailable:
        refuse(_why_unavailable(state, inject_id, verb))


def _why_unavailable(state: SessionState, inject_id: str, verb: str) -> str:
    snapshot = state.snapshot
    releasing = [f"'{option.id}' of '{inject.id}'"
                 for inject in snapshot.injects.values()
                 for option in inject.options if inject_id in option.leads_to]
    module = snapshot.module_of(inject_id)
    reasons = []
    if module is not None and module.id != state.current_module:
        reasons.append(f"a contingency of module '{module.id}', not of the current module "
                       f"'{state.current_module}'")
    if releasing:
        reasons.append(f"released only when a move picks option {' or '.join(releasing)}")
    why = "; it is " + " and ".join(reasons) if reasons else ""
    return f"inject '{inject_id}' is not available and cannot be {verb}{why}"


def check_option(state: SessionState, inject_id: str, option_id: str) -> str:
    inject = state.snapshot.injects[inject_id]
    options = [option.id for option in inject.options]
    if not options:
        refuse(f"inject '{inject_id}' is not a decision point: it has no options")
    if option_id not in options:
        owners = [other.id for other in state.snapshot.injects.values()
                  if other.option(option_id) is not None]
        elsewhere = f"; '{option_id}' is an option of '{owners[0]}'" if owners else ""
        refuse(f"inject '{inject_id}' has no option '{option_id}'"
               f"{did_you_mean(option_id, options)}; choose {', '.join(options)}"
               f"{elsewhere}")
    return option_id
