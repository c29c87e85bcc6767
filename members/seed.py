"""Reference data every instance needs: sectors and country size thresholds.

Called by the data migration and by ``load_demo`` (idempotent: it updates by code).
Takes the model classes so a migration can pass its historical models.
"""

from __future__ import annotations

import datetime

# code: (en, es, fr, pt)
SECTORS = {
    "agro-processing": ("Agro-processing", "Agroindustria", "Agro-transformation", "Agroindústria"),
    "agriculture": ("Agriculture", "Agricultura", "Agriculture", "Agricultura"),
    "apiculture": ("Apiculture", "Apicultura", "Apiculture", "Apicultura"),
    "food-beverages": ("Food and beverages", "Alimentos y bebidas", "Alimentation et boissons", "Alimentos e bebidas"),
    "dairy": ("Dairy", "Lácteos", "Produits laitiers", "Laticínios"),
    "cocoa-chocolate": ("Cocoa and chocolate", "Cacao y chocolate", "Cacao et chocolat", "Cacau e chocolate"),
    "handicrafts": ("Handicrafts", "Artesanías", "Artisanat", "Artesanato"),
    "ceramics": ("Ceramics", "Cerámica", "Céramique", "Cerâmica"),
    "jewellery": ("Jewellery", "Joyería", "Bijouterie", "Joalheria"),
    "textiles-fashion": ("Textiles and fashion", "Textiles y moda", "Textile et mode", "Têxteis e moda"),
    "machinery-metal": (
        "Machinery and metal-mechanic",
        "Maquinaria y metalmecánica",
        "Machines et mécanique métallique",
        "Máquinas e metalmecânica",
    ),
    "wine": ("Wine", "Vino", "Vin", "Vinho"),
    "tourism": ("Tourism", "Turismo", "Tourisme", "Turismo"),
    "creative-industries": (
        "Creative industries",
        "Industrias creativas",
        "Industries créatives",
        "Indústrias criativas",
    ),
    "fishing": ("Fishing and aquaculture", "Pesca y acuicultura", "Pêche et aquaculture", "Pesca e aquicultura"),
    "ict": ("ICT and software", "TIC y software", "TIC et logiciels", "TIC e software"),
    "furniture-wood": ("Furniture and wood", "Muebles y madera", "Meubles et bois", "Móveis e madeira"),
    "cosmetics": ("Natural cosmetics", "Cosmética natural", "Cosmétiques naturels", "Cosméticos naturais"),
}

# Employee bands per country (simplified to employees; several countries also
# use sales). valid_from is when the definition took effect.
SIZE_THRESHOLDS = [
    # country, valid_from, micro_max, small_max, medium_max, source
    ("AR", datetime.date(2018, 1, 1), 15, 60, 235, "SEPyME Res. 154/2018 (industry, simplified)"),
    ("CL", datetime.date(2010, 1, 1), 9, 49, 199, "Ley 20.416 (employees)"),
    ("CR", datetime.date(2012, 1, 1), 5, 30, 100, "MEIC Ley 8262 reglamento (simplified)"),
    ("MX", datetime.date(2009, 6, 30), 10, 50, 250, "DOF 30/06/2009 (industry)"),
    ("PE", datetime.date(2013, 7, 2), 10, 100, 250, "Ley 30056 (simplified to employees)"),
    ("DO", datetime.date(2017, 1, 1), 10, 50, 150, "Ley 187-17"),
    ("BZ", datetime.date(2012, 1, 1), 5, 20, 50, "BELTRAIDE MSME policy"),
    ("BB", datetime.date(2012, 1, 1), 5, 25, 50, "Small Business Development Act"),
    ("GY", datetime.date(2004, 1, 1), 5, 25, 50, "Small Business Act 2004"),
    ("JM", datetime.date(2017, 1, 1), 5, 20, 50, "MSME & Entrepreneurship Policy 2017"),
    ("VC", datetime.date(2010, 1, 1), 5, 25, 50, "OECS definition (simplified)"),
]


def seed_sectors(Sector) -> None:
    for code, (en, es, fr, pt) in SECTORS.items():
        Sector.objects.update_or_create(
            code=code, defaults={"name": en, "name_en": en, "name_es": es, "name_fr": fr, "name_pt": pt}
        )


def seed_size_thresholds(SizeThreshold) -> None:
    for country, valid_from, micro, small, medium, source in SIZE_THRESHOLDS:
        SizeThreshold.objects.update_or_create(
            country=country,
            valid_from=valid_from,
            defaults={"micro_max": micro, "small_max": small, "medium_max": medium, "source": source},
        )
