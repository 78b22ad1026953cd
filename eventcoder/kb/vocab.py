"""Word lists the actor linker uses: institutions, group nouns, titles, coreferent nouns.

Kept apart from ``eventcoder.stages.link_actors`` so that the linker's logic stays short and
these lists can be extended without touching it. Written for eventcoder.
"""

from __future__ import annotations

# Words that make a preceding capital a place, not a government ("in Baghdad").
LOCATIVE = frozenset(
    {"in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across", "toward",
     "towards", "via", "through", "within", "between", "visit", "visited", "visiting", "reach",
     "reached", "left", "leave", "arrived", "returned", "entered", "fled", "capture", "captured"}
)  # fmt: skip

# Noun phrases after a demonym or country name that denote one of its institutions.
INSTITUTIONS: dict[tuple[str, ...], str] = {}
for _suffix, _phrases in {
    "MIL": "forces|troops|soldiers|soldier|troop|army|military|armed forces|navy|air force|marines|"
    "warplanes|jets|fighter jets|aircraft|helicopters|drones|artillery|tanks|servicemen|"
    "military personnel|service members|defence forces|defense forces|security forces|"
    "special forces|paratroopers|commandos|coast guard|national guard|army troops|ground forces|"
    "gunboats|warships|navy ships|military forces|military officials|generals|officers|"
    "defence ministry|defense ministry|ministry of defence|ministry of defense|peacekeepers",
    "POL": "police|policemen|policeman|police officers|police officer|riot police|gendarmes|"
    "gendarmerie|border police|border guards|police forces|security police|intelligence",
    "LEG": "parliament|lawmakers|legislators|legislature|mps|congress|senate|senators|"
    "parliamentarians|national assembly|deputies|parliamentary|house of representatives",
    "GOV": "government|officials|official|authorities|administration|cabinet|leaders|leader|"
    "president|prime minister|premier|minister|ministers|ministry|foreign ministry|diplomats|"
    "diplomat|delegation|envoy|envoys|ambassador|regime|junta|spokesman|spokeswoman|"
    "foreign minister|interior ministry|interior minister|state media|king|emir|negotiators|"
    "side|sides|embassy|consulate|state department|government forces|chancellor",
    "CIV": "civilians|civilian|refugees|villagers|people|residents|citizens|nationals|"
    "population|migrants|children|women|farmers|pilgrims|families|hostages|prisoners|"
    "detainees|fishermen|journalists|doctors|aid workers|students|workers|tourists|"
    "asylum seekers|displaced|worshippers|shepherds|herders|traders|passengers",
}.items():
    for _p in _phrases.split("|"):
        INSTITUTIONS[tuple(_p.split())] = _suffix
MAX_INSTITUTION_WORDS = max(len(k) for k in INSTITUTIONS)

# Heads of provisional, typed actors ("Afghan rebel leaders", "Iraqi resistance factions").
GROUP_TYPES: dict[str, str] = {}
for _type, _nouns in {
    "armed group": "rebels|rebel|insurgents|insurgent|guerrillas|guerillas|guerrilla|militants|"
    "militant|fighters|fighter|jihadists|separatists|gunmen|extremists|terrorists|factions|"
    "faction|bandits|mercenaries|commanders|commander|resistance|resistance fighters|"
    "subversives|subversive|counterrevolutionaries|counterrevolutionary|narcoterrorists|"
    "gangs|gangsters|hitmen|hitman|warlords|warlord",
    "militia": "militia|militias|militiamen|paramilitaries|paramilitary",
    "protesters": "protesters|protestors|demonstrators|strikers|activists|marchers|crowds",
    "rioters": "rioters|mobs|mob",
    "political party": "opposition|party|parties|opposition leaders|dissidents",
    "ngo": "groups|group|organisations|organizations|charities|agencies|agency",
    "company": "companies|company|firms|firm|businesses",
    "media": "newspaper|newspapers|television|radio|news agency|agency|daily|weekly|broadcaster|"
    "media|press|journalist|reporter",
    "person": "businessman|judge|lawyer|cleric|monk|priest|scientist|academic|candidate|"
    "dissident|exile|nationalist|fundamentalist|islamist|ruler|smuggler|trafficker|"
    "engineer|technician|missionary|student|teacher|doctor|nurse|farmer|tourist|passenger|"
    "employee|nun|pilgrim|volunteer|contractor|miner|fisherman|sailor",
    "civilians": "businessmen|judges|lawyers|clerics|monks|priests|scientists|academics|youths|"
    "youth|supporters|immigrants|settlers|teachers|exiles|hackers|candidates|smugglers|"
    "traffickers|pirates|poachers|rulers|leaders|engineers|technicians|missionaries|workers|"
    "students|doctors|nurses|farmers|peasants|tourists|passengers|employees|nuns|pilgrims|"
    "volunteers|contractors|miners|fishermen|sailors|nationals|citizens|"
    "dealers|drug dealers|narcotraffickers",
    "movement": "nationalists|fundamentalists|islamists|loyalists|royalists|unionists|leftists|"
    "rightists|communists|anarchists|revolutionaries",
    "organization": "union|unions|court|tribunal|committee|commission|council|association",
}.items():
    for _n in _nouns.split("|"):
        GROUP_TYPES.setdefault(_n, _type)

