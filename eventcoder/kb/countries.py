"""State actors built by rule: every UN member state (and a few others) and its institutions.

For each country we derive, from pycountry and the table below, six actors: the state
(``IRQ``), its government (``IRQ-GOV``), military (``IRQ-MIL``), police (``IRQ-POL``),
parliament (``IRQ-LEG``) and civilians (``IRQ-CIV``). Demonyms ("Iraqi") and capitals
("Baghdad", used as metonymy for the government) become aliases of kind ``demonym`` and
``capital``; the linker combines them with the noun that follows ("Iraqi parliament").
"""

from __future__ import annotations

import functools

import pycountry

from eventcoder.kb.schema import Actor, Alias, Relation

# iso3 | short name | demonym adjectives (first is main) | capital (blank = too ambiguous
# to use as metonymy) | extra aliases. Written for eventcoder; plurals are derived.
_TABLE = """
AFG|Afghanistan|Afghan,Afghani|Kabul|Islamic Emirate of Afghanistan
ALB|Albania|Albanian|Tirana|
DZA|Algeria|Algerian|Algiers|
AND|Andorra|Andorran||
AGO|Angola|Angolan|Luanda|
ATG|Antigua and Barbuda|Antiguan||
ARG|Argentina|Argentine,Argentinian|Buenos Aires|
ARM|Armenia|Armenian|Yerevan|
AUS|Australia|Australian|Canberra|
AUT|Austria|Austrian|Vienna|
AZE|Azerbaijan|Azerbaijani,Azeri|Baku|
BHS|Bahamas|Bahamian|Nassau|The Bahamas
BHR|Bahrain|Bahraini|Manama|
BGD|Bangladesh|Bangladeshi|Dhaka|
BRB|Barbados|Barbadian||
BLR|Belarus|Belarusian,Belarussian|Minsk|
BEL|Belgium|Belgian|Brussels|
BLZ|Belize|Belizean||
BEN|Benin|Beninese|Porto-Novo|
BTN|Bhutan|Bhutanese|Thimphu|
BOL|Bolivia|Bolivian|La Paz|
BIH|Bosnia and Herzegovina|Bosnian,Bosnian Serb,Bosnian Croat|Sarajevo|Bosnia,Bosnia-Herzegovina
BWA|Botswana|Botswanan,Motswana|Gaborone|
BRA|Brazil|Brazilian|Brasilia|
BRN|Brunei|Bruneian||
BGR|Bulgaria|Bulgarian|Sofia|
BFA|Burkina Faso|Burkinabe,Burkinabè|Ouagadougou|Burkina
BDI|Burundi|Burundian|Gitega|
CPV|Cabo Verde|Cape Verdean|Praia|Cape Verde
KHM|Cambodia|Cambodian|Phnom Penh|
CMR|Cameroon|Cameroonian|Yaounde|
CAN|Canada|Canadian|Ottawa|
CAF|Central African Republic|Central African|Bangui|CAR
TCD|Chad|Chadian|N'Djamena|
CHL|Chile|Chilean|Santiago|
CHN|China|Chinese|Beijing|People's Republic of China,PRC,mainland China
COL|Colombia|Colombian|Bogota|
COM|Comoros|Comorian|Moroni|
COG|Republic of the Congo|Congolese (Brazzaville)|Brazzaville|Congo-Brazzaville,Congo Republic
COD|DR Congo|Congolese|Kinshasa|DRC,Congo-Kinshasa,Zaire,Congo
CRI|Costa Rica|Costa Rican|San Jose|
CIV|Côte d'Ivoire|Ivorian|Abidjan|Ivory Coast,Cote d'Ivoire
HRV|Croatia|Croatian,Croat|Zagreb|
CUB|Cuba|Cuban|Havana|
CYP|Cyprus|Cypriot,Greek Cypriot,Greek-Cypriot|Nicosia|
CZE|Czechia|Czech|Prague|Czech Republic
DNK|Denmark|Danish|Copenhagen|
DJI|Djibouti|Djiboutian||
DMA|Dominica|Dominican (Dominica)||
DOM|Dominican Republic|Dominican|Santo Domingo|
ECU|Ecuador|Ecuadorian,Ecuadorean|Quito|
EGY|Egypt|Egyptian|Cairo|
SLV|El Salvador|Salvadoran,Salvadorean|San Salvador|
GNQ|Equatorial Guinea|Equatorial Guinean,Equatoguinean|Malabo|
ERI|Eritrea|Eritrean|Asmara|
EST|Estonia|Estonian|Tallinn|
SWZ|Eswatini|Swazi,Eswatini|Mbabane|Swaziland
ETH|Ethiopia|Ethiopian|Addis Ababa|
FJI|Fiji|Fijian|Suva|
FIN|Finland|Finnish|Helsinki|
FRA|France|French|Paris|
GAB|Gabon|Gabonese|Libreville|
GMB|Gambia|Gambian|Banjul|The Gambia
GEO|Georgia|Georgian|Tbilisi|
DEU|Germany|German|Berlin|
GHA|Ghana|Ghanaian|Accra|
GRC|Greece|Greek|Athens|
GRD|Grenada|Grenadian||
GTM|Guatemala|Guatemalan|Guatemala City|
GIN|Guinea|Guinean|Conakry|
GNB|Guinea-Bissau|Bissau-Guinean|Bissau|
GUY|Guyana|Guyanese||
HTI|Haiti|Haitian|Port-au-Prince|
HND|Honduras|Honduran|Tegucigalpa|
HUN|Hungary|Hungarian|Budapest|
ISL|Iceland|Icelandic|Reykjavik|
IND|India|Indian|New Delhi|
IDN|Indonesia|Indonesian|Jakarta|
IRN|Iran|Iranian,Persian|Tehran|Islamic Republic,Islamic Republic of Iran,Persia
IRQ|Iraq|Iraqi|Baghdad|Republic of Iraq
IRL|Ireland|Irish|Dublin|Republic of Ireland
ISR|Israel|Israeli|Tel Aviv|State of Israel,Jewish state
ITA|Italy|Italian|Rome|
JAM|Jamaica|Jamaican||
JPN|Japan|Japanese|Tokyo|
JOR|Jordan|Jordanian|Amman|Hashemite Kingdom of Jordan
KAZ|Kazakhstan|Kazakh,Kazakhstani|Astana|
KEN|Kenya|Kenyan|Nairobi|
KIR|Kiribati|I-Kiribati||
PRK|North Korea|North Korean|Pyongyang|DPRK,Democratic People's Republic of Korea
KOR|South Korea|South Korean|Seoul|Republic of Korea,ROK
KWT|Kuwait|Kuwaiti|Kuwait City|
KGZ|Kyrgyzstan|Kyrgyz|Bishkek|
LAO|Laos|Lao,Laotian|Vientiane|
LVA|Latvia|Latvian|Riga|
LBN|Lebanon|Lebanese|Beirut|
LSO|Lesotho|Basotho,Lesothan|Maseru|
LBR|Liberia|Liberian|Monrovia|
LBY|Libya|Libyan|Tripoli|
LIE|Liechtenstein|Liechtensteiner||
LTU|Lithuania|Lithuanian|Vilnius|
LUX|Luxembourg|Luxembourgish,Luxembourger||
MDG|Madagascar|Malagasy|Antananarivo|
MWI|Malawi|Malawian|Lilongwe|
MYS|Malaysia|Malaysian|Kuala Lumpur|
MDV|Maldives|Maldivian||
MLI|Mali|Malian|Bamako|
MLT|Malta|Maltese|Valletta|
MHL|Marshall Islands|Marshallese||
MRT|Mauritania|Mauritanian|Nouakchott|
MUS|Mauritius|Mauritian||
MEX|Mexico|Mexican|Mexico City|
FSM|Micronesia|Micronesian||
MDA|Moldova|Moldovan|Chisinau|
MCO|Monaco|Monegasque||
MNG|Mongolia|Mongolian|Ulaanbaatar|
MNE|Montenegro|Montenegrin|Podgorica|
MAR|Morocco|Moroccan|Rabat|
MOZ|Mozambique|Mozambican|Maputo|
MMR|Myanmar|Myanmar,Burmese|Naypyidaw|Burma
NAM|Namibia|Namibian|Windhoek|
NRU|Nauru|Nauruan||
NPL|Nepal|Nepali,Nepalese|Kathmandu|
NLD|Netherlands|Dutch|The Hague|Holland
NZL|New Zealand|New Zealander|Wellington|
NIC|Nicaragua|Nicaraguan|Managua|
NER|Niger|Nigerien|Niamey|
NGA|Nigeria|Nigerian|Abuja|
MKD|North Macedonia|Macedonian,North Macedonian|Skopje|Macedonia
NOR|Norway|Norwegian|Oslo|
OMN|Oman|Omani|Muscat|
PAK|Pakistan|Pakistani|Islamabad|
PLW|Palau|Palauan||
PAN|Panama|Panamanian|Panama City|
PNG|Papua New Guinea|Papua New Guinean|Port Moresby|
PRY|Paraguay|Paraguayan|Asuncion|
PER|Peru|Peruvian|Lima|
PHL|Philippines|Philippine,Filipino|Manila|
POL|Poland|Polish|Warsaw|
PRT|Portugal|Portuguese|Lisbon|
QAT|Qatar|Qatari|Doha|
ROU|Romania|Romanian|Bucharest|
RUS|Russia|Russian|Moscow|Russian Federation
RWA|Rwanda|Rwandan|Kigali|
KNA|Saint Kitts and Nevis|Kittitian||
LCA|Saint Lucia|Saint Lucian||
VCT|Saint Vincent and the Grenadines|Vincentian||
WSM|Samoa|Samoan||
SMR|San Marino|Sammarinese||
STP|Sao Tome and Principe|Santomean||
SAU|Saudi Arabia|Saudi,Saudi Arabian|Riyadh|
SEN|Senegal|Senegalese|Dakar|
SRB|Serbia|Serbian,Serb|Belgrade|
SYC|Seychelles|Seychellois||
SLE|Sierra Leone|Sierra Leonean|Freetown|
SGP|Singapore|Singaporean||
SVK|Slovakia|Slovak,Slovakian|Bratislava|
SVN|Slovenia|Slovenian,Slovene|Ljubljana|
SLB|Solomon Islands|Solomon Islander||
SOM|Somalia|Somali|Mogadishu|
ZAF|South Africa|South African|Pretoria|
SSD|South Sudan|South Sudanese|Juba|
ESP|Spain|Spanish|Madrid|
LKA|Sri Lanka|Sri Lankan|Colombo|
SDN|Sudan|Sudanese|Khartoum|
SUR|Suriname|Surinamese|Paramaribo|
SWE|Sweden|Swedish|Stockholm|
CHE|Switzerland|Swiss|Bern|
SYR|Syria|Syrian|Damascus|Syrian Arab Republic
TJK|Tajikistan|Tajik|Dushanbe|
TZA|Tanzania|Tanzanian|Dodoma|
THA|Thailand|Thai|Bangkok|
TLS|Timor-Leste|Timorese|Dili|East Timor
TGO|Togo|Togolese|Lome|
TON|Tonga|Tongan||
TTO|Trinidad and Tobago|Trinidadian||
TUN|Tunisia|Tunisian|Tunis|
TUR|Türkiye|Turkish|Ankara|Turkey
TKM|Turkmenistan|Turkmen|Ashgabat|
TUV|Tuvalu|Tuvaluan||
UGA|Uganda|Ugandan|Kampala|
UKR|Ukraine|Ukrainian|Kyiv|Kiev
ARE|United Arab Emirates|Emirati|Abu Dhabi|UAE,Emirates
GBR|United Kingdom|British,Scottish,Welsh,Northern Irish|London|UK,U.K.,Britain,Great Britain
USA|United States|American,US,U.S.|Washington|US,U.S.,USA,U.S.A.,America,United States of America
URY|Uruguay|Uruguayan|Montevideo|
UZB|Uzbekistan|Uzbek|Tashkent|
VUT|Vanuatu|Ni-Vanuatu||
VEN|Venezuela|Venezuelan|Caracas|
VNM|Vietnam|Vietnamese|Hanoi|Viet Nam
YEM|Yemen|Yemeni|Sanaa|
ZMB|Zambia|Zambian|Lusaka|
ZWE|Zimbabwe|Zimbabwean|Harare|
PSE|Palestine|Palestinian|Ramallah|State of Palestine,Palestinian territories
TWN|Taiwan|Taiwanese|Taipei|Republic of China
VAT|Holy See|Vatican|Vatican City|Vatican
XKX|Kosovo|Kosovar,Kosovan|Pristina|
"""

