""""Did you mean" for role ids, which a few letters apart can mean another country.

Edit distance alone fails on role ids: `KOR` and `ROK` share no two letters in order, and
`UK` is as close to `US` as `USA` is. So a mistyped role is matched, in order, against the
ids (near misses, case), the common codes and names of the same country (`KOR`, `KR`,
`Korea` all mean `ROK`), and the words of each role's name (`JAP` begins `Japan` in
"Government of Japan delegation"). No hint is better than a wrong one: a name word only
counts when a single role has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ttx.authoring.problems import did_you_mean

_COUNTRY_CODES = (
    ("US", "USA", "UNITED-STATES", "UNITED-STATES-OF-AMERICA", "AMERICA", "AMERICAN", "USG"),
    ("JPN", "JP", "JA", "JAP", "JAPAN", "JAPANESE", "GOJ"),
    ("ROK", "KOR", "KR", "SK", "RK", "KOREA", "SOUTH-KOREA", "KOREAN", "ROKG"),
    ("DPRK", "PRK", "KP", "NK", "NORK", "NORTH-KOREA"),
    ("PRC", "CHN", "CN", "CHINA", "CHINESE"),
    ("ROC", "TWN", "TW", "TAIWAN"),
    ("RUS", "RU", "RF", "RUSSIA", "RUSSIAN-FEDERATION"),
    ("UK", "GBR", "GB", "BRITAIN", "UNITED-KINGDOM"),
    ("AUS", "AU", "AUSTRALIA"),
    ("NZ", "NZL", "NEW-ZEALAND"),
    ("CAN", "CA", "CANADA"),
    ("FRA", "FR", "FRANCE"),
    ("DEU", "GER", "DE", "GERMANY"),
    ("IND", "IN", "INDIA"),
    ("PHL", "PH", "RP", "PHILIPPINES"),
    ("VNM", "VN", "VIETNAM", "VIET-NAM"),
    ("MNG", "MN", "MONGOLIA"),
)
"""Each row: ways planners write one country's role id. Any id in a row suggests a
scenario role whose id is another in the same row."""

_GENERIC_WORDS = frozenset({
    "and", "by", "cell", "delegation", "democratic", "government", "group", "of", "people",
    "peoples", "played", "republic", "team", "the",
})
"""Words of role names that say nothing about which role is meant."""

_NOT_LETTERS = re.compile(r"[^A-Z0-9]+")


def _normal(word: str) -> str:
    return _NOT_LETTERS.sub("-", word.upper()).strip("-")


def role_hint(word: str, roles: Iterable[tuple[str, str]]) -> str:
    """A ` (did you mean 'ROK'?)` hint for a role id that is not one of `roles`
    (`(id, name)` pairs), or an empty string."""
    roles = list(roles)
    role_ids = [role_id for role_id, _ in roles]
    near = did_you_mean(word, role_ids)
    if near:
        return near
    wanted = _normal(word)
    for row in _COUNTRY_CODES:
        if wanted in row:
            same_country = [role_id for role_id in role_ids
                            if _normal(role_id) in row and role_id != word]
            if len(same_country) == 1:
                return f" (did you mean '{same_country[0]}'?)"
    if len(wanted) >= 3:
        named = {role_id for role_id, name in roles
                 if any(part.upper().startswith(wanted)
                        for part in re.findall(r"[^\W_]+", name)
                        if part.casefold() not in _GENERIC_WORDS)}
        if len(named) == 1:
            return f" (did you mean '{named.pop()}'?)"
    return ""
