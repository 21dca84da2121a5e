"""A realistic session of the seed scenario `slbm-launch`, played through the session API.

Three modules, the two decision points, moves in English, Korean and Japanese, direct
and relayed Japan–ROK traffic, observations on every objective, improvement items, a
pause, an amendment and a retraction: what a report of a real exercise holds. The PDF
tests and the page review use it; wall times are whatever the clock said.
"""

from __future__ import annotations

from pathlib import Path

from ttx.authoring.resolve import resolve_scenario
from ttx.session.session import Session

REPOSITORY = Path(__file__).resolve().parents[2]
KOREAN_MOVE = ("합참은 발사 지점과 궤적을 미국을 통해 일본에 전달하고, "
               "지소미아에 따른 직접 연결 복구를 건의합니다.")
JAPANESE_MOVE = ("防衛省は落下地点が排他的経済水域内であると発表し、"
                 "韓国側と直接データを共有する用意があると伝えた。")
KOREAN_OBSERVATION = "한국 대표단은 독도 인근 접촉에 대해 좌표만 언급하여 영유권 논쟁을 피했다."
JAPANESE_IMPROVEMENT = "日韓間のミサイル警戒データ直通回線を常時運用とする"


def play_slbm_launch(path: Path) -> Path:
    """Record a full run of `slbm-launch` into `path`; return it."""
    resolved = resolve_scenario("slbm-launch", cwd=REPOSITORY)
    with Session.start(resolved, path) as session:
        _module_one(session)
        _module_two(session)
        _module_three(session)
        session.end()
    return path


def _module_one(session: Session) -> None:
    session.deliver("slbm-01-sinpo-pier-empty")
    session.record_move("US", "communication",
                        "INDOPACOM J2 passes the Sinpo imagery summary to Tokyo and Seoul "
                        "with a request to raise ASW readiness.",
                        to=["JPN", "ROK"], inject="slbm-01-sinpo-pier-empty")
    session.deliver("slbm-02-rok-jcs-launch-report")
    session.record_move("ROK", "action", KOREAN_MOVE, inject="slbm-02-rok-jcs-launch-report")
    session.record_move("ROK", "communication",
                        "JCS sends the launch point and first trajectory to USFK for relay "
                        "to Japan.", to=["US"], inject="slbm-02-rok-jcs-launch-report")
    session.deliver("slbm-03-jso-track-report")
    session.record_move("JPN", "statement", JAPANESE_MOVE, to=["ROK", "US"],
                        inject="slbm-03-jso-track-report")
    session.record_move("US", "communication",
                        "USFK relays the ROK JCS launch point and trajectory to the Joint "
                        "Staff Office, 11 minutes after detection.", to=["JPN"],
                        inject="slbm-02-rok-jcs-launch-report")
    session.deliver("slbm-04-nhk-j-alert")
    wrong = session.record_move("JPN", "question",
                                "Why did J-Alert not sound on the Oki Islands?",
                                inject="slbm-04-nhk-j-alert")
    session.retract(wrong.seq, "asked by the press cell, not the delegation")
    statement = session.record_move(
        "JPN", "statement", "Chief Cabinet Secretary: a missile fell in Japan's EEZ; no damage "
        "reported; the government is analysing together with the US and the ROK.",
        inject="slbm-04-nhk-j-alert")
    session.amend(statement.seq,
                  "Chief Cabinet Secretary: a ballistic missile fell inside Japan's exclusive "
                  "economic zone about 250 km north of the Oki Islands; no damage reported; "
                  "Japan is analysing it together with the United States and the ROK.")
    session.deliver("slbm-05-track-sharing-decision")
    session.record_move("ROK", "decision",
                        "Reconnect to the trilateral real-time warning mechanism for the "
                        "duration of the crisis, and announce it only after the first fused track.",
                        inject="slbm-05-track-sharing-decision", option="direct",
                        rationale="Relayed tracks arrived 11 minutes late; a second launch "
                                  "would leave no time for a relay.")
    session.record_move("JPN", "decision",
                        "Welcome the reconnection; MOD names a liaison officer for the data "
                        "exchange at once.", inject="slbm-05-track-sharing-decision",
                        rationale="Same picture, same minute.")
    session.record_move("US", "decision",
                        "Keep the US relay running in parallel as a back-up channel.",
                        inject="slbm-05-track-sharing-decision",
                        rationale="Redundancy until the mechanism has carried live data.")
    session.deliver("slbm-05a-direct-link-restored")
    session.record_move("ROK", "communication",
                        "직접 연결로 융합 궤적을 수신했습니다. 탄도미사일 1발, 추진체 1개.",
                        to=["JPN"], inject="slbm-05a-direct-link-restored")
    session.record_move("JPN", "communication", "融合航跡を確認。日本側の評価も一致します。",
                        to=["ROK"], inject="slbm-05a-direct-link-restored")
    session.skip("slbm-05c-yonhap-data-gap", "Not needed: the direct link was restored")
    session.record_observation("OBJ-1", "strength",
                               "The fused track reached all three delegations 14 minutes after "
                               "detection, inside the 15-minute standard.", rating="S",
                               author="Maritime evaluator")
    session.record_observation("OBJ-1", "improvement",
                               "The first relay through USFK took 11 minutes; no one named the "
                               "channel for each data element.", author="Maritime evaluator")
    session.record_observation("OBJ-4", "strength",
                               "Tokyo and Seoul gave the same impact area and time in their "
                               "first statements.", rating="P", author="Policy evaluator")