# Further names, kept apart so that the table's lines stay short.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "COD": ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
    "GBR": ("England", "Scotland", "Wales"),
    "PSE": ("occupied Palestinian territories", "occupied Palestinian territory"),
}

# Which codes are UN members (the table also holds observers and partly recognised states).
NON_MEMBERS = frozenset({"PSE", "TWN", "VAT", "XKX"})

# Plural demonyms that do not follow "+s".
_PLURALS = {
    "GBR": ("Britons", "Brits"),
    "FRA": ("Frenchmen",),
    "NLD": ("Dutchmen",),
    "IRL": ("Irishmen",),
    "PHL": ("Filipinos",),
    "DEU": ("Germans",),
    "TUR": ("Turks",),
    "DNK": ("Danes",),
    "SWE": ("Swedes",),
    "FIN": ("Finns",),
    "POL": ("Poles",),
    "ESP": ("Spaniards",),
    "PAK": ("Pakistanis",),
    "CHN": (),
    "JPN": (),
    "CHE": (),
    "VNM": (),
}
# Words after which a demonym stays a plain adjective: a plural is not derived.
_NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "ss", "ss", "tch")

# Metonyms for institutions, beside the capitals (which stand for the government).
INSTITUTION_ALIASES: dict[str, tuple[str, ...]] = {
    "USA-GOV": (
        "White House",
        "Trump administration",
        "Biden administration",
        "Obama administration",
    ),
    "USA-MIL": (
        "Pentagon",
        "US Army",
        "U.S. Army",
        "US Navy",
        "US Air Force",
        "US Marines",
        "CENTCOM",
    ),
    "USA-LEG": ("US Congress", "U.S. Congress", "Capitol Hill"),
    "RUS-GOV": ("Kremlin",),
    "GBR-GOV": ("Downing Street", "Whitehall"),
    "GBR-LEG": ("House of Commons", "Westminster"),
    "FRA-GOV": ("Elysee", "Elysee Palace"),
    "ISR-MIL": ("IDF", "Israel Defense Forces", "Israeli Defence Forces", "Tsahal"),
    "ISR-LEG": ("Knesset",),
    "IRN-LEG": ("Majlis",),
    "UKR-LEG": ("Verkhovna Rada",),
    "RUS-LEG": ("State Duma", "Duma"),
    "CHN-MIL": ("People's Liberation Army", "PLA"),
    "CHN-GOV": ("Zhongnanhai",),
    "TUR-LEG": ("Grand National Assembly",),
    "DEU-LEG": ("Bundestag",),
    "IRQ-LEG": ("Council of Representatives",),
    "PAK-MIL": ("Pakistan Army",),
    "EGY-MIL": ("Egyptian Armed Forces",),
    "SDN-MIL": ("Sudanese Armed Forces", "SAF"),
    "AFG-GOV": ("Taliban government",),
    "MMR-MIL": ("Tatmadaw", "Myanmar military junta"),
    "UKR-MIL": ("Armed Forces of Ukraine",),
    "RUS-MIL": ("Russian Armed Forces",),
}