TITLES = frozenset(
    {"president", "prime", "minister", "premier", "general", "gen", "commander", "leader", "king",
     "queen", "prince", "crown", "emir", "sheikh", "ayatollah", "chancellor", "ambassador",
     "envoy", "spokesman", "spokeswoman", "chief", "colonel", "col", "lt", "lieutenant",
     "major", "maj", "secretary", "senator", "defence", "defense", "foreign", "interior",
     "finance", "vice", "deputy", "dr", "mr", "mrs", "ms", "admiral", "brigadier", "marshal",
     "sergeant", "captain", "capt", "sultan", "cleric", "imam", "grand", "rep", "sen", "gov",
     "governor", "mayor", "speaker", "head", "director", "judge", "field", "supreme", "former"}
)  # fmt: skip

# Definite descriptions resolved to a recent actor of a compatible type.
COREF: dict[str, frozenset[str]] = {
    "group": frozenset(
        {"armed group", "militia", "movement", "political party", "coalition", "ngo"}
    ),
    "militia": frozenset({"militia", "armed group"}),
    "movement": frozenset({"movement", "armed group", "political party", "militia"}),
    "organisation": frozenset({"armed group", "militia", "ngo", "igo", "movement", "intelligence"}),
    "organization": frozenset({"armed group", "militia", "ngo", "igo", "movement", "intelligence"}),
    "rebels": frozenset({"armed group"}),
    "insurgents": frozenset({"armed group"}),
    "militants": frozenset({"armed group", "militia"}),
    "faction": frozenset({"militia", "armed group"}),
    "country": frozenset({"state"}),
    "kingdom": frozenset({"state"}),
    "regime": frozenset({"government", "state"}),
    "agency": frozenset({"intelligence", "igo", "ngo"}),
    "party": frozenset({"political party"}),
    "alliance": frozenset({"coalition", "igo"}),
    "coalition": frozenset({"coalition"}),
}
ORG_TYPES = frozenset(
    {"armed group", "militia", "movement", "political party", "coalition", "ngo", "igo",
     "intelligence", "government", "military", "police", "state", "media", "company"}
)  # fmt: skip
SPEECH_VERBS = frozenset(
    {"announce", "say", "state", "declare", "claim", "add", "insist", "warn", "threaten",
     "deny", "confirm", "vow", "pledge", "promise", "report", "tell", "acknowledge", "admit"}
)  # fmt: skip
STATE_TYPES = frozenset({"state", "government", "military", "police", "parliament", "civilians"})

# Text whose capitals were lost (all-caps wire copy re-cased by the normaliser, lower-cased
# corpora) still names actors by acronym: "the fmln", "urng guerrillas". Known acronyms of
# three or more letters, and one-word names of groups ("sandinistas", "extraditables"), may
# then match in any case, unless they are also ordinary words. English and Spanish stop words
# are excluded as well (see ``eventcoder.stages.link_actors.caseless_index``).
ACRONYM_WORDS = frozenset(
    {"aah", "ana", "amnesty", "arena", "bla", "car", "contra", "esa", "eta", "extraditable",
     "far", "fla", "gnu", "inc", "ira", "is", "kia", "let", "mas", "mss", "ola", "orden", "pdf",
     "sac", "sis", "un", "uno", "us", "usa", "who"}
)  # fmt: skip
# Actor types whose one-word names may match in lower case in such text.
CASELESS_ONE_WORD_TYPES = frozenset(
    {"armed group", "militia", "movement", "coalition", "political party", "intelligence",
     "police", "military"}
)  # fmt: skip
