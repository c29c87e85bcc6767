"""Demo institutions and enterprises (DESIGN §9).

Named firms are the ones the programme's documents name (Martínez y Staneck,
the Toledo Cacao Growers Association, GAPA, WADNET …); the other firms are
illustrative, so every consortium has at least three members. README says so.
"""

from __future__ import annotations

from members.models import Enterprise, Institution, Sector, SizeThreshold
from members.seed import seed_sectors, seed_size_thresholds

K = Institution.Kind
INSTITUTIONS = [
    # name, acronym, kind, country, city
    ("Latin American and Caribbean Economic System", "SELA", K.INTERNATIONAL, "VE", "Caracas"),
    ("United Nations Industrial Development Organization", "UNIDO", K.INTERNATIONAL, "", "Vienna"),
    ("COPEI, National Society of Industries", "COPEI-SNI", K.CHAMBER, "PE", "Lima"),
    ("Regional Government of Piura", "GORE Piura", K.REGIONAL_GOVERNMENT, "PE", "Piura"),
    ("CITE Cerámica Chulucanas", "CITE Cerámica", K.TECHNOLOGY_CENTRE, "PE", "Chulucanas"),
    ("CITE Joyería Catacaos", "CITE Joyería", K.TECHNOLOGY_CENTRE, "PE", "Catacaos"),
    ("Instituto Nacional del Emprendedor", "INADEM", K.MINISTRY, "MX", "Mexico City"),
    ("Ministerio de Economía, Industria y Comercio", "MEIC", K.MINISTRY, "CR", "San José"),
    ("Small Business Association Barbados", "SBA", K.CHAMBER, "BB", "Bridgetown"),
    ("Belize Trade and Investment Development Service", "BELTRAIDE", K.EXPORT_AGENCY, "BZ", "Belmopan"),
    ("Small Business Bureau Guyana", "SBB", K.MINISTRY, "GY", "Georgetown"),
    ("OECS Competitive Business Unit", "OECS CBU", K.INTERNATIONAL, "LC", "Castries"),
    ("Ministry of Industry and Commerce, Dominican Republic", "MICM", K.MINISTRY, "DO", "Santo Domingo"),
    ("Grand'Anse Chamber of Commerce", "CCIGA", K.CHAMBER, "HT", "Jérémie"),
    ("Chamber of Commerce and Industry of Suriname", "KKF", K.CHAMBER, "SR", "Paramaribo"),
    ("Jamaica Business Development Corporation", "JBDC", K.EXPORT_AGENCY, "JM", "Kingston"),
    ("Bahamas Chamber of Commerce and Employers' Confederation", "BCCEC", K.CHAMBER, "BS", "Nassau"),
    ("Cámara Argentina de Fabricantes de Maquinaria Agrícola", "CAFMA", K.CHAMBER, "AR", "Buenos Aires"),
    ("ProChile", "ProChile", K.EXPORT_AGENCY, "CL", "Santiago"),
]

