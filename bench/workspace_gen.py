"""A synthetic workspace for benchmarks: many injects, realistic text, some Hangul and Kanji."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's dumper where there is one: 10,000 files in seconds, not a minute."""
ROLES = [
    {"id": "US", "name": "United States delegation", "kind": "player"},
    {"id": "JPN", "name": "Japan delegation", "kind": "player"},
    {"id": "ROK", "name": "Republic of Korea delegation", "kind": "player"},
    {"id": "WHITE", "name": "White cell", "kind": "control"},
    {"id": "DPRK", "name": "North Korea cell", "kind": "adversary"},
]
METHODS = ["briefing", "intel", "news", "social", "phone", "email", "cable", "orders"]
SENDERS = ["JSDF Joint Staff Office", "ROK Joint Chiefs of Staff", "INDOPACOM J2", "Yonhap",
           "NHK", "KCNA", "US Forces Korea", "Japan Coast Guard", "MOFA Tokyo", "MOFA Seoul"]
WORDS = ("track sharing missile defense trilateral coordination submarine launch aegis "
         "destroyer sonar contact minesweeper evacuation refugee consultation statement "
         "alliance readiness liaison assessment warning intelligence channel hotline "
         "minister delegation capability timeline exercise maritime airspace").split()
CJK = ["북한 잠수함에서 탄도미사일 발사", "한미일 정보 공유", "弾道ミサイル発射情報",
       "日米韓の連携を確認", "해상자위대 소해정", "国家安全保障会議を招集"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.15:
        words.insert(rng.randint(0, len(words)), rng.choice(CJK))
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
                       for _ in range(count))


def generate_workspace(root: Path, *, injects: int = 1000, modules: int = 10,
                       seed: int = 7) -> str:
    """Write a workspace with one scenario playing `injects` injects; return its id."""
    rng = random.Random(seed)
    scenario_id = "bench-large"
    inject_dir = root / "injects" / scenario_id
    inject_dir.mkdir(parents=True, exist_ok=True)
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    objectives = [{"id": f"OBJ-{n}", "text": _sentence(rng),
                   "capability": "Operational Coordination"} for n in range(1, 6)]
    per_module = injects // modules
    module_docs = []
    for module_index in range(modules):
        ids = []
        for slot in range(per_module):
            number = module_index * per_module + slot + 1
            inject_id = f"bench-{number:04d}"
            ids.append(inject_id)
            document = {
                "id": inject_id,
                "title": _sentence(rng)[:70].rstrip("."),
                "at": f"+{slot // 12}:{(slot * 5) % 60:02d}",
                "from": rng.choice(SENDERS),
                "to": rng.choice([["all"], ["US", "JPN"], ["ROK"], ["JPN", "ROK"]]),
                "method": rng.choice(METHODS),
                "body": _paragraphs(rng, rng.randint(1, 3)),
                "questions": {role: [_sentence(rng)] for role in ("US", "JPN", "ROK")},
                "expected": {"all": [_sentence(rng), _sentence(rng)]},
                "objectives": [rng.choice(objectives)["id"]],
                "notes": _sentence(rng),
                "tags": [rng.choice(["bmd", "asw", "mcm", "neo", "public-affairs"])],
            }
            header = "# yaml-language-server: $schema=../../schemas/inject.schema.json\n"
            (inject_dir / f"{inject_id}.yaml").write_text(
                header + yaml.dump(document, Dumper=DUMPER, allow_unicode=True,
                                   sort_keys=False),
                encoding="utf-8")
        module_docs.append({
            "id": f"m{module_index + 1}", "title": f"Module {module_index + 1}",
            "at": f"+{module_index * 8}:00", "situation": _paragraphs(rng, 1), "injects": ids,
        })
    scenario = {
        "id": scenario_id, "title": "Benchmark: a very long exercise",
        "classification": "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY",
        "summary": _paragraphs(rng, 3), "start": "2027-03-14T05:30:00+09:00",
        "roles": ROLES, "objectives": objectives, "modules": module_docs,
    }
    (root / "scenarios" / f"{scenario_id}.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/scenario.schema.json\n"
        + yaml.dump(scenario, Dumper=DUMPER, allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    return scenario_id
