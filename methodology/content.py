# ruff: noqa: E501  (content: one translated text per line reads best)
"""The default UNIDO consortium methodology (DESIGN §4), in en, es, fr and pt.

Loaded by a data migration as version 1. Each text is (en, es, fr, pt).
A task is (title, guidance, required, needs_evidence).
"""

from __future__ import annotations

PHASES = [
    {
        "title": (
            "Identification and pre-selection",
            "Identificación y preselección",
            "Identification et présélection",
            "Identificação e pré-seleção",
        ),
        "guidance": (
            "Decide what the consortium would sell and where, who promotes it and which firms could join.",
            "Defina qué vendería el consorcio y dónde, quién lo promueve y qué empresas podrían integrarlo.",
            "Décidez ce que le consortium vendrait et où, qui le promeut et quelles entreprises pourraient le rejoindre.",
            "Defina o que o consórcio venderia e onde, quem o promove e quais empresas poderiam integrá-lo.",
        ),
        "tasks": [
            (
                (
                    "Product and territory identified",
                    "Producto y territorio identificados",
                    "Produit et territoire identifiés",
                    "Produto e território identificados",
                ),
                (
                    "Name the product or service and the territory it comes from.",
                    "Nombre el producto o servicio y el territorio de donde proviene.",
                    "Nommez le produit ou service et le territoire d'où il provient.",
                    "Indique o produto ou serviço e o território de onde vem.",
                ),
                True,
                False,
            ),
            (
                (
                    "Promoters and institutional partners named",
                    "Promotores y socios institucionales designados",
                    "Promoteurs et partenaires institutionnels désignés",
                    "Promotores e parceiros institucionais designados",
                ),
                (
                    "List the chamber, agency or programme promoting the group and their commitment.",
                    "Indique la cámara, agencia o programa que promueve el grupo y su compromiso.",
                    "Indiquez la chambre, l'agence ou le programme qui promeut le groupe et son engagement.",
                    "Indique a câmara, agência ou programa que promove o grupo e seu compromisso.",
                ),
                True,
                False,
            ),
            (
                (
                    "Candidate firms listed",
                    "Empresas candidatas listadas",
                    "Entreprises candidates listées",
                    "Empresas candidatas listadas",
                ),
                (
                    "List the firms that could join, with a contact for each.",
                    "Liste las empresas que podrían unirse, con un contacto para cada una.",
                    "Listez les entreprises qui pourraient rejoindre, avec un contact pour chacune.",
                    "Liste as empresas que poderiam aderir, com um contato para cada uma.",
                ),
                True,
                True,
            ),
            (
                (
                    "Market potential checked",
                    "Potencial de mercado verificado",
                    "Potentiel de marché vérifié",
                    "Potencial de mercado verificado",
                ),
                (
                    "Check demand in at least one target market before going further.",
                    "Verifique la demanda en al menos un mercado objetivo antes de seguir.",
                    "Vérifiez la demande sur au moins un marché cible avant d'aller plus loin.",
                    "Verifique a demanda em pelo menos um mercado-alvo antes de prosseguir.",
                ),
                True,
                True,
            ),
        ],
    },
    {
        "title": (
            "Participatory diagnosis",
            "Diagnóstico participativo",
            "Diagnostic participatif",
            "Diagnóstico participativo",
        ),
        "guidance": (
            "Learn, with the firms, what each can do today and what they need to export together.",
            "Conozca, con las empresas, lo que cada una puede hacer hoy y lo que necesitan para exportar juntas.",
            "Découvrez, avec les entreprises, ce que chacune sait faire aujourd'hui et ce dont elles ont besoin pour exporter ensemble.",
            "Descubra, com as empresas, o que cada uma faz hoje e o que precisam para exportar juntas.",
        ),
        "tasks": [
            (
                (
                    "Capability questionnaire per firm (export readiness)",
                    "Cuestionario de capacidades por empresa (preparación exportadora)",
                    "Questionnaire de capacités par entreprise (préparation à l'export)",
                    "Questionário de capacidades por empresa (prontidão exportadora)",
                ),
                (
                    "Each firm fills the export-readiness questionnaire; attach the results.",
                    "Cada empresa completa el cuestionario de preparación exportadora; adjunte los resultados.",
                    "Chaque entreprise remplit le questionnaire de préparation à l'export ; joignez les résultats.",
                    "Cada empresa preenche o questionário de prontidão exportadora; anexe os resultados.",
                ),
                True,
                True,
            ),
            (
                (
                    "Value-chain diagnosis",
                    "Diagnóstico de la cadena de valor",
                    "Diagnostic de la chaîne de valeur",
                    "Diagnóstico da cadeia de valor",
                ),
                (
                    "Map suppliers, processing, distribution and buyers, and where value is lost.",
                    "Mapee proveedores, procesamiento, distribución y compradores, y dónde se pierde valor.",
                    "Cartographiez fournisseurs, transformation, distribution et acheteurs, et où la valeur se perd.",
                    "Mapeie fornecedores, processamento, distribuição e compradores, e onde se perde valor.",
                ),
                True,
                True,
            ),
            (
                (
                    "Strengths, limitations and training needs recorded",
                    "Fortalezas, limitaciones y necesidades de capacitación registradas",
                    "Forces, limites et besoins de formation consignés",
                    "Pontos fortes, limitações e necessidades de capacitação registrados",
                ),
                (
                    "Record what the group does well, what holds it back and the training it needs.",
                    "Registre lo que el grupo hace bien, lo que lo frena y la capacitación que necesita.",
                    "Consignez ce que le groupe fait bien, ce qui le freine et les formations nécessaires.",
                    "Registre o que o grupo faz bem, o que o limita e a capacitação de que precisa.",
                ),
                True,
                False,
            ),
        ],
    },
    {
        "title": (
            "Creation of initial group and definition of objectives",
            "Creación del grupo inicial y definición de objetivos",
            "Création du groupe initial et définition des objectifs",
            "Criação do grupo inicial e definição de objetivos",
        ),
        "guidance": (
            "Agree who belongs, how the group is led and what it wants to achieve.",
            "Acuerde quién pertenece, cómo se dirige el grupo y qué quiere lograr.",
            "Convenez de qui en fait partie, de la direction du groupe et de ses buts.",
            "Combine quem faz parte, como o grupo é dirigido e o que quer alcançar.",
        ),
        "tasks": [
            (
                ("Membership criteria", "Criterios de membresía", "Critères d'adhésion", "Critérios de adesão"),
                (
                    "Write down who may join and on what conditions.",
                    "Escriba quién puede unirse y en qué condiciones.",
                    "Écrivez qui peut adhérer et à quelles conditions.",
                    "Escreva quem pode aderir e em que condições.",
                ),
                True,
                False,
            ),
            (
                (
                    "Limitations on nationality",
                    "Limitaciones de nacionalidad",
                    "Limites liées à la nationalité",
                    "Limitações de nacionalidade",
                ),
                (
                    "Say whether firms from other countries or territories may join.",
                    "Indique si pueden unirse empresas de otros países o territorios.",
                    "Indiquez si des entreprises d'autres pays ou territoires peuvent adhérer.",
                    "Indique se empresas de outros países ou territórios podem aderir.",
                ),
                False,
                False,
            ),
            (
                (
                    "Leadership and structure decided",
                    "Liderazgo y estructura definidos",
                    "Direction et structure décidées",
                    "Liderança e estrutura definidas",
                ),
                (
                    "Decide who leads, how decisions are taken and who represents the group.",
                    "Decida quién lidera, cómo se toman las decisiones y quién representa al grupo.",
                    "Décidez qui dirige, comment les décisions sont prises et qui représente le groupe.",
                    "Decida quem lidera, como as decisões são tomadas e quem representa o grupo.",
                ),
                True,
                False,
            ),
            (
                ("Objectives defined", "Objetivos definidos", "Objectifs définis", "Objetivos definidos"),
                (
                    "Set the consortium's joint objectives, measurable where possible.",
                    "Fije los objetivos conjuntos del consorcio, medibles cuando sea posible.",
                    "Fixez les objectifs communs du consortium, mesurables si possible.",
                    "Defina os objetivos conjuntos do consórcio, mensuráveis sempre que possível.",
                ),
                True,
                False,
            ),
            (
                (
                    "Economic development goals of members",
                    "Metas de desarrollo económico de los miembros",
                    "Objectifs de développement économique des membres",
                    "Metas de desenvolvimento econômico dos membros",
                ),
                (
                    "Record what each member expects to gain (sales, markets, jobs).",
                    "Registre lo que cada miembro espera ganar (ventas, mercados, empleos).",
                    "Consignez ce que chaque membre espère gagner (ventes, marchés, emplois).",
                    "Registre o que cada membro espera ganhar (vendas, mercados, empregos).",
                ),
                True,
                False,
            ),
            (
                ("Rules imposed", "Reglas establecidas", "Règles établies", "Regras estabelecidas"),
                (
                    "Agree the internal rules every member accepts.",
                    "Acuerde las reglas internas que todos los miembros aceptan.",
                    "Convenez des règles internes acceptées par chaque membre.",
                    "Combine as regras internas que todos os membros aceitam.",
                ),
                True,
                True,
            ),
        ],
    },
    {
        "title": (
            "Initial structure and first base of trust",
            "Estructura inicial y primera base de confianza",
            "Structure initiale et première base de confiance",
            "Estrutura inicial e primeira base de confiança",
        ),
        "guidance": (
            "Give the group a first formal shape and build trust by working together.",
            "Dé al grupo una primera forma y construya confianza trabajando juntos.",
            "Donnez au groupe une première forme et bâtissez la confiance en travaillant ensemble.",
            "Dê ao grupo uma primeira forma e construa confiança trabalhando em conjunto.",
        ),
        "tasks": [
            (
                (
                    "Legal framework drafted with consensus among members",
                    "Marco legal redactado por consenso entre los miembros",
                    "Cadre juridique rédigé par consensus entre les membres",
                    "Marco legal redigido por consenso entre os membros",
                ),
                (
                    "Draft the statutes or agreement and approve it with all members.",
                    "Redacte los estatutos o el acuerdo y apruébelos con todos los miembros.",
                    "Rédigez les statuts ou l'accord et approuvez-les avec tous les membres.",
                    "Redija o estatuto ou acordo e aprove-o com todos os membros.",
                ),
                True,
                True,
            ),
            (
                (
                    "Work-group exercises held",
                    "Ejercicios de trabajo en grupo realizados",
                    "Exercices de travail en groupe tenus",
                    "Exercícios de trabalho em grupo realizados",
                ),
                (
                    "Hold exercises where members solve a real problem together.",
                    "Realice ejercicios en los que los miembros resuelvan juntos un problema real.",
                    "Organisez des exercices où les membres résolvent ensemble un vrai problème.",
                    "Realize exercícios em que os membros resolvam juntos um problema real.",
                ),
                True,
                False,
            ),
            (
                (
                    "Coordinator or manager appointed",
                    "Coordinador o gerente designado",
                    "Coordinateur ou gérant nommé",
                    "Coordenador ou gerente nomeado",
                ),
                (
                    "Appoint the person who runs the consortium day to day.",
                    "Designe a la persona que gestiona el consorcio a diario.",
                    "Nommez la personne qui gère le consortium au quotidien.",
                    "Nomeie a pessoa que gere o consórcio no dia a dia.",
                ),
                True,
                False,
            ),
            (
                (
                    "Membership fee agreed",
                    "Cuota de membresía acordada",
                    "Cotisation convenue",
                    "Contribuição de adesão acordada",
                ),
                (
                    "Agree the fee each member pays and what it funds.",
                    "Acuerde la cuota que paga cada miembro y lo que financia.",
                    "Convenez de la cotisation de chaque membre et de ce qu'elle finance.",
                    "Combine a contribuição de cada membro e o que ela financia.",
                ),
                True,
                False,
            ),
        ],
    },
    {
        "title": (
            "First pilot actions",
            "Primeras acciones piloto",
            "Premières actions pilotes",
            "Primeiras ações-piloto",
        ),
        "guidance": (
            "Do something together early, small and visible, to show the group works.",
            "Realicen algo juntos pronto, pequeño y visible, para mostrar que el grupo funciona.",
            "Faites tôt quelque chose ensemble, de petit et visible, pour montrer que le groupe fonctionne.",
            "Façam algo juntos cedo, pequeno e visível, para mostrar que o grupo funciona.",
        ),
        "tasks": [
            (
                (
                    "Annual objectives raised",
                    "Objetivos anuales planteados",
                    "Objectifs annuels fixés",
                    "Objetivos anuais definidos",
                ),
                (
                    "Set this year's objectives and who does what.",
                    "Fije los objetivos de este año y quién hace qué.",
                    "Fixez les objectifs de l'année et qui fait quoi.",
                    "Defina os objetivos deste ano e quem faz o quê.",
                ),
                True,
                False,
            ),
            (
                ("Training workshops", "Talleres de capacitación", "Ateliers de formation", "Oficinas de capacitação"),
                (
                    "Run the workshops the diagnosis asked for; keep attendance.",
                    "Realice los talleres que pidió el diagnóstico; registre la asistencia.",
                    "Organisez les ateliers demandés par le diagnostic ; tenez la liste de présence.",
                    "Realize as oficinas pedidas no diagnóstico; registre a presença.",
                ),
                True,
                True,
            ),
            (
                (
                    "A first joint action (fair, catalogue, joint purchase)",
                    "Una primera acción conjunta (feria, catálogo, compra conjunta)",
                    "Une première action commune (salon, catalogue, achat groupé)",
                    "Uma primeira ação conjunta (feira, catálogo, compra conjunta)",
                ),
                (
                    "Carry out one joint action and record its results.",
                    "Realice una acción conjunta y registre sus resultados.",
                    "Menez une action commune et consignez ses résultats.",
                    "Realize uma ação conjunta e registre seus resultados.",
                ),
                True,
                True,
            ),
        ],
    },
    {
        "title": (
            "Long-term strategies",
            "Estrategias de largo plazo",
            "Stratégies à long terme",
            "Estratégias de longo prazo",
        ),
        "guidance": (
            "Measure what the pilots achieved and plan the next years on that basis.",
            "Mida lo que lograron los pilotos y planifique los próximos años sobre esa base.",
            "Mesurez les résultats des pilotes et planifiez les prochaines années sur cette base.",
            "Meça o que os pilotos alcançaram e planeje os próximos anos com base nisso.",
        ),
        "tasks": [
            (
                ("Terms of measurement", "Términos de medición", "Modalités de mesure", "Termos de medição"),
                (
                    "Agree the indicators and how and when they are measured.",
                    "Acuerde los indicadores y cómo y cuándo se miden.",
                    "Convenez des indicateurs et de quand et comment les mesurer.",
                    "Combine os indicadores e como e quando são medidos.",
                ),
                True,
                False,
            ),
            (
                (
                    "Pilot results collected, analysed and acted on",
                    "Resultados piloto recopilados, analizados y aprovechados",
                    "Résultats des pilotes recueillis, analysés et exploités",
                    "Resultados-piloto coletados, analisados e aproveitados",
                ),
                (
                    "Collect the pilots' results, discuss them and decide what changes.",
                    "Recopile los resultados de los pilotos, discútalos y decida qué cambia.",
                    "Recueillez les résultats des pilotes, discutez-en et décidez des changements.",
                    "Colete os resultados dos pilotos, discuta-os e decida o que muda.",
                ),
                True,
                True,
            ),
            (
                (
                    "Communication strategy for success stories and membership",
                    "Estrategia de comunicación de casos de éxito y membresía",
                    "Stratégie de communication sur les réussites et l'adhésion",
                    "Estratégia de comunicação de casos de sucesso e adesão",
                ),
                (
                    "Plan how successes are told to members, buyers and new firms.",
                    "Planifique cómo se cuentan los éxitos a miembros, compradores y nuevas empresas.",
                    "Prévoyez comment raconter les réussites aux membres, acheteurs et nouvelles entreprises.",
                    "Planeje como os sucessos são contados a membros, compradores e novas empresas.",
                ),
                True,
                False,
            ),
            (
                (
                    "Promotion of benefits",
                    "Promoción de beneficios",
                    "Promotion des avantages",
                    "Promoção dos benefícios",
                ),
                (
                    "Show members and partners what the consortium brings them.",
                    "Muestre a miembros y socios lo que el consorcio les aporta.",
                    "Montrez aux membres et partenaires ce que le consortium leur apporte.",
                    "Mostre a membros e parceiros o que o consórcio lhes traz.",
                ),
                True,
                False,
            ),
            (
                (
                    "International certification sought",
                    "Certificación internacional buscada",
                    "Certification internationale recherchée",
                    "Certificação internacional buscada",
                ),
                (
                    "Identify and start the certification the target markets ask for.",
                    "Identifique e inicie la certificación que piden los mercados objetivo.",
                    "Identifiez et lancez la certification exigée par les marchés cibles.",
                    "Identifique e inicie a certificação exigida pelos mercados-alvo.",
                ),
                False,
                True,
            ),
            (
                (
                    "Partnerships with key institutions",
                    "Alianzas con instituciones clave",
                    "Partenariats avec des institutions clés",
                    "Parcerias com instituições-chave",
                ),
                (
                    "Sign agreements with the institutions that can support growth.",
                    "Firme acuerdos con las instituciones que pueden apoyar el crecimiento.",
                    "Signez des accords avec les institutions pouvant soutenir la croissance.",
                    "Assine acordos com as instituições que podem apoiar o crescimento.",
                ),
                True,
                False,
            ),
        ],
    },
    {
        "title": (
            "Territorial marketing, quality and visibility",
            "Marketing territorial, calidad y visibilidad",
            "Marketing territorial, qualité et visibilité",
            "Marketing territorial, qualidade e visibilidade",
        ),
        "guidance": (
            "Make the territory and its products known and present where buyers are.",
            "Dé a conocer el territorio y sus productos y esté presente donde están los compradores.",
            "Faites connaître le territoire et ses produits, et soyez présents là où sont les acheteurs.",
            "Divulgue o território e seus produtos e esteja presente onde estão os compradores.",
        ),
        "tasks": [
            (
                ("Fairs organised", "Ferias organizadas", "Salons organisés", "Feiras organizadas"),
                (
                    "Organise or attend fairs as a group; record contacts made.",
                    "Organice o asista a ferias en grupo; registre los contactos logrados.",
                    "Organisez des salons ou participez-y en groupe ; consignez les contacts.",
                    "Organize ou participe de feiras em grupo; registre os contatos feitos.",
                ),
                True,
                True,
            ),
            (
                (
                    "Products launched in local and traditional markets, shops and airports",
                    "Productos lanzados en mercados locales y tradicionales, tiendas y aeropuertos",
                    "Produits lancés sur les marchés locaux et traditionnels, en boutique et en aéroport",
                    "Produtos lançados em mercados locais e tradicionais, lojas e aeroportos",
                ),
                (
                    "Place the products in local outlets that reach visitors.",
                    "Coloque los productos en puntos de venta locales que lleguen a los visitantes.",
                    "Placez les produits dans des points de vente locaux qui touchent les visiteurs.",
                    "Coloque os produtos em pontos de venda locais que alcancem visitantes.",
                ),
                True,
                False,
            ),
            (
                ("Marketing plan", "Plan de marketing", "Plan marketing", "Plano de marketing"),
                (
                    "Write the joint marketing plan with budget and calendar.",
                    "Redacte el plan de marketing conjunto con presupuesto y calendario.",
                    "Rédigez le plan marketing commun avec budget et calendrier.",
                    "Redija o plano de marketing conjunto com orçamento e calendário.",
                ),
                True,
                True,
            ),
            (
                (
                    "Promotion of special products",
                    "Promoción de productos especiales",
                    "Promotion des produits spéciaux",
                    "Promoção de produtos especiais",
                ),
                (
                    "Promote the products that best carry the territory's name.",
                    "Promueva los productos que mejor llevan el nombre del territorio.",
                    "Mettez en avant les produits qui portent le mieux le nom du territoire.",
                    "Promova os produtos que melhor levam o nome do território.",
                ),
                False,
                False,
            ),
        ],
    },
    {
        "title": (
            "Code of practice and quality standards",
            "Código de prácticas y normas de calidad",
            "Code de pratiques et normes de qualité",
            "Código de práticas e normas de qualidade",
        ),
        "guidance": (
            "Write down how the product is made so every member meets the same standard.",
            "Escriba cómo se elabora el producto para que todos los miembros cumplan la misma norma.",
            "Écrivez comment le produit est fabriqué pour que chaque membre respecte la même norme.",
            "Escreva como o produto é feito para que todos os membros cumpram o mesmo padrão.",
        ),
        "tasks": [
            (
                (
                    "Production rules that guarantee the collective mark",
                    "Reglas de producción que garantizan la marca colectiva",
                    "Règles de production garantissant la marque collective",
                    "Regras de produção que garantem a marca coletiva",
                ),
                (
                    "Write the production rules a product must follow to carry the mark.",
                    "Redacte las reglas que un producto debe seguir para llevar la marca.",
                    "Rédigez les règles qu'un produit doit suivre pour porter la marque.",
                    "Redija as regras que um produto deve seguir para levar a marca.",
                ),
                True,
                True,
            ),
            (
                (
                    "Standardisation of production, processing and packaging",
                    "Estandarización de producción, procesamiento y empaque",
                    "Standardisation de la production, de la transformation et de l'emballage",
                    "Padronização da produção, processamento e embalagem",
                ),
                (
                    "Agree common standards for production, processing and packaging.",
                    "Acuerde normas comunes de producción, procesamiento y empaque.",
                    "Convenez de normes communes de production, de transformation et d'emballage.",
                    "Combine padrões comuns de produção, processamento e embalagem.",
                ),
                True,
                False,
            ),
            (
                (
                    "Control or traceability system",
                    "Sistema de control o trazabilidad",
                    "Système de contrôle ou de traçabilité",
                    "Sistema de controle ou rastreabilidade",
                ),
                (
                    "Set up how compliance is checked and products traced.",
                    "Establezca cómo se verifica el cumplimiento y se rastrean los productos.",
                    "Mettez en place le contrôle de conformité et la traçabilité des produits.",
                    "Estabeleça como se verifica o cumprimento e se rastreiam os produtos.",
                ),
                True,
                True,
            ),
        ],
    },
    {
        "title": (
            "Legal formalisation and intellectual property",
            "Formalización legal y propiedad intelectual",
            "Formalisation juridique et propriété intellectuelle",
            "Formalização legal e propriedade intelectual",
        ),
        "guidance": (
            "Constitute the consortium legally and protect its name.",
            "Constituya legalmente el consorcio y proteja su nombre.",
            "Constituez juridiquement le consortium et protégez son nom.",
            "Constitua legalmente o consórcio e proteja seu nome.",
        ),
        "tasks": [
            (
                ("Legal constitution", "Constitución legal", "Constitution juridique", "Constituição legal"),
                (
                    "Register the consortium as a legal entity; attach the deed.",
                    "Registre el consorcio como persona jurídica; adjunte el acta.",
                    "Enregistrez le consortium comme personne morale ; joignez l'acte.",
                    "Registre o consórcio como pessoa jurídica; anexe a ata.",
                ),
                True,
                True,
            ),
            (
                (
                    "Rules and procedures",
                    "Reglamentos y procedimientos",
                    "Règlements et procédures",
                    "Regulamentos e procedimentos",
                ),
                (
                    "Adopt the internal regulations and procedures.",
                    "Adopte el reglamento interno y los procedimientos.",
                    "Adoptez le règlement intérieur et les procédures.",
                    "Adote o regulamento interno e os procedimentos.",
                ),
                True,
                False,
            ),
            (
                (
                    "Operational and financial plan",
                    "Plan operativo y financiero",
                    "Plan opérationnel et financier",
                    "Plano operacional e financeiro",
                ),
                (
                    "Approve the operating plan and budget for the coming years.",
                    "Apruebe el plan operativo y el presupuesto de los próximos años.",
                    "Approuvez le plan opérationnel et le budget des prochaines années.",
                    "Aprove o plano operacional e o orçamento dos próximos anos.",
                ),
                True,
                True,
            ),
            (
                (
                    "Collective mark or denomination of origin registered",
                    "Marca colectiva o denominación de origen registrada",
                    "Marque collective ou appellation d'origine enregistrée",
                    "Marca coletiva ou denominação de origem registrada",
                ),
                (
                    "Register the collective mark or denomination of origin; attach the certificate.",
                    "Registre la marca colectiva o la denominación de origen; adjunte el certificado.",
                    "Enregistrez la marque collective ou l'appellation d'origine ; joignez le certificat.",
                    "Registre a marca coletiva ou a denominação de origem; anexe o certificado.",
                ),
                True,
                True,
            ),
        ],
    },
    {
        "title": (
            "Growth, monitoring and evaluation",
            "Crecimiento, seguimiento y evaluación",
            "Croissance, suivi et évaluation",
            "Crescimento, monitoramento e avaliação",
        ),
        "guidance": (
            "Review the consortium every six months and grow it.",
            "Revise el consorcio cada seis meses y hágalo crecer.",
            "Examinez le consortium tous les six mois et faites-le grandir.",
            "Revise o consórcio a cada seis meses e faça-o crescer.",
        ),
        "tasks": [
            (
                (
                    "Review every six months",
                    "Revisión cada seis meses",
                    "Revue tous les six mois",
                    "Revisão a cada seis meses",
                ),
                (
                    "Hold the six-monthly review and submit the progress report.",
                    "Realice la revisión semestral y envíe el informe de avance.",
                    "Tenez la revue semestrielle et soumettez le rapport d'avancement.",
                    "Realize a revisão semestral e envie o relatório de progresso.",
                ),
                True,
                False,
            ),
            (
                (
                    "New members and markets",
                    "Nuevos miembros y mercados",
                    "Nouveaux membres et marchés",
                    "Novos membros e mercados",
                ),
                (
                    "Bring in new members and open new markets.",
                    "Incorpore nuevos miembros y abra nuevos mercados.",
                    "Accueillez de nouveaux membres et ouvrez de nouveaux marchés.",
                    "Traga novos membros e abra novos mercados.",
                ),
                True,
                False,
            ),
            (
                (
                    "E-commerce channel",
                    "Canal de comercio electrónico",
                    "Canal de commerce en ligne",
                    "Canal de comércio eletrônico",
                ),
                (
                    "Open an online sales channel where it fits the product.",
                    "Abra un canal de venta en línea cuando convenga al producto.",
                    "Ouvrez un canal de vente en ligne lorsque le produit s'y prête.",
                    "Abra um canal de vendas on-line quando fizer sentido para o produto.",
                ),
                False,
                False,
            ),
            (
                (
                    "Consumer satisfaction",
                    "Satisfacción del consumidor",
                    "Satisfaction des consommateurs",
                    "Satisfação do consumidor",
                ),
                (
                    "Measure what buyers and consumers think and act on it.",
                    "Mida lo que piensan compradores y consumidores y actúe en consecuencia.",
                    "Mesurez l'avis des acheteurs et consommateurs et agissez en conséquence.",
                    "Meça o que compradores e consumidores pensam e aja com base nisso.",
                ),
                True,
                False,
            ),
        ],
    },
]