def _module_two(session: Session) -> None:
    session.pause()
    session.resume()
    session.start_module()
    session.deliver("slbm-08-asw-picture")
    session.record_move("US", "request",
                        "Seventh Fleet proposes three search sectors and asks each ally to "
                        "commit maritime patrol aircraft.", to=["JPN", "ROK"],
                        inject="slbm-08-asw-picture")
    session.record_move("JPN", "action", "JMSDF commits two P-1s and a destroyer to sector B.",
                        inject="slbm-08-asw-picture")
    session.record_move("ROK", "action", "ROK Navy commits a P-8A and the KDX-III to sector A.",
                        inject="slbm-08-asw-picture")
    session.deliver("slbm-09-second-launch-indicators")
    session.record_move("US", "decision",
                        "Move a second Aegis destroyer from Yokosuka to the Sea of Japan and "
                        "cue it from Japanese and ROK radars.",
                        inject="slbm-09-second-launch-indicators",
                        rationale="Two sea-based shooters cover both likely launch areas.")
    session.deliver("slbm-10-contact-near-islets")
    session.record_move("JPN", "decision",
                        "The P-1 passes its data to the ROK Navy and withdraws east of the "
                        "agreed line.", inject="slbm-10-contact-near-islets",
                        option="rok-lead",
                        rationale="A Japanese aircraft near Dokdo would dominate the news in "
                                  "Seoul; coordinates only, no names, in every message.")
    session.record_move("JPN", "communication",
                        "P-1 hands over the contact at 07:52 with bearing and depth estimate.",
                        to=["US"], inject="slbm-10-contact-near-islets")
    session.record_move("US", "communication",
                        "Seventh Fleet passes the P-1 handover data to the ROK Navy.",
                        to=["ROK"], inject="slbm-10-contact-near-islets")
    session.deliver("slbm-10a-rok-led-prosecution")
    session.deliver("slbm-11-seoul-politics")
    session.record_move("ROK", "statement",
                        "대통령실: 한미일 공조는 북한의 위협에 대한 대응이며 "
                        "지소미아는 정상 운영됩니다.",
                        inject="slbm-11-seoul-politics")
    session.deliver("slbm-12-diet-questions")
    session.record_move("JPN", "statement",
                        "官房長官：自衛隊の活動は現行法の範囲内であり、集団的自衛権の行使には当たらない。",
                        inject="slbm-12-diet-questions")
    session.skip("slbm-13-white-dprk-cell-script", "Control played it by phone")
    session.record_observation("OBJ-2", "strength", KOREAN_OBSERVATION, rating="S",
                               author="정책 평가관")
    session.record_observation("OBJ-2", "improvement",
                               "Water-space management rules were agreed only after the "
                               "handover gap; the 2-hour standard was missed by 20 minutes.",
                               rating="M", author="Maritime evaluator")
    session.record_observation("OBJ-3", "note",
                               "Each delegation named its legal authority; Japan cited the "
                               "2015 security legislation.", rating="S",
                               author="Policy evaluator")
    session.add_note("Module 2 ran 15 minutes long; the lunch break was shortened.")


def _module_three(session: Session) -> None:
    session.start_module()
    session.deliver("slbm-06-kcna-underwater-launch")
    session.record_move("US", "statement",
                        "State Department condemns the launch as a violation of UN Security "
                        "Council resolutions and reaffirms extended deterrence to both allies.",
                        inject="slbm-06-kcna-underwater-launch")
    session.deliver("common-prc-mfa-statement")
    session.record_move("US", "communication",
                        "Proposes a common line: trilateral measures answer the DPRK and are "
                        "aimed at no third country.", to=["JPN", "ROK"],
                        inject="common-prc-mfa-statement")
    session.record_move("ROK", "communication", "Agrees the common line; asks for a reference "
                        "to economic coercion.", to=["JPN", "US"],
                        inject="common-prc-mfa-statement")
    session.deliver("slbm-14-prc-pressure")
    session.deliver("common-leaders-call")
    session.record_move("US", "decision",
                        "Leaders agree an extraordinary 2+2+2 within 30 days and a standing "
                        "trilateral missile-warning data exchange.",
                        inject="common-leaders-call",
                        rationale="Two concrete measures with owners and dates (OBJ-5).")
    session.deliver("slbm-15-222-agenda")
    session.deliver("slbm-16-joint-statement-draft")
    session.record_move("JPN", "decision",
                        "Accept the statement with the economic-coercion paragraph; drop the "
                        "bracketed reference to history.", inject="slbm-16-joint-statement-draft",
                        rationale="The history paragraph would reopen the textbook dispute.")
    session.record_observation("OBJ-5", "strength",
                               "Two follow-on measures with owners and dates agreed at leaders' "
                               "level, 31 hours after launch.", rating="P",
                               author="Lead evaluator")
    session.record_observation("OBJ-6", "improvement",
                               "No agreed answer to the tour-group cancellations; each capital "
                               "replied to Beijing on its own.", rating="M",
                               author="Policy evaluator")
    session.add_improvement("Track data moved through US channels for the first 11 minutes",
                            "Keep the ROK on the trilateral real-time warning mechanism "
                            "and test it monthly", capability_element="Equipment",
                            owner="MOD Japan / MND ROK", due="2027-07-01")
    session.add_improvement("The Dokdo/Takeshima handover rules were improvised",
                            JAPANESE_IMPROVEMENT, capability_element="Planning",
                            owner="防衛省 / 국방부", due="2027-09-30")
    session.add_improvement("No shared answer to Chinese economic pressure",
                            "Draft a trilateral playbook on economic coercion for the next "
                            "2+2+2", capability_element="Organization",
                            owner="State / MOFA / 외교부", due="2027-12-31")