# Firms per consortium (the key is the consortium's demo key in consortia/demo.py).
# name, country, region, sector code, employees, export status, products, extra fields
FIRMS: dict[str, list[tuple]] = {
    "gapma": [
        (
            "Martínez y Staneck",
            "AR",
            "Tandil, Buenos Aires",
            "machinery-metal",
            36,
            "regular",
            "Seeders and tillage implements",
            {},
        ),
        (
            "Metalúrgica Pampa Sur",
            "AR",
            "Olavarría, Buenos Aires",
            "machinery-metal",
            48,
            "regular",
            "Grain carts and hoppers",
            {},
        ),
        ("Agroimplementos del Centro", "AR", "Azul, Buenos Aires", "machinery-metal", 27, "occasional", "Sprayers", {}),
        (
            "Talleres Bonaerenses",
            "AR",
            "Tandil, Buenos Aires",
            "machinery-metal",
            19,
            "occasional",
            "Spare parts and blades",
            {},
        ),
    ],
    "vinnova": [
        ("Viña Los Robles del Maule", "CL", "Maule", "wine", 22, "regular", "Carménère, Cabernet Sauvignon", {}),
        ("Viñedos Colchagua Alto", "CL", "Colchagua", "wine", 31, "regular", "Syrah and blends", {}),
        ("Bodega Itata Antigua", "CL", "Itata", "wine", 9, "occasional", "País and Cinsault", {}),
        ("Viña Casablanca Brisa", "CL", "Casablanca", "wine", 15, "regular", "Sauvignon Blanc, Chardonnay", {}),
    ],
    "brunca-agro": [
        (
            "Agroindustrias Pérez Zeledón",
            "CR",
            "Pérez Zeledón",
            "agro-processing",
            12,
            "occasional",
            "Coffee and sugar-cane products",
            {},
        ),
        (
            "Frutas Procesadas del Sur",
            "CR",
            "Buenos Aires, Puntarenas",
            "agro-processing",
            8,
            "none",
            "Dried fruit and jams",
            {},
        ),
        ("Palmitos de Coto Brus", "CR", "Coto Brus", "agro-processing", 14, "occasional", "Heart of palm", {}),
    ],
    "brunca-tourism": [
        ("Cabinas Río Savegre", "CR", "Pérez Zeledón", "tourism", 6, "none", "Rural lodging", {}),
        ("Tours Osa Verde", "CR", "Osa", "tourism", 9, "occasional", "Nature tours", {}),
        ("Finca Turística Los Cusingos", "CR", "Pérez Zeledón", "tourism", 4, "none", "Agro-tourism", {}),
    ],
    "brunca-fresh": [
        ("Hortalizas San Vito", "CR", "Coto Brus", "agriculture", 11, "none", "Vegetables", {}),
        ("Piñas del Sur", "CR", "Buenos Aires, Puntarenas", "agriculture", 25, "occasional", "Pineapple", {}),
        ("Raíces Tropicales Golfito", "CR", "Golfito", "agriculture", 7, "occasional", "Cassava, yam, taro", {}),
    ],
    "caribbean-art": [
        (
            "Artesanías Cahuita",
            "CR",
            "Cahuita, Limón",
            "handicrafts",
            2,
            "none",
            "Wood carvings",
            {"annual_sales_usd": 2400},
        ),
        (
            "Manos de Talamanca",
            "CR",
            "Talamanca, Limón",
            "handicrafts",
            3,
            "none",
            "Bribri baskets and textiles",
            {"annual_sales_usd": 2400},
        ),
        (
            "Coco Arte Puerto Viejo",
            "CR",
            "Puerto Viejo, Limón",
            "handicrafts",
            1,
            "none",
            "Coconut-shell jewellery",
            {"annual_sales_usd": 2400},
        ),
    ],
    "caribbean-things": [
        ("Limón Creaciones", "CR", "Limón", "creative-industries", 4, "none", "Decor and souvenirs", {}),
        ("Sabores del Caribe Tico", "CR", "Limón", "food-beverages", 5, "none", "Caribbean sauces", {}),
        ("Batik Caribe", "CR", "Limón", "textiles-fashion", 3, "none", "Batik textiles", {}),
    ],
    "huetar": [
        ("Metalmecánica Guápiles", "CR", "Guápiles", "machinery-metal", 18, "occasional", "Agricultural tools", {}),
        ("Estructuras Siquirres", "CR", "Siquirres", "machinery-metal", 22, "none", "Steel structures", {}),
        ("Soldaduras del Atlántico", "CR", "Limón", "machinery-metal", 9, "none", "Welding and repairs", {}),
    ],
    "delicia": [
        (
            "Delicias de Doña Ana",
            "CR",
            "Cartago",
            "food-beverages",
            6,
            "occasional",
            "Tamales and traditional sweets",
            {"annual_sales_usd": 9000},
        ),
        (
            "Repostería La Abuela",
            "CR",
            "Heredia",
            "food-beverages",
            5,
            "none",
            "Biscuits and cajetas",
            {"annual_sales_usd": 7500},
        ),
        (
            "Conservas Tierra Tica",
            "CR",
            "Alajuela",
            "food-beverages",
            4,
            "none",
            "Jams and preserves",
            {"annual_sales_usd": 6500},
        ),
        (
            "Panadería Artesanal Zarcero",
            "CR",
            "Zarcero",
            "food-beverages",
            8,
            "none",
            "Artisan bread",
            {"annual_sales_usd": 8000},
        ),
        (
            "Lácteos Monteverde Artesanal",
            "CR",
            "Monteverde",
            "dairy",
            7,
            "occasional",
            "Artisan cheese",
            {"annual_sales_usd": 9500},
        ),
        (
            "Chocolates Sarapiquí",
            "CR",
            "Sarapiquí",
            "cocoa-chocolate",
            3,
            "none",
            "Bean-to-bar chocolate",
            {"annual_sales_usd": 5000},
        ),
        ("Miel Dulce Vida", "CR", "Turrialba", "apiculture", 2, "none", "Honey", {"annual_sales_usd": 4500}),
        (
            "Coopeagri Artesanal R.L.",
            "CR",
            "Pérez Zeledón",
            "agro-processing",
            12,
            "occasional",
            "Cooperative: coffee and sugar products",
            {"is_producer_association": True, "producers_represented": 40, "annual_sales_usd": 10000},
        ),
    ],
    "cotija": [
        (
            "Asociación Regional de Productores de Queso Cotija",
            "MX",
            "Sierra de Jalmich, Michoacán",
            "dairy",
            12,
            "occasional",
            "Aged Cotija cheese",
            {"is_producer_association": True, "producers_represented": 200},
        ),
        ("Rancho El Tepehuaje", "MX", "Santa María del Oro, Jalisco", "dairy", 6, "none", "Cotija cheese", {}),
        ("Quesería Los Laureles", "MX", "Cotija, Michoacán", "dairy", 9, "occasional", "Cotija cheese", {}),
    ],
    "chulucanas": [
        ("Cerámica Vicús", "PE", "Chulucanas, Piura", "ceramics", 8, "regular", "Negative-painted ceramics", {}),
        ("Taller Gerásimo Sosa", "PE", "Chulucanas, Piura", "ceramics", 5, "occasional", "Decorative pottery", {}),
        ("Arte Tallán", "PE", "Chulucanas, Piura", "ceramics", 4, "occasional", "Ceramic figures", {}),
    ],
    "catacaos": [
        ("Filigrana Catacaos", "PE", "Catacaos, Piura", "jewellery", 6, "occasional", "Silver filigree", {}),
        ("Joyería El Tallán", "PE", "Catacaos, Piura", "jewellery", 4, "none", "Gold and silver jewellery", {}),
        ("Orfebres del Bajo Piura", "PE", "Catacaos, Piura", "jewellery", 3, "none", "Filigree jewellery", {}),
    ],
    "vincy": [
        (
            "Vincy Klus Producers Group",
            "VC",
            "Kingstown",
            "agro-processing",
            5,
            "regular",
            "Sauces and seasonings",
            {"is_producer_association": True, "producers_represented": 40},
        ),
        ("Mesopotamia Valley Farms", "VC", "Mesopotamia", "agriculture", 8, "occasional", "Hot peppers, ginger", {}),
        ("Bequia Spice Kitchen", "VC", "Bequia", "food-beverages", 4, "occasional", "Pepper sauce", {}),
    ],
    "casabe": [
        ("Casabe Doña Rosa", "DO", "Monción, Santiago Rodríguez", "agro-processing", 6, "none", "Cassava bread", {}),
        (
            "Casabería El Guano",
            "DO",
            "Monción, Santiago Rodríguez",
            "agro-processing",
            9,
            "occasional",
            "Cassava bread",
            {},
        ),
        ("Casabe Los Hermanos", "DO", "Monción, Santiago Rodríguez", "agro-processing", 4, "none", "Cassava bread", {}),
        (
            "Asociación de Productores de Yuca de Monción",
            "DO",
            "Monción, Santiago Rodríguez",
            "agriculture",
            3,
            "none",
            "Cassava",
            {"is_producer_association": True, "producers_represented": 38},
        ),
    ],
    "toledo": [
        (
            "Toledo Cacao Growers Association",
            "BZ",
            "Punta Gorda, Toledo",
            "cocoa-chocolate",
            10,
            "regular",
            "Organic cacao beans",
            {"is_producer_association": True, "producers_represented": 800},
        ),
        (
            "Maya Mountain Chocolate Makers",
            "BZ",
            "San Antonio, Toledo",
            "cocoa-chocolate",
            6,
            "occasional",
            "Chocolate bars",
            {},
        ),
        (
            "Ixcacao Family Kitchen",
            "BZ",
            "San Felipe, Toledo",
            "cocoa-chocolate",
            4,
            "none",
            "Stone-ground chocolate",
            {},
        ),
    ],
    "bahamas-straw": [
        ("Nassau Straw Works", "BS", "Nassau", "handicrafts", 5, "none", "Straw bags and hats", {}),
        ("Long Island Plaiters", "BS", "Long Island", "handicrafts", 3, "none", "Plait and straw work", {}),
        ("Andros Silver Top Crafts", "BS", "Andros", "handicrafts", 2, "none", "Silver-top palm crafts", {}),
    ],
    "barbados-agro": [
        ("Bajan Pepper Sauce Co.", "BB", "St Michael", "agro-processing", 14, "occasional", "Pepper sauce", {}),
        ("Island Fruit Preserves", "BB", "St Philip", "agro-processing", 6, "none", "Jams and chutneys", {}),
        ("Sugar Cane Crafts Barbados", "BB", "St John", "agro-processing", 8, "none", "Cane syrups", {}),
    ],
    "guyana-agro": [
        (
            "Guyana Agro-Processors Association (GAPA)",
            "GY",
            "Georgetown",
            "agro-processing",
            4,
            "occasional",
            "Association of processors",
            {"is_producer_association": True, "producers_represented": 60},
        ),
        (
            "Women's Agro-Processors Development Network (WADNET)",
            "GY",
            "Georgetown",
            "agro-processing",
            3,
            "none",
            "Women processors' network",
            {"is_producer_association": True, "producers_represented": 120},
        ),
        ("Essequibo Honey Producers", "GY", "Essequibo Coast", "apiculture", 5, "none", "Honey and wax", {}),
    ],
    "grandanse": [
        (
            "Coopérative Agricole de Jérémie",
            "HT",
            "Jérémie, Grand'Anse",
            "agriculture",
            6,
            "none",
            "Breadfruit, cocoa",
            {"is_producer_association": True, "producers_represented": 150},
        ),
        ("Cacao Grand'Anse", "HT", "Dame-Marie, Grand'Anse", "cocoa-chocolate", 5, "occasional", "Fermented cocoa", {}),
        ("Moulins de Corail", "HT", "Corail, Grand'Anse", "agro-processing", 4, "none", "Cassava flour", {}),
    ],
    "things-jamaica": [
        ("Things Jamaica Craft Studio", "JM", "Kingston", "handicrafts", 7, "occasional", "Craft and souvenirs", {}),
        (
            "Jamaica Agro-Processors Association",
            "JM",
            "Kingston",
            "agro-processing",
            5,
            "occasional",
            "Association of processors",
            {"is_producer_association": True, "producers_represented": 45},
        ),
        ("Blue Mountain Preserves", "JM", "St Andrew", "agro-processing", 9, "occasional", "Jams and jellies", {}),
    ],
    "suriname": [
        (
            "Paramaribo Pepper Products",
            "SR",
            "Paramaribo",
            "agro-processing",
            7,
            "occasional",
            "Madame Jeanette pepper sauce",
            {},
        ),
        ("Commewijne Cassava Crafts", "SR", "Commewijne", "agro-processing", 4, "none", "Cassava chips", {}),
        ("Saramacca Spice House", "SR", "Saramacca", "food-beverages", 5, "none", "Spice blends", {}),
    ],
}


def firm_defaults(country, region, sector, employees, status, products, extra) -> dict:
    return {
        "region": region,
        "sector": Sector.objects.get(code=sector),
        "employees": employees,
        "export_status": status,
        "products": products,
        **extra,
    }


def load(*, password: str, log) -> None:
    seed_sectors(Sector)
    seed_size_thresholds(SizeThreshold)
    for name, acronym, kind, country, city in INSTITUTIONS:
        Institution.objects.get_or_create(
            name=name, defaults={"acronym": acronym, "kind": kind, "country": country, "city": city}
        )
    created = 0
    for firms in FIRMS.values():
        for name, country, *rest in firms:
            _enterprise, was_created = Enterprise.objects.get_or_create(
                name=name, country=country, defaults=firm_defaults(country, *rest)
            )
            created += was_created
    log(f"members: {Institution.objects.count()} institutions, {created} enterprises added")
