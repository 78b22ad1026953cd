"""Hand-checked test of the muc4 scorer on invented upper-case wire stories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import event, write_json, write_jsonl

MAP = {
    "muc4_incident_type": {
        "ATTACK": {"acled": ["Attack", "Armed clash"], "plover": "ASSAULT"},
        "BOMBING": {"acled": ["Remote explosive/landmine/IED"], "plover": "ASSAULT"},
        "KIDNAPPING": {"acled": "Abduction/forced disappearance", "plover": "ASSAULT"},
    },
    "muc4_stage_of_execution": {"ACCOMPLISHED": "asserted", "THREATENED": "hypothetical"},
    "muc4_perp_organization_confidence": {
        "REPORTED AS FACT": "asserted",
        "SUSPECTED OR ACCUSED": "attributed",
    },
}


def _f(*strings: str, optional: bool = False) -> dict[str, Any]:
    return {"strings": list(strings), "optional": optional}


def _template(kind: str, **slots: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "incident_type": kind,
        "incident_type_alternatives": [kind],
        "stage_of_execution": ["ACCOMPLISHED"],
        "perp_individuals": [],
        "perp_organizations": [],
        "physical_targets": [],
        "victim_names": [],
        "victim_descriptions": [],
        "instruments": [],
        "perp_organization_confidence": [],
        "derived_deaths_reported": False,
        "derived_deaths": 0,
        "derived_injuries_reported": False,
        "derived_injuries": 0,
        "location": [],
    }
    return {**base, **slots}


def _doc(i: int, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": f"m{i}",
        "text": f"INVENTED STORY {i}",
        "doc_date": None,
        "gold": {"relevant": bool(events), "events": events},
    }


def test_muc4_relevance_roles_counts_status(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            _doc(
                1,
                [
                    _template(
                        "ATTACK",
                        perp_individuals=[_f("GUNMEN")],
                        perp_organizations=[_f("RED FRONT", "RF")],
                        victim_names=[_f("JUAN PEREZ")],
                        victim_descriptions=[
                            {"description": ["MAYOR"], "of": ["JUAN PEREZ"], "optional": True}
                        ],
                        instruments=[_f("RIFLE")],
                        perp_organization_confidence=[
                            {"confidence": ["SUSPECTED OR ACCUSED"], "of": ["RF"]}
                        ],
                        derived_deaths_reported=True,
                        derived_deaths=1,
                        location=[
                            {"name": ["COUNTRYX"], "kind": None},
                            {"name": ["SAN LUIS"], "kind": ["TOWN"]},
                        ],
                    )
                ],
            ),
            _doc(2, []),
            _doc(3, []),
            _doc(
                4,
                [
                    _template(
                        "KIDNAPPING", stage_of_execution=["THREATENED"], victim_names=[_f("ANA")]
                    )
                ],
            ),
        ],
    )
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            event(
                "m1",
                acled="Attack",
                sources=["gunmen", "Red Front"],
                targets=["Perez", "the mayor"],
                instrument="rifle",
                deaths=1,
                status="attributed",
                place="San Luis",
            ),
            event("m2", "PROTEST"),  # not an incident: m2 stays irrelevant
            event("m3", acled="Remote explosive/landmine/IED", sources=["bandits"]),
        ],
    )
    m = evaluate(
        gold, "muc4", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds
    ).flat()
    # relevance: gold m1 m4, predicted m1 m3 -> tp1 fp1 fn1 -> P = R = F = .5; accuracy 2/4
    assert (m["relevance.precision"], m["relevance.recall"], m["relevance.f1"]) == (0.5, 0.5, 0.5)
    assert m["relevance.accuracy"] == 0.5
    # incident types: ATTACK tp, BOMBING fp (m3), KIDNAPPING fn (m4) -> micro .5
    assert m["incident_type.micro_f1"] == 0.5
    # roles, exact: indiv tp1 + fp1 ("bandits": no KB type -> people); orgs tp1;
    # victims: "Perez" != "JUAN PEREZ" (fp1 fn1), "mayor" hits the optional filler (neither),
    # m4 ANA fn1; weapon tp1 -> micro tp3 fp2 fn2 -> P = R = F = .6
    assert m["perp_individuals.precision"] == 0.5
    assert m["perp_organizations.f1"] == 1.0
    assert (m["victims.precision"], m["victims.recall"]) == (0.0, 0.0)
    assert m["roles_micro.f1"] == pytest.approx(0.6)
    # lenient: "Perez" shares the head word of "JUAN PEREZ" -> micro tp4 fp1 fn1 -> .8
    assert m["roles_micro_lenient.f1"] == pytest.approx(0.8)
    assert m["victims_lenient.recall"] == 0.5
    # deaths: reported right on all 4 docs; the one numeric total (m1: 1) is exact
    assert m["deaths.reported_accuracy"] == 1.0 and m["deaths.exact_accuracy"] == 1.0
    # status: m1 attributed = attributed; m4 threatened -> hypothetical, no prediction -> 1/2
    assert m["status.accuracy"] == 0.5
    assert m["place_finest.exact_accuracy"] == 1.0


def test_muc4_event_country_accuracy(tmp_path: Path) -> None:
    def located(i: int, country: str, finest: str) -> dict[str, Any]:
        where = [{"name": [country], "kind": None}, {"name": [finest], "kind": ["CITY"]}]
        return _doc(i, [_template("ATTACK", location=where)])

    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [located(1, "EL SALVADOR", "SAN MIGUEL"), located(2, "PERU", "LIMA"), _doc(3, [])],
    )
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            event("m1", acled="Attack", place="San Miguel", country="SLV"),  # right country
            event("m2", acled="Attack", country="COL"),  # wrong country, no finest place
            event("m3", acled="Attack", country="PER"),  # irrelevant doc: not scored
        ],
    )
    m = evaluate(
        gold, "muc4", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds
    ).flat()
    assert m["place_country.accuracy"] == 0.5
    assert m["place_finest.exact_accuracy"] == 0.5


def test_muc4_country_level_location_earns_no_finest_place_for_a_town_it_quotes(
    tmp_path: Path,
) -> None:
    where = [{"name": ["EL SALVADOR"], "kind": None}, {"name": ["SAN MIGUEL"], "kind": ["CITY"]}]
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [_doc(i, [_template("ATTACK", location=where)]) for i in (1, 2)],
    )
    quoted = event("m1", acled="Attack", country="SLV")
    quoted["location"].update(text="San Miguel", name="El Salvador")  # country-level
    near = event("m2", acled="Attack", place="San Miguel", country="SLV")
    near["location"]["precision"] = 2  # near the town: still the town
    preds = write_jsonl(tmp_path / "p.jsonl", [quoted, near])
    m = evaluate(
        gold, "muc4", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds
    ).flat()
    assert m["place_finest.exact_accuracy"] == 0.5
    assert m["place_country.accuracy"] == 1.0


def _score(tmp_path: Path, gold: Path, preds: Path) -> dict[str, Any]:
    """The flat muc4 scores of ``preds`` against ``gold`` under the test label map."""
    return evaluate(
        gold, "muc4", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds
    ).flat()


def test_muc4_actors_match_by_canonical_name_once_per_actor_and_exact_match_first(
    tmp_path: Path,
) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            _doc(
                1,
                [
                    _template(
                        "ATTACK",
                        perp_individuals=[_f("MEMBERS OF THE RED FRONT")],
                        perp_organizations=[_f("RED FRONT", "RF")],
                    )
                ],
            )
        ],
    )
    rf = {"text": "RF UNITS", "name": "Red Front", "actor_id": "rf", "actor_type": "armed group"}
    again = {**rf, "text": "RF FIGHTERS"}
    preds = write_jsonl(tmp_path / "p.jsonl", [event("m1", acled="Attack", sources=[rf, again])])
    m = _score(tmp_path, gold, preds)
    # "RF units" is the Red Front by name: it fills the organisation exactly, although it
    # shares a head word with the people filler; its second mention is the same actor.
    assert m["perp_organizations.f1"] == 1.0
    assert (m["perp_individuals.precision"], m["perp_individuals.recall"]) == (0.0, 0.0)


def _victim_gold(tmp_path: Path, name: str, description: str) -> Path:
    """One attack whose victim the key names and describes (two slots)."""
    victim = {"victim_names": [_f(name)], "victim_descriptions": [{"description": [description]}]}
    return write_jsonl(tmp_path / "g.jsonl", [_doc(1, [_template("ATTACK", **victim)])])


def test_muc4_unlinked_person_named_twice_is_one_prediction(tmp_path: Path) -> None:
    # the key fills the victim's name and description as two slots; "attorney general
    # julio mendez arana" fills both, and "Mendez" is the same person again
    gold = _victim_gold(tmp_path, "JULIO MENDEZ ARANA", "ATTORNEY GENERAL")
    full = {"text": "ATTORNEY GENERAL JULIO MENDEZ ARANA", "name": "julio mendez arana",
            "actor_type": "person"}  # fmt: skip
    part = {"text": "MENDEZ", "name": "julio mendez arana", "actor_type": "person"}
    preds = write_jsonl(tmp_path / "p.jsonl", [event("m1", acled="Attack", targets=[full, part])])
    m = _score(tmp_path, gold, preds)
    assert (m["victims.precision"], m["victims.recall"]) == (1.0, 1.0)


@pytest.mark.parametrize(
    "victim",
    [
        # an apposition describes the named person
        {"text": "NADIA VELASCO", "name": "nadia velasco", "actor_type": "person",
         "description": "A TEACHER AT THE FRENCH SCHOOL"},
        # the description the name is in apposition to is the mention phrase
        {"text": "NADIA VELASCO", "name": "nadia velasco", "actor_type": "person",
         "phrase": "TEACHER AT THE FRENCH SCHOOL"},
    ],
)  # fmt: skip
def test_muc4_a_described_person_fills_the_name_and_the_description(
    tmp_path: Path, victim: dict[str, Any]
) -> None:
    gold = _victim_gold(tmp_path, "NADIA VELASCO", "TEACHER AT THE FRENCH SCHOOL")
    preds = write_jsonl(tmp_path / "p.jsonl", [event("m1", acled="Attack", targets=[victim])])
    m = _score(tmp_path, gold, preds)
    assert (m["victims.precision"], m["victims.recall"]) == (1.0, 1.0)


def test_muc4_a_mention_phrase_is_tried_after_the_text_and_the_name(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [_doc(1, [_template(
        "ATTACK", perp_individuals=[_f("THREE HEAVILY ARMED MEN")])])])  # fmt: skip
    men = {"text": "ARMED MEN", "name": "armed men", "actor_type": "person",
           "phrase": "THREE HEAVILY ARMED MEN"}  # fmt: skip
    preds = write_jsonl(tmp_path / "p.jsonl", [event("m1", acled="Attack", sources=[men])])
    assert _score(tmp_path, gold, preds)["perp_individuals.f1"] == 1.0


def test_muc4_linked_actor_goes_by_its_kb_names_and_a_claimant_is_a_perpetrator(
    tmp_path: Path,
) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            _doc(1, [_template("ATTACK", perp_organizations=[_f("FMLN")])]),
            _doc(2, [_template("BOMBING", perp_organizations=[_f("THE EXTRADITABLES")])]),
        ],
    )
    fmln = {"text": "FMLN GUERRILLA UNIT", "name": "Farabundo Marti National Liberation Front",
            "actor_id": "fmln", "actor_type": "armed group"}  # fmt: skip
    claimant = {"text": "THE EXTRADITABLES", "name": "The Extraditables",
                "actor_id": "the-extraditables", "actor_type": "armed group"}  # fmt: skip
    bombing = event("m2", acled="Remote explosive/landmine/IED", status="claimed")
    bombing["claimed_by"] = [claimant]
    preds = write_jsonl(
        tmp_path / "p.jsonl", [event("m1", acled="Attack", sources=[fmln]), bombing]
    )
    m = _score(tmp_path, gold, preds)
    assert m["perp_organizations.f1"] == 1.0


def test_muc4_a_thing_attacked_is_a_physical_target_not_a_victim(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [_doc(1, [_template("ATTACK", victim_names=[_f("JUAN PEREZ")])])],
    )
    brakes = {"text": "BRAKES", "name": "brakes", "actor_type": "property"}
    preds = write_jsonl(
        tmp_path / "p.jsonl", [event("m1", acled="Attack", targets=["Juan Perez", brakes])]
    )
    m = _score(tmp_path, gold, preds)
    # the brakes are a spurious physical target, not a spurious victim
    assert (m["victims.precision"], m["victims.recall"]) == (1.0, 1.0)
    assert m["roles_micro.precision"] == 0.5


def test_muc4_a_described_named_victim_fills_name_and_description(tmp_path: Path) -> None:
    gold = _victim_gold(tmp_path, "LUIS PRADA", "BOYACA GOVERNOR")
    governor = {"text": "BOYACA GOVERNOR LUIS PRADA", "name": "Luis Prada",
                "actor_type": "person"}  # fmt: skip
    preds = write_jsonl(tmp_path / "p.jsonl", [event("m1", acled="Attack", targets=[governor])])
    m = _score(tmp_path, gold, preds)
    assert (m["victims.precision"], m["victims.recall"]) == (1.0, 1.0)
    # a group is no person: its words are one prediction
    group = {"text": "BOYACA POLICEMEN", "name": "policemen", "actor_type": "police"}
    preds = write_jsonl(tmp_path / "p.jsonl", [event("m1", acled="Attack", targets=[group])])
    m = _score(tmp_path, gold, preds)
    assert m["victims.recall"] == 0.0 and m["physical_targets.precision"] == 0.0


def test_pooled_gold_fillers_sharing_a_string_are_one_entity() -> None:
    from eventcoder.evaluation.matching import Filler
    from eventcoder.evaluation.muc4 import _dedupe

    merged = _dedupe([
        Filler(("GUERRILLA COLUMN", "GUERRILLAS")),
        Filler(("GUERRILLAS",), optional=True),
        Filler(("SOLDIERS",), optional=True),
    ])
    assert merged == [Filler(("GUERRILLA COLUMN", "GUERRILLAS"), False), Filler(("SOLDIERS",), True)]


def test_a_prediction_also_goes_by_its_words_after_a_nationality_or_count() -> None:
    from eventcoder.evaluation.muc4 import _names
    from eventcoder.records import ActorRef

    names = _names(ActorRef(text="several Salvadoran businessmen", name="Salvadoran businessmen"))
    assert "businessmen" in names
    assert names[0] == "several Salvadoran businessmen"
    assert _names(ActorRef(text="Salvadoran", name="Salvadoran")) == ("Salvadoran",)
