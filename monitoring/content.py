"""The default indicator catalogue (DESIGN §5). code, (en, es, fr, pt), unit, kind, aggregation, required."""

from __future__ import annotations

INDICATORS = [
    (
        "export_sales",
        ("Export sales (USD)", "Ventas de exportación (USD)", "Ventes à l'export (USD)", "Vendas de exportação (USD)"),
        "usd",
        "economic",
        "sum",
        True,
    ),
    (
        "export_markets",
        ("Export markets", "Mercados de exportación", "Marchés d'exportation", "Mercados de exportação"),
        "count",
        "economic",
        "latest",
        True,
    ),
    (
        "active_members",
        (
            "Active member enterprises",
            "Empresas miembro activas",
            "Entreprises membres actives",
            "Empresas membros ativas",
        ),
        "count",
        "economic",
        "latest",
        True,
    ),
    (
        "direct_jobs",
        ("Direct jobs", "Empleos directos", "Emplois directs", "Empregos diretos"),
        "count",
        "economic",
        "latest",
        True,
    ),
    (
        "direct_jobs_women",
        (
            "Direct jobs held by women",
            "Empleos directos de mujeres",
            "Emplois directs occupés par des femmes",
            "Empregos diretos de mulheres",
        ),
        "count",
        "economic",
        "latest",
        True,
    ),
    (
        "producers_integrated",
        ("Producers integrated", "Productores integrados", "Producteurs intégrés", "Produtores integrados"),
        "count",
        "economic",
        "latest",
        True,
    ),
    (
        "fairs_missions",
        (
            "Fairs and trade missions",
            "Ferias y misiones comerciales",
            "Salons et missions commerciales",
            "Feiras e missões comerciais",
        ),
        "count",
        "economic",
        "sum",
        True,
    ),
    (
        "buyers_contacted",
        ("Buyers contacted", "Compradores contactados", "Acheteurs contactés", "Compradores contatados"),
        "count",
        "economic",
        "sum",
        True,
    ),
    (
        "new_products",
        ("New products", "Nuevos productos", "Nouveaux produits", "Novos produtos"),
        "count",
        "economic",
        "sum",
        False,
    ),
    (
        "price_premium",
        ("Price premium (%)", "Sobreprecio (%)", "Prime de prix (%)", "Prêmio de preço (%)"),
        "percent",
        "economic",
        "average",
        False,
    ),
    (
        "training_workshops",
        ("Training workshops", "Talleres de capacitación", "Ateliers de formation", "Oficinas de capacitação"),
        "count",
        "non_economic",
        "sum",
        True,
    ),
    (
        "certifications",
        ("Certifications obtained", "Certificaciones obtenidas", "Certifications obtenues", "Certificações obtidas"),
        "count",
        "non_economic",
        "latest",
        False,
    ),
    (
        "collective_mark",
        (
            "Collective mark registered",
            "Marca colectiva registrada",
            "Marque collective enregistrée",
            "Marca coletiva registrada",
        ),
        "yes_no",
        "non_economic",
        "latest",
        True,
    ),
    (
        "trust_score",
        (
            "Member trust score (1–5)",
            "Nivel de confianza entre miembros (1–5)",
            "Niveau de confiance entre membres (1–5)",
            "Nível de confiança entre membros (1–5)",
        ),
        "score",
        "non_economic",
        "average",
        True,
    ),
]


def seed_indicators(Indicator) -> None:
    for order, (code, names, unit, kind, aggregation, required) in enumerate(INDICATORS, start=1):
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": names[0],
                **{f"name_{lang}": name for lang, name in zip(("en", "es", "fr", "pt"), names, strict=True)},
                "unit": unit,
                "kind": kind,
                "aggregation": aggregation,
                "required": required,
                "order": order,
            },
        )