# Loaded or pejorative names: resolved to the neutral actor and marked loaded.
LOADED_ALIASES: dict[str, tuple[str, ...]] = {
    "ISR": (
        "zionist entity",
        "Zionist regime",
        "Zionist state",
        "Zionist enemy",
        "Zionist occupation",
    ),
    "USA": ("Great Satan", "American imperialists", "US imperialists", "Uncle Sam"),
    "GBR": ("Little Satan",),
    "PRK": ("hermit kingdom",),
    "IRN": ("mullah regime", "mullahs' regime", "regime of the mullahs", "ayatollahs' regime"),
    "UKR": ("Kiev regime", "Kyiv regime", "Nazi regime in Kiev"),
    "RUS": ("ruscists", "rashists", "Russian fascists"),
    "SYR": ("Assad regime",),
}

KINDS: tuple[tuple[str, str, str, int, tuple[str, ...]], ...] = (
    # suffix, type, name template, ACLED category, sectors
    ("GOV", "government", "Government of {name}", 1, ("GOV",)),
    ("MIL", "military", "Military Forces of {name}", 1, ("MIL",)),
    ("POL", "police", "Police Forces of {name}", 1, ("COP",)),
    ("LEG", "parliament", "Parliament of {name}", 1, ("LEG",)),
    ("CIV", "civilians", "Civilians ({name})", 7, ("CVL",)),
)


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split(",") if x.strip()]


