"""Demo consortia and the demo users, one per role (DESIGN §9).

Lifecycle steps go through the services, so whatever later apps hang on approval
(phases, reporting periods) happens for the demo too.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.rules import registers_in_country
from consortia import services
from consortia.models import Consortium, Membership, Transition
from members.demo import FIRMS
from members.models import Enterprise, Institution, Sector

S = Consortium.Status
CARIBBEAN = ["AG", "BS", "BB", "BZ", "DM", "DO", "GD", "GY", "HT", "JM", "KN", "LC", "VC", "SR", "TT", "CU"]

USERS = [
    # email, full name, language, institution acronym, coordinator countries (None = not a coordinator)
    ("admin@demo.alianza.org", "Ana Administradora", "en", None, None),
    ("coordinator@demo.alianza.org", "Carlos Coordinador (SELA)", "es", None, []),
    ("caribbean@demo.alianza.org", "Claire Caribbean (UNIDO)", "en", None, CARIBBEAN),
    ("official.do@demo.alianza.org", "Domingo Oficial (MICM)", "es", "MICM", None),
    ("official.cr@demo.alianza.org", "Carmen Oficial (MEIC)", "es", "MEIC", None),
    ("official.pe@demo.alianza.org", "Pedro Oficial (COPEI)", "es", "COPEI-SNI", None),
    ("facilitator@demo.alianza.org", "Fernanda Facilitadora", "es", None, None),
    ("member@demo.alianza.org", "Mario Miembro (Delicias de Doña Ana)", "es", None, None),
]

# The documented consortia's own managers, brokers and representatives, who write their reports
# (with the sponsor's officials): consortium name -> (email, full name, language).
FACILITATORS = {
    "Delicia Artesanal": (
        "trade.delicia@demo.alianza.org",
        "Rosa Rojas (trade representative, Delicia Artesanal)",
        "es",
    ),
    "Caribbean Art": ("manager.caribbeanart@demo.alianza.org", "Marcia Brown (manager, Caribbean Art)", "en"),
    "GAPMA – Grupo Asociativo de Productores de Maquinaria Agrícola": (
        "manager.gapma@demo.alianza.org",
        "Martín Gómez (consortium manager, GAPMA)",
        "es",
    ),
    "Vinnova / Tecnovid wine consortium": (
        "manager.vinnova@demo.alianza.org",
        "Valentina Soto (export manager, Vinnova)",
        "es",
    ),
    "Queso Cotija Región de Origen": (
        "manager.cotija@demo.alianza.org",
        "José Cárdenas (origin council, Cotija)",
        "es",
    ),
    "Chulucanas ceramics": ("broker.chulucanas@demo.alianza.org", "Lucía Paz (broker, Chulucanas)", "es"),
    "Joyas de Catacaos": ("broker.catacaos@demo.alianza.org", "Miguel Sosa (broker, Catacaos)", "es"),
    "Vincy Klus Inc": ("manager.vincy@demo.alianza.org", "Keisha Browne (manager, Vincy Klus)", "en"),
}

# key, name, kind, function, country, region, sectors, sponsor acronym, status, established year, products, description
CONSORTIA = [
    (
        "gapma",
        "GAPMA – Grupo Asociativo de Productores de Maquinaria Agrícola",
        "export",
        "promotional",
        "AR",
        "Buenos Aires",
        ["machinery-metal"],
        "CAFMA",
        S.ACTIVE,
        2003,
        "Agricultural machinery and implements",
        "Export consortium of agricultural-machinery makers; exports grew 120% since 2003.",
    ),
    (
        "vinnova",
        "Vinnova / Tecnovid wine consortium",
        "export",
        "promotional",
        "CL",
        "Central Valley",
        ["wine"],
        "ProChile",
        S.ACTIVE,
        2006,
        "Wines",
        "Technology and export consortium of 73 wineries.",
    ),
    (
        "brunca-agro",
        "Brunca agroindustry consortium",
        "export",
        "promotional",
        "CR",
        "Brunca",
        ["agro-processing"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Processed agricultural products",
        "Costa Rica 2012 consortia programme.",
    ),
    (
        "brunca-tourism",
        "Brunca tourism consortium",
        "export",
        "promotional",
        "CR",
        "Brunca",
        ["tourism"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Rural and nature tourism",
        "Costa Rica 2012 consortia programme.",
    ),
    (
        "brunca-fresh",
        "Brunca fresh products consortium",
        "export",
        "sales",
        "CR",
        "Brunca",
        ["agriculture"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Fresh fruit, vegetables and roots",
        "Costa Rica 2012 consortia programme.",
    ),
    (
        "caribbean-art",
        "Caribbean Art",
        "export",
        "promotional",
        "CR",
        "Limón",
        ["handicrafts"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Handicrafts",
        "Handicraft consortium; about US$200 monthly sales per firm.",
    ),
    (
        "caribbean-things",
        "Caribbean Things",
        "export",
        "promotional",
        "CR",
        "Limón",
        ["creative-industries", "handicrafts", "food-beverages"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Caribbean-style crafts, textiles and foods",
        "Multi-sector consortium of 15 firms.",
    ),
    (
        "huetar",
        "Huetar Industrial",
        "export",
        "sales",
        "CR",
        "Huetar Caribe",
        ["machinery-metal"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Metal-mechanic products and services",
        "Three metal-mechanic firms.",
    ),
    (
        "delicia",
        "Delicia Artesanal",
        "export",
        "promotional",
        "CR",
        "Central Valley",
        ["food-beverages", "dairy"],
        "MEIC",
        S.ACTIVE,
        2012,
        "Traditional and artisan foods",
        "Seven firms and one cooperative; about US$5,000 monthly sales.",
    ),
    (
        "cotija",
        "Queso Cotija Región de Origen",
        "origin",
        "promotional",
        "MX",
        "Sierra de Jalmich",
        ["dairy"],
        "INADEM",
        S.ACTIVE,
        2005,
        "Aged Cotija cheese under the collective mark \u201cCotija Región de Origen\u201d",
        "About 200 family farms, 350 t/year; price premium about 50%.",
    ),
    (
        "chulucanas",
        "Chulucanas ceramics",
        "origin",
        "promotional",
        "PE",
        "Piura",
        ["ceramics"],
        "COPEI-SNI",
        S.ACTIVE,
        2006,
        "Ceramics with the Chulucanas denomination of origin",
        "Denomination of origin consortium.",
    ),
    (
        "catacaos",
        "Joyas de Catacaos",
        "origin",
        "promotional",
        "PE",
        "Piura",
        ["jewellery"],
        "COPEI-SNI",
        S.ACTIVE,
        2008,
        "Silver filigree jewellery under a collective mark",
        "Collective mark consortium.",
    ),
    (
        "vincy",
        "Vincy Klus Inc",
        "export",
        "sales",
        "VC",
        "St Vincent",
        ["agro-processing", "agriculture"],
        "OECS CBU",
        S.ACTIVE,
        2010,
        "Agribusiness: sauces, spices and fresh produce",
        "40 producers, since 2010.",
    ),
    (
        "casabe",
        "Casabe Monción cluster",
        "origin",
        "promotional",
        "DO",
        "Monción, Santiago Rodríguez",
        ["agro-processing"],
        "MICM",
        S.SUBMITTED,
        None,
        "Cassava bread (casabe)",
        "38 cassava-bread processors; 9,000 breads a week.",
    ),
    (
        "toledo",
        "Toledo premium chocolate",
        "origin",
        "promotional",
        "BZ",
        "Toledo",
        ["cocoa-chocolate"],
        "BELTRAIDE",
        S.SUBMITTED,
        None,
        "Premium chocolate and cacao",
        "Toledo Cacao Growers Association: 800 Mayan farmers.",
    ),
    (
        "bahamas-straw",
        "Bahamas straw handicraft",
        "export",
        "promotional",
        "BS",
        "New Providence",
        ["handicrafts"],
        "BCCEC",
        S.DRAFT,
        None,
        "Straw work and plait",
        "Candidate from the Caribbean meeting.",
    ),
    (
        "barbados-agro",
        "Barbados agro-processing cluster",
        "export",
        "promotional",
        "BB",
        "Barbados",
        ["agro-processing"],
        "SBA",
        S.DRAFT,
        None,
        "Sauces, preserves, syrups",
        "Candidate from the Caribbean meeting.",
    ),
    (
        "guyana-agro",
        "Guyana agro-processing and apiculture",
        "export",
        "promotional",
        "GY",
        "Coastal regions",
        ["agro-processing", "apiculture"],
        "SBB",
        S.SUBMITTED,
        None,
        "Processed foods and honey",
        "GAPA and WADNET with apiculture producers.",
    ),
    (
        "grandanse",
        "Grand'Anse agriculture consortium",
        "origin",
        "promotional",
        "HT",
        "Grand'Anse",
        ["agriculture"],
        "CCIGA",
        S.DRAFT,
        None,
        "Cocoa, breadfruit, cassava",
        "Candidate from the Caribbean meeting.",
    ),
    (
        "things-jamaica",
        "Things Jamaica agro-processors",
        "export",
        "promotional",
        "JM",
        "Kingston",
        ["agro-processing", "handicrafts"],
        "JBDC",
        S.DRAFT,
        None,
        "Crafts and processed foods",
        "Things Jamaica with the Jamaica Agro-Processors Association.",
    ),
    (
        "suriname",
        "Suriname Specialty Foods",
        "export",
        "promotional",
        "SR",
        "Paramaribo",
        ["agro-processing"],
        "KKF",
        S.DRAFT,
        None,
        "Pepper sauces, cassava and spice products",
        "Candidate from the Caribbean meeting.",
    ),
]

# Active consortia joined Alianza's monitoring on this date (their founding year is kept as `established`).
ONBOARDED = datetime.date(2025, 1, 15)


def _users(password: str) -> dict[str, User]:
    users = {}
    for email, full_name, language, _acronym, _countries in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, full_name=full_name, preferred_language=language)
        users[email] = user
    admin = users["admin@demo.alianza.org"]
    admin.is_superuser = admin.is_staff = True
    admin.save()
    for email, _name, _lang, acronym, countries in USERS:
        user = users[email]
        if countries is not None:
            user.is_coordinator = True
            user.coordinator_countries = countries
        elif acronym:
            user.institution = Institution.objects.get(acronym=acronym)
        user.save()
    member = users["member@demo.alianza.org"]
    member.enterprise = Enterprise.objects.get(name="Delicias de Doña Ana", country="CR")
    member.save()
    return users


SPANISH_COUNTRIES = {
    "AR",
    "BO",
    "CL",
    "CO",
    "CR",
    "CU",
    "DO",
    "EC",
    "GT",
    "HN",
    "MX",
    "NI",
    "PA",
    "PE",
    "PY",
    "SV",
    "UY",
    "VE",
}


def _official_for(sponsor: Institution, users: dict[str, User], password: str) -> User:
    """The sponsor's official: a named demo user, or one made for it (official.<acronym>@demo…), so that
    every consortium has someone who reports for it."""
    named = next((u for u in users.values() if u.institution_id == sponsor.pk), None)
    if named is not None:
        return named
    email = f"official.{slugify(sponsor.acronym or sponsor.name)}@demo.alianza.org"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email,
        password,
        full_name=f"{sponsor.acronym or sponsor.name} official",
        preferred_language="es" if str(sponsor.country) in SPANISH_COUNTRIES else "en",
        institution=sponsor,
    )
    users[email] = user
    return user


def load(*, password: str, log) -> None:
    users = _users(password)
    admin = users["admin@demo.alianza.org"]
    coordinator = users["coordinator@demo.alianza.org"]
    facilitator = users["facilitator@demo.alianza.org"]
    added = 0
    for key, name, kind, function, country, region, sectors, sponsor, status, year, products, description in CONSORTIA:
        if Consortium.objects.filter(name=name).exists():
            continue
        added += 1
        institution = Institution.objects.get(acronym=sponsor)
        official = _official_for(institution, users, password)
        consortium = services.consortium_create(
            by=official if registers_in_country(official, country) else admin,
            name=name,
            kind=kind,
            function=function,
            country=country,
            region=region,
            products=products,
            description=description,
            sponsor=institution,
            established=datetime.date(year, 1, 1) if year else None,
            sectors=list(Sector.objects.filter(code__in=sectors)),
        )
        if key in {"delicia", "casabe"}:
            # Fernanda is an independent broker in two countries: only an admin may name
            # someone who is neither of the consortium's country nor of its member firms.
            services.consortium_update(consortium=consortium, by=admin, facilitators=[facilitator])
        for index, (firm_name, firm_country, *_rest) in enumerate(FIRMS[key]):
            services.membership_add(
                consortium=consortium,
                enterprise=Enterprise.objects.get(name=firm_name, country=firm_country),
                role=Membership.Role.LEADER if index == 0 else Membership.Role.MEMBER,
                joined=datetime.date(year, 3, 1) if year else timezone.localdate(),
                by=admin,
            )
        if status in {S.SUBMITTED, S.ACTIVE}:
            services.consortium_submit(consortium=consortium, by=official)
        if status == S.ACTIVE:
            services.consortium_approve(
                consortium=consortium, by=coordinator, comment="Documented consortium of the SELA-SMEs Programme."
            )
            Consortium.objects.filter(pk=consortium.pk).update(activated_on=ONBOARDED)
            # The onboarding steps happened when the consortium joined, not today.
            onboarded_at = timezone.make_aware(datetime.datetime.combine(ONBOARDED, datetime.time(10)))
            Transition.objects.filter(consortium=consortium).update(at=onboarded_at)
    named = _documented_facilitators(admin, password)
    log(
        f"consortia: {added} consortia added, {Consortium.objects.count()} in all; {len(users)} demo users, "
        f"{named} documented facilitators named"
    )


def _documented_facilitators(admin: User, password: str) -> int:
    """Give each documented active consortium its own facilitator (idempotent: only those missing)."""
    named = 0
    for name, (email, full_name, language) in FACILITATORS.items():
        consortium = Consortium.objects.filter(name=name, status=S.ACTIVE).first()
        if consortium is None:
            continue
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, password, full_name=full_name, preferred_language=language
        )
        current = list(consortium.facilitators.all())
        if user not in current:
            services.consortium_update(consortium=consortium, by=admin, facilitators=[*current, user])
            named += 1
    return named