def _plurals(iso3: str, adjectives: list[str]) -> tuple[str, ...]:
    if iso3 in _PLURALS:
        return _PLURALS[iso3]
    out = []
    for adj in adjectives:
        if (
            " " in adj
            or "(" in adj
            or adj.isupper()
            or "." in adj
            or adj.endswith(_NO_PLURAL_ENDINGS)
        ):
            continue
        if adj.endswith(
            ("an", "i", "ean", "ian", "ine", "ot", "er", "ek", "ak", "ek", "b", "k", "d")
        ):
            out.append(adj + "s")
    return tuple(out)


@functools.lru_cache(maxsize=1)
def country_rows() -> tuple[tuple[str, str, tuple[str, ...], str, tuple[str, ...]], ...]:
    """The parsed table: (iso3, name, demonyms, capital, extra aliases)."""
    rows = []
    for line in _TABLE.strip().splitlines():
        iso3, name, dem, cap, extra = line.split("|")
        rows.append((iso3, name, tuple(_split(dem)), cap.strip(), tuple(_split(extra))))
    return tuple(rows)


@functools.lru_cache(maxsize=1)
def demonym_words() -> frozenset[str]:
    """Every demonym of the table and its plural, lower-cased ("salvadoran", "italians"):
    the nationality words the muc4 scorer strips from a victim's description."""
    out: set[str] = set()
    for iso3, _name, demonyms, _capital, _extra in country_rows():
        words = [d.split(" (")[0] for d in demonyms]
        out.update(w.lower() for w in (*words, *_plurals(iso3, list(demonyms))))
    return frozenset(out)


def un_members() -> frozenset[str]:
    """ISO-3 codes of the 193 UN member states."""
    return frozenset(r[0] for r in country_rows()) - NON_MEMBERS


def _pycountry_names(iso3: str) -> list[str]:
    rec = pycountry.countries.get(alpha_3=iso3)
    if rec is None:
        return []
    names = [rec.name, getattr(rec, "common_name", None), getattr(rec, "official_name", None)]
    # pycountry's "Iran, Islamic Republic of" style is not how text names a country.
    return [n for n in names if n and "," not in n]


@functools.lru_cache(maxsize=1)
def country_actors() -> tuple[Actor, ...]:
    """Every rule-built state actor and its institutions."""
    out: list[Actor] = []
    # pycountry names are added only when no row of the table claims them ("Congo").
    claimed = {n.lower() for r in country_rows() for n in (r[1], *r[4])}
    for iso3, name, demonyms, capital, extra in country_rows():
        extra = (*extra, *EXTRA_NAMES.get(iso3, ()))
        own = {n.lower() for n in (name, *extra)}
        names = [name, *extra]
        names += [n for n in _pycountry_names(iso3) if n.lower() in own or n.lower() not in claimed]
        aliases: list[Alias] = []
        seen: set[str] = set()
        for n in names:
            if n.lower() not in seen:
                seen.add(n.lower())
                aliases.append(Alias(n))
        for dem in demonyms:
            text = dem.split(" (")[0]
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            aliases.append(Alias(text, kind="demonym", prefer="(" not in dem))
        aliases.extend(Alias(t, loaded=True) for t in LOADED_ALIASES.get(iso3, ()))
        state = Actor(
            id=iso3,
            name=name,
            type="state",
            country=iso3,
            aliases=tuple(aliases),
            acled=8,
            sectors=(),
            description=f"The state of {name}.",
            origin="rule:countries",
        )
        out.append(state)
        for suffix, typ, template, acled, sectors in KINDS:
            sub_aliases: list[Alias] = []
            if suffix == "GOV" and capital:
                sub_aliases.append(Alias(capital, kind="capital"))
            sub_aliases.extend(Alias(a) for a in INSTITUTION_ALIASES.get(f"{iso3}-{suffix}", ()))
            if suffix == "CIV":
                sub_aliases.extend(Alias(p, kind="name") for p in _plurals(iso3, list(demonyms)))
            out.append(
                Actor(
                    id=f"{iso3}-{suffix}",
                    name=template.format(name=name),
                    type=typ,
                    country=iso3,
                    aliases=tuple(sub_aliases),
                    acled=acled,
                    sectors=sectors,
                    description=f"{template.format(name=name)} (built by rule).",
                    # the state's own bodies are part of it; its civilians are not
                    relations=(Relation("part_of", iso3, origin="rule:countries"),)
                    if suffix != "CIV"
                    else (),
                    origin="rule:countries",
                )
            )
    return tuple(out)
